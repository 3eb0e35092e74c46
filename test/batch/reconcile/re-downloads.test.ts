import { afterAll, describe, expect, test } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { tempDirs } from '../../support/temp-dir.js';
import { runCli } from './run.js';

/*
 * The monthly download after a payment run repeats earnings with their payment filled in
 * (docs/RULES.md, "Repeated earningIds"), on data shaped like Partner Center's files: quoted
 * names with commas, CRLF, columns in an order of their own (each file its own order).
 */
const dirs = tempDirs();
afterAll(() => dirs.cleanup());

type Row = Record<string, string>;

function exportText(columns: readonly string[], rows: Row[]): string {
  return Papa.unparse({ fields: [...columns], data: rows.map((r) => columns.map((c) => r[c] ?? '')) }, { newline: '\r\n', quotes: (v) => String(v).includes(',') }) + '\r\n';
}

const EARLY_COLUMNS = ['lever', 'earningAmountUSD', 'participantName', 'earningId', 'transactionCurrency', 'programName', 'earningType', 'earningDate', 'participantID', 'earningAmount', 'transactionId', 'earningRate', 'exchangeRate'];
const PAID_COLUMNS = ['earningId', 'paymentStatus', 'paymentDate', 'paymentId', 'earningRate', 'participantID', 'participantName', 'programName', 'earningType', 'earningAmount', 'transactionCurrency', 'earningAmountUSD', 'earningDate', 'transactionId', 'exchangeRate', 'lever'];

const base: Row = { participantID: '4410021', participantName: 'Contoso, Ltd.', programName: 'CSP Indirect Reseller', lever: 'Azure', transactionCurrency: 'EUR', earningRate: '0.04', exchangeRate: '1.130000' };
const early: Row[] = [
  { ...base, earningId: 'E1', earningType: 'Rebate', earningAmount: '600.00', earningAmountUSD: '678.00', earningDate: '2021-02-10', transactionId: 'T1' },
  { ...base, earningId: 'E2', earningType: 'Co-op', earningAmount: '400.00', earningAmountUSD: '452.00', earningDate: '2021-02-10', transactionId: 'T1' },
  { ...base, earningId: 'E3', earningType: 'Co-op', earningAmount: '100.00', earningAmountUSD: '113.00', earningDate: '2021-03-05', transactionId: 'T2' },
];
/** The download after the payment run: the same earnings paid (the rates written 0.040 and 1.13), and one earned since. */
const paid: Row[] = [
  ...early.map((r) => ({ ...r, earningRate: '0.040', exchangeRate: '1.13', paymentId: 'PAY-77', paymentStatus: 'Sent', participantName: 'Contoso, Limited' })),
  { ...base, earningId: 'E4', earningType: 'Co-op', earningAmount: '50.00', earningAmountUSD: '56.50', earningDate: '2021-05-20', transactionId: 'T3' },
];

/** Reconciles the two downloads, named in the given order, as separate `--earnings` files. */
async function reconcile(order: 'early first' | 'paid first', paidRows: Row[] = paid) {
  const dir = await dirs.make();
  const files = { early: join(dir, 'earnings_2021-01_2021-03.csv'), paid: join(dir, 'earnings_2021-01_2021-06_paid.csv') };
  await writeFile(files.early, exportText(EARLY_COLUMNS, early));
  await writeFile(files.paid, exportText(PAID_COLUMNS, paidRows));
  const named = order === 'early first' ? [files.early, files.paid] : [files.paid, files.early];
  const out = join(dir, 'out');
  const r = await runCli(['reconcile', ...named.flatMap((f) => ['--earnings', f]), '--as-of', '2021-07-10', '--out', out, '--quiet', '--fail-on', 'never']);
  expect(r.code, r.stderr).toBe(0);
  const read = async (name: string) => Papa.parse<Record<string, string>>(await readFile(join(out, name), 'utf8'), { header: true, skipEmptyLines: true }).data;
  // Files named one by one are reported by their path: the test's folder is left out.
  const local = (v: string | undefined) => (v ?? '').split(`${dir}/`).join('');
  const findings = (await read('findings.csv')).map((f): Record<string, string> => ({ ...f, file: local(f.file), expected: local(f.expected), actual: local(f.actual) }));
  return { findings, balances: await read('balances.csv') };
}

const byCode = (findings: Record<string, string>[], code: string) => findings.filter((f) => f.code === code);

