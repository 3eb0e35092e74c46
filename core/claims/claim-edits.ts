import { formatHalf } from '../calendar/fiscal-half.js';
import { isDec } from '../money/decimal.js';
import { issue, ok, fail, type Result } from '../issues.js';
import { DOCUMENT_LISTS, type Claim, type ClaimDocuments, type DocumentKind } from './claim.js';
import { isEditable } from './claim-status.js';
import { historyEntry, type ChangeMeta, type ClaimChange, type ClaimChanges, type ClaimHistoryEntry } from './claim-history.js';

/** The fields a partner may change while editing. Status, amounts approved and dates set by
 * decisions move only through transitionClaim; documents through addDocument, removeDocument and
 * editDocuments. */
export const CLAIM_EDIT_FIELDS = [
  'participantId',
  'programName',
  'earningPeriod',
  'activityType',
  'activityName',
  'activityStart',
  'activityEnd',
  'currency',
  'amountClaimed',
  'notes',
] as const;

export type ClaimEdit = Partial<Pick<Claim, (typeof CLAIM_EDIT_FIELDS)[number]>>;

/** The editable fields of a claim as a form holds it: the edit that makes a claim look like it. */
export function claimEditFrom(form: Claim): ClaimEdit {
  return Object.fromEntries(CLAIM_EDIT_FIELDS.map((field) => [field, form[field]])) as ClaimEdit;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (isDec(value)) return value.toFixed();
  if (typeof value === 'object' && 'fiscalYear' in value && 'half' in value) return formatHalf(value as Parameters<typeof formatHalf>[0]);
  return String(value);
}

function notEditable(claim: Claim, path: (string | number)[]): Result<never> {
  return fail(issue('claim_not_editable', path, claim.status, { status: claim.status }));
}

/**
 * Changes a claim's content; only in `Editing` or `Action required` (else `claim_not_editable`).
 * The history entry lists each field that really changed, `field: old → new`.
 */
export function editClaim(claim: Claim, changes: ClaimEdit, meta: ChangeMeta): Result<ClaimChange> {
  if (!isEditable(claim.status)) return notEditable(claim, []);
  const parts: string[] = [];
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const before = show(claim[field as keyof ClaimEdit]);
    const after = show(value);
    if (before !== after) parts.push(`${field}: ${before} → ${after}`);
  }
  const next: Claim = { ...claim, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
  return ok({ claim: next, entry: historyEntry(claim, 'edited', meta, parts) });
}

/**
 * Attaches a document by name. Documents are part of what is submitted, so this too is allowed
 * only while the claim is editable. A name must be non-empty and free of `;`, the register's
 * list separator (`invalid_document_name`).
 */
export function addDocument(claim: Claim, kind: DocumentKind, name: string, meta: ChangeMeta): Result<ClaimChange> {
  const list = DOCUMENT_LISTS[kind];
  if (!isEditable(claim.status)) return notEditable(claim, ['documents', list]);
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.includes(';')) {
    return fail(issue('invalid_document_name', ['documents', list], name, { reason: trimmed === '' ? 'empty' : 'contains_separator' }));
  }
  const documents = { ...claim.documents, [list]: [...claim.documents[list], trimmed] };
  return ok({ claim: { ...claim, documents }, entry: historyEntry(claim, 'document_added', meta, [`${kind}: ${trimmed}`]) });
}

/**
 * Takes a document off a claim by name (docs/RULES.md, "Claims": documents). Like adding one, this
 * is part of preparing what is submitted, so it is allowed only while the claim is editable: once
 * submitted, the proof Microsoft reviews stays attached (`claim_not_editable`). A name the claim
 * does not hold is `document_not_attached`, never a silent no-op. Where a name is attached twice,
 * one of the two goes (the last).
 */
export function removeDocument(claim: Claim, kind: DocumentKind, name: string, meta: ChangeMeta): Result<ClaimChange> {
  const list = DOCUMENT_LISTS[kind];
  if (!isEditable(claim.status)) return notEditable(claim, ['documents', list]);
  const trimmed = name.trim();
  const at = claim.documents[list].lastIndexOf(trimmed);
  if (at < 0) return fail(issue('document_not_attached', ['documents', list], name, { kind }));
  const documents = { ...claim.documents, [list]: claim.documents[list].filter((_, i) => i !== at) };
  return ok({ claim: { ...claim, documents }, entry: historyEntry(claim, 'document_removed', meta, [`${kind}: ${trimmed}`]) });
}

/** `wanted` less `held`, each name as often as it is in one more than in the other (lists may repeat a name). */
function missingFrom(held: readonly string[], wanted: readonly string[]): string[] {
  const left = [...held];
  const out: string[] = [];
  for (const name of wanted) {
    const at = left.indexOf(name);
    if (at >= 0) left.splice(at, 1);
    else out.push(name);
  }
  return out;
}

/**
 * Makes a claim's documents the given lists (a form's): every name the claim holds and the lists
 * lack is removed (`removeDocument`), then every name the lists add is attached (`addDocument`),
 * each its own history entry, invoices first, then CSRs, then proofs. Order within a list is not a
 * change. Refused as a whole, with nothing changed, when the claim is not editable or a step is.
 */
export function editDocuments(claim: Claim, wanted: ClaimDocuments, meta: ChangeMeta): Result<ClaimChanges> {
  if (!isEditable(claim.status)) return notEditable(claim, ['documents']);
  let next = claim;
  const entries: ClaimHistoryEntry[] = [];
  for (const kind of Object.keys(DOCUMENT_LISTS) as DocumentKind[]) {
    const list = DOCUMENT_LISTS[kind];
    const steps = [
      ...missingFrom(wanted[list], claim.documents[list]).map((name) => () => removeDocument(next, kind, name, meta)),
      ...missingFrom(claim.documents[list], wanted[list]).map((name) => () => addDocument(next, kind, name, meta)),
    ];
    for (const step of steps) {
      const done = step();
      if (!done.ok) return done;
      next = done.value.claim;
      entries.push(done.value.entry);
    }
  }
  return ok({ claim: next, entries });
}

/**
 * The changes that make a claim look like a form of it (`form`, read with parseClaimRow): its
 * editable fields, one `edited` entry when any of them really changed, then its documents
 * (`editDocuments`). A form saved unchanged changes nothing and records nothing. Only while the
 * claim is editable (`claim_not_editable`).
 */
export function editClaimAs(claim: Claim, form: Claim, meta: ChangeMeta): Result<ClaimChanges> {
  const edited = editClaim(claim, claimEditFrom(form), meta);
  if (!edited.ok) return edited;
  const documents = editDocuments(edited.value.claim, form.documents, meta);
  if (!documents.ok) return documents;
  // The entry's detail is the changed fields, then meta's own detail: nothing more means nothing changed.
  const fields = edited.value.entry.detail === (meta.detail ?? '') ? [] : [edited.value.entry];
  return ok({ claim: documents.value.claim, entries: [...fields, ...documents.value.entries] });
}

/** Records a comment in the history, in any status; the claim itself does not change. */
export function addComment(claim: Claim, text: string, meta: ChangeMeta): ClaimChange {
  return { claim, entry: historyEntry(claim, 'comment_added', meta, [text.trim()]) };
}
