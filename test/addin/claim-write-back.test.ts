/**
 * The pane writes a claim back by its claimId, found when it writes: a user may sort or filter
 * the Claims table between the pane reading it and saving, and another claim must never be
 * overwritten. And each operation is one Excel.run with as few syncs as the data allows.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { fake } from './fake-excel.js';
import { appendClaim, ClaimRefusedError, loadWorkbook, setUpWorkbook, updateClaim, selectClaimRow, selectBalanceRow, writeBalances } from '../../addin/taskpane/workbook-ops.js';
import { RowNotFoundError } from '../../addin/excel/table-rows.js';
import { parseClaimRow } from '../../core/claims/claim-row.js';
import { claimCreatedEntry } from '../../core/claims/new-claim.js';
import { editClaim } from '../../core/claims/claim-edits.js';
import { isoDate } from '../../core/calendar/calendar-date.js';
import { Dec } from '../../core/money/decimal.js';
import type { Claim } from '../../core/claims/claim.js';
import { CLAIMS_COLUMNS, EARNINGS_COLUMNS } from '../../core/workbook-layout.js';

const meta = { at: isoDate('2022-02-01'), by: 'test' };

function claim(id: string, amount: string): Claim {
  const parsed = parseClaimRow({
    claimId: id, participantId: '4410021', programName: 'CSP Indirect Reseller', activityType: 'Event', activityName: `Activity ${id}`,
    activityStart: '2021-10-01', activityEnd: '2021-10-02', currency: 'EUR', amountClaimed: amount, status: 'Editing',
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const claimsById = () => {
  const t = fake.tableValues('Claims')!;
  const id = t.headers.indexOf('claimId');
  const amount = t.headers.indexOf('amountClaimed');
  const name = t.headers.indexOf('activityName');
  return Object.fromEntries(t.rows.map((r) => [String(r[id]), [r[amount], r[name]]]));
};

describe('writing a claim back', () => {
  beforeEach(async () => {
    fake.reset();
    await setUpWorkbook();
  });

  test('a claim and its history are appended together in two syncs', async () => {
    const before = fake.model.syncs;
    await appendClaim(claim('CLM-B', '200'), claimCreatedEntry(claim('CLM-B', '200'), meta));
    // Two syncs: the tables' shapes, then the rows (Excel.run's closing sync has nothing left to send).
    expect(fake.model.syncs - before).toBeLessThanOrEqual(3);
    expect(fake.tableValues('Claims')!.rows).toHaveLength(1);
    expect(fake.tableValues('ClaimHistory')!.rows).toHaveLength(1);
  });

  test('sorting the Claims table between reading and saving rewrites the right claim', async () => {
    for (const [id, amount] of [['CLM-B', '200'], ['CLM-A', '100'], ['CLM-C', '300']] as const) {
      await appendClaim(claim(id, amount), claimCreatedEntry(claim(id, amount), meta));
    }
    const state = await loadWorkbook();
    const read = state.ledger.claims.find((c) => c.claim.claimId === 'CLM-B')!;
    expect(read.row).toBe(2);
    // The user sorts by claimId: CLM-A now sits where CLM-B was read.
    fake.sortTable('Claims', 'claimId');
    expect(fake.tableValues('Claims')!.rows[0]![0]).toBe('CLM-A');

    const edited = editClaim(read.claim, { amountClaimed: new Dec('250'), activityName: 'Changed' }, meta);
    if (!edited.ok) throw new Error('edit refused');
    await updateClaim(edited.value.claim, [edited.value.entry]);

    expect(claimsById()).toEqual({ 'CLM-A': [100, 'Activity CLM-A'], 'CLM-B': [250, 'Changed'], 'CLM-C': [300, 'Activity CLM-C'] });
    expect(fake.tableValues('ClaimHistory')!.rows).toHaveLength(4);
  });

  test('saving or adding a claim loads the register\'s claimId column, not the rest of its cells, in as many syncs as before', async () => {
    // A register of 200 claims, typed in: every column filled.
    const register = Array.from({ length: 200 }, (_, i) => CLAIMS_COLUMNS.map((c) => (c.name === 'claimId' ? `CLM-${i}` : `${c.name} ${i}`)));
    fake.appendRows('Claims', register);
    const claims = fake.tableValues('Claims')!;
    const history = fake.tableValues('ClaimHistory')!;
    // The Claims header and its claimId column; ClaimHistory's header and first row (where an appended row goes).
    const bound = claims.headers.length + (claims.rows.length + 1) + 2 * history.headers.length;

    let [loaded, syncs] = [fake.model.cellsLoaded, fake.model.syncs];
    await updateClaim(claim('CLM-7', '250'), []);
    expect(fake.model.cellsLoaded - loaded).toBeLessThanOrEqual(bound);
    expect(fake.model.syncs - syncs).toBe(2);
    expect(claimsById()['CLM-7']).toEqual([250, 'Activity CLM-7']);

    // Adding also reads what an appended row needs of Claims: its header and first row.
    [loaded, syncs] = [fake.model.cellsLoaded, fake.model.syncs];
    await appendClaim(claim('CLM-NEW', '10'), claimCreatedEntry(claim('CLM-NEW', '10'), meta));
    expect(fake.model.cellsLoaded - loaded).toBeLessThanOrEqual(bound + 2 * claims.headers.length);
    expect(fake.model.syncs - syncs).toBe(2);
    await expect(appendClaim(claim('CLM-9', '10'), claimCreatedEntry(claim('CLM-9', '10'), meta))).rejects.toMatchObject({ issues: [{ code: 'duplicate_claim' }] });
  });

  test('a claimId the register holds twice: sorting the Claims table moves no draw, and the other copy is the one named', async () => {
    for (const [id, amount] of [['CLM-A', '200'], ['CLM-B', '100'], ['CLM-C', '300']] as const) {
      await appendClaim(claim(id, amount), claimCreatedEntry(claim(id, amount), meta));
    }
    // Typed over by hand: CLM-B's row now says CLM-A too, and every claim is submitted.
    fake.setCell('Claims', 1, 'claimId', 'CLM-A');
    for (const r of [0, 1, 2]) fake.setCell('Claims', r, 'status', 'Submitted');
    const seen = async () => {
      const { ledger } = await loadWorkbook();
      const name = (row: number) => ledger.claims.find((c) => c.row === row)!.claim.activityName;
      return {
        pending: ledger.balances.map((b) => b.claimsPending.toFixed(2)),
        drawing: ledger.claims.filter((c) => c.drawsOnPool).map((c) => c.claim.activityName).sort(),
        duplicates: ledger.findings.filter((f) => f.code === 'duplicate_claim').map((f) => name(f.line!)),
      };
    };
    const before = await seen();
    // The copy that reserves the most (200) draws; the other (100) is the duplicate.
    expect(before).toEqual({ pending: ['500.00'], drawing: ['Activity CLM-A', 'Activity CLM-C'], duplicates: ['Activity CLM-B'] });
    for (const descending of [false, true]) {
      fake.sortTable('Claims', 'amountClaimed', descending);
      expect(await seen()).toEqual(before);
    }
  });

  test('a claimId typed into the register meanwhile is refused as duplicate_claim, and nothing is written', async () => {
    await appendClaim(claim('CLM-A', '100'), claimCreatedEntry(claim('CLM-A', '100'), meta));
    // Someone types the id the pane is about to use, with a stray space, into the sheet.
    fake.setCell('Claims', 0, 'claimId', ' CLM-B ');
    const refused = appendClaim(claim('CLM-B', '200'), claimCreatedEntry(claim('CLM-B', '200'), meta));
    await expect(refused).rejects.toBeInstanceOf(ClaimRefusedError);
    await expect(refused).rejects.toMatchObject({ issues: [{ code: 'duplicate_claim', params: { claimId: 'CLM-B' } }] });
    expect(fake.tableValues('Claims')!.rows).toHaveLength(1);
    expect(fake.tableValues('ClaimHistory')!.rows).toHaveLength(1);
  });

  test('a claim deleted meanwhile is reported, and nothing is written', async () => {
    await appendClaim(claim('CLM-A', '100'), claimCreatedEntry(claim('CLM-A', '100'), meta));
    fake.setCell('Claims', 0, 'claimId', 'CLM-RENAMED');
    await expect(updateClaim(claim('CLM-A', '999'), [])).rejects.toBeInstanceOf(RowNotFoundError);
    expect(claimsById()).toEqual({ 'CLM-RENAMED': [100, 'Activity CLM-A'] });
  });

  test('the whole workbook is read in three syncs when its tables are small', async () => {
    await appendClaim(claim('CLM-A', '100'), claimCreatedEntry(claim('CLM-A', '100'), meta));
    const before = fake.model.syncs;
    await loadWorkbook();
    // Names and settings; the tables' shapes; their rows; (Excel.run's closing sync).
    expect(fake.model.syncs - before).toBeLessThanOrEqual(4);
  });

  test('selecting a claim or a pool selects its row in the sheet', async () => {
    await appendClaim(claim('CLM-B', '200'), claimCreatedEntry(claim('CLM-B', '200'), meta));
    await appendClaim(claim('CLM-A', '100'), claimCreatedEntry(claim('CLM-A', '100'), meta));
    fake.sortTable('Claims', 'claimId');
    expect(await selectClaimRow('CLM-B')).toBe(true);
    // Claims sits on its own sheet with the header in row 0: CLM-B is the second body row.
    expect(fake.selection).toMatchObject({ sheet: 'Claims', row: 2, rowCount: 1 });
    expect(await selectClaimRow('CLM-X')).toBe(false);

    const earning: Record<string, unknown> = {
      earningId: 'E1', participantId: '4410021', participantName: 'Contoso', programName: 'CSP Indirect Reseller', earningType: 'Co-op',
      earningAmount: 100, earningAmountUSD: 110, earningDate: '2021-03-01', transactionCurrency: 'EUR',
    };
    fake.appendRows('Earnings', [EARNINGS_COLUMNS.map((c) => earning[c.name] ?? '')]);
    const key = { participantId: '4410021', programName: 'CSP Indirect Reseller', earningPeriod: 'FY21 H2', currency: 'EUR' } as const;
    // Before Recalculate has written the Balances table there is no row to select.
    expect(await selectBalanceRow(key)).toBe(false);
    const state = await loadWorkbook();
    await writeBalances(state.ledger);
    const balances = fake.tableValues('Balances')!;
    const row = balances.rows.findIndex((r) => r[2] === 'FY21 H2' && r[3] === 'EUR');
    expect(row).toBeGreaterThanOrEqual(0);
    expect(await selectBalanceRow(key)).toBe(true);
    expect(fake.selection).toMatchObject({ sheet: 'Balances', row: row + 1 });
    expect(state.participantNames.get('4410021')).toBe('Contoso');
  });
});
