import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { isoDate, type IsoDate } from '../../core/calendar/calendar-date.js';
import { Dec } from '../../core/money/decimal.js';
import type { Claim } from '../../core/claims/claim.js';
import { CLAIM_STATUSES, parseClaimStatus, isEditable, type ClaimStatus } from '../../core/claims/claim-status.js';
import { CLAIM_TRANSITIONS, transitionClaim } from '../../core/claims/claim-transitions.js';
import type { ClaimContext } from '../../core/claims/validate-claim.js';
import { newClaimIssues } from '../../core/claims/new-claim.js';
import { DEFAULT_SETTINGS } from '../../core/settings.js';
import { editClaim, addDocument, addComment, claimEditFrom, removeDocument, editDocuments, editClaimAs } from '../../core/claims/claim-edits.js';
import type { ClaimHistoryEntry } from '../../core/claims/claim-history.js';
import { historyEntryToRow } from '../../core/claims/claim-history.js';
import { drawKind } from '../../core/claims/draw-kind.js';
import { isPaid } from '../../core/claims/is-paid.js';
import { CLAIM_HISTORY_COLUMNS } from '../../core/workbook-layout.js';

const at = isoDate('2021-03-01');
const meta = { at, by: 'ana@example.com' };
/** What a submission is checked against: an unknown program (no policy), no pool figures. */
const context: ClaimContext = { policy: null, settings: DEFAULT_SETTINGS };

function claimIn(status: ClaimStatus, overrides: Partial<Claim> = {}): Claim {
  return {
    claimId: 'C-1',
    participantId: 'P-1',
    programName: 'CSP Indirect Reseller',
    earningPeriod: null,
    activityType: 'Event',
    activityName: 'Spring webinar',
    activityStart: isoDate('2021-02-01'),
    activityEnd: isoDate('2021-02-28'),
    currency: 'EUR',
    amountClaimed: new Dec('1000.00'),
    amountApproved: null,
    status,
    submittedDate: null,
    decisionDate: null,
    documents: { invoices: ['inv.pdf'], csrs: [], proofs: ['photo.jpg'] },
    notes: '',
    ...overrides,
  };
}

describe('claim statuses', () => {
  test.each([
    ['Editing', 'Editing'],
    ['under review', 'Under review'],
    ['UNDER_REVIEW', 'Under review'],
    ['action-required', 'Action required'],
    [' Action  Required ', 'Action required'],
    ['disputed', 'Disputed'],
    ['APPROVED', 'Approved'],
  ])('%j reads as %s', (text, status) => {
    expect(parseClaimStatus(text)).toEqual({ ok: true, value: status });
  });

  test.each(['Paid', 'Pending', '', 'Under-reviewed'])('%j is invalid_claim_status', (text) => {
    const r = parseClaimStatus(text);
    expect(!r.ok && r.issues.map((i) => [i.code, i.input])).toEqual([['invalid_claim_status', text]]);
  });

  test.each([
    ['Editing', 'draft'],
    ['Submitted', 'pending'],
    ['Under review', 'pending'],
    ['Action required', 'pending'],
    ['Disputed', 'pending'],
    ['Approved', 'approved'],
    ['Rejected', 'none'],
  ] as const)('a claim in %s draws on its pool as %s', (status, kind) => {
    expect(drawKind(status)).toBe(kind);
  });

  test.each([
    ['Approved', true, true],
    ['Approved', false, false],
    ['Under review', true, false],
    ['Rejected', true, false],
  ] as const)('a claim %s whose id is in the paid set (%s) is paid: %s', (status, inSet, paid) => {
    const ids = new Set(inSet ? ['C-1'] : ['C-2']);
    expect(isPaid(claimIn(status), ids)).toBe(paid);
  });
});

