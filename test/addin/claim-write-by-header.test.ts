/**
 * The pane writes back through the header as core reads it: a user who re-spelled the Claims
 * table's headers (`Claim ID` for `claimId`) and reordered its columns sees each value saved under
 * the header that names it, a claim found by its `Claim ID` cell however the table was sorted
 * meanwhile, another claim never touched, and the cells of their own extra columns left alone.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { fake } from './fake-excel.js';
import { appendClaim, ClaimRefusedError, loadWorkbook, savePrograms, selectClaimRow, setUpWorkbook, updateClaim } from '../../addin/taskpane/workbook-ops.js';
import { saveClaimForm } from '../../addin/taskpane/save-claim-form.js';
import { replaceRows } from '../../addin/excel/table-io.js';
import { TableColumnsError } from '../../addin/excel/table-placement.js';
import { claimToRow, parseClaimRow } from '../../core/claims/claim-row.js';
import { claimCreatedEntry } from '../../core/claims/new-claim.js';
import { editClaim } from '../../core/claims/claim-edits.js';
import { transitionClaim } from '../../core/claims/claim-transitions.js';
import { isoDate } from '../../core/calendar/calendar-date.js';
import { Dec } from '../../core/money/decimal.js';
import { DEFAULT_SETTINGS } from '../../core/settings.js';
import type { Claim } from '../../core/claims/claim.js';
import { BALANCES_COLUMNS, CLAIM_HISTORY_COLUMNS, CLAIMS_COLUMNS, PROGRAMS_COLUMNS } from '../../core/workbook-layout.js';

const meta = { at: isoDate('2022-02-01'), by: 'test' };

/** `activityStart` → `Activity Start`, `claimId` → `Claim Id`: a user's spelling of a layout column. */
const spelled = (name: string) => name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

/** The layout's columns re-spelled, in another order (reversed), with a column of the user's own in the middle. */
function userHeaders(columns: readonly { name: string }[], extra: string | null = 'Reviewer'): string[] {
  const names = columns.map((c) => spelled(c.name)).reverse();
  if (extra) names.splice(Math.floor(names.length / 2), 0, extra);
  return names;
}

/** A table the user made, headed their own way, before the pane sets up the rest of the workbook. */
async function userTable(name: string, headers: readonly string[]): Promise<void> {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.add(name);
    const header = sheet.getRangeByIndexes(0, 0, 1, headers.length);
    header.values = [headers as string[]];
    const table = sheet.tables.add(header, true);
    table.name = name;
    await context.sync();
  });
}

/** A table's rows as records keyed by the header as written. */
function rowsOf(table: string): Record<string, unknown>[] {
  const t = fake.tableValues(table)!;
  return t.rows.map((r) => Object.fromEntries(t.headers.map((h, i) => [h, r[i]])));
}

const byId = (table: string) => Object.fromEntries(rowsOf(table).map((r) => [String(r['Claim Id']), r]));

