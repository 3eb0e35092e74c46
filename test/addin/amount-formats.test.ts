/**
 * Every amount the add-in writes is shown as the batch job's workbook shows it: to the minor unit
 * of the currency its row names in the amount's currency column, with the code (core's
 * `numberFormatOf`), in the Balances, Earnings, Payments and Claims tables alike.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import { fake } from './fake-excel.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import { appendClaim, importExports, loadWorkbook, saveSettings, setUpWorkbook, updateClaim, writeBalances } from '../../addin/taskpane/workbook-ops.js';
import { isoDate, type IsoDate } from '../../core/calendar/calendar-date.js';
import { parseClaimRow } from '../../core/claims/claim-row.js';
import { claimCreatedEntry } from '../../core/claims/new-claim.js';
import { editClaim } from '../../core/claims/claim-edits.js';
import type { Claim } from '../../core/claims/claim.js';
import { balanceRow } from '../../core/pools/balance-row.js';
import { EARNINGS_COLUMNS, PAYMENTS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { BALANCES_REPORT } from '../../core/reports/report-files.js';
import { currencyOf, type ReportRow } from '../../batch/output/cell-value.js';
import { resolveCell } from '../../batch/output/resolve-cell.js';
import { toXlsxCell } from '../../batch/output/xlsx-cell.js';

const HEADER = EARNINGS_COLUMNS.map((c) => c.name);
const row = (id: string, currency: string, amount: string, payment: { currency: string; amount: string } | null = null) =>
  HEADER.map(
    (h) =>
      ({
        earningId: id,
        participantId: 'P1',
        programName: 'CSP Indirect Reseller',
        earningType: 'Co-op',
        earningAmount: amount,
        earningAmountUSD: '20000',
        earningDate: '2021-08-01',
        transactionCurrency: currency,
        lastPaymentCurrency: payment?.currency ?? '',
        earningAmountInLastPaymentCurrency: payment?.amount ?? '',
      })[h] ?? '',
  );

/** The formats of a table's rows, by the value of `key` in each, for the columns named. */
function formatsBy(table: string, key: string, columns: readonly string[]): Record<string, (string | undefined)[]> {
  const values = fake.tableValues(table)!;
  const formats = fake.tableFormats(table);
  const at = (name: string) => values.headers.indexOf(name);
  return Object.fromEntries(values.rows.map((r, i) => [String(r[at(key)]), columns.map((c) => formats[i]![at(c)])]));
}

beforeEach(async () => {
  fake.reset();
  await setUpWorkbook();
  await saveSettings({ asOf: '2022-02-10' as IsoDate, fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 'formats' });
});

