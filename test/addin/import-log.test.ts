/**
 * The import log: what an import read and did not append (a repeat, an older or newer download's
 * version of an earning held) is kept in the ImportLog table, and the ledger finds it there on
 * every recalculation, as the batch job finds it in the downloads on every run.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { parseExportText } from '../../addin/import/parse-export.js';
import { importExports, loadWorkbook, setUpWorkbook, SheetNotTableError } from '../../addin/taskpane/workbook-ops.js';
import { TableColumnsError } from '../../addin/excel/table-placement.js';
import { errorText } from '../../addin/taskpane/error-text.js';
import { createLocale } from '../../addin/i18n/locale.js';
import { message } from '../../addin/i18n/messages.js';
import { fromExcelSerial } from '../../core/calendar/calendar-date.js';
import { todayIso } from '../../addin/ledger/today.js';
import { IMPORT_LOG_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { fake } from './fake-excel.js';

const HEADER = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,paymentId,paymentStatus,paymentDate';
const download = (name: string, rows: string[]) => parseExportText(name, [HEADER, ...rows].join('\r\n') + '\r\n');
const JANUARY = ['E1,P1,Hosting,Co-op,100.00,100.00,2021-01-10,USD,,Upcoming,', 'E2,P1,Hosting,Co-op,50.00,50.00,2021-01-12,USD,,Upcoming,', 'E3,P1,Hosting,Co-op,20.00,20.00,2021-01-15,USD,,Upcoming,'];

const logRows = () => {
  const table = fake.tableValues(TABLES.importLog);
  if (table === null) return null;
  const at = (name: string) => table.headers.indexOf(name);
  return table.rows.map((r) => [r[at('file')], r[at('code')], r[at('count')], r[at('line')], r[at('earningId')]]);
};
const logged = async () =>
  (await loadWorkbook()).ledger.findings.filter((f) => f.file === TABLES.importLog).map((f) => [f.severity, f.code, f.line, f.expected, f.actual]);

describe('the import log', () => {
  beforeEach(async () => {
    fake.reset();
    await setUpWorkbook();
  });

  test('an import that appends every row logs nothing and makes no table', async () => {
    await importExports([download('jan.csv', JANUARY)], () => undefined);
    expect(logRows()).toBeNull();
    expect(await logged()).toEqual([]);
  });

  test('the same download imported again: one row for its repeats, dated today, and a finding at that row', async () => {
    await importExports([download('jan.csv', JANUARY)], () => undefined);
    const before = await loadWorkbook();
    const dayBefore = todayIso();
    await importExports([download('jan.csv', JANUARY)], () => undefined);
    const dayAfter = todayIso();
    expect(logRows()).toEqual([['jan.csv', 'duplicate_earning', 3, 2, 'E1']]);
    const table = fake.tableValues(TABLES.importLog)!;
    expect(table.headers).toEqual(IMPORT_LOG_COLUMNS.map((c) => c.name));
    // A date cell, as every date the add-in writes.
    expect([dayBefore, dayAfter]).toContain(fromExcelSerial(table.rows[0]![0] as number, '1900'));
    const after = await loadWorkbook();
    expect(await logged()).toEqual([['warning', 'duplicate_earning', 2, 'jan.csv:2', '3']]);
    // Repeats are not written: the table and the balances are those of one import.
    expect(fake.tableValues(TABLES.earnings)!.rows).toHaveLength(JANUARY.length);
    expect(after.ledger.balances.map((b) => b.coopEarned.toFixed())).toEqual(before.ledger.balances.map((b) => b.coopEarned.toFixed()));
  });

  test('a newer download updating, restating and repeating: counted per code, a restatement on a row of its own', async () => {
    await importExports([download('jan.csv', JANUARY)], () => undefined);
    await importExports(
      [
        download('feb.csv', [
          'E1,P1,Hosting,Co-op,100.00,100.00,2021-01-10,USD,PAY-1,Sent,2021-02-20',
          'E2,P1,Hosting,Co-op,50.00,49.00,2021-01-12,USD,,Upcoming,',
          'E3,P1,Hosting,Co-op,20.00,20.00,2021-01-15,USD,PAY-1,Sent,2021-02-20',
          'E4,P1,Hosting,Co-op,5.00,5.00,2021-02-01,USD,,Upcoming,',
        ]),
      ],
      () => undefined,
    );
    expect(logRows()).toEqual([
      ['feb.csv', 'earning_updated', 2, 2, 'E1'],
      ['feb.csv', 'earning_restated', 1, 3, 'E2'],
    ]);
    expect(await logged()).toEqual([
      ['warning', 'earning_restated', 3, 'feb.csv:3', '1'],
      ['info', 'earning_updated', 2, 'feb.csv:2', '2'],
    ]);
    // The older download again: its versions are older than those held, skipped and logged as such, under the rows already there.
    await importExports([download('jan.csv', JANUARY)], () => undefined);
    expect(logRows()!.slice(2)).toEqual([
      ['jan.csv', 'earning_updated', 2, 2, 'E1'],
      ['jan.csv', 'earning_restated', 1, 3, 'E2'],
    ]);
  });

  test('rows core cannot read are left out and logged from the first, an error every recalculation shows until the row is deleted', async () => {
    const { plan } = await importExports([download('jan.csv', [...JANUARY, 'E7,P1,Hosting,Co-op,ten,10.00,2021-01-20,USD,,Upcoming,', 'E8,P1,Hosting,Co-op,8.00,8.00,2021-13-01,USD,,Upcoming,'])], () => undefined);
    expect(plan.files.map((f) => [f.added, f.rejected])).toEqual([[3, 2]]);
    expect(logRows()).toEqual([['jan.csv', 'rows_quarantined', 2, 5, '']]);
    expect(await logged()).toEqual([['error', 'rows_quarantined', 2, 'jan.csv:5', '2']]);
    await Excel.run(async (context) => {
      context.workbook.tables.getItem(TABLES.importLog).getDataBodyRange().getRow(0).delete('Up');
      await context.sync();
    });
    expect(await logged()).toEqual([]);
  });

  test('a file refused as a whole imports nothing and logs nothing: the import said so, as the batch job stops on it', async () => {
    const { plan } = await importExports([parseExportText('cut.csv', `${HEADER}\r\nE1,P1,Hosting,Co-op,100.00,100.00,2021-01-10,USD,,"Upcoming,\r\n`)], () => undefined);
    expect(plan.rejected.map((r) => r.code)).toContain('unclosed_quote');
    expect(logRows()).toBeNull();
  });

  test('a download again, with the log there, costs two syncs more than before the log: one to learn its header, one to write it', async () => {
    await importExports([download('jan.csv', JANUARY)], () => undefined);
    await importExports([download('jan.csv', JANUARY)], () => undefined);
    const before = fake.model.syncs;
    await importExports([download('jan.csv', JANUARY)], () => undefined);
    expect(fake.model.syncs - before).toBe(8);
  });

  test('a Payments report with a header and no row makes its table and is logged as no_rows, as an earnings download is', async () => {
    const header = 'participantId,programName,earned,earnedUSD,totalPayment,earnedCurrencyCode,paymentCurrencyCode,paymentId,paymentStatus,paymentDate';
    const { plan, payments } = await importExports([download('mar.csv', []), parseExportText('payments.csv', `${header}\r\n`)], () => undefined);
    expect([plan.logged.length, payments!.logged.length]).toEqual([1, 1]);
    expect(logRows()).toEqual([['mar.csv', 'no_rows', 1, 1, ''], ['payments.csv', 'no_rows', 1, 1, '']]);
    expect(fake.tableValues(TABLES.payments)).not.toBeNull();
    expect((await logged()).map((f) => [f[0], f[1]])).toEqual([['warning', 'no_rows'], ['warning', 'no_rows']]);
  });

  test('a row edited by hand counts what it says; one edited into nonsense is a problem naming its row, not a finding', async () => {
    await importExports([download('jan.csv', JANUARY)], () => undefined);
    await importExports([download('jan.csv', JANUARY)], () => undefined);
    fake.setCell(TABLES.importLog, 0, 'count', 5);
    expect((await logged()).map((f) => f[4])).toEqual(['5']);
    fake.setCell(TABLES.importLog, 0, 'code', 'split_mismatch');
    const { ledger } = await loadWorkbook();
    expect(ledger.findings.filter((f) => f.file === TABLES.importLog)).toEqual([]);
    expect(ledger.problems.map((p) => [p.table, p.row, p.issues.map((i) => i.code)])).toEqual([[TABLES.importLog, 2, ['invalid_type']]]);
    // No balance depends on the log: nothing is refused for it.
    expect(ledger.refusedTable).toBeNull();
    expect(ledger.balances.length).toBeGreaterThan(0);
  });

  test('a log without its count column is one problem of the table; an import with something to log writes nothing and says which column', async () => {
    await importExports([download('jan.csv', JANUARY)], () => undefined);
    await importExports([download('jan.csv', JANUARY)], () => undefined);
    await Excel.run(async (context) => {
      context.workbook.tables.getItem(TABLES.importLog).getHeaderRowRange().getCell(0, 3).values = [['rows']];
      await context.sync();
    });
    const { ledger } = await loadWorkbook();
    expect(ledger.problems.map((p) => [p.table, p.row, p.issues.map((i) => `${i.code} ${i.input ?? ''}`.trim())])).toEqual([[TABLES.importLog, 0, ['missing_column count']]]);
    const earnings = fake.tableValues(TABLES.earnings)!.rows.length;
    const error = await importExports([download('jan.csv', JANUARY), download('mar.csv', ['E9,P1,Hosting,Co-op,5.00,5.00,2021-03-01,USD,,Upcoming,'])], () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableColumnsError);
    expect(errorText(createLocale('en-US'), error)).toContain(TABLES.importLog);
    expect(fake.tableValues(TABLES.earnings)!.rows.length).toBe(earnings);
  });

  /** A log of January imported twice (one row of repeats), the columns `names` then deleted by the team. */
  async function logWithoutColumns(...names: string[]): Promise<void> {
    await importExports([download('jan.csv', JANUARY)], () => undefined);
    await importExports([download('jan.csv', JANUARY)], () => undefined);
    await Excel.run(async (context) => {
      const columns = context.workbook.tables.getItem(TABLES.importLog).columns;
      for (const name of names) columns.getItem(name).delete();
      await context.sync();
    });
  }

  test('a log whose line and earningId columns the user deleted gets them back from an import with something to log: no value is dropped for want of its column', async () => {
    await logWithoutColumns('line', 'earningId');
    expect(fake.tableValues(TABLES.importLog)!.headers).toEqual(['importedOn', 'file', 'code', 'count']);
    // The log is still read without them: its findings, no problem.
    expect((await loadWorkbook()).ledger.problems).toEqual([]);
    await importExports([download('jan.csv', JANUARY)], () => undefined);
    const log = fake.tableValues(TABLES.importLog)!;
    expect(log.headers).toEqual(['importedOn', 'file', 'code', 'count', 'line', 'earningId']);
    const at = (name: string) => log.headers.indexOf(name);
    expect(log.rows.map((r) => [r[at('file')], r[at('code')], r[at('line')], r[at('earningId')]])).toEqual([
      ['jan.csv', 'duplicate_earning', '', ''],
      ['jan.csv', 'duplicate_earning', 2, 'E1'],
    ]);
    expect((await loadWorkbook()).ledger.problems).toEqual([]);
  });

  test('a log without its count and its line columns refuses an import with something to log, naming count only: line would have come back', async () => {
    await logWithoutColumns('line', 'count');
    const before = fake.tableValues(TABLES.importLog)!;
    const error = await importExports([download('jan.csv', JANUARY)], () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableColumnsError);
    expect((error as TableColumnsError).issues.map((i) => `${i.code} ${i.input ?? ''}`)).toEqual(['missing_column count']);
    expect(fake.tableValues(TABLES.importLog)).toEqual(before);
  });

  test('a sheet called ImportLog holding the team\'s data is never written over: an import with something to log imports nothing, one without goes ahead', async () => {
    await importExports([download('jan.csv', JANUARY)], () => undefined);
    await Excel.run(async (context) => {
      context.workbook.worksheets.add('ImportLog').getRangeByIndexes(0, 0, 2, 2).values = [['Date', 'Note'], ['2026-11-01', 'ours']];
      await context.sync();
    });
    const earnings = fake.tableValues(TABLES.earnings)!.rows.length;
    const error = await importExports([download('jan.csv', JANUARY), download('mar.csv', ['E9,P1,Hosting,Co-op,5.00,5.00,2021-03-01,USD,,Upcoming,'])], () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SheetNotTableError);
    expect(errorText(createLocale('de-DE'), error)).toBe(message('de', 'error.sheetNotTable', { table: TABLES.importLog }));
    expect(fake.tableValues(TABLES.earnings)!.rows.length).toBe(earnings);
    // The team's sheet is no log: the ledger reads nothing from it and refuses nothing for it.
    expect((await loadWorkbook()).ledger.problems).toEqual([]);
    const { plan } = await importExports([download('mar.csv', ['E9,P1,Hosting,Co-op,5.00,5.00,2021-03-01,USD,,Upcoming,'])], () => undefined);
    expect(plan.files.map((f) => f.added)).toEqual([1]);
    expect(fake.tableValues(TABLES.importLog)).toBeNull();
    // With a first Payments report beside it, the Payments table is not made either: nothing is written before the refusal.
    const report = parseExportText('payments.csv', 'participantId,programName,earned,earnedUSD,totalPayment,earnedCurrencyCode,paymentCurrencyCode,paymentId,paymentStatus,paymentDate\r\nP1,Hosting,5.00,5.00,5.00,USD,USD,PAY-9,Sent,2021-04-15\r\n');
    const refused = await importExports([download('jan.csv', JANUARY), report], () => undefined).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SheetNotTableError);
    expect(fake.tableValues(TABLES.payments)).toBeNull();
    expect(fake.tableValues(TABLES.earnings)!.rows.length).toBe(earnings + 1);
  });

  test('a log the team moved below the Earnings table is formatted where its rows are, after the import\'s rows pushed it down', async () => {
    await importExports([download('jan.csv', JANUARY)], () => undefined);
    // The log set up by hand two rows below Earnings, on its sheet, in the layout's columns.
    const logAt = await Excel.run(async (context) => {
      const body = context.workbook.tables.getItem(TABLES.earnings).getDataBodyRange().load('rowIndex,rowCount');
      await context.sync();
      const row = body.rowIndex + body.rowCount + 2;
      const sheet = context.workbook.worksheets.getItem(TABLES.earnings);
      const header = sheet.getRangeByIndexes(row, 0, 1, IMPORT_LOG_COLUMNS.length);
      header.values = [IMPORT_LOG_COLUMNS.map((c) => c.name)];
      sheet.tables.add(header, true).name = TABLES.importLog;
      await context.sync();
      return row;
    });
    // Two new rows and one repeat: the new rows push the log down two rows, then the repeat is logged.
    await importExports([download('feb.csv', [JANUARY[0]!, 'E4,P1,Hosting,Co-op,5.00,5.00,2021-02-01,USD,,Upcoming,', 'E5,P1,Hosting,Co-op,6.00,6.00,2021-02-02,USD,,Upcoming,'])], () => undefined);
    expect(logRows()).toEqual([['feb.csv', 'duplicate_earning', 1, 2, 'E1']]);
    const formats = await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(TABLES.earnings);
      const log = context.workbook.tables.getItem(TABLES.importLog).getDataBodyRange().load('rowIndex,numberFormat');
      const before = sheet.getRangeByIndexes(logAt + 1, 0, 1, IMPORT_LOG_COLUMNS.length).load('numberFormat');
      await context.sync();
      return { row: log.rowIndex, log: log.numberFormat[0]!, before: before.numberFormat[0]! };
    });
    expect(formats.row).toBe(logAt + 3);
    const at = (name: string) => IMPORT_LOG_COLUMNS.findIndex((c) => c.name === name);
    expect([formats.log[at('importedOn')], formats.log[at('count')], formats.log[at('line')]]).toEqual(['yyyy-mm-dd', '0', '0']);
    // Where the log's first row was before the import: the blank rows above it now, left as they were.
    expect(formats.before[at('importedOn')]).not.toBe('yyyy-mm-dd');
  });
});