function claim(id: string, amount: string, extra: Record<string, string> = {}): Claim {
  const parsed = parseClaimRow({
    claimId: id, participantId: '4410021', programName: 'CSP Indirect Reseller', activityType: 'Event', activityName: `Activity ${id}`,
    activityStart: '2021-10-01', activityEnd: '2021-10-02', currency: 'EUR', amountClaimed: amount, status: 'Editing', ...extra,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const add = (c: Claim) => appendClaim(c, claimCreatedEntry(c, meta));

describe('writing back to tables headed the user\'s way', () => {
  beforeEach(async () => {
    fake.reset();
    await userTable('Claims', userHeaders(CLAIMS_COLUMNS));
    await userTable('ClaimHistory', userHeaders(CLAIM_HISTORY_COLUMNS, null));
    await setUpWorkbook();
  });

  test('an added claim lands under each header that names its column, its history too, in two syncs', async () => {
    const c = claim('CLM-A', '100', { notes: 'first', invoices: 'inv.pdf' });
    const before = fake.model.syncs;
    await add(c);
    // The headers and the register's claimIds in one sync; the rows in Excel.run's closing sync.
    expect(fake.model.syncs - before).toBe(2);

    const [row] = rowsOf('Claims');
    expect(row).toMatchObject({ 'Claim Id': 'CLM-A', 'Participant Id': '4410021', 'Program Name': 'CSP Indirect Reseller', 'Activity Name': 'Activity CLM-A', 'Amount Claimed': 100, Currency: 'EUR', Status: 'Editing', Notes: 'first', Invoices: 'inv.pdf', Reviewer: '' });
    expect(rowsOf('ClaimHistory')).toEqual([expect.objectContaining({ 'Claim Id': 'CLM-A', By: 'test', Action: 'created' })]);
    // Each column's number format follows its header too; the user's own column keeps its own.
    const t = fake.tableValues('Claims')!;
    const format = (header: string) => fake.tableFormats('Claims')[0]![t.headers.indexOf(header)];
    expect([format('Amount Claimed'), format('Activity Start'), format('Claim Id'), format('Reviewer')]).toEqual(['#,##0.00 "EUR"', 'yyyy-mm-dd', '@', 'General']);
    // And the ledger reads back the claim it wrote.
    const read = (await loadWorkbook()).ledger.claims.map((x) => claimToRow(x.claim));
    expect(read).toEqual([claimToRow(c)]);
  });

  test('editing a claim after the user sorted the table rewrites that claim only, and leaves their own column\'s cells', async () => {
    for (const [id, amount] of [['CLM-B', '200'], ['CLM-A', '100'], ['CLM-C', '300']] as const) await add(claim(id, amount));
    ['CLM-B', 'CLM-A', 'CLM-C'].forEach((id, i) => fake.setCell('Claims', i, 'Reviewer', `Ann ${id}`));
    const read = (await loadWorkbook()).ledger.claims.find((c) => c.claim.claimId === 'CLM-B')!;
    expect(read.row).toBe(2);
    // The user sorts by their Claim Id header: CLM-A now sits where CLM-B was read.
    fake.sortTable('Claims', 'Claim Id');
    expect(rowsOf('Claims')[0]!['Claim Id']).toBe('CLM-A');

    const edited = editClaim(read.claim, { amountClaimed: new Dec('250'), activityName: 'Changed' }, meta);
    if (!edited.ok) throw new Error('edit refused');
    const before = fake.model.syncs;
    await updateClaim(edited.value.claim, [edited.value.entry]);
    expect(fake.model.syncs - before).toBe(2);

    const rows = byId('Claims');
    expect(Object.fromEntries(Object.entries(rows).map(([id, r]) => [id, [r['Amount Claimed'], r['Activity Name'], r.Reviewer]]))).toEqual({
      'CLM-A': [100, 'Activity CLM-A', 'Ann CLM-A'],
      'CLM-B': [250, 'Changed', 'Ann CLM-B'],
      'CLM-C': [300, 'Activity CLM-C', 'Ann CLM-C'],
    });
    expect(rowsOf('ClaimHistory').map((r) => [r['Claim Id'], r.Action])).toEqual([
      ['CLM-B', 'created'], ['CLM-A', 'created'], ['CLM-C', 'created'], ['CLM-B', 'edited'],
    ]);
  });

  test('a status change is written under the status, decision and approval headers of that claim only', async () => {
    await add(claim('CLM-B', '200', { status: 'Under review' }));
    await add(claim('CLM-A', '100', { status: 'Under review' }));
    const read = (await loadWorkbook()).ledger.claims.find((c) => c.claim.claimId === 'CLM-B')!.claim;
    fake.sortTable('Claims', 'Claim Id');

    const approved = transitionClaim(read, 'Approved', { ...meta, amountApproved: new Dec('150') }, { policy: null, settings: DEFAULT_SETTINGS });
    if (!approved.ok) throw new Error(JSON.stringify(approved.issues));
    await updateClaim(approved.value.claim, [approved.value.entry]);

    const rows = byId('Claims');
    expect([rows['CLM-B']!.Status, rows['CLM-B']!['Amount Approved'], typeof rows['CLM-B']!['Decision Date']]).toEqual(['Approved', 150, 'number']);
    expect([rows['CLM-A']!.Status, rows['CLM-A']!['Amount Approved'], rows['CLM-A']!['Decision Date']]).toEqual(['Under review', '', '']);
  });

  test('a document taken out of the claim form leaves the column its header names', async () => {
    await add(claim('CLM-B', '200', { invoices: 'inv.pdf; old.pdf', proofs: 'photo.jpg' }));
    await add(claim('CLM-A', '100', { invoices: 'a.pdf' }));
    const read = (await loadWorkbook()).ledger.claims.find((c) => c.claim.claimId === 'CLM-B')!.claim;
    fake.sortTable('Claims', 'Claim Id');

    const saved = await saveClaimForm(read, { ...read, documents: { ...read.documents, invoices: ['inv.pdf'] } }, meta);

    expect(saved.ok).toBe(true);
    const rows = byId('Claims');
    expect([rows['CLM-B']!.Invoices, rows['CLM-B']!.Proofs, rows['CLM-A']!.Invoices]).toEqual(['inv.pdf', 'photo.jpg', 'a.pdf']);
    expect(rowsOf('ClaimHistory').at(-1)).toMatchObject({ 'Claim Id': 'CLM-B', Action: 'document_removed' });
  });

  test('a claim is selected by its Claim Id cell', async () => {
    await add(claim('CLM-B', '200'));
    await add(claim('CLM-A', '100'));
    fake.sortTable('Claims', 'Claim Id');
    expect(await selectClaimRow('CLM-B')).toBe(true);
    // The header is row 0 of the sheet: CLM-B is the second body row.
    expect(fake.selection).toMatchObject({ sheet: 'Claims', row: 2, rowCount: 1 });
  });

  test('a claimId typed under the Claim Id header meanwhile refuses a new claim as duplicate_claim', async () => {
    await add(claim('CLM-A', '100'));
    fake.setCell('Claims', 0, 'Claim Id', ' CLM-B ');
    await expect(add(claim('CLM-B', '200'))).rejects.toMatchObject({ issues: [{ code: 'duplicate_claim' }] });
    expect(rowsOf('Claims')).toHaveLength(1);
  });
});

describe('a key column headed in a spelling Excel\'s lookup does not guess', () => {
  beforeEach(async () => {
    fake.reset();
    // `CLAIM__ID`: core's header rule reads it as claimId; Excel finds no column called `claim_id`.
    await userTable('Claims', userHeaders(CLAIMS_COLUMNS).map((h) => (h === 'Claim Id' ? 'CLAIM__ID' : h)));
    await setUpWorkbook();
  });

  test('is still found by core\'s rule, with one more sync for its cells, and the right claim is rewritten after a sort', async () => {
    for (const [id, amount] of [['CLM-B', '200'], ['CLM-A', '100']] as const) await add(claim(id, amount));
    fake.sortTable('Claims', 'CLAIM__ID');
    const before = fake.model.syncs;
    await updateClaim(claim('CLM-B', '250'), []);
    expect(fake.model.syncs - before).toBe(3);
    expect(rowsOf('Claims').map((r) => [r.CLAIM__ID, r['Amount Claimed']])).toEqual([['CLM-A', 100], ['CLM-B', 250]]);
  });
});

describe('a table that lacks a column the write needs', () => {
  beforeEach(() => fake.reset());

  test('a Claims table without a required column refuses a claim as missing_column and writes nothing', async () => {
    await userTable('Claims', userHeaders(CLAIMS_COLUMNS.filter((c) => c.name !== 'programName')));
    await setUpWorkbook();
    const refused = add(claim('CLM-A', '100'));
    await expect(refused).rejects.toBeInstanceOf(ClaimRefusedError);
    await expect(refused).rejects.toMatchObject({ issues: [{ code: 'missing_column', path: ['Claims', 'programName'] }] });
    expect(rowsOf('Claims').every((r) => Object.values(r).every((v) => v === ''))).toBe(true);
    expect(rowsOf('ClaimHistory').every((r) => Object.values(r).every((v) => v === ''))).toBe(true);
  });

  test('a value is never dropped for a column the table lacks: a claim with notes is refused, one without is written', async () => {
    await userTable('Claims', userHeaders(CLAIMS_COLUMNS.filter((c) => c.name !== 'notes')));
    await setUpWorkbook();
    await expect(add(claim('CLM-A', '100', { notes: 'keep me' }))).rejects.toMatchObject({ issues: [{ code: 'missing_column', path: ['Claims', 'notes'] }] });
    await add(claim('CLM-B', '200'));
    expect(rowsOf('Claims').map((r) => r['Claim Id'])).toEqual(['CLM-B']);

    const read = (await loadWorkbook()).ledger.claims[0]!.claim;
    const edited = editClaim(read, { notes: 'now a note' }, meta);
    if (!edited.ok) throw new Error('edit refused');
    await expect(updateClaim(edited.value.claim, [edited.value.entry])).rejects.toMatchObject({ issues: [{ code: 'missing_column', path: ['Claims', 'notes'] }] });
    expect(rowsOf('ClaimHistory')).toHaveLength(1);
  });

  test('replacing the Balances rows refuses before clearing what the table held', async () => {
    await userTable('Balances', userHeaders(BALANCES_COLUMNS.filter((c) => c.name !== 'currency')));
    await setUpWorkbook();
    const row = (currency: string) => BALANCES_COLUMNS.map((c) => (c.name === 'currency' ? currency : c.name === 'participantId' ? 'P1' : ''));
    fake.appendRows('Balances', [userHeaders(BALANCES_COLUMNS.filter((c) => c.name !== 'currency')).map((h) => (h === 'Participant Id' ? 'kept' : ''))]);
    const refused = Excel.run((context) => replaceRows(context, 'Balances', [row('EUR')], { layout: { columns: BALANCES_COLUMNS } }));
    await expect(refused).rejects.toBeInstanceOf(TableColumnsError);
    await expect(refused).rejects.toMatchObject({ issues: [{ code: 'missing_column', path: ['Balances', 'currency'] }] });
    expect(rowsOf('Balances').map((r) => r['Participant Id'])).toEqual(['kept']);
  });
});

describe('saving the Programs from Settings', () => {
  beforeEach(async () => {
    fake.reset();
    // No column of the user's own: core refuses a Programs table with one (unknown_key).
    await userTable('Programs', userHeaders(PROGRAMS_COLUMNS, null));
    await setUpWorkbook();
  });

  test('each policy value lands under the header that names its column, and the ledger reads it back', async () => {
    await savePrograms([{ name: 'CSP Indirect Reseller', aliases: 'CSP IR', coopShare: '0.05', thresholdUSD: '1000', coopClaims: 'true', from: '', until: '' }]);
    expect(rowsOf('Programs')).toEqual([
      { Until: '', From: '', 'Coop Claims': true, 'Threshold U S D': 1000, 'Coop Share': 0.05, Aliases: 'CSP IR', Name: 'CSP Indirect Reseller' },
    ]);
    const state = await loadWorkbook();
    expect(state.ledger.problems).toEqual([]);
    expect(state.ledger.refusedTable).toBeNull();
  });
});
