import { afterEach, describe, expect, test } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { cellToText, readWorkbookTable } from '../../../batch/input/read-workbook-table.js';
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
    const result = await readWorkbookTable(path, 'claims');
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
      { values: { name: 'Hosting', coopShare: '0.4', thresholdUSD: '1500', coopClaims: 'true' }, location: { sheet: 'Programs', row: 3 } },
      { values: { name: 'CSP Indirect Reseller', coopShare: '0.25', thresholdUSD: '10000', coopClaims: 'false' }, location: { sheet: 'Programs', row: 4 } },
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

describe('cellToText', () => {
  test.each<[ExcelJS.CellValue, string]>([
    [0.1, '0.1'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e21, '1000000000000000000000'],
    [-0, '0'],
    [utc(2021, 2, 16), '2021-02-16'],
    [new Date(Date.UTC(2021, 1, 16, 13, 5, 0)), '2021-02-16T13:05:00'],
    [true, 'true'],
    [{ error: '#N/A' } as ExcelJS.CellErrorValue, '#N/A'],
    [{ formula: 'A1', result: utc(2021, 3, 1) } as ExcelJS.CellFormulaValue, '2021-03-01'],
    [null, ''],
  ])('turns %j into %j', (value, text) => {
    expect(cellToText(value).text).toBe(text);
  });
});
