import { afterEach, describe, expect, test } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { plainCellValue, readWorkbookTable } from '../../../batch/input/read-workbook-table.js';
import { isoDate, toExcelSerial } from '../../../core/calendar/calendar-date.js';
import { CLAIMS_COLUMNS } from '../../../core/workbook-layout.js';
import { cellValueText } from '../../../core/tables/cell-value-text.js';
import { tempDirs } from '../../support/temp-dir.js';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

/** Puts `values` into row `row`, from column A on. */
function putRow(ws: ExcelJS.Worksheet, row: number, values: ExcelJS.CellValue[]): void {
  values.forEach((v, i) => {
    ws.getRow(row).getCell(i + 1).value = v;
  });
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

async function coopWorkbook(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet('Notes');
  notes.getCell('A1').value = 'not a table';
  const ws = wb.addWorksheet('Register');
  ws.getCell('A1').value = 'Claims register FY22';
  ws.addTable({
    name: 'Claims',
    ref: 'B3',
    headerRow: true,
    totalsRow: true,
    columns: [
      { name: 'claimId' },
      { name: 'amountClaimed', totalsRowFunction: 'sum' },
      { name: 'activityStart' },
      { name: 'csrs' },
      { name: 'notes' },
    ],
    rows: [
      ['C-1', 1234.56, utc(2021, 1, 5), true, 'first'],
      ['C-2', 0.1, utc(2021, 12, 31), false, { richText: [{ text: 'rich ' }, { text: 'text' }] }],
      [null, null, null, null, null],
      ['C-3', 1e-7, utc(2022, 2, 28), 3, { formula: 'B5&"x"', result: 'C-2x' }],
      ['C-4', -12.5, utc(2021, 7, 1), 0, { text: 'link', hyperlink: 'https://example.com' }],
    ],
  });
  const path = join(dir, 'coop.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

describe('readWorkbookTable', () => {
  test('reads an Excel table by name as exact text with sheet row locations', async () => {
    const path = await coopWorkbook(await dirs.make());
    const result = await readWorkbookTable(path, 'claims', CLAIMS_COLUMNS);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.table.source).toBe('table');
    expect(result.table.sheet).toBe('Register');
    expect(result.table.headers).toEqual(['claimId', 'amountClaimed', 'activityStart', 'csrs', 'notes']);
    expect(result.table.rows.map((r) => [r.location.row, r.values])).toEqual([
      [4, { claimId: 'C-1', amountClaimed: '1234.56', activityStart: '2021-01-05', csrs: 'true', notes: 'first' }],
      [5, { claimId: 'C-2', amountClaimed: '0.1', activityStart: '2021-12-31', csrs: 'false', notes: 'rich text' }],
      [7, { claimId: 'C-3', amountClaimed: '0.0000001', activityStart: '2022-02-28', csrs: '3', notes: 'C-2x' }],
      [8, { claimId: 'C-4', amountClaimed: '-12.5', activityStart: '2021-07-01', csrs: '0', notes: 'link' }],
    ]);
    expect(result.problems).toEqual([]);
  });

  test('falls back to a sheet of that name whose first non-empty row is the header', async () => {
    const dir = await dirs.make();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Programs');
    putRow(ws, 2, ['name', 'coopShare', 'thresholdUSD', 'coopClaims']);
    putRow(ws, 3, ['Hosting', 0.4, 1500, true]);
    putRow(ws, 4, ['CSP Indirect Reseller', 0.25, 10000, false]);
    const path = join(dir, 'p.xlsx');
    await wb.xlsx.writeFile(path);
    const result = await readWorkbookTable(path, 'Programs');
    expect(result.ok && result.table.source).toBe('sheet');
    expect(result.ok && result.table.rows).toEqual([
      { values: { name: 'Hosting', coopShare: '0.4', thresholdUSD: '1500', coopClaims: 'true' }, cells: ['Hosting', '0.4', '1500', 'true'], location: { sheet: 'Programs', row: 3 } },
      {
        values: { name: 'CSP Indirect Reseller', coopShare: '0.25', thresholdUSD: '10000', coopClaims: 'false' },
        cells: ['CSP Indirect Reseller', '0.25', '10000', 'false'],
        location: { sheet: 'Programs', row: 4 },
      },
    ]);
  });

  test('a row whose cells hold only spaces is blank and skipped, as the add-in skips it', async () => {
    const dir = await dirs.make();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Claims');
    putRow(ws, 1, ['claimId', 'amount', 'notes']);
    putRow(ws, 2, ['C-1', 12, 'x']);
    putRow(ws, 3, [' ', '  ', '\t']);
    putRow(ws, 4, ['C-2', 13, ' ']);
    const path = join(dir, 'c.xlsx');
    await wb.xlsx.writeFile(path);
    const result = await readWorkbookTable(path, 'Claims');
    expect(result.ok && result.table.rows.map((r) => r.location.row)).toEqual([2, 4]);
  });

  test('reports a workbook without that table or sheet as table_not_found', async () => {
    const path = await coopWorkbook(await dirs.make());
    const result = await readWorkbookTable(path, 'Programs');
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'table_not_found', input: 'Programs' }] });
  });

  test('reports a file that is not a workbook as workbook_unreadable', async () => {
    const path = join(await dirs.make(), 'fake.xlsx');
    await writeFile(path, 'claimId,amount\nC-1,12\n');
    const result = await readWorkbookTable(path, 'Claims');
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'workbook_unreadable' }] });
  });

  test('reports duplicate headers and formulas without a cached result with their cells', async () => {
    const dir = await dirs.make();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Claims');
    putRow(ws, 1, ['claimId', 'ClaimID', 'amount']);
    putRow(ws, 2, ['C-1', 'C-1b', { formula: 'SUM(1,2)' } as ExcelJS.CellFormulaValue]);
    const path = join(dir, 'c.xlsx');
    await wb.xlsx.writeFile(path);
    const result = await readWorkbookTable(path, 'Claims');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.problems.map((p) => [p.code, p.location, p.input])).toEqual([
      ['duplicate_header', { sheet: 'Claims', row: 1, column: 2 }, 'ClaimID'],
      ['formula_without_result', { sheet: 'Claims', row: 2, column: 3 }, 'SUM(1,2)'],
    ]);
    expect(result.table.rows[0]!.values).toEqual({ claimId: 'C-1', amount: '' });
  });
});