describe.each(['early first', 'paid first'] as const)('a re-download after a payment run, files named %s', (order) => {
  test('is one earning_updated info for the pair of files with the count, and no conflict or duplicate', async () => {
    const r = await reconcile(order);
    expect(r.findings.filter((f) => ['conflicting_duplicate', 'duplicate_earning', 'earning_restated'].includes(f.code!))).toEqual([]);
    expect(byCode(r.findings, 'earning_updated').map((f) => [f.severity, f.file, f.expected, f.actual])).toEqual([
      ['info', 'earnings_2021-01_2021-06_paid.csv', 'earnings_2021-01_2021-03.csv', '3'],
    ]);
  });

  test('counts each earning once: the pool holds the co-op of both downloads without repeats', async () => {
    const r = await reconcile(order);
    expect(r.balances.map((b) => [b.earningPeriod, b.coopEarned])).toEqual([['FY21 H2', '550.00']]);
  });

  test('a changed earningAmountUSD is earning_restated (warning), and the newer amount counts in the threshold', async () => {
    const restated = paid.map((r) => (r.earningId === 'E3' ? { ...r, earningAmountUSD: '120.00' } : r));
    const r = await reconcile(order, restated);
    expect(byCode(r.findings, 'earning_restated').map((f) => [f.severity, f.earningId, f.expected, f.actual])).toEqual([
      ['warning', 'E3', 'earnings_2021-01_2021-03.csv:4', 'earnings_2021-01_2021-06_paid.csv:4'],
    ]);
    expect(byCode(r.findings, 'earning_updated').map((f) => f.actual)).toEqual(['2']);
    expect(r.balances.map((b) => b.coopEarnedUSD)).toEqual(['628.50']);
  });

  test('a changed exchange rate alone is earning_restated too', async () => {
    const restated = paid.map((r) => (r.earningId === 'E3' ? { ...r, exchangeRate: '1.14' } : r));
    const r = await reconcile(order, restated);
    expect(byCode(r.findings, 'earning_restated').map((f) => [f.severity, f.earningId])).toEqual([['warning', 'E3']]);
    expect(byCode(r.findings, 'earning_updated').map((f) => f.actual)).toEqual(['2']);
  });

  test('other facts under one earningId stay a conflicting_duplicate', async () => {
    const changed = paid.map((r) => (r.earningId === 'E3' ? { ...r, earningAmount: '101.00' } : r));
    const r = await reconcile(order, changed);
    expect(byCode(r.findings, 'conflicting_duplicate').map((f) => [f.severity, f.earningId])).toEqual([['error', 'E3']]);
  });
});

describe('which download is newer', () => {
  test('on a tie of latest dates, the file named later wins', async () => {
    // Without E4 both downloads end on 2021-03-05: the order named decides which version counts.
    const tied = paid.filter((r) => r.earningId !== 'E4');
    const a = await reconcile('early first', tied);
    const b = await reconcile('paid first', tied);
    expect(byCode(a.findings, 'earning_updated').map((f) => [f.file, f.expected])).toEqual([['earnings_2021-01_2021-06_paid.csv', 'earnings_2021-01_2021-03.csv']]);
    expect(byCode(b.findings, 'earning_updated').map((f) => [f.file, f.expected])).toEqual([['earnings_2021-01_2021-03.csv', 'earnings_2021-01_2021-06_paid.csv']]);
  });

  test('a paymentDate later than every earningDate makes the paid download newer, even named first', async () => {
    const dated = paid.filter((r) => r.earningId !== 'E4').map((r) => ({ ...r, paymentDate: '2021-08-15' }));
    const r = await reconcile('paid first', dated);
    expect(byCode(r.findings, 'earning_updated').map((f) => [f.file, f.expected, f.actual])).toEqual([['earnings_2021-01_2021-06_paid.csv', 'earnings_2021-01_2021-03.csv', '3']]);
  });
});