describe('claim status machine', () => {
  const legal = new Set([
    'Editing>Submitted',
    'Submitted>Under review',
    'Under review>Approved',
    'Under review>Rejected',
    'Under review>Action required',
    'Action required>Submitted',
    'Rejected>Disputed',
    'Disputed>Approved',
    'Disputed>Rejected',
    'Disputed>Action required',
  ]);
  const pairs = CLAIM_STATUSES.flatMap((from) => CLAIM_STATUSES.map((to) => [from, to, legal.has(`${from}>${to}`)] as const));

  test('the declared machine is exactly the legal table', () => {
    const declared = CLAIM_STATUSES.flatMap((from) => CLAIM_TRANSITIONS[from].map((to) => `${from}>${to}`));
    expect(new Set(declared)).toEqual(legal);
  });

  test('the table covers all 49 pairs', () => {
    expect(pairs).toHaveLength(49);
    expect(pairs.filter(([, , ok]) => ok)).toHaveLength(10);
  });

  test.each(pairs)('%s → %s is legal: %s', (from, to, isLegal) => {
    const r = transitionClaim(claimIn(from), to, meta, context);
    expect(r.ok).toBe(isLegal);
    if (r.ok) {
      expect(r.value.claim.status).toBe(to);
      expect(r.value.entry).toMatchObject({ claimId: 'C-1', at, by: 'ana@example.com', action: 'status_changed' });
    } else {
      expect(r.issues.map((i) => [i.code, i.params])).toEqual([['illegal_transition', { from, to }]]);
    }
  });

  test('submitting records the submission date; rejecting records the decision and clears the approved amount', () => {
    const submitted = transitionClaim(claimIn('Editing'), 'Submitted', { ...meta, at: isoDate('2021-03-02') }, context);
    expect(submitted.ok && submitted.value.claim.submittedDate).toBe('2021-03-02');
    const rejected = transitionClaim(claimIn('Under review'), 'Rejected', { ...meta, at: isoDate('2021-04-01') }, context);
    expect(rejected.ok && [rejected.value.claim.decisionDate, rejected.value.claim.amountApproved]).toEqual(['2021-04-01', null]);
  });

  test.each([
    ['no proof of execution', { documents: { invoices: ['inv.pdf'], csrs: [], proofs: [] } }, '2021-03-01', ['claim_missing_documents']],
    ['no invoice nor CSR', { documents: { invoices: [], csrs: [], proofs: ['photo.jpg'] } }, '2021-03-01', ['claim_missing_documents']],
    ['the claim window closed (2021-08-15 was its last day)', {}, '2021-08-16', ['claim_submitted_outside_window']],
    ['a zero amount', { amountClaimed: new Dec(0) }, '2021-03-01', ['claim_amount_invalid']],
  ] as const)('submitting a claim with %s is refused with its rule\'s code and changes nothing', (_, overrides, date, codes) => {
    for (const from of ['Editing', 'Action required'] as const) {
      const claim = claimIn(from, overrides);
      const r = transitionClaim(claim, 'Submitted', { ...meta, at: isoDate(date) }, context);
      expect(!r.ok && r.issues.map((i) => i.code)).toEqual(codes);
      expect(claim.status).toBe(from);
    }
  });

  test('submitting more than the pool has available is refused with the shortfall; exactly what is available is accepted', () => {
    const short = transitionClaim(claimIn('Editing'), 'Submitted', meta, { ...context, available: new Dec('999.99') });
    expect(!short.ok && short.issues.map((i) => [i.code, i.params?.['shortfall']])).toEqual([['claim_overdraws_pool', '0.01']]);
    expect(transitionClaim(claimIn('Editing'), 'Submitted', meta, { ...context, available: new Dec('1000') }).ok).toBe(true);
  });

  test('only submission is checked against the rules: a claim without documents can still be approved or rejected', () => {
    const bare = { documents: { invoices: [], csrs: [], proofs: [] } };
    expect(transitionClaim(claimIn('Under review', bare), 'Approved', meta, context).ok).toBe(true);
    expect(transitionClaim(claimIn('Under review', bare), 'Rejected', meta, context).ok).toBe(true);
  });

  test('approval without an amount approves the amount claimed and records the decision date', () => {
    const r = transitionClaim(claimIn('Under review'), 'Approved', { ...meta, at: isoDate('2021-04-01') }, context);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.claim.amountApproved!.toFixed()).toBe('1000');
    expect(r.value.claim.decisionDate).toBe('2021-04-01');
  });

  test('approval may be for less than claimed, as after a dispute', () => {
    const r = transitionClaim(claimIn('Disputed'), 'Approved', { ...meta, amountApproved: new Dec('750.50') }, context);
    expect(r.ok && r.value.claim.amountApproved!.toFixed()).toBe('750.5');
  });

  test.each([
    ['1000.01', 'approved_above_claimed'],
    ['-1', 'negative'],
  ])('approving %s against 1000 claimed is claim_amount_invalid (%s) and changes nothing', (amount, reason) => {
    const r = transitionClaim(claimIn('Under review'), 'Approved', { ...meta, amountApproved: new Dec(amount) }, context);
    expect(!r.ok && r.issues.map((i) => [i.code, i.params?.['reason'], i.params?.['approved'], i.params?.['claimed']])).toEqual([
      ['claim_amount_invalid', reason, amount, '1000'],
    ]);
  });

  test('a transition never mutates the claim it was given', () => {
    const before = claimIn('Under review');
    const copy = structuredClone({ ...before, amountClaimed: before.amountClaimed.toFixed() });
    transitionClaim(before, 'Approved', meta, context);
    expect({ ...before, amountClaimed: before.amountClaimed.toFixed() }).toEqual(copy);
  });

  test('no sequence of transition attempts reaches an undeclared state, and history grows by one per successful move', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CLAIM_STATUSES), { maxLength: 40 }), (attempts) => {
        let claim = claimIn('Editing');
        const history: ClaimHistoryEntry[] = [];
        for (const to of attempts) {
          const from = claim.status;
          const r = transitionClaim(claim, to, meta, context);
          if (r.ok) {
            expect(legal.has(`${from}>${to}`)).toBe(true);
            history.push(r.value.entry);
            claim = r.value.claim;
          } else {
            expect(legal.has(`${from}>${to}`)).toBe(false);
            expect(claim.status).toBe(from);
          }
          expect(CLAIM_STATUSES).toContain(claim.status);
        }
        const successes = attempts.reduce<{ s: ClaimStatus; n: number }>(
          (acc, to) => (legal.has(`${acc.s}>${to}`) ? { s: to, n: acc.n + 1 } : acc),
          { s: 'Editing', n: 0 },
        );
        expect(history).toHaveLength(successes.n);
        expect(claim.status).toBe(successes.s);
      }),
    );
  });
});