describe('plainCellValue', () => {
  const serial = (date: string) => toExcelSerial(isoDate(date), '1900')!;
  test.each<[string, ExcelJS.CellValue, unknown]>([
    ['a number', 0.1 + 0.2, 0.30000000000000004],
    ['text', 'C-1', 'C-1'],
    ['a boolean', true, true],
    ['an empty cell', null, null],
    ['a date-formatted cell', utc(2021, 2, 16), serial('2021-02-16')],
    ['a date before 1900-03-01', utc(1900, 1, 1), 2],
    ['rich text', { richText: [{ text: 'rich ' }, { text: 'text' }] } as ExcelJS.CellRichTextValue, 'rich text'],
    ['an error', { error: '#N/A' } as ExcelJS.CellErrorValue, '#N/A'],
    ['a formula with a date result', { formula: 'A1', result: utc(2021, 3, 1) } as ExcelJS.CellFormulaValue, serial('2021-03-01')],
    ['a hyperlink', { text: 'link', hyperlink: 'https://example.com' } as ExcelJS.CellHyperlinkValue, 'link'],
  ])('gives %s as Excel holds it', (_name, value, plain) => {
    expect(plainCellValue(value, '1900').value).toBe(plain);
  });

  test('gives back the serial a cell holds whatever its day, and core reads it as Excel shows it, the first two months of 1900 included', () => {
    // exceljs makes a cell's Date counting every serial from 1899-12-30, Excel's 1900-02-29 ignored.
    const asExceljsReads = (held: number) => new Date((held - 25_569) * 86_400_000);
    const read = [1, 59, 61, 44_243].map((held) => {
      const plain = plainCellValue(asExceljsReads(held), '1900').value;
      return [plain, cellValueText(plain, 'date', '1900')];
    });
    expect(read).toEqual([[1, '1900-01-01'], [59, '1900-02-28'], [61, '1900-03-01'], [44_243, '2021-02-16']]);
  });

  test('gives a date with a time as the serial with the time of day as its fraction', () => {
    expect(plainCellValue(new Date(Date.UTC(2021, 1, 16, 18, 0, 0)), '1900').value).toBe(serial('2021-02-16') + 0.75);
  });

  test('gives a date-formatted cell of a 1904 workbook as its serial in that system', () => {
    // exceljs counts a 1904 workbook's serial from 1904-01-01 when it makes the Date.
    expect(plainCellValue(utc(2021, 1, 1), '1904').value).toBe(42_735);
    expect(plainCellValue({ formula: 'A1', result: utc(1904, 1, 1) } as ExcelJS.CellFormulaValue, '1904').value).toBe(0);
  });

  test('gives a formula without a cached result as no value, and the formula', () => {
    expect(plainCellValue({ formula: 'SUM(1,2)' } as ExcelJS.CellFormulaValue, '1900')).toEqual({ value: null, formulaWithoutResult: 'SUM(1,2)' });
  });
});