describe('an exchange rate in some downloads only', () => {
  const NO_RATE_COLUMNS = EARLY_COLUMNS.filter((c) => c !== 'exchangeRate');
  const LATER_COLUMNS = [...PAID_COLUMNS];
  /** The early rows as a download dated `paymentDate` (which makes it newer) would repeat them, with `rates` by earningId. */
  const repeated = (paymentDate: string, rates: Record<string, string>): Row[] => early.map((r) => ({ ...r, paymentDate, exchangeRate: rates[r.earningId!] ?? r.exchangeRate! }));

  /** Reconciles downloads named in this order, each written with its own columns (CRLF, quoted names). */
  async function reconcileAll(downloads: { name: string; columns: readonly string[]; rows: Row[] }[]) {
    const dir = await dirs.make();
    const paths = downloads.map((d) => join(dir, d.name));
    await Promise.all(downloads.map((d, i) => writeFile(paths[i]!, exportText(d.columns, d.rows))));
    const out = join(dir, 'out');
    const r = await runCli(['reconcile', ...paths.flatMap((f) => ['--earnings', f]), '--as-of', '2021-07-10', '--out', out, '--quiet', '--fail-on', 'never']);
    expect(r.code, r.stderr).toBe(0);
    const text = await readFile(join(out, 'findings.csv'), 'utf8');
    const local = (v: string | undefined) => (v ?? '').split(`${dir}/`).join('');
    return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data.map((f): Record<string, string> => ({ ...f, file: local(f.file), expected: local(f.expected), actual: local(f.actual) }));
  }

  const withoutColumn = { name: 'earnings_1_no_rate.csv', columns: NO_RATE_COLUMNS, rows: early };
  const withRate = { name: 'earnings_2_rated.csv', columns: LATER_COLUMNS, rows: repeated('2021-06-30', {}) };

  test('a download without the exchangeRate column, then one with it: no earning_restated, the rated one counts', async () => {
    const findings = await reconcileAll([withoutColumn, withRate]);
    expect(findings.filter((f) => ['earning_restated', 'duplicate_earning', 'conflicting_duplicate'].includes(f.code!))).toEqual([]);
    // The rate's arrival is an update: the newer download's version counts.
    expect(byCode(findings, 'earning_updated').map((f) => [f.file, f.expected, f.actual])).toEqual([['earnings_2_rated.csv', 'earnings_1_no_rate.csv', '3']]);
  });

  test('a third download with another rate for one earning is earning_restated against the rated one', async () => {
    const another = { name: 'earnings_3_rerated.csv', columns: LATER_COLUMNS, rows: repeated('2021-07-05', { E3: '1.2' }) };
    const findings = await reconcileAll([withoutColumn, withRate, another]);
    expect(byCode(findings, 'earning_restated').map((f) => [f.severity, f.earningId, f.expected, f.actual])).toEqual([
      ['warning', 'E3', 'earnings_2_rated.csv:4', 'earnings_3_rerated.csv:4'],
    ]);
  });

  test('rate 1.13, then a newer download without the column, then 1.2: restated against the 1.13', async () => {
    const rated = { name: 'earnings_1_rated.csv', columns: EARLY_COLUMNS, rows: early };
    const unrated = { name: 'earnings_2_no_rate.csv', columns: [...NO_RATE_COLUMNS, 'paymentDate'], rows: repeated('2021-06-30', {}) };
    const rerated = { name: 'earnings_3_rerated.csv', columns: LATER_COLUMNS, rows: repeated('2021-07-05', { E3: '1.2' }) };
    // Named newest first: recency is the downloads' dates, not the order named.
    const findings = await reconcileAll([rerated, unrated, rated]);
    expect(byCode(findings, 'earning_restated').map((f) => [f.earningId, f.expected, f.actual])).toEqual([['E3', 'earnings_1_rated.csv:4', 'earnings_3_rerated.csv:4']]);
  });
});

describe('a version repeated unchanged in a newer download', () => {
  test('is that download\'s version: a download between the two, named last, does not replace it', async () => {
    // January's and March's downloads hold E3 at USD 113.00; February's (between them) restates it to 120.00.
    const dir = await dirs.make();
    const downloads = [
      { name: 'earnings_2021-01.csv', rows: early },
      { name: 'earnings_2021-03.csv', rows: early.map((r) => ({ ...r, paymentDate: '2021-06-30' })) },
      { name: 'earnings_2021-02.csv', rows: early.map((r) => ({ ...r, paymentDate: '2021-04-30', earningAmountUSD: r.earningId === 'E3' ? '120.00' : r.earningAmountUSD! })) },
    ];
    const paths = downloads.map((d) => join(dir, d.name));
    await Promise.all(downloads.map((d, i) => writeFile(paths[i]!, exportText(PAID_COLUMNS, d.rows))));
    const out = join(dir, 'out');
    const r = await runCli(['reconcile', ...paths.flatMap((f) => ['--earnings', f]), '--as-of', '2021-07-10', '--out', out, '--quiet', '--fail-on', 'never']);
    expect(r.code, r.stderr).toBe(0);
    const read = async (name: string) => Papa.parse<Record<string, string>>(await readFile(join(out, name), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const local = (v: string | undefined) => (v ?? '').split(`${dir}/`).join('');
    const findings = await read('findings.csv');
    // Restated against March's (the newest holding E3 at 113.00), which stays.
    expect(byCode(findings, 'earning_restated').map((f) => [f.earningId, local(f.expected), local(f.actual)])).toEqual([['E3', 'earnings_2021-02.csv:4', 'earnings_2021-03.csv:4']]);
    expect(byCode(findings, 'duplicate_earning').map((f) => `${local(f.file)} ${f.earningId}`).sort()).toEqual([
      'earnings_2021-02.csv E1',
      'earnings_2021-02.csv E2',
      'earnings_2021-03.csv E1',
      'earnings_2021-03.csv E2',
      'earnings_2021-03.csv E3',
    ]);
    // E2 452.00 + E3 113.00 (not 120.00).
    expect((await read('balances.csv')).map((b) => b.coopEarnedUSD)).toEqual(['565.00']);
  });
});
