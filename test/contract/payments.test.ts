import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SAMPLES, type DataSet } from './data-sets.js';
import { addinOutcome, batchOutcome } from './paths.js';
import { scratchFolder } from './scratch.js';
import { readPayments } from '../../batch/input/read-payments.js';
import type { InputIssue } from '../../batch/input/input-issue.js';
import { planPaymentsImport } from '../../addin/import/plan-payments-import.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import { PAYMENTS_COLUMNS } from '../../core/workbook-layout.js';
import { source } from '../batch/input/helpers.js';

/*
 * The payments check in both adapters: the batch job given `--payments`, the add-in importing the
 * same reports into its Payments table, list the same payment findings (docs/RULES.md, "Payments"
 * and "A payment repeated").
 */
const scratch = scratchFolder('contract-payments-');

function write(name: string, lines: readonly string[]): string {
  const path = join(scratch, name);
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  return path;
}

// The first download, an older report with one currency column.
const first = write('payments-1.csv', [
  'participantID,programName,earned,earnedUSD,totalPayment,currencyCode,paymentID,paymentStatus,paymentDate',
  // Earned in EUR, reported in another currency.
  '4410021,CSP Indirect Reseller,9000.00,,9000.00,GBP,PMT-4410021-CSPIR-21H1-EUR,Sent,2021-02-15',
  // A paymentId no earnings row carries.
  '4410021,CSP Indirect Reseller,100.00,100.00,,USD,PMT-NOT-IN-EARNINGS,Pending,',
  // Not paid yet, and less than the earnings say; the re-download below pays what they say.
  '4447309,CSP Direct Bill Partner,5800.00,5800.00,,USD,PMT-4447309-CSPDB-21H2-USD,Pending,',
  '4420487,Hosting,2400.00,3240.00,2400.00,GBP,PMT-4420487-HOST-21H2-GBP,Sent,2021-08-15',
]);
// The re-download, a newer report (a payment made since) with the earned and the payment currency.
const second = write('payments-2.csv', [
  'participantId,programName,earned,earnedUSD,totalPayment,earnedCurrencyCode,paymentCurrencyCode,paymentId,paymentStatus,paymentDate',
  '4447309,CSP Direct Bill Partner,6000.00,6000.00,6000.00,USD,USD,PMT-4447309-CSPDB-21H2-USD,Sent,2021-09-15',
  '4420487,Hosting,2400.00,3240.00,2400.00,GBP,GBP,PMT-4420487-HOST-21H2-GBP,Sent,2021-08-15',
  '4431766,CSP Indirect Reseller,900001,7830.00,900001,JPY,JPY,PMT-4431766-CSPIR-21H1-JPY,Sent,2021-02-15',
]);

const mismatching: DataSet = { ...SAMPLES, name: 'samples with two Payments reports that mismatch', payments: [first, second] };
const EXPECTED = [
  'payment_mismatch PMT-4410021-CSPIR-21H1-EUR',
  'payment_mismatch PMT-4431766-CSPIR-21H1-JPY',
  'payment_mismatch PMT-NOT-IN-EARNINGS',
];

// A report that states payments twice: a paymentId on two rows with one version, and on two with
// different amounts, of which the last row is the one checked (docs/RULES.md, "A payment repeated").
const twice = write('payments-twice.csv', [
  ...readFileSync(first, 'utf8').split('\r\n').filter((l) => l !== ''),
  '4420487,Hosting,2400.00,3240.00,2400.00,GBP,PMT-4420487-HOST-21H2-GBP,Sent,2021-08-15',
  '4447309,CSP Direct Bill Partner,6000.00,6000.00,6000.00,USD,PMT-4447309-CSPDB-21H2-USD,Sent,2021-08-15',
]);

describe('the payments check in the workbook and in the batch job', () => {
  test('the samples\' Payments report gives the same finding on both sides', async () => {
    const batch = await batchOutcome(SAMPLES);
    const addin = await addinOutcome(SAMPLES);
    expect(batch.payments).toEqual(['payment_mismatch PMT-4447309-CSPDB-21H2-USD']);
    expect(addin.payments).toEqual(batch.payments);
  });

  // The re-download's version of PMT-4447309 counts, in both: its first version's 5800 is no finding.
  test('another currency, a paymentId no earning carries and a re-download: the same findings on both sides', async () => {
    const batch = await batchOutcome(mismatching);
    expect(batch.payments).toEqual(EXPECTED);
    const addin = await addinOutcome(mismatching);
    expect(addin.payments).toEqual(batch.payments);
    expect(addin.refusedRows).toBe(0);
  });

  test('the older download imported after the re-download undoes no payment: the findings the batch job gives', async () => {
    const batch = await batchOutcome(mismatching);
    const addin = await addinOutcome(mismatching, [SAMPLES.earnings, [second], [first]]);
    expect(addin.payments).toEqual(batch.payments);
    expect(addin.payments).toEqual(EXPECTED);
  });

  test('a report that states a payment twice: the last row is checked and each repeat is a warning, on both sides', async () => {
    const set: DataSet = { ...SAMPLES, name: 'samples with a report that states payments twice', payments: [twice] };
    const batch = await batchOutcome(set);
    // The last row of PMT-4447309 pays what the earnings say: no mismatch for it.
    expect(batch.payments).toEqual(['payment_mismatch PMT-4410021-CSPIR-21H1-EUR', 'payment_mismatch PMT-NOT-IN-EARNINGS']);
    expect(batch.logged.duplicate_payment).toBe(2);
    const addin = await addinOutcome(set);
    expect(addin.payments).toEqual(batch.payments);
    expect(addin.logged).toEqual(batch.logged);
    // Across reports a repeat is a newer report's version, no finding.
    expect((await batchOutcome(mismatching)).logged.duplicate_payment).toBeUndefined();
  });

  // Two downloads whose latest paymentDate is the same day are told apart by their order alone: the
  // batch job's file named later, the add-in's file imported later (docs/RULES.md, "A payment repeated").
  test('two downloads of the same day: the one named later counts, and the one imported later', async () => {
    const sameDay = write('payments-2-same-day.csv', readFileSync(second, 'utf8').replace('Sent,2021-09-15', 'Sent,2021-08-15').split('\r\n').filter((l) => l !== ''));
    const firstLast: DataSet = { ...mismatching, payments: [sameDay, first] };
    const batch = await batchOutcome(firstLast);
    expect(batch.payments).toEqual(['payment_mismatch PMT-4410021-CSPIR-21H1-EUR', 'payment_mismatch PMT-4431766-CSPIR-21H1-JPY', 'payment_mismatch PMT-4447309-CSPDB-21H2-USD', 'payment_mismatch PMT-NOT-IN-EARNINGS']);
    expect((await addinOutcome(firstLast, [SAMPLES.earnings, [sameDay], [first]])).payments).toEqual(batch.payments);
  });
});

