import { afterAll, describe, expect, test } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { tempDirs } from '../../support/temp-dir.js';
import { runCli } from './run.js';

/*
 * Rules of the one engine on data shaped like Partner Center's real files: quoted names with
 * commas, CRLF line endings, and columns in an order of their own.
 */
const dirs = tempDirs();
afterAll(() => dirs.cleanup());

/** Columns shuffled against the documented order, as Partner Center's exports are. */
const COLUMNS = [
  'lever', 'earningAmountUSD', 'participantName', 'earningId', 'transactionCurrency', 'reasonCode', 'programName', 'earningType',
  'earningDate', 'participantID', 'earningAmount', 'transactionId', 'paymentId', 'claimId', 'lastPaymentCurrency', 'earningAmountInLastPaymentCurrency',
];

type Row = Partial<Record<(typeof COLUMNS)[number], string>>;

/** A CSV as Partner Center writes it: CRLF, every text quoted when it holds a comma. */
function exportText(rows: Row[]): string {
  return Papa.unparse({ fields: COLUMNS, data: rows.map((r) => COLUMNS.map((c) => r[c] ?? '')) }, { newline: '\r\n', quotes: (v) => String(v).includes(',') }) + '\r\n';
}

const base: Row = { participantID: '4410021', participantName: 'Contoso, Ltd.', programName: 'CSP Indirect Reseller', lever: 'Azure', transactionCurrency: 'EUR', earningDate: '2021-08-10' };