describe('readWorkbookTable with a layout', () => {
  test.each(['UTC', 'America/New_York', 'Pacific/Auckland'])(
    'reads a General-formatted serial and a date-formatted date in a date column as the same day under TZ=%s',
    async (zone) => {
      const dir = await dirs.make();
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Claims');
      putRow(ws, 1, ['claimId', 'Activity Start', 'activityEnd', 'notes']);
      putRow(ws, 2, ['C-1', 44562, utc(2022, 1, 1), 44562]);
      putRow(ws, 3, ['C-2', 44562.75, new Date(Date.UTC(2022, 0, 1, 18)), 0]);
      putRow(ws, 4, ['C-3', 0, '2022-01-01', true]);
      const path = join(dir, 'c.xlsx');
      await wb.xlsx.writeFile(path);
      const saved = process.env.TZ;
      process.env.TZ = zone;
      try {
        const result = await readWorkbookTable(path, 'Claims', CLAIMS_COLUMNS);
        expect(result.ok && result.table.rows.map((r) => r.cells)).toEqual([
          ['C-1', '2022-01-01', '2022-01-01', '44562'],
          ['C-2', '2022-01-01', '2022-01-01', '0'],
          // 0 is no date in Excel: its digits, for the claim parser to refuse as a date.
          ['C-3', '0', '2022-01-01', 'true'],
        ]);
        // A layout column under the layout's name (`Activity Start` is `activityStart`), as the add-in keys it; any other as written.
        expect(result.ok && result.table.rows[0]!.values).toEqual({ claimId: 'C-1', activityStart: '2022-01-01', activityEnd: '2022-01-01', notes: '44562' });
      } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      }
    },
  );

  test('reads the date cells of a 1904 workbook in its own date system, General-formatted serials and date-formatted dates alike', async () => {
    const dir = await dirs.make();
    // The same register in either date system: a date-formatted date, and the date's serial in that system typed as a General number.
    const write = async (date1904: boolean) => {
      const wb = new ExcelJS.Workbook();
      wb.properties.date1904 = date1904;
      const ws = wb.addWorksheet('Register');
      const serial = (date: string) => toExcelSerial(isoDate(date), date1904 ? '1904' : '1900')!;
      ws.addTable({
        name: 'Claims',
        ref: 'A1',
        headerRow: true,
        columns: [{ name: 'claimId' }, { name: 'activityStart' }, { name: 'activityEnd' }, { name: 'notes' }],
        rows: [
          ['C-1', serial('2021-01-01'), utc(2021, 1, 1), serial('2021-01-01')],
          ['C-2', serial('2022-02-28') + 0.75, new Date(Date.UTC(2022, 1, 28, 18)), 'x'],
        ],
      });
      const path = join(dir, `claims-${date1904 ? 1904 : 1900}.xlsx`);
      await wb.xlsx.writeFile(path);
      return path;
    };
    const path1904 = await write(true);
    const result = await readWorkbookTable(path1904, 'Claims', CLAIMS_COLUMNS);
    expect(result.ok && result.table.rows.map((r) => r.cells)).toEqual([
      // A number outside a date column is its digits: the 1904 serial as the cell holds it.
      ['C-1', '2021-01-01', '2021-01-01', '42735'],
      ['C-2', '2022-02-28', '2022-02-28', 'x'],
    ]);
    const in1900 = await readWorkbookTable(await write(false), 'Claims', CLAIMS_COLUMNS);
    const dates = (read: typeof result) => read.ok && read.table.rows.map((r) => [r.values.activityStart, r.values.activityEnd]);
    expect(dates(in1900)).toEqual(dates(result));
    // What the file holds: the 1904 serial, which Excel for Mac shows as 2021-01-01.
    const raw = new ExcelJS.Workbook();
    await raw.xlsx.readFile(path1904);
    expect(raw.properties.date1904).toBe(true);
    expect(raw.getWorksheet('Register')!.getCell('B2').value).toBe(42_735);
  });

  test('reads a 1904 workbook\'s sheet standing for the Claims table: 0 is 1904-01-01, a negative number no date', async () => {
    const dir = await dirs.make();
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('Claims');
    putRow(ws, 1, ['claimId', 'activityStart', 'activityEnd']);
    putRow(ws, 2, ['C-1', 0, -1]);
    const path = join(dir, 'c.xlsx');
    await wb.xlsx.writeFile(path);
    const result = await readWorkbookTable(path, 'Claims', CLAIMS_COLUMNS);
    expect(result.ok && result.table.rows[0]!.values).toEqual({ claimId: 'C-1', activityStart: '1904-01-01', activityEnd: '-1' });
  });

  test('reads every column as text without a layout', async () => {
    const dir = await dirs.make();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Claims');
    putRow(ws, 1, ['claimId', 'activityStart']);
    putRow(ws, 2, ['C-1', 44562]);
    const path = join(dir, 'c.xlsx');
    await wb.xlsx.writeFile(path);
    const result = await readWorkbookTable(path, 'Claims');
    expect(result.ok && result.table.rows[0]!.values).toEqual({ claimId: 'C-1', activityStart: '44562' });
  });
});
