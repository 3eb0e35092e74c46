import { formatHalf } from '../calendar/fiscal-half.js';
import { isDec } from '../money/decimal.js';
import { issue, ok, fail, type Result } from '../issues.js';
import { DOCUMENT_LISTS, type Claim, type DocumentKind } from './claim.js';
import { isEditable } from './claim-status.js';
import { historyEntry, type ChangeMeta, type ClaimChange } from './claim-history.js';

/** The fields a partner may change while editing. Status, amounts approved and dates set by
 * decisions move only through transitionClaim; documents through addDocument. */
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

/** Records a comment in the history, in any status; the claim itself does not change. */
export function addComment(claim: Claim, text: string, meta: ChangeMeta): ClaimChange {
  return { claim, entry: historyEntry(claim, 'comment_added', meta, [text.trim()]) };
}