async function reconcile(rows: Row[], payments?: string, asOf = '2022-02-10', claims?: string) {
  const dir = await dirs.make();
  await mkdir(join(dir, 'earnings'));
  await writeFile(join(dir, 'earnings', 'earnings.csv'), exportText(rows));
  const extra: string[] = [];
  if (payments !== undefined) {
    await writeFile(join(dir, 'payments.csv'), payments);
    extra.push('--payments', join(dir, 'payments.csv'));
  }
  if (claims !== undefined) {
    await writeFile(join(dir, 'claims.csv'), claims);
    extra.push('--claims', join(dir, 'claims.csv'));
  }
  const out = join(dir, 'out');
  const r = await runCli(['reconcile', '--earnings', join(dir, 'earnings'), '--as-of', asOf, '--out', out, '--quiet', '--fail-on', 'never', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  const read = async (name: string) => Papa.parse<Record<string, string>>(await readFile(join(out, name), 'utf8'), { header: true, skipEmptyLines: true }).data;
  return { findings: await read('findings.csv'), balances: await read('balances.csv') };
}

const codes = (findings: Record<string, string>[]) => findings.map((f) => f.code).filter((c) => c !== 'threshold_conversion_expected');

describe('the split check covers the original split only', () => {
  const original = [
    { ...base, earningId: 'R1', earningType: 'Rebate', earningAmount: '600.00', earningAmountUSD: '678.00', transactionId: 'T1' },
    { ...base, earningId: 'C1', earningType: 'Co-op', earningAmount: '400.00', earningAmountUSD: '452.00', transactionId: 'T1' },
  ];

  test('a later co-op adjustment (reasonCode, Adjustment-Co-op) counts in the pool and raises no split_mismatch', async () => {
    const r = await reconcile([
      ...original,
      { ...base, earningId: 'A1', earningType: 'Adjustment-Co-op', earningAmount: '-25.00', earningAmountUSD: '-28.25', transactionId: 'T1', reasonCode: 'Ops Adjustment', earningDate: '2021-10-02' },
      { ...base, earningId: 'A2', earningType: 'Co-op', earningAmount: '10.00', earningAmountUSD: '11.30', transactionId: 'T1', reasonCode: 'Ops Adjustment' },
    ]);
    expect(codes(r.findings)).not.toContain('split_mismatch');
    expect(r.balances.map((b) => b.coopEarned)).toEqual(['385.00']);
  });

  test('a real mismatch in the original rows is still found', async () => {
    const r = await reconcile([
      { ...original[0]!, earningAmount: '500.00' },
      { ...original[1]!, earningAmount: '500.00' },
      { ...base, earningId: 'A1', earningType: 'Adjustment-Co-op', earningAmount: '-100.00', transactionId: 'T1', reasonCode: 'Ops Adjustment', earningAmountUSD: '-113.00' },
    ]);
    expect(r.findings.filter((f) => f.code === 'split_mismatch').map((f) => [f.transactionId, f.actual])).toEqual([['T1', 'rebate 500 / co-op 500']]);
  });
});

describe('a co-op row without a USD amount', () => {
  test('is a missing_usd_amount warning that names its row, and the threshold stays unknown', async () => {
    const r = await reconcile([
      { ...base, earningId: 'C1', earningType: 'Co-op', earningAmount: '400.00', earningAmountUSD: '452.00', transactionId: 'T1' },
      { ...base, earningId: 'C2', earningType: 'Co-op', earningAmount: '100.00', earningAmountUSD: '', transactionId: 'T2' },
    ]);
    expect(r.findings.filter((f) => f.code === 'missing_usd_amount').map((f) => [f.severity, f.line, f.earningId, f.earningPeriod])).toEqual([['warning', '3', 'C2', 'FY22 H1']]);
    expect(r.balances.map((b) => b.belowThreshold)).toEqual(['']);
  });

  test('a USD row with the USD column empty is not one', async () => {
    const r = await reconcile([{ ...base, earningId: 'C1', earningType: 'Co-op', earningAmount: '400.00', earningAmountUSD: '', transactionCurrency: 'USD' }]);
    expect(codes(r.findings)).not.toContain('missing_usd_amount');
  });
});

describe('payments are compared in the pay-to currency', () => {
  const PAYMENTS = 'participantID,programName,earned,earnedUSD,totalPayment,currencyCode,paymentID,paymentStatus,paymentDate\r\n';
  const eurRows = (extra: Row = {}): Row[] => [
    { ...base, earningId: 'R1', earningType: 'Rebate', earningAmount: '600.00', earningAmountUSD: '678.00', transactionId: 'T1', paymentId: 'PAY-1', ...extra },
    { ...base, earningId: 'R2', earningType: 'Rebate', earningAmount: '300.00', earningAmountUSD: '339.01', transactionId: 'T2', paymentId: 'PAY-1', ...extra },
  ];

  test('a EUR earning paid in USD matches on earningAmountInLastPaymentCurrency', async () => {
    const rows = eurRows({ lastPaymentCurrency: 'USD' });
    rows[0]!.earningAmountInLastPaymentCurrency = '677.50';
    rows[1]!.earningAmountInLastPaymentCurrency = '338.75';
    // earnedUSD at the payment date's rate: only the pay-to amounts can match it.
    const r = await reconcile(rows, `${PAYMENTS}4410021,"CSP Indirect Reseller",1016.25,1019.40,1016.25,USD,PAY-1,Sent,2021-10-15\r\n`);
    expect(codes(r.findings)).not.toContain('payment_mismatch');
  });

  test('without the pay-to columns, a EUR earning paid in USD matches in USD within half a cent a row', async () => {
    const r = await reconcile(eurRows(), `${PAYMENTS}4410021,"CSP Indirect Reseller",1016.25,1017.02,1016.25,USD,PAY-1,Sent,2021-10-15\r\n`);
    expect(codes(r.findings)).not.toContain('payment_mismatch');
  });

  test('a real difference in USD is a payment_mismatch with both USD figures', async () => {
    const r = await reconcile(eurRows(), `${PAYMENTS}4410021,"CSP Indirect Reseller",1016.25,1018.02,1016.25,USD,PAY-1,Sent,2021-10-15\r\n`);
    expect(r.findings.filter((f) => f.code === 'payment_mismatch').map((f) => [f.expected, f.actual])).toEqual([['1018.02 USD', '1017.01 USD']]);
  });

  test('in the same currency the comparison is exact', async () => {
    const r = await reconcile(eurRows(), `${PAYMENTS}4410021,"CSP Indirect Reseller",899.99,1017.01,899.99,EUR,PAY-1,Sent,2021-10-15\r\n`);
    expect(r.findings.filter((f) => f.code === 'payment_mismatch').map((f) => [f.expected, f.actual])).toEqual([['899.99 EUR', '900 EUR']]);
  });
});

describe('rollover rows dated after the period they convert', () => {
  const hosting = { ...base, participantID: '4420487', participantName: 'Fabrikam, Inc.', programName: 'Hosting', transactionCurrency: 'USD', lever: '' };
  const earned = (amount: string) => ({ ...hosting, earningId: 'C1', earningType: 'Co-op', earningAmount: amount, earningAmountUSD: amount, earningDate: '2021-03-10', transactionId: 'T1' });
  const rollover = (amount: string) => ({ ...hosting, earningId: 'RO1', earningType: 'Co-op', earningAmount: amount, earningAmountUSD: amount, earningDate: '2021-08-05', transactionId: 'RO', reasonCode: 'Co-op rollover' });
  const rolloverFindings = (findings: Record<string, string>[]) =>
    findings.filter((f) => f.code?.startsWith('rollover_')).map((f) => [f.code, f.earningPeriod, f.line, f.expected, f.actual]);

  test('match the converted pool of the half before: no finding', async () => {
    const r = await reconcile([earned('600.00'), rollover('-600.00')]);
    expect(rolloverFindings(r.findings)).toEqual([]);
    expect(r.balances.map((b) => [b.earningPeriod, b.convertedToRebate])).toEqual([['FY21 H2', '600.00']]);
  });

  test('a different amount is a rollover_mismatch on the converted pool, with both figures', async () => {
    const r = await reconcile([earned('600.00'), rollover('-500.00')]);
    expect(rolloverFindings(r.findings)).toEqual([['rollover_mismatch', 'FY21 H2', '3', '600.00 USD', '500.00 USD']]);
  });

  test('a row with no pool below the threshold to match is rollover_unmatched, never skipped', async () => {
    const r = await reconcile([earned('2000.00'), rollover('-600.00')]);
    expect(rolloverFindings(r.findings)).toEqual([['rollover_unmatched', 'FY22 H1', '3', '', '600.00 USD']]);
  });
  // Partner Center gives the two halves of a pair their own transactionIds (-C, -R, -T).
  const half = (id: string, earningType: string, amount: string, transactionId: string, earningDate = '2021-08-05') =>
    ({ ...rollover(amount), earningId: id, earningType, transactionId, earningDate });
  const transferred = (r: { balances: Record<string, string>[] }) => r.balances.map((b) => [b.earningPeriod, b.coopEarned, b.transferred, b.available]);

  test('co-op −X paired with rebate +X of the same date is a conversion, compared with the computed one', async () => {
    const r = await reconcile([earned('600.00'), half('RO1', 'Co-op', '-600.00', 'RO-1-C'), half('RO2', 'Rebate', '600.00', 'RO-1-R')]);
    expect(rolloverFindings(r.findings)).toEqual([]);
    const off = await reconcile([earned('600.00'), half('RO1', 'Co-op', '-500.00', 'RO-1-C'), half('RO2', 'Rebate', '500.00', 'RO-1-R')]);
    expect(rolloverFindings(off.findings)).toEqual([['rollover_mismatch', 'FY21 H2', '3', '600.00 USD', '500.00 USD']]);
  });

  test('co-op −X paired with co-op +X is a transfer from the earlier pool into the pool of its own half', async () => {
    const r = await reconcile([earned('2000.00'), half('RO1', 'Co-op', '-300.00', 'RO-1-C'), half('RO2', 'Co-op', '300.00', 'RO-1-T')]);
    expect(rolloverFindings(r.findings)).toEqual([]);
    expect(transferred(r)).toEqual([
      ['FY21 H2', '2000.00', '-300.00', '1700.00'],
      ['FY22 H1', '0.00', '300.00', '300.00'],
    ]);
    // A transfer is not an earning: the threshold of FY21 H2 still sees USD 2,000.00 and nothing converts.
    expect(r.balances.map((b) => b.convertedToRebate)).toEqual(['0.00', '0.00']);
  });

  test('a claim can draw on co-op transferred in: no claim_overdraws_pool', async () => {
    const CLAIMS =
      'claimId,participantId,programName,earningPeriod,activityType,activityName,activityStart,activityEnd,currency,amountClaimed,amountApproved,status,submittedDate,decisionDate,invoices,csrs,proofs,notes\r\n' +
      'CLM-1,4420487,Hosting,FY22 H1,Event,"Webinar, January",2022-01-10,2022-01-20,USD,250.00,,Submitted,2022-01-25,,inv.pdf,,proof.pdf,\r\n';
    const r = await reconcile([earned('2000.00'), half('RO1', 'Co-op', '-300.00', 'RO-1-C'), half('RO2', 'Co-op', '300.00', 'RO-1-T')], undefined, '2022-02-10', CLAIMS);
    expect(codes(r.findings)).not.toContain('claim_overdraws_pool');
    expect(r.balances.map((b) => [b.earningPeriod, b.claimsPending, b.available])).toEqual([
      ['FY21 H2', '0.00', '1700.00'],
      ['FY22 H1', '250.00', '50.00'],
    ]);
  });

  test('a transfer with two possible sources is rollover_unmatched and moves nothing', async () => {
    // Dated 2021-08-05: FY21 H1's claim window (to 2021-08-15) and FY21 H2's are both still open.
    const earlier = { ...earned('2500.00'), earningId: 'C0', earningDate: '2020-10-01', transactionId: 'T0' };
    const r = await reconcile([earlier, earned('2000.00'), half('RO1', 'Co-op', '-300.00', 'RO-1-C'), half('RO2', 'Co-op', '300.00', 'RO-1-T')]);
    expect(rolloverFindings(r.findings)).toEqual([['rollover_unmatched', 'FY22 H1', '4', 'FY21 H2 | FY21 H1', '300.00 USD']]);
    expect(r.balances.map((b) => b.transferred)).toEqual(['0.00', '0.00']);
  });

  test.each([
    ['a rebate +X with no co-op −X', 'Rebate'],
    ['a co-op +X with no co-op −X', 'Co-op'],
  ])('%s is rollover_unmatched, never skipped', async (_, earningType) => {
    const r = await reconcile([earned('2000.00'), half('RO2', earningType, '250.00', 'RO-1-R')]);
    expect(rolloverFindings(r.findings)).toEqual([['rollover_unmatched', 'FY22 H1', '3', '', '250.00 USD']]);
    expect(r.balances.map((b) => [b.coopEarned, b.transferred])).toEqual([['2000.00', '0.00']]);
  });
});
