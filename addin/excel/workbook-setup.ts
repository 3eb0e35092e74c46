/**
 * Sets up the co-op workbook: one sheet per table, the header from core's layout, number formats
 * per column kind, and drop-down lists for claim status and program. Existing tables are left
 * as they are, so running it twice changes nothing, and so is a sheet that holds data without
 * being the table (docs/RULES.md, "Where a table is"): nothing already written is written over.
 */
import {
  BALANCES_COLUMNS,
  CLAIM_HISTORY_COLUMNS,
  CLAIMS_COLUMNS,
  EARNINGS_COLUMNS,
  IMPORT_LOG_COLUMNS,
  PAYMENTS_COLUMNS,
  PROGRAMS_COLUMNS,
  TABLES,
  type ColumnSpec,
} from '../../core/workbook-layout.js';
import { CLAIM_STATUSES } from '../../core/claims/claim-status.js';
import { columnFormatsOf } from '../../core/number-formats.js';
import { appendRows, workbookNames, type TableData } from './table-io.js';
import type { DateSystem } from '../../core/calendar/calendar-date.js';
import { locateTable, type WorkbookNames } from '../../core/tables/table-location.js';
import type { CellValue } from './cell-values.js';

export const TABLE_COLUMNS: Readonly<Record<string, readonly ColumnSpec[]>> = {
  [TABLES.earnings]: EARNINGS_COLUMNS,
  [TABLES.programs]: PROGRAMS_COLUMNS,
  [TABLES.claims]: CLAIMS_COLUMNS,
  [TABLES.claimHistory]: CLAIM_HISTORY_COLUMNS,
  [TABLES.balances]: BALANCES_COLUMNS,
  [TABLES.payments]: PAYMENTS_COLUMNS,
  [TABLES.importLog]: IMPORT_LOG_COLUMNS,
};

/**
 * The tables set-up makes, and without which the pane offers it. The Payments table is not one of
 * them: a team that does not import the Payments report has no use for it, so the first import of
 * one makes it (`ensureTables`), as set-up would.
 */
export const ALL_TABLES: readonly string[] = [TABLES.earnings, TABLES.programs, TABLES.claims, TABLES.claimHistory, TABLES.balances];

/** The sheet row, as Excel numbers it, of the header of a table `ensureTables` makes: the sheet's first. */
const MADE_HEADER_ROW = 1;

/**
 * A table `ensureTables` makes, as `readTables` reads it once made: the layout's header on the
 * sheet's first row, and below it the one blank row Excel makes a table with, which the first
 * append fills. For what an import plans against a table it is yet to make.
 */
export function madeTableData(name: string, dateSystem: DateSystem): TableData {
  return { name, headers: TABLE_COLUMNS[name]!.map((c) => c.name), rows: [], rowNumbers: [], lastRow: MADE_HEADER_ROW + 1, bodyRows: 1, dateSystem };
}

export interface SetupResult {
  readonly created: string[];
  readonly existing: string[];
  /**
   * Sheets named like a co-op table the workbook lacks that hold data (a register kept as a plain
   * range, or as a table of another name): left as they were, never written over (docs/RULES.md,
   * "Where a table is"). The ledger reads them; the user converts them into tables.
   */
  readonly unconverted: string[];
}

/** Which co-op tables the workbook lacks as tables, by core's rule of where a table is (one sync). */
export async function missingTables(context: Excel.RequestContext): Promise<string[]> {
  const names = await workbookNames(context);
  return ALL_TABLES.filter((name) => locateTable(name, names).kind !== 'table');
}

/**
 * Creates the missing tables (one sync for all of them, after one to learn what the workbook holds,
 * and one more only when a sheet is named like a missing table), then seeds Programs with
 * `programRows` when Programs was created now.
 */
export function ensureCoopTables(
  context: Excel.RequestContext,
  programRows: readonly (readonly CellValue[])[] = [],
): Promise<SetupResult> {
  return ensureTables(context, ALL_TABLES, programRows);
}

/**
 * Which of `tables` the workbook lacks where a sheet of that name holds data (the sheets
 * `ensureTables` would leave unconverted), without writing anything: for a caller that must refuse
 * before its first write, with the workbook's names it read. One sync when such a sheet is there, else none.
 */
export async function sheetsInTheWay(context: Excel.RequestContext, tables: readonly string[], names: WorkbookNames): Promise<string[]> {
  if (tables.length === 0) return [];
  const sheets = tables.flatMap((name) => {
    const location = locateTable(name, names);
    return location.kind === 'sheet' ? [{ name, used: context.workbook.worksheets.getItem(location.sheet).getUsedRangeOrNullObject(true).load('address') }] : [];
  });
  if (sheets.length === 0) return [];
  await context.sync();
  return sheets.filter((s) => !s.used.isNullObject).map((s) => s.name);
}

/** Creates those of `tables` the workbook lacks, as set-up creates them (`ensureCoopTables`). */
export async function ensureTables(
  context: Excel.RequestContext,
  tables: readonly string[],
  programRows: readonly (readonly CellValue[])[] = [],
): Promise<SetupResult> {
  const sheets = context.workbook.worksheets;
  const names = await workbookNames(context);
  // Where each table is, by core's rule (`claims` is the Claims table: Excel names ignore case).
  const locations = new Map(tables.map((name) => [name, locateTable(name, names)] as const));
  // A sheet named like a table the workbook lacks may hold the team's rows: whether it holds any is
  // what decides if the table may be made on it.
  const inTheWay = new Set(await sheetsInTheWay(context, tables, names));
  const created: string[] = [];
  const unconverted: string[] = [];
  for (const [name, location] of locations) {
    if (location.kind === 'table') continue;
    if (location.kind === 'sheet' && inTheWay.has(name)) {
      unconverted.push(location.sheet);
      continue;
    }
    const columns = TABLE_COLUMNS[name]!;
    const sheet = location.kind === 'sheet' ? sheets.getItem(location.sheet) : sheets.add(name);
    const header = sheet.getRangeByIndexes(MADE_HEADER_ROW - 1, 0, 1, columns.length);
    header.values = [columns.map((c) => c.name)];
    const table = sheet.tables.add(header, true);
    table.name = name;
    // Formats and validation on a table column's body are carried to the rows added later.
    columnFormatsOf(columns).forEach((format, i) => {
      table.columns.getItemAt(i).getDataBodyRange().numberFormat = [[format]];
    });
    if (name === TABLES.claims) {
      // The lists offer the canonical names, and only warn: core also reads a status in the
      // team's language and a program by any of its aliases (docs/RULES.md, "Claims" and
      // "Programs"), so Excel must not refuse what the ledger accepts.
      const offer = (column: string, source: string) => {
        const validation = table.columns.getItemAt(columns.findIndex((c) => c.name === column)).getDataBodyRange().dataValidation;
        validation.rule = { list: { inCellDropDown: true, source } };
        // An empty title and message leave Excel's own words, in the user's language.
        validation.errorAlert = { showAlert: true, style: 'Warning', title: '', message: '' };
      };
      offer('status', CLAIM_STATUSES.join(','));
      // A list cannot name a table column directly; INDIRECT of a structured reference can.
      offer('programName', `=INDIRECT("${TABLES.programs}[name]")`);
    }
    sheet.freezePanes.freezeRows(1);
    created.push(name);
  }
  await context.sync();
  if (created.includes(TABLES.programs) && programRows.length > 0) {
    await appendRows(context, TABLES.programs, programRows, { formats: columnFormatsOf(PROGRAMS_COLUMNS) });
  }
  return { created, existing: tables.filter((n) => locations.get(n)!.kind === 'table'), unconverted };
}
