import { beforeEach, describe, expect, test } from 'vitest';
import { OfficeMockObject } from 'office-addin-mock';
import { BALANCES_COLUMNS, CLAIMS_COLUMNS, EARNINGS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { ensureCoopTables, missingTables } from '../../addin/excel/workbook-setup.js';
import { appendRows, blocksOf, estimateRowBytes, readTables, replaceRows } from '../../addin/excel/table-io.js';
import { columnFormatsOf, NUMBER_FORMATS } from '../../core/number-formats.js';
import { amountFromCell, dateFromCell, textToCell } from '../../addin/excel/cell-values.js';
import { defaultProgramRows } from '../../addin/ledger/program-rows.js';
import { fake, run } from './fake-excel.js';

beforeEach(() => fake.reset());

describe('setting up the co-op workbook', () => {
  test('creates the five tables with core’s columns, number formats and validation lists', async () => {
    const result = await run((ctx) => ensureCoopTables(ctx, defaultProgramRows()));
    expect(result.created).toEqual(['Earnings', 'Programs', 'Claims', 'ClaimHistory', 'Balances']);
    expect(fake.tableValues(TABLES.earnings)!.headers).toEqual(EARNINGS_COLUMNS.map((c) => c.name));
    expect(fake.tableValues(TABLES.balances)!.headers).toEqual(BALANCES_COLUMNS.map((c) => c.name));
    expect(fake.tableFormats(TABLES.claims)[0]).toEqual(columnFormatsOf(CLAIMS_COLUMNS));
    const rules = fake.validations('Claims').map((v) => v.rule.list.source);
    expect(rules).toContain('Editing,Submitted,Under review,Approved,Rejected,Action required,Disputed');
    expect(rules).toContain('=INDIRECT("Programs[name]")');
    // Core reads other spellings (a status in Dutch, a program's alias): Excel only warns about them.
    expect(fake.validations('Claims').map((v) => v.errorAlert.style)).toEqual(['Warning', 'Warning']);
    expect(fake.tableValues(TABLES.programs)!.rows.length).toBe(defaultProgramRows().length);
  });

  test('running it again changes nothing', async () => {
    await run((ctx) => ensureCoopTables(ctx));
    const again = await run((ctx) => ensureCoopTables(ctx));
    expect(again.created).toEqual([]);
    expect(await run((ctx) => missingTables(ctx))).toEqual([]);
  });

  test('reports the tables a workbook lacks', async () => {
    expect(await run((ctx) => missingTables(ctx))).toEqual(['Earnings', 'Programs', 'Claims', 'ClaimHistory', 'Balances']);
  });
});

describe('block writes', () => {
  test('blocks are cut by estimated bytes and by row count', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [`row-${String(i).padStart(4, '0')}`, 'x'.repeat(100), i]);
    const bytes = estimateRowBytes(rows[0]!);
    const blocks = blocksOf(rows, bytes * 100, 20_000);
    expect(blocks.length).toBe(10);
    expect(blocksOf(rows, 1e12, 300).map((b) => b.length)).toEqual([300, 300, 300, 100]);
    expect(blocks.flat()).toEqual(rows);
  });

  test('appends in one sync per block, values then formats, and reads them back', async () => {
    await run((ctx) => ensureCoopTables(ctx));
    const rows = Array.from({ length: 2_500 }, (_, i) => ['A', `P-${i}`, 44197 + (i % 30)]);
    const widths = EARNINGS_COLUMNS.length;
    const full = rows.map((r) => [...r, ...Array(widths - r.length).fill('')]);
    const before = fake.model.syncs;
    const progress: number[] = [];
    await run((ctx) => appendRows(ctx, TABLES.earnings, full, { maxRows: 1000, formats: columnFormatsOf(EARNINGS_COLUMNS), onProgress: (n) => progress.push(n) }));
    expect(progress).toEqual([1000, 2000, 2500]);
    // One sync to learn the table, one per block, and Excel.run's closing sync.
    expect(fake.model.syncs - before).toBe(1 + 3 + 1);
    expect(fake.model.maxCellsPerSync).toBeLessThanOrEqual(1000 * widths);
    const table = (await run((ctx) => readTables(ctx, [TABLES.earnings], 64 * 1024))).get(TABLES.earnings)!;
    expect(table.rows.length).toBe(2_500);
    expect(table.rows[0]!.slice(0, 3)).toEqual(['A', 'P-0', 44197]);
    // The blank row of the fresh table was filled, not left above the data.
    expect(table.rowNumbers[0]).toBe(2);
    expect(fake.tableFormats(TABLES.earnings)[2_499]![7]).toBe(NUMBER_FORMATS.date);
  });

  test('replacing a table’s rows leaves exactly the new rows', async () => {
    await run((ctx) => ensureCoopTables(ctx));
    const row = (id: string) => [id, ...Array(BALANCES_COLUMNS.length - 1).fill('')];
    await run((ctx) => appendRows(ctx, TABLES.balances, [row('a'), row('b'), row('c')]));
    await run((ctx) => replaceRows(ctx, TABLES.balances, [row('d')]));
    expect(fake.tableValues(TABLES.balances)!.rows.map((r) => r[0])).toEqual(['d']);
  });

  test.each([['=HYPERLINK("http://x","y")'], ['+1'], ['-2'], ['@SUM(A1)'], ['\tx'], ['\rx'], ['00123']])(
    'text %j is written so Excel keeps it as text',
    async (text) => {
      await run((ctx) => ensureCoopTables(ctx));
      const cells = [textToCell(text), ...Array(EARNINGS_COLUMNS.length - 1).fill('')];
      await run((ctx) => appendRows(ctx, TABLES.earnings, [cells]));
      expect(fake.model.formulas).toEqual([]);
      expect(fake.tableValues(TABLES.earnings)!.rows[0]![0]).toBe(text);
    },
  );
});

