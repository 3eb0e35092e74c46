import { readFileSync, readdirSync } from 'node:fs';
import { beforeEach, describe, expect, test } from 'vitest';
import { parseExportText } from '../../addin/import/parse-export.js';
import { existingEarnings, planImport } from '../../addin/import/plan-import.js';
import { importExports, loadWorkbook, saveSettings, setUpWorkbook, SheetFullError, SheetNotTableError, writeBalances } from '../../addin/taskpane/workbook-ops.js';
import { errorText } from '../../addin/taskpane/error-text.js';
import { createLocale } from '../../addin/i18n/locale.js';
import { isoDate } from '../../core/calendar/calendar-date.js';
import { EARNINGS_COLUMNS, PROGRAMS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { fake } from './fake-excel.js';

const headers = EARNINGS_COLUMNS.map((c) => c.name);
const HEADER = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,customColumn';

describe('reading an export', () => {
  test('finds a header below a title block and numbers rows by file line', () => {
    const text = `Earnings - Default\r\nDate range: x\r\n${HEADER}\r\nE1,P1,Hosting,Co-op,10.00,10.00,2021-01-05,USD,a\r\n"E2",P1,Hosting,Co-op,"1,234.50",1234.50,1/6/2021,USD,"multi\r\nline"\r\nE3,P1,Hosting,Co-op,5,5,2021-01-07,USD,b\r\n`;
    const parsed = parseExportText('x.csv', text);
    expect(parsed.headers[0]).toBe('earningId');
    expect(parsed.lines).toEqual([4, 5, 7]);
    expect(parsed.rows[1]![8]).toBe('multi\r\nline');
  });

  test('a file without an earningId header says so', () => {
    expect(parseExportText('x.csv', 'a,b\n1,2\n').errors.map((e) => e.code)).toEqual(['header_not_found']);
  });
});

describe('planning an import', () => {
  const file = (name: string, body: string) => parseExportText(name, `${HEADER}\n${body}`);

  test('lists every problem of a refused row, each in its column, and counts the row once', () => {
    const plan = planImport(headers, new Map(), [file('a.csv', ['E1,P1,Hosting,Co-op,12.5O,1,2021-02-30,USD,x', 'E2,,Hosting,Co-op,1,1,2021-01-05,EURO,x'].join('\n'))], undefined, { dateSystem: '1900' });
    expect(plan.rejected.map((r) => [r.line, r.code, r.column])).toEqual([
      [2, 'invalid_amount', 'earningAmount'],
      [2, 'invalid_date', 'earningDate'],
      [3, 'missing_field', 'participantId'],
      [3, 'invalid_currency', 'transactionCurrency'],
    ]);
    expect(plan.files.map((f) => [f.added, f.rejected])).toEqual([[0, 2]]);
  });

  test('reports added, skipped and rejected rows with their lines, and adds unknown columns', () => {
    const held = existingEarnings({ headers: HEADER.split(','), rows: [['E0', 'P1', 'Hosting', 'Co-op', 1, 1, '2021-01-05', 'USD', 'x']], rowNumbers: [2], dateSystem: '1900' });
    const plan = planImport(headers, held, [
      file(
        'a.csv',
        [
          'E0,P1,Hosting,Co-op,1,1,2021-01-05,USD,x', // line 2: already in the workbook
          'E1,P1,Hosting,Co-op,(12.50),-12.50,2021-01-05,USD,x',
          'E1,P1,Hosting,Co-op,(12.50),-12.50,2021-01-05,USD,x', // identical repeat
          'E2,P1,Hosting,Co-op,12.5O,1,2021-01-05,USD,x', // letter O
          'E3,P1,Hosting,Co-op,1,1,2021-02-30,USD,x', // no such day
          'E4,P1,Hosting,Co-op,1,1,2021-01-05,US,x',
          'E1,P1,Hosting,Co-op,99,99,2021-01-05,USD,x', // same id, other facts: appended, and counts from now on
          'E5,P1,Hosting',
          '=cmd,P1,Hosting,Co-op,1,1,2021-01-05,USD,@x',
        ].join('\n'),
      ),
    ], undefined, { dateSystem: '1900' });
    expect(plan.files).toEqual([{ file: 'a.csv', added: 3, updated: 0, skipped: 2, rejected: 4 }]);
    expect(plan.skipped.map((s) => [s.line, s.code, s.heldIn])).toEqual([[2, 'duplicate_earning', 'workbook'], [4, 'duplicate_earning', 'import']]);
    expect(plan.conflicts.map((c) => [c.line, c.earningId, c.heldIn])).toEqual([[8, 'E1', 'import']]);
    expect(plan.rejected.map((r) => [r.line, r.code, r.column ?? ''])).toEqual([
      [5, 'invalid_amount', 'earningAmount'],
      [6, 'invalid_date', 'earningDate'],
      [7, 'invalid_currency', 'transactionCurrency'],
      [9, 'ragged_row', 'earningType'],
    ]);
    expect(plan.newColumns).toEqual(['customColumn']);
    const first = plan.cells[0]!;
    expect(first[headers.indexOf('earningAmount')]).toBe(-12.5);
    expect(first[headers.indexOf('earningDate')]).toBe(44201);
    // Text that Excel would run is written with the quote prefix.
    expect(plan.cells[1]![headers.indexOf('earningAmount')]).toBe(99);
    expect(plan.cells[2]![0]).toBe("'=cmd");
    expect(plan.cells[2]![headers.length]).toBe("'@x");
  });

  test('a row the batch job refuses is refused too: an empty required text, a pay-to amount or currency that cannot be read', () => {
    const PAY = `${HEADER},lastPaymentCurrency,earningAmountInLastPaymentCurrency`;
    const plan = planImport(headers, new Map(), [
      parseExportText(
        'p.csv',
        [
          PAY,
          'E1,,Hosting,Co-op,1,1,2021-01-05,USD,x,,', // no participantId
          'E2,P1,,Co-op,1,1,2021-01-05,USD,x,,', // no programName
          'E3,P1,Hosting,,1,1,2021-01-05,USD,x,,', // no earningType
          'E4,P1,Hosting,Co-op,1,1,2021-01-05,USD,x,GBP,0.8O', // letter O in the pay-to amount
          'E5,P1,Hosting,Co-op,1,1,2021-01-05,USD,x,POUND,0.80',
          'E6,P1,Hosting,Co-op,1,1,2021-01-05,USD,x,gbp,0.80',
        ].join('\n'),
      ),
    ], undefined, { dateSystem: '1900' });
    expect(plan.rejected.map((r) => [r.line, r.code, r.column ?? ''])).toEqual([
      [2, 'missing_field', 'participantId'],
      [3, 'missing_field', 'programName'],
      [4, 'missing_field', 'earningType'],
      [5, 'invalid_amount', 'earningAmountInLastPaymentCurrency'],
      [6, 'invalid_currency', 'lastPaymentCurrency'],
    ]);
    const all = [...headers, ...plan.newColumns];
    expect(plan.cells.map((c) => c[all.indexOf('earningId')])).toEqual(['E6']);
  });

  test('a file missing a required column is rejected as a whole', () => {
    const parsed = parseExportText('b.csv', 'earningId,participantId\nE1,P1\n');
    const plan = planImport(headers, new Map(), [parsed], undefined, { dateSystem: '1900' });
    expect(plan.cells).toEqual([]);
    expect(plan.rejected.map((r) => r.code)).toContain('missing_column');
  });

  test('a missing column is reported on the line of the header, below the title lines an export starts with', () => {
    const text = 'Partner Center earnings\nExported 2021-03-01\nearningId,participantId,programName,earningType,earningAmount,earningDate\nE1,P1,Hosting,Co-op,10,2021-02-01\n';
    const plan = planImport(headers, new Map(), [parseExportText('c.csv', text)], undefined, { dateSystem: '1900' });
    expect(plan.rejected.map((r) => [r.line, r.code, r.column])).toEqual([[3, 'missing_column', 'transactionCurrency']]);
  });
});

describe('re-importing a download after a payment run', () => {
  // Real-shaped: CRLF, a quoted name with a comma, columns in another order than the table's.
  const COLUMNS = 'paymentDate,earningId,participantName,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,paymentId,paymentStatus';
  const download = (name: string, rows: string[]) => parseExportText(name, [COLUMNS, ...rows].join('\r\n') + '\r\n');
  const unpaid = download('earnings_2021-01_2021-06.csv', [
    ',E1,"Contoso, Ltd.",P1,Hosting,Co-op,10.00,11.30,2021-02-10,EUR,,Upcoming',
    ',E2,"Contoso, Ltd.",P1,Hosting,Co-op,20.00,22.60,2021-03-10,EUR,,Upcoming',
  ]);
  const paid = download('earnings_2021-01_2021-06_paid.csv', [
    '2021-08-15,E1,"Contoso, Ltd.",P1,Hosting,Co-op,10.0,11.30,2021-02-10,EUR,PAY-1,Sent',
    '2021-08-15,E2,"Contoso, Ltd.",P1,Hosting,Co-op,20.0,22.70,2021-03-10,EUR,PAY-1,Sent',
  ]);
  const tableOf = (files: ReturnType<typeof download>[]) => {
    const plan = planImport(headers, new Map(), files, undefined, { dateSystem: '1900' });
    const all = [...headers, ...plan.newColumns];
    // As a table set up at A1 reads them: the first row below the header is sheet row 2.
    return { headers: all, rows: plan.cells, rowNumbers: plan.cells.map((_, i) => i + 2), dateSystem: '1900' as const };
  };

  test('updates the rows the workbook holds with the newer download\'s version, a changed USD amount as restated', () => {
    const table = tableOf([unpaid]);
    const plan = planImport(table.headers, existingEarnings(table), [paid], undefined, { dateSystem: '1900' });
    expect(plan.cells).toEqual([]);
    expect(plan.rejected).toEqual([]);
    expect(plan.updates.map((u) => [u.index, u.earningId, u.kind, u.cells[table.headers.indexOf('paymentStatus')]])).toEqual([
      [0, 'E1', 'updated', 'Sent'],
      [1, 'E2', 'restated', 'Sent'],
    ]);
    expect(plan.files.map((f) => [f.added, f.updated, f.skipped])).toEqual([[0, 2, 0]]);
  });

  test('a held row updated by two files of one import is rewritten once: the newest version, restated when a later step restated it', () => {
    const table = tableOf([unpaid]);
    // E1: paid in the first file (an update), its USD amount corrected in the second (a restatement).
    const sent = download('earnings_sent.csv', ['2021-08-15,E1,"Contoso, Ltd.",P1,Hosting,Co-op,10.00,11.30,2021-02-10,EUR,PAY-1,Sent']);
    const corrected = download('earnings_corrected.csv', [
      '2021-09-15,E0,"Contoso, Ltd.",P1,Hosting,Co-op,5.00,5.65,2021-02-11,EUR,PAY-2,Sent',
      '2021-09-15,E1,"Contoso, Ltd.",P1,Hosting,Co-op,10.00,11.40,2021-02-10,EUR,PAY-1,Sent',
    ]);
    const plan = planImport(table.headers, existingEarnings(table), [sent, corrected], undefined, { dateSystem: '1900' });
    expect(plan.rejected).toEqual([]);
    const usd = table.headers.indexOf('earningAmountUSD');
    expect(plan.updates.map((u) => [u.index, u.earningId, u.kind, u.file, u.line, u.cells[usd]])).toEqual([
      [0, 'E1', 'restated', 'earnings_corrected.csv', 3, 11.4],
    ]);
    expect(plan.files.map((f) => [f.added, f.updated])).toEqual([[0, 1], [1, 1]]);
  });

  test('keeps the paid rows when the older download is imported again', () => {
    const table = tableOf([paid]);
    const plan = planImport(table.headers, existingEarnings(table), [unpaid], undefined, { dateSystem: '1900' });
    expect(plan.updates).toEqual([]);
    expect(plan.skipped.map((s) => [s.earningId, s.code, s.heldIn])).toEqual([['E1', 'earning_updated', 'workbook'], ['E2', 'earning_restated', 'workbook']]);
  });

  test.each([
    ['older first', [0, 1]],
    ['paid first', [1, 0]],
  ] as const)('in one import of both files (%s), the paid version is the one added', (_order, picks) => {
    const files = picks.map((i) => [unpaid, paid][i]!);
    const plan = planImport(headers, new Map(), files, undefined, { dateSystem: '1900' });
    const all = [...headers, ...plan.newColumns];
    expect(plan.cells.map((c) => [c[all.indexOf('earningId')], c[all.indexOf('paymentStatus')]])).toEqual([['E1', 'Sent'], ['E2', 'Sent']]);
    expect(plan.rejected).toEqual([]);
  });

  test('a repeat that names the program by an alias is the same earning, not a conflict', () => {
    const table = tableOf([unpaid]);
    const alias = download('alias.csv', ['2021-08-15,E1,"Contoso, Ltd.",P1,Hosting Program,Co-op,10.00,11.30,2021-02-10,EUR,PAY-1,Sent']);
    const plan = planImport(table.headers, existingEarnings(table), [alias], undefined, { dateSystem: '1900' });
    expect(plan.rejected).toEqual([]);
    expect(plan.updates.map((u) => [u.index, u.earningId, u.kind])).toEqual([[0, 'E1', 'updated']]);
  });

  test.each([
    ['held with its rate (written 1.130000), a re-download at another rate', true, ['restated', 'updated']],
    ['held in a table without an exchangeRate column, a re-download with one', false, ['updated', 'updated']],
  ] as const)('%s: %s', (_what, tableHasRate, kinds) => {
    const RATED = `${COLUMNS},exchangeRate`;
    const rated = (name: string, rows: string[]) => parseExportText(name, [RATED, ...rows].join('\r\n') + '\r\n');
    // Excel keeps a number written as text without the apostrophe that marks it (`'1.130000` reads back `1.130000`).
    const asExcelReadsIt = (t: ReturnType<typeof tableOf>) => ({ headers: t.headers, rowNumbers: t.rowNumbers, dateSystem: t.dateSystem, rows: t.rows.map((r) => r.map((c) => (typeof c === 'string' ? c.replace(/^'/, '') : c))) });
    const held = tableHasRate
      ? asExcelReadsIt(tableOf([rated('a.csv', [',E1,"Contoso, Ltd.",P1,Hosting,Co-op,10.00,11.30,2021-02-10,EUR,,Upcoming,1.130000', ',E2,"Contoso, Ltd.",P1,Hosting,Co-op,20.00,22.60,2021-03-10,EUR,,Upcoming,1.130000'])]))
      : tableOf([unpaid]);
    const later = rated('b.csv', [
      '2021-08-15,E1,"Contoso, Ltd.",P1,Hosting,Co-op,10.00,11.30,2021-02-10,EUR,PAY-1,Sent,1.14',
      '2021-08-15,E2,"Contoso, Ltd.",P1,Hosting,Co-op,20.00,22.60,2021-03-10,EUR,PAY-1,Sent,1.13',
    ]);
    const plan = planImport(held.headers, existingEarnings(held), [later], undefined, { dateSystem: '1900' });
    expect(plan.rejected).toEqual([]);
    expect(plan.updates.map((u) => u.kind)).toEqual(kinds);
  });

  test('a refused row does not make its download newer: a file is as recent as its accepted rows', () => {
    const table = tableOf([paid]);
    // An older download of E1 and E2 whose only late date is on a row core refuses (no participantId).
    const older = download('older.csv', [
      ',E1,"Contoso, Ltd.",P1,Hosting,Co-op,10.00,11.30,2021-02-10,EUR,,Upcoming',
      ',E2,"Contoso, Ltd.",P1,Hosting,Co-op,20.00,22.60,2021-03-10,EUR,,Upcoming',
      '2021-12-31,E9,"Contoso, Ltd.",,Hosting,Co-op,1.00,1.13,2021-12-31,EUR,PAY-9,Sent',
    ]);
    const plan = planImport(table.headers, existingEarnings(table), [older], undefined, { dateSystem: '1900' });
    expect(plan.rejected.map((r) => [r.line, r.code])).toEqual([[4, 'missing_field']]);
    expect(plan.updates).toEqual([]);
    expect(plan.skipped.map((s) => [s.earningId, s.code, s.heldIn])).toEqual([['E1', 'earning_updated', 'workbook'], ['E2', 'earning_restated', 'workbook']]);
  });

  test('on a tie with the workbook\'s version, the imported download is the newer', () => {
    const table = tableOf([unpaid]);
    // The same latest date (2021-03-10) as the held rows' download, with the payment filled in.
    const sameDay = download('same-day.csv', ['2021-03-10,E1,"Contoso, Ltd.",P1,Hosting,Co-op,10.00,11.30,2021-02-10,EUR,PAY-1,Sent']);
    const plan = planImport(table.headers, existingEarnings(table), [sameDay], undefined, { dateSystem: '1900' });
    expect(plan.updates.map((u) => [u.earningId, u.kind])).toEqual([['E1', 'updated']]);
  });

  test('other facts under a held earningId are appended beside the held row, which stays as it is', () => {
    const table = tableOf([unpaid]);
    const changed = download('x.csv', ['2021-08-15,E1,"Contoso, Ltd.",P1,Hosting,Co-op,11.00,11.30,2021-02-10,EUR,PAY-1,Sent']);
    const plan = planImport(table.headers, existingEarnings(table), [changed], undefined, { dateSystem: '1900' });
    expect(plan.rejected).toEqual([]);
    expect(plan.conflicts.map((c) => [c.file, c.line, c.earningId, c.heldIn])).toEqual([['x.csv', 2, 'E1', 'workbook']]);
    expect(plan.cells.map((row) => row[table.headers.indexOf('earningAmount')])).toEqual([11]);
    expect(plan.updates).toEqual([]);
    expect(plan.files.map((f) => [f.added, f.updated, f.skipped, f.rejected])).toEqual([[1, 0, 0, 0]]);
  });

  test('a later import meets the version that counts: the appended row of a conflict, not the first', () => {
    // The table after the import above: the held row, then the conflicting row appended below it.
    const conflicted = '2021-08-15,E1,"Contoso, Ltd.",P1,Hosting,Co-op,11.00,11.30,2021-02-10,EUR,PAY-1,Sent';
    const table = tableOf([unpaid, download('x.csv', [conflicted])]);
    expect(table.rows.map((row) => row[table.headers.indexOf('earningId')])).toEqual(['E1', 'E2', 'E1']);
    const again = download('again.csv', [conflicted]);
    const plan = planImport(table.headers, existingEarnings(table), [again], undefined, { dateSystem: '1900' });
    expect(plan.skipped.map((s) => [s.earningId, s.code, s.heldIn])).toEqual([['E1', 'duplicate_earning', 'workbook']]);
    expect(plan.cells).toEqual([]);
    expect(plan.conflicts).toEqual([]);
  });
});

describe('a held Earnings row core cannot read', () => {
  const COLUMNS = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency';
  const download = (name: string, rows: string[]) => parseExportText(name, [COLUMNS, ...rows].join('\r\n') + '\r\n');
  const table = (rows: unknown[][]) => ({ headers: COLUMNS.split(','), rows, rowNumbers: rows.map((_, i) => i + 2), dateSystem: '1900' as const });

  test('is rewritten by the first version an import brings of its earningId, never appended beside; a readable row of the id keeps the version', () => {
    const held = table([
      ['E1', 'P1', 'Hosting', 'Co-op', 'ten', 11.3, '2021-02-10', 'EUR'], // amount typed as a word
      ['E1', 'P1', 'Hosting', 'Co-op', 'eleven', 11.3, '2021-02-10', 'EUR'], // the id's second such row is left to the ledger
      ['E2', 'P1', 'Hosting', 'Co-op', 20, 22.6, '2021-03-10', 'EUR'],
      ['E2', 'P1', 'Hosting', 'Co-op', 20, 22.6, '2021-02-30', 'EUR'], // no such day, beside a row that reads
      ['', 'P1', 'Hosting', 'Co-op', 'x', 1, '2021-03-10', 'EUR'], // names no earning
    ]);
    const plan = planImport(held.headers, existingEarnings(held), [
      download('a.csv', ['E1,P1,Hosting,Co-op,10.00,11.30,2021-02-10,EUR', 'E2,P1,Hosting,Co-op,20.00,22.60,2021-03-10,EUR', 'E3,P1,Hosting,Co-op,5.00,5.65,2021-03-10,EUR']),
      download('b.csv', ['E1,P1,Hosting,Co-op,10.00,11.30,2021-02-10,EUR']),
    ], undefined, { dateSystem: '1900' });
    const at = (name: string) => held.headers.indexOf(name);
    expect(plan.updates.map((u) => [u.index, u.earningId, u.kind, u.file, u.line, u.cells[at('earningAmount')]])).toEqual([[0, 'E1', 'replaced', 'a.csv', 2, 10]]);
    // E2 meets the row that reads; E1 again in b.csv meets the version the rewrite holds.
    expect(plan.skipped.map((s) => [s.file, s.earningId, s.code, s.heldIn])).toEqual([
      ['a.csv', 'E2', 'duplicate_earning', 'workbook'],
      ['b.csv', 'E1', 'duplicate_earning', 'import'],
    ]);
    expect(plan.cells.map((row) => row[at('earningId')])).toEqual(['E3']);
    expect(plan.conflicts).toEqual([]);
    expect(plan.files.map((f) => [f.file, f.added, f.updated, f.skipped])).toEqual([['a.csv', 1, 1, 1], ['b.csv', 0, 0, 1]]);
    // To the ledger the rewrite is the earning's first version: no update or restatement is logged.
    expect(plan.logged.map((l) => [l.file, l.code, l.count])).toEqual([['a.csv', 'duplicate_earning', 1], ['b.csv', 'duplicate_earning', 1]]);
  });

  test('in the workbook: the problem that named the row is gone after a re-import, and the earning is on one row', async () => {
    fake.reset();
    await setUpWorkbook();
    const rows = ['E1,P1,Hosting,Co-op,10.00,11.30,2021-02-10,EUR', 'E2,P1,Hosting,Co-op,20.00,22.60,2021-03-10,EUR'];
    await importExports([download('earnings.csv', rows)], () => undefined);
    // A row mistyped by hand: its date is no date.
    fake.setCell(TABLES.earnings, 1, 'earningDate', '2021-02-30');
    const problems = async () => (await loadWorkbook()).ledger.problems.map((p) => [p.table, p.row, p.issues.map((i) => i.code)]);
    expect(await problems()).toEqual([[TABLES.earnings, 3, ['invalid_date']]]);
    const { plan } = await importExports([download('again.csv', rows)], () => undefined);
    expect(plan.files.map((f) => [f.added, f.updated, f.skipped])).toEqual([[0, 1, 1]]);
    const earnings = fake.tableValues(TABLES.earnings)!;
    expect(earnings.rows.map((r) => r[earnings.headers.indexOf('earningId')])).toEqual(['E1', 'E2']);
    expect(await problems()).toEqual([]);
  });
});

describe('an import that would not fit on its sheet', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `E${i},P1,Hosting,Co-op,1.00,1.13,2021-02-10,EUR`);
  const file = (n: number) => parseExportText('big.csv', ['earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency', ...rows(n)].join('\n'));

  test('is refused before anything is written, naming the table, its room and the rows to add; one that fits is written whole', async () => {
    fake.reset();
    await setUpWorkbook();
    await importExports([file(3)], () => undefined);
    // The team keeps the Earnings table low on its sheet: header on row 1,048,570, rows 1,048,571-573.
    fake.moveTable(TABLES.earnings, 1_048_569);
    const before = fake.tableValues(TABLES.earnings)!;
    const refused = importExports([file(7)], () => undefined);
    await expect(refused).rejects.toBeInstanceOf(SheetFullError);
    await expect(refused).rejects.toMatchObject({ table: TABLES.earnings, rows: 4, room: 3 });
    expect(errorText(createLocale('en-US'), await refused.catch((e: unknown) => e))).toBe(
      'The Earnings table has room on its sheet for 3 more rows, and this import would add 4: rows added to a table push down what is below it, and a worksheet ends at row 1,048,576. Nothing was imported. Move or clear what is below the table, move earlier halves to another workbook, or import fewer files at a time.',
    );
    expect(fake.tableValues(TABLES.earnings)).toEqual(before);
    expect(fake.tableValues(TABLES.importLog)).toBeNull();
    // Three new rows fill the sheet to its last row.
    const { written } = await importExports([file(6)], () => undefined);
    expect(written).toBe(3);
    expect(fake.tableValues(TABLES.earnings)!.rows).toHaveLength(6);
  });

  test('an empty table has room for its blank row too, which the first row fills', async () => {
    fake.reset();
    await setUpWorkbook();
    // Header on row 1,048,575, the blank row Excel made the table with on the sheet's last.
    fake.moveTable(TABLES.earnings, 1_048_574);
    const before = fake.tableValues(TABLES.earnings)!;
    const refused = importExports([file(2)], () => undefined);
    await expect(refused).rejects.toMatchObject({ name: 'SheetFullError', table: TABLES.earnings, rows: 2, room: 1 });
    expect(fake.tableValues(TABLES.earnings)).toEqual(before);
    const { written } = await importExports([file(1)], () => undefined);
    expect(written).toBe(1);
    const earnings = fake.tableValues(TABLES.earnings)!;
    expect(earnings.rows.map((r) => r[earnings.headers.indexOf('earningId')])).toEqual(['E0']);
  });

  /** Writes a cell of the Earnings table's sheet as the team would (0-based row and column); `format` alone leaves its value empty. */
  const putOnSheet = (row: number, column: number, cell: { value?: string; format?: string }) =>
    Excel.run(async (context) => {
      const range = context.workbook.tables.getItem(TABLES.earnings).worksheet.getRangeByIndexes(row, column, 1, 1);
      if (cell.value !== undefined) range.values = [[cell.value]];
      if (cell.format !== undefined) range.numberFormat = [[cell.format]];
      await context.sync();
    });
  const sheetValue = (row: number, column: number) =>
    Excel.run(async (context) => {
      const range = context.workbook.tables.getItem(TABLES.earnings).worksheet.getRangeByIndexes(row, column, 1, 1).load('values');
      await context.sync();
      return range.values[0]![0];
    });

  test('what is below the table in its columns is pushed down by the rows added and may not leave the sheet: room down to it only', async () => {
    fake.reset();
    await setUpWorkbook();
    // Header on row 1, rows 2-4.
    await importExports([file(3)], () => undefined);
    const width = fake.tableValues(TABLES.earnings)!.headers.length;
    // The team's note under the table, in its second column, on row 1,048,570; another right of
    // the table, on the sheet's last row, which the rows added do not move.
    await putOnSheet(1_048_569, 1, { value: 'note' });
    await putOnSheet(1_048_575, width, { value: 'beside' });
    const before = fake.tableValues(TABLES.earnings)!;
    // Seven new rows would push the note off the sheet.
    const refused = importExports([file(10)], () => undefined);
    await expect(refused).rejects.toMatchObject({ name: 'SheetFullError', table: TABLES.earnings, rows: 7, room: 6 });
    expect(fake.tableValues(TABLES.earnings)).toEqual(before);
    expect(fake.tableValues(TABLES.importLog)).toBeNull();
    expect(await sheetValue(1_048_569, 1)).toBe('note');
    // Six push it to the sheet's last row.
    const { written } = await importExports([file(9)], () => undefined);
    expect(written).toBe(6);
    expect(fake.tableValues(TABLES.earnings)!.rows).toHaveLength(9);
    expect(await sheetValue(1_048_575, 1)).toBe('note');
    expect(await sheetValue(1_048_575, width)).toBe('beside');
  });

  test('a cell below the table that holds only a format counts, as Excel will not push it off the sheet either', async () => {
    fake.reset();
    await setUpWorkbook();
    await importExports([file(3)], () => undefined);
    await putOnSheet(1_048_575, 0, { format: '0.00' });
    const refused = importExports([file(4)], () => undefined);
    await expect(refused).rejects.toMatchObject({ name: 'SheetFullError', table: TABLES.earnings, rows: 1, room: 0 });
    expect(fake.tableValues(TABLES.earnings)!.rows).toHaveLength(3);
    // Emptied to General, it is no cell in use, and the row is added.
    await putOnSheet(1_048_575, 0, { format: 'General' });
    expect((await importExports([file(4)], () => undefined)).written).toBe(1);
  });
});

// A sheet standing for a table has its header found by core's columns of that table
// (sheetHeaderColumns) in the import as in the ledger (docs/RULES.md, "Where a table is"): a title
// above the header is no header in either.
describe('an import beside plain sheets with a title above their header', () => {
  const EXPORT = `${HEADER}\nE1,P1,Hosting,Co-op,10.00,10.00,2021-01-05,USD,a\n`;
  async function sheetWithTitle(sheet: string, header: readonly string[], row: readonly (string | number)[]): Promise<void> {
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.add(sheet);
      ws.getRangeByIndexes(0, 0, 1, 1).values = [[`${sheet}, kept by hand`]];
      ws.getRangeByIndexes(2, 0, 1, header.length).values = [[...header]];
      ws.getRangeByIndexes(3, 0, 1, row.length).values = [[...row]];
      await context.sync();
    });
  }

  test('a Programs sheet: the import reads its programs below the title, as the ledger does, and imports', async () => {
    fake.reset();
    const programs = PROGRAMS_COLUMNS.map((c) => c.name);
    await sheetWithTitle('Programs', programs, programs.map((n) => ({ name: 'Hosting', thresholdUSD: 30000 })[n] ?? ''));
    await setUpWorkbook();
    await saveSettings({ asOf: isoDate('2022-02-10'), fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 'sheet-title' });
    await importExports([parseExportText('e.csv', EXPORT)], () => undefined);
    expect(fake.tableValues(TABLES.earnings)!.rows.length).toBe(1);
    const { ledger } = await loadWorkbook({ reread: true });
    expect(ledger.problems).toEqual([]);
    expect(ledger.balances.map((b) => b.thresholdUSD?.toFixed(2))).toEqual(['30000.00']);
  });

  test('an Earnings sheet: the import is refused because a sheet is not written to, not for its title read as a header; the ledger reads its rows', async () => {
    fake.reset();
    await sheetWithTitle('Earnings', headers, headers.map((n) => ({ earningId: 'E0', participantId: 'P1', programName: 'Hosting', earningType: 'Co-op', earningAmount: 5, earningAmountUSD: 5, earningDate: '2021-01-04', transactionCurrency: 'USD' })[n] ?? ''));
    await setUpWorkbook();
    await saveSettings({ asOf: isoDate('2022-02-10'), fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 'sheet-title' });
    // Not the title line read as the header (a RefusedTableError naming every column as missing).
    await expect(importExports([parseExportText('e.csv', EXPORT)], () => undefined)).rejects.toBeInstanceOf(SheetNotTableError);
    const { ledger } = await loadWorkbook({ reread: true });
    expect(ledger.problems).toEqual([]);
    expect(ledger.balances.map((b) => b.key.participantId)).toEqual(['P1']);
  });
});

describe('importing the bundled sample export', () => {
  beforeEach(() => fake.reset());
  const samples = () =>
    readdirSync('samples/earnings')
      .sort()
      .map((f) => parseExportText(f, readFileSync(`samples/earnings/${f}`, 'utf8')));

  // 73 rows: the November overlap repeats 4 earnings, the re-download after the payment run 12
  // (with payment fields filled in: the paid versions are the ones written).
  test('adds 57 earnings once; the overlap, the re-download and a second import add nothing', async () => {
    await setUpWorkbook();
    const first = await importExports(samples(), () => undefined);
    expect(first.written).toBe(57);
    expect(first.plan.skipped.length).toBe(4);
    expect(first.plan.rejected).toEqual([]);
    expect(first.plan.files.map((f) => f.updated)).toEqual([0, 12, 0, 0]);
    const again = await importExports(samples(), () => undefined);
    expect(again.written).toBe(0);
    expect(again.plan.skipped.length).toBe(73);
    expect(again.plan.updates).toEqual([]);
    expect(fake.tableValues(TABLES.earnings)!.rows.length).toBe(57);
    // Unknown export columns pass through as table columns.
    expect(fake.tableValues(TABLES.earnings)!.headers).toContain('partnerOneId');
  });
});

describe('an export with an earning type the ledger does not know', () => {
  beforeEach(() => fake.reset());

  test('is imported whole, and Recalculate warns once per type with its row count, as the batch job\'s report does', async () => {
    await setUpWorkbook();
    await saveSettings({ asOf: isoDate('2021-09-01'), fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 'test' });
    const text = [
      HEADER,
      'E1,P1,Hosting,Co-op,100,100,2021-03-05,USD,x',
      'E2,P1,Hosting,Cooop,20,20,2021-03-05,USD,x',
      'E3,P2,Hosting,cooop,5,5,2021-03-06,USD,x',
    ].join('\n');
    const imported = await importExports([parseExportText('march.csv', text)], () => undefined);
    expect(imported.written).toBe(3);
    expect(imported.plan.rejected).toEqual([]);
    // What the Recalculate button does: read every table again, compute, write Balances.
    const { ledger } = await loadWorkbook({ reread: true });
    await writeBalances(ledger);
    expect(ledger.findings.filter((f) => f.code === 'unknown_earning_type').map((f) => [f.severity, f.file, f.line, f.participantId, f.actual])).toEqual([
      // Sheet row 3 (the header is row 1), the export's line 3 too.
      ['warning', 'Earnings', 3, 'P1', '2'],
    ]);
    expect(fake.tableValues(TABLES.balances)!.rows).toHaveLength(1);
  });
});

describe('the pane has words for every problem the import reports', () => {
  test('each code a bad file gets, in rows or as a whole, has a message in every language', async () => {
    const { hasMessage, LANGUAGES, message } = await import('../../addin/i18n/messages.js');
    const { decodeExport } = await import('../../addin/import/decode-export.js');
    const { readExportFile } = await import('../../addin/import/read-export-file.js');
    const header = 'earningId,participantId,programName,earningType,earningAmount,earningDate,transactionCurrency';
    const good = 'E1,P1,Hosting,Co-op,100,2021-08-01,USD';
    const texts: Record<string, string> = {
      empty: '',
      headerOnly: `${header}\n`,
      noHeader: 'a,b\n1,2\n',
      missingColumn: 'earningId,participantId\nE1,P1\n',
      repeatedColumn: `${header},Earning Id\n${good},E1\n`,
      afterQuote: `${header}\n${good}\n"E2"x",P1,Hosting,Co-op,100,2021-08-01,USD\n`,
      unclosed: `${header}\n"E1,P1,Hosting,Co-op,100,2021-08-01,USD\n${good}\n`,
      ragged: `${header}\n${good},extra\n`,
      // The import names every problem of a refused row: one row per value here.
      badValues: `${header}\nE2,P1,Hosting,Co-op,abc,2021-08-01,USD\nE3,,Hosting,Co-op,1,2021-08-01,USD\nE4,P1,Hosting,Co-op,1,2021-02-30,USD\nE5,P1,Hosting,Co-op,1,2021-08-01,EURO\n`,
    };
    const codes = new Set<string>();
    for (const [name, text] of Object.entries(texts)) {
      const plan = planImport(EARNINGS_COLUMNS.map((c) => c.name), new Map(), [parseExportText(`${name}.csv`, text)], undefined, { dateSystem: '1900' });
      for (const r of [...plan.rejected, ...plan.warnings]) codes.add(r.code);
    }
    const bytes = { latin1: Uint8Array.from([...Buffer.from(`${header}\nE1,M`), 0xfc, ...Buffer.from('ller,Hosting\n')]), zipAsCsv: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]) };
    for (const [name, b] of Object.entries(bytes)) {
      const read = await readExportFile(Object.assign(new Blob([b]), { name: `${name}.csv` }));
      for (const parsed of read.parsed) for (const e of parsed.errors) codes.add(e.code);
      expect(decodeExport(b).ok, name).toBe(false);
    }
    // A text longer than the pane reads (a cap of 10 characters here, about 512 million in the pane).
    const long = decodeExport(Buffer.from(`${header}\n${good}\n`), 10);
    if (!long.ok) codes.add(long.code);
    // The cases reach every whole-file and row code, so the check below cannot pass by reaching none.
    expect([...codes].sort()).toEqual(
      expect.arrayContaining(['empty_file', 'no_rows', 'header_not_found', 'missing_column', 'duplicate_header', 'malformed_csv', 'unclosed_quote', 'ragged_row', 'invalid_amount', 'invalid_date', 'invalid_currency', 'missing_field', 'invalid_encoding', 'unsupported_file', 'file_too_large']),
    );
    for (const code of codes) {
      expect(hasMessage(`issue.${code}`), code).toBe(true);
      for (const language of LANGUAGES) expect(message(language, `issue.${code}` as never, { column: 'x', input: 'y' }), `${language} ${code}`).not.toMatch(/^issue\./);
    }

    // A zip's entries the import leaves out, and zips it refuses whole, are said by their code too.
    const { unzipExports } = await import('../../addin/import/unzip.js');
    const { makeZip } = await import('../support/make-zip.js');
    const zipCodes = new Set<string>();
    const zip = makeZip([{ name: '../up.csv', data: good }, { name: 'inner.zip', data: 'PK' }, { name: 'readme.pdf', data: '%PDF' }, { name: 'bomb.csv', data: 'x'.repeat(5000), declaredSize: 10 }]);
    for (const s of (await readExportFile(Object.assign(new Blob([new Uint8Array(zip)]), { name: 'export.zip' }))).skipped) zipCodes.add(s.code);
    for (const p of (await unzipExports(new Uint8Array(zip), { maxEntries: 2, maxTotalBytes: 1e6 })).problems) zipCodes.add(p.code);
    for (const p of (await unzipExports(new Uint8Array(zip), { maxEntries: 10, maxTotalBytes: 5 })).problems) zipCodes.add(p.code);
    for (const p of (await unzipExports(new Uint8Array(100))).problems) zipCodes.add(p.code);
    for (const p of (await unzipExports(new Uint8Array(makeZip([{ name: 'bomb.csv', data: 'x'.repeat(5000), declaredSize: 10 }])))).problems) zipCodes.add(p.code);
    expect([...zipCodes].sort()).toEqual(['zip_corrupt', 'zip_entry_not_csv', 'zip_nested', 'zip_too_large', 'zip_too_many_entries', 'zip_unsafe_path']);
    for (const code of zipCodes) {
      for (const language of LANGUAGES) expect(message(language, `zip.${code}` as never, { gigabytes: 4 }), `${language} ${code}`).not.toMatch(/^zip\.|\{/);
    }
  });
});
