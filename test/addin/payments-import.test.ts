/**
 * The Payments report in the workbook: imported from the same picker as the earnings exports into
 * a Payments table made when first needed, read back by the ledger, and checked by core's payments
 * check as the batch job checks `--payments`.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { parseExportText } from '../../addin/import/parse-export.js';
import { existingPayments, planPaymentsImport } from '../../addin/import/plan-payments-import.js';
import { importExports, loadWorkbook, RefusedTableError, setUpWorkbook, SheetNotTableError, writeBalances } from '../../addin/taskpane/workbook-ops.js';
import { errorText } from '../../addin/taskpane/error-text.js';
import { createLocale } from '../../addin/i18n/locale.js';
import { message } from '../../addin/i18n/messages.js';
import { computeLedger } from '../../addin/ledger/workbook-ledger.js';
import { isoDate } from '../../core/calendar/calendar-date.js';
import { DEFAULT_SETTINGS } from '../../core/settings.js';
import { EARNINGS_COLUMNS, PAYMENTS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { fake } from './fake-excel.js';
import { appendRoom, readTables, SHEET_ROWS } from '../../addin/excel/table-io.js';
import { ensureTables, madeTableData } from '../../addin/excel/workbook-setup.js';

const EARNINGS = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,paymentId,paymentStatus';
const earnings = parseExportText('earnings.csv', [EARNINGS, 'E1,P1,Hosting,Co-op,100.00,113.00,2021-02-10,EUR,PAY-1,Sent', 'E2,P1,Hosting,Co-op,50.00,56.50,2021-03-10,EUR,PAY-2,Sent'].join('\n'));
const NEWER = 'participantId,programName,earned,earnedUSD,totalPayment,earnedCurrencyCode,paymentCurrencyCode,paymentId,paymentStatus,paymentDate';
const OLDER = 'participantID,programName,earned,earnedUSD,totalPayment,currencyCode,paymentID,paymentStatus,paymentDate';
const report = (name: string, header: string, rows: string[]) => parseExportText(name, [header, ...rows].join('\r\n') + '\r\n');

const column = (name: string) => PAYMENTS_COLUMNS.findIndex((c) => c.name === name);
const held = () => fake.tableValues(TABLES.payments)!.rows.map((r) => [r[column('paymentId')], r[column('earned')], r[column('paymentStatus')]]);
const mismatches = async () => (await loadWorkbook()).ledger.findings.filter((f) => f.code === 'payment_mismatch').map((f) => [f.paymentId, f.file, f.line]);

describe('importing a Payments report', () => {
  beforeEach(async () => {
    fake.reset();
    await setUpWorkbook();
  });

  test('core reads the file\'s header as a Payments report; an earnings export says nothing of its kind', () => {
    expect(report('p.csv', NEWER, []).kind).toBe('payments');
    expect(report('p.csv', `Payments - Default\r\n${OLDER}`, []).kind).toBe('payments');
    expect(earnings.kind).toBeUndefined();
  });

  test('a Payments report without a required column is told that column, not the earnings export\'s', async () => {
    const parsed = report('p.csv', NEWER.replace('earned,', 'amount,'), ['P1,Hosting,100.00,113.00,100.00,EUR,EUR,PAY-1,Sent,2021-08-15']);
    expect(parsed.kind).toBe('payments');
    const { plan } = await importExports([parsed], () => undefined);
    expect(plan.rejected.map((r) => [r.file, r.line, r.code, r.column])).toEqual([['p.csv', 1, 'missing_column', 'earned']]);
    // A file close to no report is still an earnings export missing its columns, as before.
    expect(report('x.csv', 'earningId,participantId,programName,earningType,earningAmount,earningDate', []).kind).toBeUndefined();
  });

  test('makes the Payments table, writes amounts and dates as numbers, and the check names the table\'s rows', async () => {
    expect(fake.tableValues(TABLES.payments)).toBeNull();
    const { plan, payments } = await importExports(
      [earnings, report('payments.csv', NEWER, ['P1,Hosting,100.00,113.00,100.00,EUR,EUR,PAY-1,Sent,2021-08-15', 'P1,Hosting,60.00,67.80,60.00,EUR,EUR,PAY-2,Sent,2021-08-15'])],
      () => undefined,
    );
    expect(plan.files.map((f) => [f.file, f.added])).toEqual([['earnings.csv', 2], ['payments.csv', 2]]);
    expect(payments?.cells).toHaveLength(2);
    const table = fake.tableValues(TABLES.payments)!;
    expect(table.headers).toEqual(PAYMENTS_COLUMNS.map((c) => c.name));
    expect(table.rows[1]![column('earned')]).toBe(60);
    expect(table.rows[1]![column('paymentDate')]).toBe(44423);
    // Earnings rows of PAY-2 add up to 50.00, the report says 60.00: the Payments table's sheet row 3.
    expect(await mismatches()).toEqual([['PAY-2', TABLES.payments, 3]]);
    expect(fake.tableValues(TABLES.earnings)!.headers).toEqual([...EARNINGS_COLUMNS.map((c) => c.name)]);
  });

  test('an older report\'s currencyCode is the earned currency, imported under earnedCurrencyCode', async () => {
    await importExports([earnings, report('old.csv', OLDER, ['P1,Hosting,100.00,113.00,100.00,EUR,PAY-1,Sent,2021-08-15'])], () => undefined);
    const table = fake.tableValues(TABLES.payments)!;
    expect(table.headers).toEqual(PAYMENTS_COLUMNS.map((c) => c.name));
    expect(table.rows[0]![column('earnedCurrencyCode')]).toBe('EUR');
    expect(await mismatches()).toEqual([]);
  });

  test('a table kept with currencyCode takes a report that has both currency columns: a row whose two differ is refused, never written with one of them dropped', async () => {
    await importExports([earnings, report('old.csv', OLDER, ['P1,Hosting,100.00,113.00,100.00,EUR,PAY-1,Sent,2021-08-15'])], () => undefined);
    await Excel.run(async (context) => {
      const header = context.workbook.tables.getItem(TABLES.payments).getHeaderRowRange().load('values');
      await context.sync();
      header.values = [header.values[0]!.map((name) => (name === 'earnedCurrencyCode' ? 'currencyCode' : name))];
      await context.sync();
    });
    const both = report('both.csv', `${NEWER},currencyCode`, ['P1,Hosting,60.00,67.80,,EUR,,PAY-2,Pending,,EUR', 'P1,Hosting,10.00,11.30,,EUR,,PAY-3,Pending,,USD']);
    const { plan } = await importExports([both], () => undefined);
    expect(plan.rejected.map((r) => [r.file, r.line, r.code, r.reason, r.column, r.input, r.expected])).toEqual([['both.csv', 3, 'invalid_currency', 'conflicting', 'currencyCode', 'USD', 'EUR']]);
    const table = fake.tableValues(TABLES.payments)!;
    expect(table.headers).not.toContain('earnedCurrencyCode');
    const at = (name: string) => table.headers.indexOf(name);
    expect(table.rows.map((r) => [r[at('paymentId')], r[at('currencyCode')]])).toEqual([['PAY-1', 'EUR'], ['PAY-2', 'EUR']]);
  });

  test('a report whose new payments would not fit on the Payments table\'s sheet is refused before anything is written', async () => {
    await importExports([earnings, report('p.csv', NEWER, ['P1,Hosting,100.00,113.00,100.00,EUR,EUR,PAY-1,Sent,2021-08-15'])], () => undefined);
    // Header on the sheet's second-to-last row, PAY-1 on its last: no room for PAY-2.
    fake.moveTable(TABLES.payments, 1_048_574);
    const refused = importExports([report('more.csv', NEWER, ['P1,Hosting,60.00,67.80,60.00,EUR,EUR,PAY-2,Sent,2021-08-15'])], () => undefined);
    await expect(refused).rejects.toMatchObject({ name: 'SheetFullError', table: TABLES.payments, rows: 1, room: 0 });
    expect(held()).toEqual([['PAY-1', 100, 'Sent']]);
  });

  test('a Payments table the import is yet to make is planned as it will be made: header on row 1, the blank row its first payment fills, room down to the sheet\'s last row', async () => {
    const planned = madeTableData(TABLES.payments, '1900');
    await Excel.run((context) => ensureTables(context, [TABLES.payments]));
    const made = (await Excel.run((context) => readTables(context, [TABLES.payments]))).get(TABLES.payments)!;
    expect(planned).toEqual(made);
    expect(made.lastRow).toBe(2);
    // Rows 2 to 1,048,576.
    expect(appendRoom(planned)).toBe(SHEET_ROWS - 1);
  });

  test('a held row core cannot read (two earned currencies) is rewritten by a report that states the payment, not added again', async () => {
    const both = report('both.csv', `${NEWER},currencyCode`, ['P1,Hosting,100.00,113.00,100.00,EUR,EUR,PAY-1,Sent,2021-08-15,EUR']);
    await importExports([earnings, both], () => undefined);
    // The team's table, or one imported before core checked the second currency: the row says USD there.
    fake.setCell(TABLES.payments, 0, 'currencyCode', 'USD');
    const problems = async () => (await loadWorkbook()).ledger.problems.map((p) => [p.table, p.row, p.issues.map((i) => `${i.code} ${i.params?.reason ?? ''}`)]);
    expect(await problems()).toEqual([[TABLES.payments, 2, ['invalid_currency conflicting']]]);
    const { plan } = await importExports([report('again.csv', NEWER, ['P1,Hosting,100.00,113.00,100.00,EUR,EUR,PAY-1,Sent,2021-08-15'])], () => undefined);
    expect(plan.files.map((f) => [f.added, f.updated, f.skipped])).toEqual([[0, 1, 0]]);
    expect(held()).toEqual([['PAY-1', 100, 'Sent']]);
    expect(await problems()).toEqual([]);
  });

  test('of rows naming one paymentId, an import rewrites the last that core reads, else the first, and leaves the others', async () => {
    await importExports([earnings, report('p.csv', NEWER, ['P1,Hosting,100.00,113.00,100.00,EUR,EUR,PAY-1,Sent,2021-08-15'])], () => undefined);
    const { headers, rows } = fake.tableValues(TABLES.payments)!;
    const good = rows[0]!;
    // An amount typed as a word: a row core cannot read.
    const bad = good.map((cell, i) => (i === column('earned') ? 'ten' : cell));
    const rewritten = (held: unknown[][]) => {
      const table = { headers, rows: held as never, rowNumbers: held.map((_, i) => i + 2), dateSystem: '1900' as const };
      const newer = report('newer.csv', NEWER, ['P1,Hosting,90.00,101.70,90.00,EUR,EUR,PAY-1,Sent,2021-08-20']);
      const plan = planPaymentsImport(headers, existingPayments(table), [newer], { dateSystem: '1900' });
      expect(plan.cells).toEqual([]);
      return plan.updates.map((u) => u.index);
    };
    expect(rewritten([bad, bad])).toEqual([0]);
    expect(rewritten([bad, good, bad])).toEqual([1]);
    expect(rewritten([good, bad, good])).toEqual([2]);
  });

  test('a re-download replaces a payment\'s row, the same report again adds nothing, and an older one undoes no payment', async () => {
    const pending = report('pending.csv', NEWER, ['P1,Hosting,60.00,67.80,,EUR,,PAY-2,Pending,']);
    const paid = report('paid.csv', NEWER, ['P1,Hosting,50.00,56.50,50.00,EUR,EUR,PAY-2,Sent,2021-08-15']);
    await importExports([earnings, pending], () => undefined);
    expect(held()).toEqual([['PAY-2', 60, 'Pending']]);
    expect(await mismatches()).toEqual([['PAY-2', TABLES.payments, 2]]);

    const again = await importExports([pending], () => undefined);
    expect(again.plan.files.map((f) => [f.added, f.updated, f.skipped])).toEqual([[0, 0, 1]]);

    const redownload = await importExports([paid], () => undefined);
    expect(redownload.plan.files.map((f) => [f.added, f.updated, f.skipped])).toEqual([[0, 1, 0]]);
    expect(held()).toEqual([['PAY-2', 50, 'Sent']]);
    expect(await mismatches()).toEqual([]);

    const older = await importExports([pending], () => undefined);
    expect(older.plan.files.map((f) => [f.added, f.updated, f.skipped])).toEqual([[0, 0, 1]]);
    expect(held()).toEqual([['PAY-2', 50, 'Sent']]);
  });

  test('a report that states a payment twice: the table holds its last row, and the import log says so on every recalculation', async () => {
    const twice = report('twice.csv', NEWER, [
      'P1,Hosting,90.00,101.70,,EUR,,PAY-1,Pending,',
      'P1,Hosting,50.00,56.50,50.00,EUR,EUR,PAY-2,Sent,2021-08-15',
      'P1,Hosting,100.00,113.00,100.00,EUR,EUR,PAY-1,Sent,2021-08-15',
      'P1,Hosting,50.00,56.50,50.00,EUR,EUR,PAY-2,Sent,2021-08-15',
    ]);
    const { plan } = await importExports([earnings, twice], () => undefined);
    expect(plan.files.map((f) => [f.file, f.added, f.updated, f.skipped])).toEqual([['earnings.csv', 2, 0, 0], ['twice.csv', 2, 1, 1]]);
    expect(held()).toEqual([['PAY-1', 100, 'Sent'], ['PAY-2', 50, 'Sent']]);
    const log = fake.tableValues(TABLES.importLog)!;
    const at = (name: string) => log.headers.indexOf(name);
    expect(log.rows.map((r) => [r[at('file')], r[at('code')], r[at('count')], r[at('line')]])).toEqual([['twice.csv', 'duplicate_payment', 2, 4]]);
    const { ledger } = await loadWorkbook();
    expect(ledger.findings.filter((f) => f.code === 'duplicate_payment').map((f) => [f.severity, f.file, f.expected, f.actual])).toEqual([
      ['warning', TABLES.importLog, 'twice.csv:4', '2'],
    ]);
    expect(await mismatches()).toEqual([]);
  });

  test('a Payments table core refuses refuses the import of a report: nothing is written, where every payment would be appended again', async () => {
    const august = report('august.csv', NEWER, ['P1,Hosting,100.00,113.00,100.00,EUR,EUR,PAY-1,Sent,2021-08-15']);
    await importExports([earnings, august], () => undefined);
    // A column repeated: which of the two is meant, core cannot know.
    await Excel.run(async (context) => {
      const header = context.workbook.tables.getItem(TABLES.payments).getHeaderRowRange().load('values');
      await context.sync();
      header.values = [header.values[0]!.map((name) => (name === 'programName' ? 'Payment ID' : name))];
      await context.sync();
    });
    const before = fake.tableValues(TABLES.payments)!;
    const refused = await importExports([earnings, august], () => undefined).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RefusedTableError);
    expect((refused as RefusedTableError).table).toBe('Payments');
    expect((refused as RefusedTableError).problems.flatMap((p) => p.issues.map((i) => i.code))).toEqual(['duplicate_header']);
    expect(fake.tableValues(TABLES.payments)).toEqual(before);
    expect(fake.tableValues(TABLES.earnings)!.rows).toHaveLength(2);
    expect(fake.tableValues(TABLES.importLog)).toBeNull();
    expect(errorText(createLocale('en-US'), refused)).toBe(message('en', 'error.paymentsRefused', { count: 1 }));
  });

  // Each report's recency is the latest paymentDate in it: PAY-1's payment dates the reports.
  const august = report('august.csv', NEWER, ['P1,Hosting,100.00,113.00,100.00,EUR,EUR,PAY-1,Sent,2021-08-15', 'P1,Hosting,60.00,67.80,,EUR,,PAY-2,Pending,']);
  const september = report('september.csv', NEWER, ['P1,Hosting,100.00,113.00,,EUR,,PAY-1,Reversed,', 'P1,Hosting,55.00,62.15,,EUR,,PAY-2,Pending,', 'P1,Hosting,10.00,11.30,10.00,EUR,EUR,PAY-3,Sent,2021-09-15']);
  const october = report('october.csv', NEWER, ['P1,Hosting,60.00,67.80,,EUR,,PAY-2,Pending,', 'P1,Hosting,10.00,11.30,10.00,EUR,EUR,PAY-4,Sent,2021-10-15']);
  const stamp = () => fake.tableValues(TABLES.payments)!.rows.map((r) => [r[column('paymentId')], r[column('downloadLatest')]]);
  const serial = (iso: string) => Math.round(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000) + 25_569;

  test('the newer report counts though the older is imported after it: a restated pending amount and a reversal stay', async () => {
    await importExports([earnings, september], () => undefined);
    const older = await importExports([august], () => undefined);
    expect(older.plan.files.map((f) => [f.added, f.updated, f.skipped])).toEqual([[0, 0, 2]]);
    expect(held()).toEqual([['PAY-1', 100, 'Reversed'], ['PAY-2', 55, 'Pending'], ['PAY-3', 10, 'Sent']]);
    // Each row records its report's recency, which the next import ranks it by.
    expect(stamp()).toEqual([['PAY-1', serial('2021-09-15')], ['PAY-2', serial('2021-09-15')], ['PAY-3', serial('2021-09-15')]]);
  });

  test('a newer report reverses a payment and restates one not yet paid, its paymentDates blank', async () => {
    await importExports([earnings, august], () => undefined);
    const newer = await importExports([september], () => undefined);
    expect(newer.plan.files.map((f) => [f.added, f.updated, f.skipped])).toEqual([[1, 2, 0]]);
    expect(held()).toEqual([['PAY-1', 100, 'Reversed'], ['PAY-2', 55, 'Pending'], ['PAY-3', 10, 'Sent']]);
  });

  test('the same version in a newer report moves its row on, so an older report imported next is older than it', async () => {
    await importExports([earnings, august], () => undefined);
    const repeat = await importExports([october], () => undefined);
    expect(repeat.plan.files.map((f) => [f.added, f.updated, f.skipped])).toEqual([[1, 0, 1]]);
    expect(repeat.payments!.restamps.map((r) => r.index)).toEqual([1]);
    expect(stamp()).toEqual([['PAY-1', serial('2021-08-15')], ['PAY-2', serial('2021-10-15')], ['PAY-4', serial('2021-10-15')]]);
    // September is newer than August but older than October, which repeated PAY-2's 60.
    await importExports([september], () => undefined);
    expect(held()).toEqual([['PAY-1', 100, 'Reversed'], ['PAY-2', 60, 'Pending'], ['PAY-4', 10, 'Sent'], ['PAY-3', 10, 'Sent']]);
  });

  test('a table made before the recency column gets it on the next import; its rows rank by their own paymentDate', async () => {
    const headers = PAYMENTS_COLUMNS.filter((c) => c.name !== 'downloadLatest').map((c) => c.name);
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.add(TABLES.payments);
      const header = sheet.getRangeByIndexes(0, 0, 1, headers.length);
      header.values = [headers];
      sheet.tables.add(header, true).name = TABLES.payments;
      await context.sync();
    });
    const row = (cells: Record<string, unknown>) => headers.map((h) => cells[h] ?? '');
    // PAY-1 paid after September's latest date; PAY-2 not paid, so it has no date of its own.
    fake.appendRows(TABLES.payments, [
      row({ paymentId: 'PAY-1', participantId: 'P1', programName: 'Hosting', earned: 100, earnedCurrencyCode: 'EUR', paymentStatus: 'Sent', paymentDate: serial('2021-09-20') }),
      row({ paymentId: 'PAY-2', participantId: 'P1', programName: 'Hosting', earned: 60, earnedCurrencyCode: 'EUR', paymentStatus: 'Pending' }),
    ]);
    const imported = await importExports([earnings, september], () => undefined);
    expect(imported.plan.files.filter((f) => f.file === 'september.csv').map((f) => [f.added, f.updated, f.skipped])).toEqual([[1, 1, 1]]);
    expect(fake.tableValues(TABLES.payments)!.headers.at(-1)).toBe('downloadLatest');
    expect(held()).toEqual([['PAY-1', 100, 'Sent'], ['PAY-2', 55, 'Pending'], ['PAY-3', 10, 'Sent']]);
    expect(stamp()).toEqual([['PAY-1', ''], ['PAY-2', serial('2021-09-15')], ['PAY-3', serial('2021-09-15')]]);
  });

  test('a line core refuses is rejected with its file, line and column, the others imported', async () => {
    const { plan } = await importExports([report('bad.csv', NEWER, ['P1,Hosting,1O0.00,,,EUR,,PAY-1,Sent,', ',Hosting,60.00,,,EURO,,PAY-2,Sent,', 'P1,Hosting,5,,,EUR,,PAY-3,Sent,'])], () => undefined);
    expect(plan.rejected.map((r) => [r.file, r.line, r.code, r.column])).toEqual([
      ['bad.csv', 2, 'invalid_amount', 'earned'],
      ['bad.csv', 3, 'missing_field', 'participantId'],
      ['bad.csv', 3, 'invalid_currency', 'earnedCurrencyCode'],
    ]);
    expect(held().map((r) => r[0])).toEqual(['PAY-3']);
  });

  test('a line one cell short or over is ragged_row at core\'s column with both widths, as for an earnings export', async () => {
    const { plan } = await importExports([report('ragged.csv', NEWER, ['P1,Hosting,5,,,EUR,,PAY-1,Sent', 'P1,Hosting,5,,,EUR,,PAY-2,Sent,,', 'P1,Hosting,5,,,EUR,,PAY-3,Sent,'])], () => undefined);
    expect(plan.rejected.map((r) => [r.line, r.code, r.columnNumber, r.column, r.input, r.expected])).toEqual([
      [2, 'ragged_row', 10, 'paymentDate', '9', '10'],
      [3, 'ragged_row', 11, undefined, '11', '10'],
    ]);
    expect(held().map((r) => r[0])).toEqual(['PAY-3']);
  });
});

describe('a Payments report refused as a whole', () => {
  beforeEach(async () => {
    fake.reset();
    await setUpWorkbook();
  });

  test('a quote never closed imports none of its lines, as the batch job rejects the file', async () => {
    const { plan } = await importExports([report('cut.csv', NEWER, ['P1,Hosting,5,,,EUR,,PAY-3,Sent,', 'P1,Hosting,"6,,,EUR,,PAY-4,Sent,'])], () => undefined);
    expect(plan.rejected.map((r) => [r.line, r.code])).toContainEqual([3, 'unclosed_quote']);
    expect(plan.files.map((f) => f.added)).toEqual([0]);
    // The table is made, with the one blank row Excel keeps in an empty table, and no payment.
    expect(held().filter(([id]) => id !== '')).toEqual([]);
  });
});

describe('a sheet called Payments that is not the Payments table', () => {
  beforeEach(async () => {
    fake.reset();
    await setUpWorkbook();
    await importExports([earnings], () => undefined);
  });
  const sheet = (rows: string[][]) =>
    Excel.run(async (context) => {
      const ws = context.workbook.worksheets.add('Payments');
      if (rows.length > 0) ws.getRangeByIndexes(0, 0, rows.length, rows[0]!.length).values = rows;
      await context.sync();
    });

  test.each([
    ['an empty sheet', []],
    ['a team\'s own list of vendor payments', [['Date', 'Vendor', 'Amount'], ['2022-01-05', 'Contoso', '1200']]],
  ])('%s is the team\'s own: the ledger is computed as without a Payments table', async (_what, rows) => {
    await sheet(rows);
    const { ledger } = await loadWorkbook();
    expect(ledger.refusedTable).toBeNull();
    expect(ledger.balances.length).toBeGreaterThan(0);
  });

  test('an empty sheet called Payments becomes the table the first report is imported into', async () => {
    await sheet([]);
    const { payments } = await importExports([report('payments.csv', NEWER, ['P1,Hosting,100.00,113.00,100.00,EUR,EUR,PAY-1,Sent,2021-08-15'])], () => undefined);
    expect(payments?.cells).toHaveLength(1);
    expect(fake.tableValues(TABLES.payments)!.headers).toEqual(PAYMENTS_COLUMNS.map((c) => c.name));
    expect(held()).toEqual([['PAY-1', 100, 'Sent']]);
  });

  test('importing a Payments report there imports nothing and leaves the sheet: the pane says so in the user\'s language', async () => {
    const own = [['Date', 'Vendor', 'Amount'], ['2022-01-05', 'Contoso', '1200']];
    await sheet(own);
    const before = fake.tableValues(TABLES.earnings)!.rows.length;
    const more = parseExportText('more.csv', [EARNINGS, 'E9,P1,Hosting,Co-op,5.00,5.65,2021-03-10,EUR,,'].join('\n'));
    const error = await importExports([more, report('payments.csv', NEWER, ['P1,Hosting,150.00,,,EUR,,PAY-1,Sent,'])], () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SheetNotTableError);
    expect(errorText(createLocale('fr-FR'), error)).toBe(message('fr', 'error.sheetNotTable', { table: 'Payments' }));
    expect(fake.tableValues(TABLES.earnings)!.rows.length).toBe(before);
    expect(fake.tableValues(TABLES.payments)).toBeNull();
    const values = await Excel.run(async (context) => {
      const used = context.workbook.worksheets.getItem('Payments').getRangeByIndexes(0, 0, 2, 3).load('values');
      await context.sync();
      return used.values;
    });
    // As written (Excel reads the typed 1200 as a number).
    expect(values).toEqual([own[0], ['2022-01-05', 'Contoso', 1200]]);
  });

  test('a sheet whose header names some of the report\'s columns is the table with columns missing, refused', async () => {
    await sheet([['paymentId', 'earned', 'Vendor'], ['PAY-1', '5', 'Contoso']]);
    const { ledger } = await loadWorkbook();
    expect(ledger.refusedTable).toBe('Payments');
  });
});

describe('the Payments table in the ledger', () => {
  const asOf = isoDate('2022-02-10');
  const earningsTable = { name: TABLES.earnings, headers: EARNINGS.split(','), rows: [['E1', 'P1', 'Hosting', 'Co-op', 100, 113, '2021-02-10', 'EUR', 'PAY-1', 'Sent']], rowNumbers: [2], dateSystem: '1900' as const };
  const payments = (headers: string[], rows: unknown[][]) => ({ name: TABLES.payments, headers, rows, rowNumbers: rows.map((_, i) => i + 2), dateSystem: '1900' as const });

  test('a header without a required column refuses the table: nothing is computed, and Recalculate leaves Balances as it was', async () => {
    const headers = PAYMENTS_COLUMNS.map((c) => (c.name === 'earned' ? 'Amount' : c.name));
    const ledger = computeLedger({ earnings: earningsTable, programs: null, claims: null, payments: payments(headers, []) }, { asOf, settings: DEFAULT_SETTINGS });
    expect(ledger.refusedTable).toBe('Payments');
    expect(ledger.balances).toEqual([]);
    expect(ledger.problems.flatMap((p) => p.issues.map((i) => [p.table, i.code]))).toEqual([['Payments', 'missing_column']]);
    await expect(writeBalances(ledger)).rejects.toMatchObject({ table: 'Payments' });
  });

  test('a row core refuses is a problem naming its sheet row; a repeated paymentId is checked once, its later version, and is a finding at its row', () => {
    const headers = PAYMENTS_COLUMNS.map((c) => c.name);
    const row = (earned: unknown, date: unknown) => PAYMENTS_COLUMNS.map((c) => ({ paymentId: 'PAY-1', participantId: 'P1', earned, earnedCurrencyCode: 'EUR', paymentDate: date })[c.name] ?? '');
    const ledger = computeLedger(
      { earnings: earningsTable, programs: null, claims: null, payments: payments(headers, [row(90, ''), row('x', ''), row(100, 44423)]) },
      { asOf, settings: DEFAULT_SETTINGS },
    );
    expect(ledger.problems.map((p) => [p.table, p.row, p.issues.map((i) => i.code)])).toEqual([['Payments', 3, ['invalid_amount']]]);
    expect(ledger.findings.filter((f) => f.code === 'payment_mismatch')).toEqual([]);
    // Typed twice by hand: the table is one report, which states each payment once.
    expect(ledger.findings.filter((f) => f.code === 'duplicate_payment').map((f) => [f.severity, f.paymentId, f.file, f.line, f.expected])).toEqual([
      ['warning', 'PAY-1', 'Payments', 4, 'Payments:2'],
    ]);
  });
});
