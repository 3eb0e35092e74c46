/**
 * Where the Claims register is, one rule for both adapters (docs/RULES.md, "Where a table is"):
 * the same workbook shapes give the same claims drawn through the batch job (`--claims book.xlsx`,
 * exceljs) and through the add-in (the fake workbook): a table named `claims` or `CLAIMS` (Excel
 * table names ignore case), a plain `Claims` sheet with a title above its header, and a table Excel
 * named `Table1` on a sheet `Claims`. The add-in used to draw nothing from any of them. The same
 * for the Programs table: a table named `programs` and a plain `Programs` sheet, with a title above
 * its header or not, give both the same threshold.
 */
import { afterAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { fake } from '../addin/fake-excel.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import { importExports, loadWorkbook, saveSettings, setUpWorkbook } from '../../addin/taskpane/workbook-ops.js';
import { replaceRows } from '../../addin/excel/table-io.js';
import type { CellValue } from '../../addin/excel/cell-values.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { Dec } from '../../core/money/decimal.js';
import { PROGRAMS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { AS_OF, batchOnBook, CLAIM_CELLS, CLAIM_TEXTS, CLAIMS_HEADER, exportText, removeFolders } from './workbook-book.js';

const folders: string[] = [];
afterAll(() => removeFolders(folders));
const EARNINGS_CSV = exportText('E1');

/** A workbook shape: where the register (or the Programs table) is, written once for exceljs and once for the fake workbook. */
interface Shape {
  readonly name: string;
  /** The table in an exceljs workbook, for `--claims book.xlsx` or `--programs book.xlsx`. */
  book(wb: ExcelJS.Workbook): void;
  /** The table in the fake workbook, before "Set up workbook" runs (which must leave it as it is). */
  before?(context: Excel.RequestContext): Promise<void>;
  /** The table in the fake workbook, after set-up. */
  after?(context: Excel.RequestContext): Promise<void>;
}

const excelTable = (wb: ExcelJS.Workbook, sheet: string, name: string) =>
  wb.addWorksheet(sheet).addTable({ name, ref: 'A1', headerRow: true, columns: CLAIMS_HEADER.map((n) => ({ name: n })), rows: [CLAIM_TEXTS] });

/** Set-up's Claims table, renamed as a user might (Excel keeps one table per name, whatever its case). */
const renamedTable = (name: string) => async (context: Excel.RequestContext) => {
  context.workbook.tables.getItem(TABLES.claims).name = name;
  await context.sync();
  await replaceRows(context, name, [CLAIM_CELLS]);
};

/** A plain sheet's rows, written from A1. */
async function plainSheet(context: Excel.RequestContext, sheet: string, rows: readonly (readonly CellValue[])[]): Promise<Excel.Worksheet> {
  const ws = context.workbook.worksheets.add(sheet);
  rows.forEach((row, r) => {
    if (row.length > 0) ws.getRangeByIndexes(r, 0, 1, row.length).values = [[...row]];
  });
  await context.sync();
  return ws;
}

const SHAPES: readonly Shape[] = [
  { name: 'a table named claims', book: (wb) => excelTable(wb, 'Register', 'claims'), after: renamedTable('claims') },
  { name: 'a table named CLAIMS', book: (wb) => excelTable(wb, 'Register', 'CLAIMS'), after: renamedTable('CLAIMS') },
  {
    name: 'a plain Claims sheet with a title above its header',
    book: (wb) => {
      const ws = wb.addWorksheet('Claims');
      ws.addRow(['Co-op claims register']);
      ws.addRow([]);
      ws.addRow(CLAIMS_HEADER);
      ws.addRow(CLAIM_TEXTS);
    },
    before: async (context) => void (await plainSheet(context, 'Claims', [['Co-op claims register'], [], CLAIMS_HEADER, CLAIM_CELLS])),
  },
  {
    name: 'a table Excel named Table1 on a sheet Claims',
    book: (wb) => excelTable(wb, 'Claims', 'Table1'),
    before: async (context) => {
      const ws = await plainSheet(context, 'Claims', [CLAIMS_HEADER, CLAIM_CELLS]);
      ws.tables.add(ws.getRangeByIndexes(0, 0, 2, CLAIMS_HEADER.length), true);
      await context.sync();
    },
  },
];

/** What a pool shows of its claims, and what is left: the numbers both adapters must agree on. */
interface Drawn {
  readonly claims: readonly string[];
  readonly pools: readonly (readonly string[])[];
}
const money = (v: { toString(): string } | string) => new Dec(String(v)).toFixed(2);

async function batchDrawn(shape: Shape): Promise<Drawn> {
  const wb = new ExcelJS.Workbook();
  shape.book(wb);
  const { csv } = await batchOnBook(wb, 'claims', folders);
  return {
    claims: csv('claims.csv').map((c) => c.claimId!),
    pools: csv('balances.csv').map((b) => [b.participantId!, b.earningPeriod!, money(b.claimsPending!), money(b.available!)]),
  };
}

async function addinDrawn(shape: Shape): Promise<Drawn> {
  fake.reset();
  if (shape.before) await Excel.run(shape.before);
  await setUpWorkbook();
  await saveSettings({ asOf: AS_OF as IsoDate, fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 'table-location' });
  await importExports([parseExportText('earnings.csv', EARNINGS_CSV)], () => undefined);
  if (shape.after) await Excel.run(shape.after);
  const { ledger } = await loadWorkbook({ reread: true });
  return {
    claims: ledger.claims.filter((c) => c.drawsOnPool).map((c) => c.claim.claimId),
    pools: ledger.balances.map((b) => [b.key.participantId, b.key.earningPeriod, money(b.claimsPending), money(b.available)]),
  };
}

describe('the Claims register is found by one rule in both adapters', () => {
  test.each(SHAPES)('$name: the batch job and the add-in draw the same claim on the same pool', async (shape) => {
    const batch = await batchDrawn(shape);
    const addin = await addinDrawn(shape);
    expect(batch.claims).toEqual(['C1']);
    expect(batch.pools).toEqual([['P1', 'FY22 H1', '1250.00', '18750.00']]);
    expect(addin).toEqual(batch);
  });
});

// ---- the Programs table, by the same rule ---------------------------------------------------------

const PROGRAMS_HEADER = PROGRAMS_COLUMNS.map((c) => c.name);
/** A threshold above the pool's USD 20,000, so the pool converts: a number both adapters show. */
const PROGRAM: Readonly<Record<string, string | number>> = { name: 'CSP Indirect Reseller', thresholdUSD: 30000 };
const PROGRAM_ROW = PROGRAMS_HEADER.map((n) => PROGRAM[n] ?? '');

const PROGRAMS_SHAPES: readonly Shape[] = [
  {
    name: 'a table named programs',
    book: (wb) => wb.addWorksheet('Policies').addTable({ name: 'programs', ref: 'A1', headerRow: true, columns: PROGRAMS_HEADER.map((name) => ({ name })), rows: [PROGRAM_ROW] }),
    after: async (context) => {
      context.workbook.tables.getItem(TABLES.programs).name = 'programs';
      await context.sync();
      await replaceRows(context, 'programs', [PROGRAM_ROW]);
    },
  },
  {
    name: 'a plain Programs sheet',
    book: (wb) => {
      const ws = wb.addWorksheet('Programs');
      ws.addRow(PROGRAMS_HEADER);
      ws.addRow(PROGRAM_ROW);
    },
    before: async (context) => void (await plainSheet(context, 'Programs', [PROGRAMS_HEADER, PROGRAM_ROW])),
  },
  {
    // Its header is found by core's columns of the Programs table (sheetHeaderColumns), in the
    // batch job, the add-in's ledger and its import alike: the title is no header in any of them.
    name: 'a plain Programs sheet with a title above its header',
    book: (wb) => {
      const ws = wb.addWorksheet('Programs');
      ws.addRow(['Co-op programs, FY22']);
      ws.addRow([]);
      ws.addRow(PROGRAMS_HEADER);
      ws.addRow(PROGRAM_ROW);
    },
    before: async (context) => void (await plainSheet(context, 'Programs', [['Co-op programs, FY22'], [], PROGRAMS_HEADER, PROGRAM_ROW])),
  },
];

async function batchThresholds(shape: Shape): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  shape.book(wb);
  const rows = (await batchOnBook(wb, 'programs', folders)).csv('balances.csv');
  return rows.map((b) => [b.earningPeriod!, money(b.thresholdUSD!), money(b.convertedToRebate!)]);
}

async function addinThresholds(shape: Shape): Promise<string[][]> {
  fake.reset();
  if (shape.before) await Excel.run(shape.before);
  await setUpWorkbook();
  await saveSettings({ asOf: AS_OF as IsoDate, fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 'table-location' });
  if (shape.after) await Excel.run(shape.after);
  await importExports([parseExportText('earnings.csv', EARNINGS_CSV)], () => undefined);
  const { ledger } = await loadWorkbook({ reread: true });
  return ledger.balances.map((b) => [b.key.earningPeriod, money(b.thresholdUSD ?? '0'), money(b.convertedToRebate)]);
}

describe('the Programs table is found by the same rule in both adapters', () => {
  test.each(PROGRAMS_SHAPES)('$name: the batch job and the add-in judge the pool by the same threshold', async (shape) => {
    const batch = await batchThresholds(shape);
    expect(batch).toEqual([['FY22 H1', '30000.00', '20000.00']]);
    expect(await addinThresholds(shape)).toEqual(batch);
  });
});