describe('the Balances table', () => {
  test('shows each pool to its currency’s minor unit and the USD columns in USD, with the format the batch job’s workbook gives the same row', async () => {
    const text = Papa.unparse([HEADER, row('E1', 'JPY', '2000000'), row('E2', 'KWD', '6000.125'), row('E3', 'USD', '20000')], { newline: '\n' });
    await importExports([parseExportText('a.csv', text)], () => undefined);
    const { ledger } = await loadWorkbook({ reread: true });
    await writeBalances(ledger);

    expect(formatsBy(TABLES.balances, 'currency', ['available', 'coopEarned', 'coopEarnedUSD'])).toEqual({
      JPY: ['#,##0 "JPY"', '#,##0 "JPY"', '#,##0.00 "USD"'],
      KWD: ['#,##0.000 "KWD"', '#,##0.000 "KWD"', '#,##0.00 "USD"'],
      USD: ['#,##0.00 "USD"', '#,##0.00 "USD"', '#,##0.00 "USD"'],
    });

    // The batch job's report workbook, written from the same pools, formats every amount cell alike.
    const values = fake.tableValues(TABLES.balances)!;
    const formats = fake.tableFormats(TABLES.balances);
    let compared = 0;
    for (const b of ledger.balances) {
      const report = balanceRow(b) as ReportRow;
      const i = values.rows.findIndex((r) => r[values.headers.indexOf('currency')] === b.key.currency);
      for (const c of BALANCES_REPORT.columns.filter((c) => c.kind === 'amount' || c.kind === 'amountUSD')) {
        const batch = toXlsxCell(resolveCell(c, report[c.name], currencyOf(report, c)), c.kind).numFmt;
        if (batch === undefined) continue;
        expect(formats[i]![values.headers.indexOf(c.name)], `${b.key.currency} ${c.name}`).toBe(batch);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(3 * 10);
  });
});

describe('the Earnings table', () => {
  test('an imported row’s amounts are each in the currency their own column names: the transaction’s, USD, and the last payment’s', async () => {
    const text = Papa.unparse(
      [HEADER, row('E1', 'EUR', '100.00', { currency: 'USD', amount: '113.00' }), row('E2', 'JPY', '15000', { currency: 'JPY', amount: '15000' }), row('E3', 'KWD', '6.125')],
      { newline: '\n' },
    );
    await importExports([parseExportText('a.csv', text)], () => undefined);
    expect(formatsBy(TABLES.earnings, 'earningId', ['earningAmount', 'earningAmountUSD', 'earningAmountInLastPaymentCurrency'])).toEqual({
      E1: ['#,##0.00 "EUR"', '#,##0.00 "USD"', '#,##0.00 "USD"'],
      E2: ['#,##0 "JPY"', '#,##0.00 "USD"', '#,##0 "JPY"'],
      // No payment yet: no currency to show the empty payment amount in.
      E3: ['#,##0.000 "KWD"', '#,##0.00 "USD"', '#,##0.00'],
    });
  });

  test('a newer download that pays an earning in another currency rewrites its row’s format with its values', async () => {
    const download = (name: string, rows: string[][]) => parseExportText(name, Papa.unparse([HEADER, ...rows], { newline: '\n' }));
    await importExports([download('first.csv', [row('E1', 'EUR', '100.00', { currency: 'EUR', amount: '100.00' })])], () => undefined);
    const paid = await importExports([download('paid.csv', [row('E1', 'EUR', '100.00', { currency: 'KWD', amount: '30.125' })])], () => undefined);
    expect(paid.plan.updates.map((u) => u.earningId)).toEqual(['E1']);
    expect(formatsBy(TABLES.earnings, 'earningId', ['earningAmount', 'earningAmountInLastPaymentCurrency'])).toEqual({ E1: ['#,##0.00 "EUR"', '#,##0.000 "KWD"'] });
  });
});

describe('the Payments table', () => {
  test('earned is in the earned currency and the total payment in the currency paid', async () => {
    const header = 'participantId,programName,earned,earnedUSD,totalPayment,earnedCurrencyCode,paymentCurrencyCode,paymentId,paymentStatus,paymentDate';
    const text = [header, 'P1,Hosting,100.00,113.00,113.00,EUR,USD,PAY-1,Sent,2021-08-15', 'P1,Hosting,1500,10.00,1.250,JPY,KWD,PAY-2,Sent,2021-08-15'].join('\r\n') + '\r\n';
    await importExports([parseExportText('payments.csv', text)], () => undefined);
    const names = PAYMENTS_COLUMNS.map((c) => c.name);
    expect(names).toContain('totalPayment');
    expect(formatsBy(TABLES.payments, 'paymentId', ['earned', 'earnedUSD', 'totalPayment'])).toEqual({
      'PAY-1': ['#,##0.00 "EUR"', '#,##0.00 "USD"', '#,##0.00 "USD"'],
      'PAY-2': ['#,##0 "JPY"', '#,##0.00 "USD"', '#,##0.000 "KWD"'],
    });
  });
});

describe('the Claims table', () => {
  const meta = { at: isoDate('2022-02-01'), by: 'test' };
  function claim(id: string, currency: string, amount: string): Claim {
    const parsed = parseClaimRow({
      claimId: id, participantId: 'P1', programName: 'CSP Indirect Reseller', activityType: 'Event', activityName: `Activity ${id}`,
      activityStart: '2021-10-01', activityEnd: '2021-10-02', currency, amountClaimed: amount, status: 'Editing',
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return parsed.value;
  }

  test('a claim added is shown in its currency, and again in the new one when an edit changes it', async () => {
    const jpy = claim('CLM-J', 'JPY', '150000');
    const eur = claim('CLM-E', 'EUR', '200');
    await appendClaim(jpy, claimCreatedEntry(jpy, meta));
    await appendClaim(eur, claimCreatedEntry(eur, meta));
    expect(formatsBy(TABLES.claims, 'claimId', ['amountClaimed', 'amountApproved'])).toEqual({
      'CLM-J': ['#,##0 "JPY"', '#,##0 "JPY"'],
      'CLM-E': ['#,##0.00 "EUR"', '#,##0.00 "EUR"'],
    });

    const edited = editClaim(jpy, { currency: 'KWD' }, meta);
    if (!edited.ok) throw new Error(JSON.stringify(edited.issues));
    await updateClaim(edited.value.claim, [edited.value.entry]);
    expect(formatsBy(TABLES.claims, 'claimId', ['amountClaimed'])).toEqual({ 'CLM-J': ['#,##0.000 "KWD"'], 'CLM-E': ['#,##0.00 "EUR"'] });
  });
});