describe('editing, documents and comments', () => {
  test.each(CLAIM_STATUSES.map((s) => [s, isEditable(s)] as const))('a claim in %s can be edited: %s', (status, editable) => {
    expect(isEditable(status)).toBe(status === 'Editing' || status === 'Action required');
    const r = editClaim(claimIn(status), { amountClaimed: new Dec('900') }, meta);
    expect(r.ok).toBe(editable);
    if (!r.ok) expect(r.issues.map((i) => [i.code, i.params?.['status']])).toEqual([['claim_not_editable', status]]);
  });

  test('an edit changes only the given fields and its history entry names each changed field', () => {
    const r = editClaim(claimIn('Editing'), { amountClaimed: new Dec('900'), activityName: 'Spring webinar', notes: 'moved' }, { ...meta, detail: 'per finance' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.claim.amountClaimed.toFixed()).toBe('900');
    expect(r.value.claim.notes).toBe('moved');
    expect(r.value.claim.activityStart).toBe('2021-02-01');
    expect(r.value.entry.action).toBe('edited');
    expect(r.value.entry.detail).toContain('amountClaimed');
    expect(r.value.entry.detail).toContain('notes');
    expect(r.value.entry.detail).not.toContain('activityName');
  });

  test('a form edited into another claim becomes the edit of every editable field, and nothing else', () => {
    const before = claimIn('Editing');
    const form = { ...claimIn('Submitted'), amountClaimed: new Dec('900'), notes: 'moved', activityEnd: '2021-02-20' as IsoDate, decisionDate: '2021-05-01' as IsoDate };
    const r = editClaim(before, claimEditFrom(form), meta);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.value.claim.amountClaimed.toFixed(), r.value.claim.notes, r.value.claim.activityEnd]).toEqual(['900', 'moved', '2021-02-20']);
    // Status and decisions move only through transitionClaim.
    expect([r.value.claim.status, r.value.claim.decisionDate]).toEqual([before.status, before.decisionDate]);
    expect(r.value.entry.detail.split('; ').map((part) => part.split(':')[0]).sort()).toEqual(['activityEnd', 'amountClaimed', 'notes']);
  });

  test.each([
    ['invoice', 'invoices'],
    ['csr', 'csrs'],
    ['proof', 'proofs'],
  ] as const)('adding a %s document appends it to %s with a history entry', (kind, list) => {
    const r = addDocument(claimIn('Action required'), kind, ' new.pdf ', meta);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.claim.documents[list].at(-1)).toBe('new.pdf');
    expect(r.value.entry).toMatchObject({ action: 'document_added', claimId: 'C-1', at, by: 'ana@example.com' });
  });

  test('documents cannot be added once the claim is no longer editable', () => {
    const r = addDocument(claimIn('Under review'), 'proof', 'late.jpg', meta);
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['claim_not_editable']);
  });

  test.each(['', '  ', 'a;b.pdf'])('the document name %j is invalid_document_name', (name) => {
    const r = addDocument(claimIn('Editing'), 'invoice', name, meta);
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['invalid_document_name']);
  });

  test.each(CLAIM_STATUSES.map((s) => [s, isEditable(s)] as const))('a document can be removed from a claim in %s: %s', (status, editable) => {
    const r = removeDocument(claimIn(status), 'proof', 'photo.jpg', meta);
    expect(r.ok).toBe(editable);
    if (r.ok) {
      expect(r.value.claim.documents.proofs).toEqual([]);
      expect(r.value.claim.documents.invoices).toEqual(['inv.pdf']);
      expect(r.value.entry).toEqual({ claimId: 'C-1', at, by: 'ana@example.com', action: 'document_removed', detail: 'proof: photo.jpg' });
    } else expect(r.issues.map((i) => [i.code, i.path.join('.'), i.params?.['status']])).toEqual([['claim_not_editable', 'documents.proofs', status]]);
  });

  test('removing a document the claim does not hold is document_not_attached, and changes nothing', () => {
    const r = removeDocument(claimIn('Editing'), 'invoice', 'photo.jpg', meta);
    expect(!r.ok && r.issues.map((i) => [i.code, i.path.join('.'), i.input])).toEqual([['document_not_attached', 'documents.invoices', 'photo.jpg']]);
  });

  test('a name attached twice loses one copy when removed once', () => {
    const r = removeDocument(claimIn('Editing', { documents: { invoices: ['a.pdf', 'b.pdf', 'a.pdf'], csrs: [], proofs: [] } }), 'invoice', 'a.pdf', meta);
    expect(r.ok && r.value.claim.documents.invoices).toEqual(['a.pdf', 'b.pdf']);
  });

  test('a form\'s document lists become the claim\'s: each name removed, then each added, is its own entry', () => {
    const claim = claimIn('Action required', { documents: { invoices: ['inv.pdf', 'old.pdf'], csrs: [], proofs: ['photo.jpg'] } });
    const r = editDocuments(claim, { invoices: ['inv.pdf'], csrs: ['csr.pdf'], proofs: ['photo.jpg', 'agenda.pdf'] }, meta);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.claim.documents).toEqual({ invoices: ['inv.pdf'], csrs: ['csr.pdf'], proofs: ['photo.jpg', 'agenda.pdf'] });
    expect(r.value.entries.map((e) => [e.action, e.detail])).toEqual([
      ['document_removed', 'invoice: old.pdf'],
      ['document_added', 'csr: csr.pdf'],
      ['document_added', 'proof: agenda.pdf'],
    ]);
  });

  test('a count of documents lowered in the form removes the last placeholder', () => {
    const claim = claimIn('Editing', { documents: { invoices: ['#1', '#2', '#3'], csrs: [], proofs: ['photo.jpg'] } });
    const r = editDocuments(claim, { invoices: ['#1', '#2'], csrs: [], proofs: ['photo.jpg'] }, meta);
    expect(r.ok && [r.value.claim.documents.invoices, r.value.entries.map((e) => e.detail)]).toEqual([['#1', '#2'], ['invoice: #3']]);
  });

  test('the same documents in another order are no change', () => {
    const claim = claimIn('Editing', { documents: { invoices: ['a.pdf', 'b.pdf'], csrs: [], proofs: ['photo.jpg'] } });
    const r = editDocuments(claim, { invoices: ['b.pdf', 'a.pdf'], csrs: [], proofs: ['photo.jpg'] }, meta);
    expect(r.ok && [r.value.claim, r.value.entries]).toEqual([claim, []]);
  });

  test('documents of a submitted claim cannot be changed: the whole edit is refused', () => {
    const r = editDocuments(claimIn('Submitted'), { invoices: [], csrs: [], proofs: ['photo.jpg'] }, meta);
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['claim_not_editable']);
  });

  const names = fc.array(fc.constantFrom('a.pdf', 'b.pdf', 'c.pdf', '#1', '#2'), { maxLength: 5 });
  test('after editDocuments, a claim holds exactly the wanted names, with one entry per name that differs', () => {
    fc.assert(
      fc.property(names, names, names, names, (heldInvoices, heldProofs, wantedInvoices, wantedProofs) => {
        const claim = claimIn('Editing', { documents: { invoices: heldInvoices, csrs: [], proofs: heldProofs } });
        const r = editDocuments(claim, { invoices: wantedInvoices, csrs: [], proofs: wantedProofs }, meta);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const sorted = (l: readonly string[]) => [...l].sort();
        expect(sorted(r.value.claim.documents.invoices)).toEqual(sorted(wantedInvoices));
        expect(sorted(r.value.claim.documents.proofs)).toEqual(sorted(wantedProofs));
        const differing = (a: readonly string[], b: readonly string[]) => {
          const left = [...a];
          let extra = 0;
          for (const n of b) {
            const at = left.indexOf(n);
            if (at >= 0) left.splice(at, 1);
            else extra++;
          }
          return extra + left.length;
        };
        expect(r.value.entries).toHaveLength(differing(heldInvoices, wantedInvoices) + differing(heldProofs, wantedProofs));
      }),
    );
  });

  test('a form saved unchanged records nothing; a changed one records its fields, then its documents', () => {
    const claim = claimIn('Editing');
    const same = editClaimAs(claim, { ...claim }, meta);
    expect(same.ok && same.value.entries).toEqual([]);
    const form = { ...claim, activityName: 'Autumn webinar', documents: { invoices: [], csrs: ['csr.pdf'], proofs: ['photo.jpg'] } };
    const r = editClaimAs(claim, form, meta);
    expect(r.ok && r.value.entries.map((e) => [e.action, e.detail])).toEqual([
      ['edited', 'activityName: Spring webinar → Autumn webinar'],
      ['document_removed', 'invoice: inv.pdf'],
      ['document_added', 'csr: csr.pdf'],
    ]);
    expect(r.ok && r.value.claim.documents).toEqual(form.documents);
  });

  test.each(CLAIM_STATUSES)('a comment can be added to a claim in %s and leaves the claim unchanged', (status) => {
    const claim = claimIn(status);
    const change = addComment(claim, 'Called the reviewer', meta);
    expect(change.claim).toBe(claim);
    expect(change.entry).toEqual({ claimId: 'C-1', at, by: 'ana@example.com', action: 'comment_added', detail: 'Called the reviewer' });
  });

  test('a history entry is a ClaimHistory table row', () => {
    const change = addComment(claimIn('Editing'), 'x', meta);
    expect(Object.keys(historyEntryToRow(change.entry))).toEqual(CLAIM_HISTORY_COLUMNS.map((c) => c.name));
  });
});

describe('adding a claim to the register', () => {
  test('a claimId the register already holds is duplicate_claim, whatever spaces surround either', () => {
    expect(newClaimIssues('C-2', ['C-1', ' C-2 ']).map((i) => [i.code, i.path, i.params?.['claimId']])).toEqual([['duplicate_claim', ['claimId'], 'C-2']]);
    expect(newClaimIssues(' C-1', ['C-1']).map((i) => i.code)).toEqual(['duplicate_claim']);
  });

  test('a new claimId is free; ids differing in case are different claims, as the register reads them', () => {
    expect(newClaimIssues('C-3', ['C-1', 'C-2'])).toEqual([]);
    expect(newClaimIssues('c-1', ['C-1'])).toEqual([]);
    expect(newClaimIssues('C-1', [])).toEqual([]);
  });
});