describe('cells and decimals', () => {
  test.each([
    [0.1, '0.1'],
    [1234.56, '1234.56'],
    [-12.5, '-12.5'],
    ['1,234.50', '1234.5'],
    ['(12.50)', '-12.5'],
  ])('cell %j reads as the exact amount %s', (cell, expected) => {
    const r = amountFromCell(cell);
    expect(r.ok && r.value.toString()).toBe(expected);
  });

  test('Excel serials and typed dates become calendar dates', () => {
    expect(dateFromCell(44197, '1900')).toBe('2021-01-01');
    expect(dateFromCell('2021-02-16', '1900')).toBe('2021-02-16');
    expect(dateFromCell('x', '1900')).toBeNull();
  });
});

describe('with office-addin-mock', () => {
  /* office-addin-mock keeps each property "not loaded" until load() and sync(); methods are
   * plain functions that hand out child mocks of the same tree. */
  function mockWorkbook() {
    const added: unknown[][][] = [];
    const formats: unknown[][][] = [];
    const data = {
      context: {
        workbook: {
          tables: {
            // The mock cannot navigate into an array ('items/name'): load the items as a whole.
            load(this: OfficeMockObject) {
              OfficeMockObject.prototype.load.call(this, 'items');
              return this;
            },
            items: [{ name: 'Earnings' }],
            earnings: {
              header: { values: [['earningId', 'participantId']] },
              body: {
                rowCount: 3,
                columnCount: 2,
                rowIndex: 1,
                columnIndex: 0,
                block: { values: [['E1', 'P1'], ['', ''], ['E2', 'P2']] },
                firstRow: { values: [['E1', 'P1']] },
                getCell() {
                  return { getAbsoluteResizedRange: () => this.block };
                },
                getRow() {
                  return this.firstRow;
                },
              },
              getHeaderRowRange() {
                return this.header;
              },
              getDataBodyRange() {
                return this.body;
              },
              rows: { add: (_i: unknown, values: unknown[][]) => added.push(values) },
              worksheet: {
                getRangeByIndexes: () => ({
                  set numberFormat(v: unknown[][]) {
                    formats.push(v);
                  },
                }),
              },
            },
            getItem() {
              return this.earnings;
            },
          },
          worksheets: {
            load(this: OfficeMockObject) {
              OfficeMockObject.prototype.load.call(this, 'items');
              return this;
            },
            items: [{ name: 'Data' }],
          },
          // Excel's DATE(1904, 1, 2) in a 1900 workbook (date-system.ts).
          functions: {
            probe: { value: 1463, error: '' },
            date() {
              return this.probe;
            },
          },
        },
      },
    };
    const mock = new OfficeMockObject(data);
    // The mock's own sync is what marks loaded properties readable.
    const ctx = { workbook: mock.context.workbook, sync: () => mock.sync() } as unknown as Excel.RequestContext;
    return { mock, ctx, added, formats };
  }

  test('readTables loads header and body before reading them and drops blank rows', async () => {
    const { ctx } = mockWorkbook();
    const tables = await readTables(ctx, ['Earnings', 'Claims']);
    expect(tables.get('Claims')).toBeNull();
    const earnings = tables.get('Earnings')!;
    expect(earnings.headers).toEqual(['earningId', 'participantId']);
    expect(earnings.rows).toEqual([['E1', 'P1'], ['E2', 'P2']]);
    expect(earnings.rowNumbers).toEqual([2, 4]);
    // Asked in the sync that loads the tables' shapes.
    expect(earnings.dateSystem).toBe('1900');
  });

  test('reading a value that was never loaded fails, as in Excel', () => {
    const { mock } = mockWorkbook();
    const header = mock.context.workbook.tables.earnings.header;
    expect(() => JSON.stringify(header.values)).not.toThrow();
    expect(header.values).not.toEqual([['earningId', 'participantId']]);
  });

  test('appendRows adds rows in blocks and formats each block after its values', async () => {
    const { ctx, added, formats } = mockWorkbook();
    const rows = Array.from({ length: 5 }, (_, i) => [`E${i}`, 44197]);
    await appendRows(ctx, 'Earnings', rows, { maxRows: 2, formats: [null, 'yyyy-mm-dd'] });
    expect(added.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(formats.map((f) => f.length)).toEqual([2, 2, 1]);
    expect(formats[0]![0]).toEqual(['yyyy-mm-dd']);
  });
});
