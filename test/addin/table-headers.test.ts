/**
 * The add-in reads its tables' headers by core's one rule (docs/RULES.md, "Column headers"): a
 * header names a layout column whatever its case, spaces, `_` and `-`; a repeat is a
 * `duplicate_header` and the first of the two is the column; a required column missing is one
 * `missing_column`, not a problem on every row.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { computeLedger } from '../../addin/ledger/workbook-ledger.js';
import { existingEarnings, planImport } from '../../addin/import/plan-import.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import { importExports, setUpWorkbook } from '../../addin/taskpane/workbook-ops.js';
import { amountFormatCode, NUMBER_FORMATS } from '../../core/number-formats.js';
import { isoDate, toExcelSerial } from '../../core/calendar/calendar-date.js';
import { DEFAULT_SETTINGS } from '../../core/settings.js';
import { DOWNLOAD_LATEST_COLUMN, EARNINGS_COLUMNS, IMPORT_ORDER_COLUMN, TABLES } from '../../core/workbook-layout.js';
import { fake } from './fake-excel.js';

const LAYOUT = EARNINGS_COLUMNS.map((c) => c.name);
const asOf = isoDate('2021-09-01');
const date = toExcelSerial(isoDate('2021-03-15'), '1900');
const EARNING: Readonly<Record<string, unknown>> = {
  earningId: 'E1', participantId: 'P1', programName: 'Hosting', earningType: 'Co-op', earningAmount: 100, earningAmountUSD: 100, earningDate: date, transactionCurrency: 'USD',
};
const row = (headers: readonly string[], values: Readonly<Record<string, unknown>>) => headers.map((h) => values[h] ?? '');
const ledgerOf = (headers: readonly string[], rows: unknown[][]) =>
  computeLedger({ earnings: { name: 'Earnings', headers: [...headers], rows, rowNumbers: rows.map((_, i) => i + 2), dateSystem: '1900' as const }, programs: null, claims: null }, { asOf, settings: DEFAULT_SETTINGS });
const titleWords = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

describe('the Earnings table\'s header', () => {
  test('headers spelled in title words are the layout\'s columns: the pool is the one the layout names give', () => {
    const spelled = LAYOUT.map(titleWords);
    expect(spelled).toContain('Earning Amount USD');
    const ledger = ledgerOf(spelled, [row(LAYOUT, EARNING)]);
    expect(ledger.problems).toEqual([]);
    expect(ledger.balances.map((b) => [b.key.participantId, b.coopEarned.toFixed()])).toEqual([['P1', '100']]);
  });

  test('Earning Amount beside earningAmount is one duplicate_header, and the table is refused: which is the amount cannot be known', () => {
    const headers = [...LAYOUT, 'Earning Amount'];
    const ledger = ledgerOf(headers, [[...row(LAYOUT, EARNING), 999]]);
    expect(ledger.problems.map((p) => [p.table, p.row, p.issues.map((i) => [i.code, i.input])])).toEqual([['Earnings', 0, [['duplicate_header', 'Earning Amount']]]]);
    expect(ledger.refusedTable).toBe('Earnings');
    expect(ledger.balances).toEqual([]);
  });

  test('a table without transactionCurrency is one missing_column, and no row is read', () => {
    const headers = LAYOUT.filter((h) => h !== 'transactionCurrency');
    const ledger = ledgerOf(headers, [row(headers, EARNING), row(headers, { ...EARNING, earningId: 'E2' })]);
    expect(ledger.problems.map((p) => [p.table, p.row, p.issues.map((i) => [i.code, i.input])])).toEqual([['Earnings', 0, [['missing_column', 'transactionCurrency']]]]);
    expect(ledger.refusedTable).toBe('Earnings');
    expect(ledger.balances).toEqual([]);
  });
});

describe('importing into an Earnings table whose headers are spelled otherwise', () => {
  // An export has every layout column but the two the import records a row's download and reading order in.
  const EXPORT = `${LAYOUT.filter((c) => c !== DOWNLOAD_LATEST_COLUMN && c !== IMPORT_ORDER_COLUMN).join(',')}\nE1,P1,,Hosting,Co-op,12.50,12.50,2021-03-15,USD,T1,Core,,,,,,,\n`;

  test('an export column goes to the first of two table headers that name it, where the ledger reads it', () => {
    const tableHeaders = [...LAYOUT, 'Earning Amount'];
    const plan = planImport(tableHeaders, existingEarnings({ headers: tableHeaders, rows: [], rowNumbers: [], dateSystem: '1900' as const }), [parseExportText('a.csv', EXPORT)], undefined, { dateSystem: '1900' });
    expect(plan.newColumns).toEqual([]);
    expect(plan.cells).toHaveLength(1);
    expect(plan.cells[0]![LAYOUT.indexOf('earningAmount')]).toBe(12.5);
    expect(plan.cells[0]![LAYOUT.length]).toBe('');
  });

  test('an export that repeats a column in another spelling is refused as duplicate_header, as the batch job refuses it', () => {
    const text = `${[...LAYOUT, 'Earning ID'].join(',')}\nE1,P1,,Hosting,Co-op,12.50,12.50,2021-03-15,USD,T1,Core,,,,,,,,E1\n`;
    const plan = planImport(LAYOUT, new Map(), [parseExportText('a.csv', text)], undefined, { dateSystem: '1900' });
    expect(plan.rejected.map((r) => [r.code, r.line, r.input])).toEqual([['duplicate_header', 1, 'Earning ID']]);
    expect(plan.cells).toEqual([]);
  });

  describe('on the workbook', () => {
    beforeEach(async () => {
      fake.reset();
      await setUpWorkbook();
    });

    test('cells get the number format of the layout column their header names (Earning Date is a date)', async () => {
      await Excel.run(async (context) => {
        context.workbook.tables.getItem(TABLES.earnings).getHeaderRowRange().values = [LAYOUT.map(titleWords)];
        await context.sync();
      });
      await importExports([parseExportText('a.csv', EXPORT)], () => undefined);
      const formats = fake.tableFormats(TABLES.earnings).at(-1)!;
      expect(formats[LAYOUT.indexOf('earningDate')]).toBe(NUMBER_FORMATS.date);
      expect(formats[LAYOUT.indexOf('earningAmount')]).toBe(amountFormatCode('USD'));
      expect(formats[LAYOUT.indexOf('participantId')]).toBe(NUMBER_FORMATS.text);
    });
  });
});
