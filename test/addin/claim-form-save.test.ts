/**
 * Saving the claim form through the pane's own save path (`saveClaimForm`) on the fake workbook:
 * a document taken out of the form leaves the claim's row and is recorded in ClaimHistory, and a
 * claim that is no longer editable is refused with core's code, nothing written.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { fake } from './fake-excel.js';
import { appendClaim, loadWorkbook, setUpWorkbook } from '../../addin/taskpane/workbook-ops.js';
import { saveClaimForm } from '../../addin/taskpane/save-claim-form.js';
import { parseClaimRow } from '../../core/claims/claim-row.js';
import { claimCreatedEntry } from '../../core/claims/new-claim.js';
import { isoDate } from '../../core/calendar/calendar-date.js';
import type { Claim } from '../../core/claims/claim.js';

const meta = { at: isoDate('2022-02-01'), by: 'test' };

function claim(status: string, documents: { invoices: string; proofs: string }): Claim {
  const parsed = parseClaimRow({
    claimId: 'CLM-D', participantId: '4410021', programName: 'CSP Indirect Reseller', activityType: 'Event', activityName: 'Breakfast',
    activityStart: '2021-10-01', activityEnd: '2021-10-02', currency: 'EUR', amountClaimed: '200', status, ...documents,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const cell = (table: string, column: string, row = 0) => {
  const t = fake.tableValues(table)!;
  return t.rows[row]![t.headers.indexOf(column)];
};
const history = () => {
  const t = fake.tableValues('ClaimHistory')!;
  return t.rows.map((r) => [r[t.headers.indexOf('action')], r[t.headers.indexOf('detail')]]);
};

describe('saving the claim form', () => {
  beforeEach(async () => {
    fake.reset();
    await setUpWorkbook();
  });

  test('a document taken out of the form is removed from the claim\'s row and recorded in its history', async () => {
    const held = claim('Editing', { invoices: 'inv.pdf; old.pdf', proofs: 'photo.jpg' });
    await appendClaim(held, claimCreatedEntry(held, meta));
    const read = (await loadWorkbook()).ledger.claims[0]!.claim;

    const saved = await saveClaimForm(read, claim('Editing', { invoices: 'inv.pdf', proofs: 'photo.jpg; agenda.pdf' }), meta);

    expect(saved.ok).toBe(true);
    expect([cell('Claims', 'invoices'), cell('Claims', 'proofs')]).toEqual(['inv.pdf', 'photo.jpg; agenda.pdf']);
    expect(history()).toEqual([
      ['created', ''],
      ['document_removed', 'invoice: old.pdf'],
      ['document_added', 'proof: agenda.pdf'],
    ]);
    // Read back, the claim holds what the form showed.
    expect((await loadWorkbook()).ledger.claims[0]!.claim.documents).toEqual({ invoices: ['inv.pdf'], csrs: [], proofs: ['photo.jpg', 'agenda.pdf'] });
  });

  test('a submitted claim\'s documents are not removed: the save is refused as claim_not_editable and nothing is written', async () => {
    const held = claim('Submitted', { invoices: 'inv.pdf', proofs: 'photo.jpg' });
    await appendClaim(held, claimCreatedEntry(held, meta));
    const read = (await loadWorkbook()).ledger.claims[0]!.claim;

    const saved = await saveClaimForm(read, claim('Submitted', { invoices: 'inv.pdf', proofs: '' }), meta);

    expect(!saved.ok && saved.issues.map((i) => i.code)).toEqual(['claim_not_editable']);
    expect(cell('Claims', 'proofs')).toBe('photo.jpg');
    expect(history()).toEqual([['created', '']]);
  });

  test('a form saved unchanged writes nothing', async () => {
    const held = claim('Editing', { invoices: 'inv.pdf', proofs: 'photo.jpg' });
    await appendClaim(held, claimCreatedEntry(held, meta));
    const read = (await loadWorkbook()).ledger.claims[0]!.claim;
    const before = fake.model.syncs;

    const saved = await saveClaimForm(read, claim('Editing', { invoices: 'inv.pdf', proofs: 'photo.jpg' }), meta);

    expect(saved.ok && saved.value.entries).toEqual([]);
    expect(fake.model.syncs).toBe(before);
    expect(history()).toEqual([['created', '']]);
  });
});