// Two downloads of one report; the later one dated by a payment made since (PMT-4420487, paid
// again in September). PMT-4447309 is not paid in either: the later restates it at 5800, which the
// earnings (6000) do not make. The newer report counts, whatever order the two are named or
// imported in (docs/RULES.md, "A payment repeated").
const august = write('payments-august.csv', [
  'participantId,programName,earned,earnedUSD,totalPayment,earnedCurrencyCode,paymentCurrencyCode,paymentId,paymentStatus,paymentDate',
  '4447309,CSP Direct Bill Partner,6000.00,6000.00,,USD,USD,PMT-4447309-CSPDB-21H2-USD,Pending,',
  '4420487,Hosting,2400.00,3240.00,2400.00,GBP,GBP,PMT-4420487-HOST-21H2-GBP,Sent,2021-08-15',
]);
const september = write('payments-september.csv', [
  'participantId,programName,earned,earnedUSD,totalPayment,earnedCurrencyCode,paymentCurrencyCode,paymentId,paymentStatus,paymentDate',
  '4447309,CSP Direct Bill Partner,5800.00,5800.00,,USD,USD,PMT-4447309-CSPDB-21H2-USD,Pending,',
  '4420487,Hosting,2400.00,3240.00,2400.00,GBP,GBP,PMT-4420487-HOST-21H2-GBP,Sent,2021-09-15',
]);

describe('two downloads of the Payments report, in any order', () => {
  const named = (payments: string[]): DataSet => ({ ...SAMPLES, name: `samples with ${payments.join(', ')}`, payments });

  test('the batch job keeps the newer download\'s restated amount whichever is named first', async () => {
    const newerFirst = await batchOutcome(named([september, august]));
    const olderFirst = await batchOutcome(named([august, september]));
    expect(newerFirst.payments).toEqual(['payment_mismatch PMT-4447309-CSPDB-21H2-USD']);
    expect(olderFirst.payments).toEqual(newerFirst.payments);
  });

  test.each([
    ['together', [[september, august]]],
    ['older, then newer', [[august], [september]]],
    ['newer, then older', [[september], [august]]],
  ])('the add-in imports them %s and lists what the batch job lists', async (_order, imports) => {
    const set = named([september, august]);
    const batch = await batchOutcome(set);
    const addin = await addinOutcome(set, [SAMPLES.earnings, ...imports]);
    expect(addin.payments).toEqual(batch.payments);
  });
});

describe('a Payments row that states two earned currencies', () => {
  // A newer report that kept the old currencyCode beside earnedCurrencyCode: where the two differ, which currency `earned` is in would be a guess (docs/RULES.md, "Payments report").
  const text = [
    'participantId,programName,earned,earnedUSD,totalPayment,earnedCurrencyCode,paymentCurrencyCode,paymentId,paymentStatus,paymentDate,currencyCode',
    '4420487,Hosting,2400.00,3240.00,2400.00,GBP,GBP,PMT-1,Sent,2021-08-15,GBP',
    '4420487,Hosting,100.00,135.00,,GBP,,PMT-2,Pending,,EUR',
    '4420487,Hosting,100.00,135.00,,GBP,,PMT-3,Pending,,',
  ].join('\r\n');

  test('is refused by both adapters, on the same line and column, and the others are read', async () => {
    const issues: InputIssue[] = [];
    const read: string[] = [];
    await readPayments(source(text, 'payments.csv'), { onRow: (r) => void read.push(r.paymentId), onIssue: (i) => void issues.push(i) });
    const plan = planPaymentsImport(PAYMENTS_COLUMNS.map((c) => c.name), new Map(), [parseExportText('payments.csv', text)], { dateSystem: '1900' });
    const batch = issues.map((i) => [i.code, i.line, i.columnName, i.raw, i.params?.['reason']]);
    expect(batch).toEqual([['invalid_currency', 3, 'currencyCode', 'EUR', 'conflicting']]);
    expect(issues[0]!.column).toBe(11);
    expect(plan.rejected.map((r) => [r.code, r.line, r.column, r.input, r.reason])).toEqual(batch);
    expect(read).toEqual(['PMT-1', 'PMT-3']);
    expect(plan.cells).toHaveLength(2);
  });
});
