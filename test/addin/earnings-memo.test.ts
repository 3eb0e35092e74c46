/**
 * Between recalculations the add-in keeps the Earnings table's pass through the engine while the
 * table is unchanged: a claim edit settles the kept pass again instead of reading 100,000 rows.
 * What it shows must be exactly what reading everything again shows, and any change to the
 * Earnings or Programs table, or a change it cannot see, must make it read the table again.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { fake, run } from './fake-excel.js';
import { EarningsMemo, type KeptEarnings } from '../../addin/ledger/earnings-memo.js';
import { loadLedger, type LoadedLedger } from '../../addin/ledger/load-ledger.js';
import { workbookNames } from '../../addin/excel/table-io.js';
import { balanceToCells, type EarningsPass } from '../../addin/ledger/workbook-ledger.js';
import { watchTables } from '../../addin/excel/table-changes.js';
import { importExports, setUpWorkbook } from '../../addin/taskpane/workbook-ops.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import { recordToCells } from '../../addin/excel/record-cells.js';
import { claimToRow, parseClaimRow } from '../../core/claims/claim-row.js';
import { poolKeyString } from '../../core/pools/pool-key.js';
import { CLAIMS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { DEFAULT_SETTINGS, withSettings } from '../../core/settings.js';
import { isoDate } from '../../core/calendar/calendar-date.js';
import { Dec } from '../../core/money/decimal.js';

describe('the kept pass', () => {
  const pass = {} as EarningsPass;
  const kept = (programs: string): KeptEarnings => ({ pass, fingerprint: 'f', programs });

  test('is found under the key it was kept with, and not under another', () => {
    const memo = new EarningsMemo();
    memo.keep(memo.begin(), 'k', kept('p'));
    expect(memo.find('k')?.pass).toBe(pass);
    expect(memo.find('other')).toBeNull();
  });

  test('is forgotten when the table changes', () => {
    const memo = new EarningsMemo();
    memo.keep(memo.begin(), 'k', kept('p'));
    memo.forget();
    expect(memo.find('k')).toBeNull();
  });

  test('is not kept when the table changed while it was being read', () => {
    const memo = new EarningsMemo();
    const generation = memo.begin();
    memo.forget();
    memo.keep(generation, 'k', kept('p'));
    expect(memo.find('k')).toBeNull();
  });
});

const asOf = isoDate('2022-02-10');
const load = (options: { reread?: boolean; settings?: typeof DEFAULT_SETTINGS } = {}): Promise<LoadedLedger> =>
  run(async (context) => {
    const names = await workbookNames(context);
    return loadLedger(context, { names, settings: options.settings ?? DEFAULT_SETTINGS, asOf, dateSystem: '1900', ...(options.reread ? { reread: true } : {}) });
  });
/** What the pane and the Balances table show of a ledger: every Balances cell, the findings per pool, each claim's pool. */
const shown = (l: LoadedLedger) => ({
  balances: l.ledger.balances.map((b) => balanceToCells(b, '1900')),
  findings: l.ledger.findings.map((f) => [f.code, f.participantId ?? '', f.earningPeriod ?? '', f.currency ?? '', f.line ?? 0]),
  draws: l.ledger.claims.map((c) => [c.claim.claimId, c.poolKey ? poolKeyString(c.poolKey) : '']),
  problems: l.ledger.problems,
  names: [...l.participantNames],
});
/** Excel raises table events after the fact. */
const eventsDelivered = () => new Promise((resolve) => setTimeout(resolve, 5));
const claimRow = (id: string, amount: string) => {
  const parsed = parseClaimRow({
    claimId: id, participantId: '4410021', programName: 'CSP Indirect Reseller', activityType: 'Event', activityName: `Roadshow ${id}`,
    activityStart: '2021-10-01', activityEnd: '2021-10-02', currency: 'EUR', amountClaimed: amount, status: 'Submitted', submittedDate: '2022-02-01',
    invoices: 'i.pdf', proofs: 'p.pdf',
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return recordToCells(claimToRow(parsed.value), CLAIMS_COLUMNS, '1900');
};

describe('recalculating the sample workbook', () => {
  beforeAll(async () => {
    fake.reset();
    await setUpWorkbook();
    const files = ['earnings_2020-07_2021-06.csv', 'earnings_2021-01_2021-06_paid.csv', 'earnings_2021-07_2021-11.tsv', 'earnings_2021-11_2022-02.csv'];
    await importExports(files.map((f) => parseExportText(f, readFileSync(`samples/earnings/${f}`, 'utf8'))), () => undefined);
    fake.appendRows(TABLES.claims, [claimRow('CLM-1', '1000'), claimRow('CLM-2', '700')]);
  });

  test('reads the Earnings table every time while Excel does not report its changes', async () => {
    expect((await load()).earningsRead).toBe(true);
    expect((await load()).earningsRead).toBe(true);
  });

  test('after a claim edit settles the kept earnings, and shows what reading everything again shows', async () => {
    await watchTables([TABLES.earnings, TABLES.programs, TABLES.claims]);
    expect((await load()).earningsRead).toBe(true);
    expect((await load()).earningsRead).toBe(false);
    fake.setCell(TABLES.claims, 0, 'amountClaimed', 2500);
    await eventsDelivered();
    const kept = await load();
    expect(kept.earningsRead).toBe(false);
    const again = await load({ reread: true });
    expect(again.earningsRead).toBe(true);
    expect(shown(kept)).toEqual(shown(again));
    // The edit is in both: CLM-1 now draws 2,500 on the pool that has 3,000 (samples/README.md).
    const pool = kept.ledger.balances.find((b) => b.key.participantId === '4410021' && b.key.earningPeriod === 'FY21 H2' && b.key.currency === 'EUR')!;
    expect(pool.claimsPending.toFixed(2)).toBe('3200.00');
    expect(kept.ledger.findings.map((f) => f.code)).toContain('claim_overdraws_pool');
  });

  test('settling the kept earnings twice gives the same balances (settling leaves them as they were)', async () => {
    const first = await load();
    const second = await load();
    expect(second.earningsRead).toBe(false);
    expect(shown(second)).toEqual(shown(first));
  });

  test('reads the table again after an edit of an earning', async () => {
    await load();
    const earned = (l: LoadedLedger) =>
      l.ledger.balances.filter((b) => b.key.participantId === '4410021' && b.key.currency === 'EUR').reduce((sum, b) => sum.plus(b.coopEarned), new Dec(0));
    const before = await load();
    expect(before.earningsRead).toBe(false);
    const table = fake.tableValues(TABLES.earnings)!;
    const at = (name: string) => table.headers.indexOf(name);
    const ids = table.rows.map((r) => r[at('earningId')]);
    // An earning downloaded once: an edit of one of several versions may not be the one that counts.
    const row = table.rows.findIndex(
      (r, i) => r[at('participantId')] === '4410021' && r[at('transactionCurrency')] === 'EUR' && /^co-?op$/i.test(String(r[at('earningType')])) && ids.indexOf(ids[i]) === ids.lastIndexOf(ids[i]),
    );
    expect(row).toBeGreaterThanOrEqual(0);
    fake.setCell(TABLES.earnings, row, 'earningAmount', Number(table.rows[row]![at('earningAmount')]) + 100);
    await eventsDelivered();
    const after = await load();
    expect(after.earningsRead).toBe(true);
    expect(earned(after).minus(earned(before)).toFixed(2)).toBe('100.00');
  });

  test('reads the table again after a sort, which moves rows without changing a cell Excel reports', async () => {
    await load();
    expect((await load()).earningsRead).toBe(false);
    fake.sortTable(TABLES.earnings, 'earningAmount', true);
    await eventsDelivered();
    const sorted = await load();
    expect(sorted.earningsRead).toBe(true);
    // Row numbers follow the rows: what a full read after the sort gives.
    expect(shown(sorted)).toEqual(shown(await load({ reread: true })));
  });

  test('reads the table again when the programs or the settings change', async () => {
    await load();
    expect((await load()).earningsRead).toBe(false);
    expect((await load({ settings: withSettings({ fiscalYearStartMonth: 1 }) })).earningsRead).toBe(true);
    expect((await load()).earningsRead).toBe(true);
    fake.appendRows(TABLES.programs, [['Hosting Plus', '', 0.5, '', true, '', '']]);
    await eventsDelivered();
    expect((await load()).earningsRead).toBe(true);
    expect((await load()).earningsRead).toBe(false);
  });

  test('reads the table again after an import', async () => {
    await load();
    const text = 'earningId,participantId,participantName,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,transactionId\nNEW-1,4410021,Contoso,CSP Indirect Reseller,Co-op,10.00,11.00,2021-10-05,EUR,T-NEW\n';
    await importExports([parseExportText('new.csv', text)], () => undefined);
    const after = await load();
    expect(after.earningsRead).toBe(true);
  });
});
