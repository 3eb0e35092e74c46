import type ExcelJS from 'exceljs';
import { readTableHeader, type TableHeader } from '../../core/tables/table-header.js';
import { HEADER_SEARCH_LINES } from '../../core/tables/header-row.js';
import { locateTable, sheetHeaderIndex, sheetRowBelowHeader, sheetTableColumns } from '../../core/tables/table-location.js';
import { sheetHeaderColumns } from '../../core/workbook-tables.js';
import { isBlankRow } from '../../core/tables/blank-row.js';
import { cellValueText, type PlainCellValue } from '../../core/tables/cell-value-text.js';
import { columnKind, type ColumnKind, type ColumnSpec } from '../../core/workbook-layout.js';
import { serialOfWallTime, type DateSystem } from '../../core/calendar/calendar-date.js';
import type { InputIssueCode } from '../../core/codes.js';

/** Where a value came from, for located findings (`Claims!B7`). Rows are sheet rows (core's `sheetRowBelowHeader`). */
export interface CellLocation {
  readonly sheet: string;
  readonly row: number;
  /** 1-based column, when the location is one cell. */
  readonly column?: number;
}

export interface WorkbookTableRow {
  /** Cell text by header name, read by core's rule for workbook cells (`cellValueText`). */
  readonly values: Readonly<Record<string, string>>;
  /** Every cell of the row in the table's column order, read the same way (a quarantined row's text). */
  readonly cells: readonly string[];
  readonly location: CellLocation;
}

export interface WorkbookTable {
  readonly sheet: string;
  /** `table` when an Excel table of that name was found, `sheet` for the fallback. */
  readonly source: 'table' | 'sheet';
  /** The sheet row of the header (the row above the first body row). */
  readonly headerRow: number;
  readonly headers: readonly string[];
  /**
   * What core's header rule makes of the header, with the layout's columns known and the required
   * ones looked for: whether it refuses the table is core's `headerRefusesTable`, the add-in's too.
   */
  readonly header: TableHeader;
  readonly rows: readonly WorkbookTableRow[];
}

/** What reading a workbook's table can find wrong: codes of core's one list (core/codes.ts). */
export type WorkbookTableProblemCode = Extract<InputIssueCode, 'workbook_unreadable' | 'table_not_found' | 'duplicate_header' | 'formula_without_result'>;

export interface WorkbookTableProblem {
  readonly code: WorkbookTableProblemCode;
  readonly file: string;
  readonly location?: CellLocation;
  /** The offending text (a header name, a formula, the reader's error). */
  readonly input?: string;
}

export type ReadWorkbookTableResult =
  | { readonly ok: true; readonly table: WorkbookTable; readonly problems: readonly WorkbookTableProblem[] }
  | { readonly ok: false; readonly problems: readonly WorkbookTableProblem[] };

type PlainCell = { readonly value: PlainCellValue; readonly formulaWithoutResult?: string };

/**
 * An exceljs cell value as Excel holds it, the plain value Office.js would give the add-in for the
 * same cell: a number, text, a boolean or nothing. Core's rule (`cellValueText`) then reads it by
 * its column's kind, the same rule as the add-in's. exceljs turns a date-formatted serial into a
 * `Date` at that wall time read as UTC, counting from the day 0 of the workbook's date system
 * (`system`, docs/RULES.md "Workbook cells"), so the serial is that instant's days since that day 0
 * (time of day as the fraction), whatever this machine's zone. Rich text is its text joined, a
 * hyperlink its text, a formula its cached result, an error as Excel shows it (`#N/A`).
 */
export function plainCellValue(value: ExcelJS.CellValue | undefined, system: DateSystem): PlainCell {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return { value };
  if (value instanceof Date) return { value: serialOfWallTime(value.getTime(), system) };
  if ('richText' in value) return { value: value.richText.map((r) => r.text).join('') };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) {
      const f = (value as { formula?: string; sharedFormula?: string }).formula ?? (value as { sharedFormula?: string }).sharedFormula ?? '';
      return { value: null, formulaWithoutResult: f };
    }
    if (typeof result === 'object' && 'error' in result) return { value: String((result as { error: unknown }).error) };
    return plainCellValue(result as ExcelJS.CellValue, system);
  }
  if ('hyperlink' in value) return plainCellValue((value as { text?: ExcelJS.CellValue }).text ?? '', system);
  if ('error' in value) return { value: String(value.error) };
  return { value: null };
}

/** A header cell's text: a header is text, whatever Excel holds (a date as its serial's digits, as the add-in reads it). */
function headerText(value: ExcelJS.CellValue | undefined, system: DateSystem): string {
  return cellValueText(plainCellValue(value, system).value, 'text', system);
}

/** The workbook's date system, as its properties say (`date1904`): a 1904 workbook's serials count from 1904-01-01. */
function dateSystemOf(workbook: ExcelJS.Workbook): DateSystem {
  return workbook.properties?.date1904 ? '1904' : '1900';
}

interface TableModelLike {
  readonly name?: string;
  readonly tableRef?: string;
  readonly ref?: string;
  readonly headerRow?: boolean;
  readonly totalsRow?: boolean;
  readonly columns?: readonly { readonly name?: string }[];
}

function decodeRange(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return null;
  const col = (letters: string): number => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const left = col(m[1]!);
  const top = Number.parseInt(m[2]!, 10);
  const right = m[3] ? col(m[3]) : left;
  const bottom = m[4] ? Number.parseInt(m[4], 10) : top;
  return { top, left, bottom, right };
}

type SheetTables = Record<string, { table?: TableModelLike; model?: TableModelLike }>;

/** Every Excel table of the workbook by the name it is spelt with, with its sheet. */
function tablesOf(workbook: ExcelJS.Workbook): Map<string, { sheet: ExcelJS.Worksheet; model: TableModelLike }> {
  const found = new Map<string, { sheet: ExcelJS.Worksheet; model: TableModelLike }>();
  for (const sheet of workbook.worksheets) {
    const tables = (sheet as unknown as { tables?: SheetTables }).tables ?? {};
    for (const [name, t] of Object.entries(tables)) found.set(name, { sheet, model: t.table ?? t.model ?? {} });
  }
  return found;
}

/**
 * Reads a table of a co-op workbook (`Claims`, `Programs`) as text rows, for the same parsers as
 * the CSV inputs. Where it is, a plain sheet's header and columns, and how a row is named are core's
 * rules, the add-in's too (`locateTable`, `sheetHeaderIndex`, `sheetTableColumns`,
 * `sheetRowBelowHeader`): an Excel table of that name in any case, else a sheet of that name read
 * from its header down. Blank rows are skipped (`isBlankRow` over every cell under the table's
 * columns, named or not). `columns` is the
 * table's layout (`CLAIMS_COLUMNS`): its kinds decide how a cell is read (a number in a date column
 * is a serial date); a column it does not name, or every column without it, reads as text. The
 * workbook is read whole (exceljs), which is fine for the register and policy tables it is used for.
 */
export async function readWorkbookTable(path: string, tableName: string, columns: readonly ColumnSpec[] = []): Promise<ReadWorkbookTableResult> {
  // The columns its header must have are core's, by the table's name (`sheetHeaderColumns`): the
  // add-in's ledger and import search a sheet standing for the table for the same ones.
  const required = sheetHeaderColumns(tableName);
  // Loaded here, not at start-up: exceljs is the heaviest module the job uses.
  const workbook = new (await import('exceljs')).default.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (err) {
    return { ok: false, problems: [{ code: 'workbook_unreadable', file: path, input: err instanceof Error ? err.message : String(err) }] };
  }
  // Every date cell is read in the workbook's own date system (docs/RULES.md, "Workbook cells").
  const dates = dateSystemOf(workbook);
  let sheet: ExcelJS.Worksheet;
  let range: { top: number; left: number; bottom: number; right: number };
  let source: WorkbookTable['source'];
  // Which table or sheet it is: core's rule, the add-in's too (docs/RULES.md, "Where a table is").
  const tables = tablesOf(workbook);
  const location = locateTable(tableName, { tables: [...tables.keys()], sheets: workbook.worksheets.map((ws) => ws.name) });
  const found = location.kind === 'table' ? tables.get(location.table)! : null;
  const decoded = found ? decodeRange(found.model.tableRef ?? found.model.ref ?? '') : null;
  if (found && decoded) {
    sheet = found.sheet;
    source = 'table';
    const headerRow = found.model.headerRow !== false;
    range = {
      ...decoded,
      // A table without a header row: its column names are only in the table definition.
      top: headerRow ? decoded.top : decoded.top - 1,
      bottom: found.model.totalsRow ? decoded.bottom - 1 : decoded.bottom,
    };
  } else {
    const byName = location.kind === 'sheet' ? workbook.getWorksheet(location.sheet) : undefined;
    if (!byName) return { ok: false, problems: [{ code: 'table_not_found', file: path, input: tableName }] };
    sheet = byName;
    source = 'sheet';
    // A plain sheet's header is found by core's rule for sheets (`sheetHeaderIndex`), the add-in's too.
    const lines: string[][] = [];
    for (let r = 1; r <= Math.min(sheet.rowCount, HEADER_SEARCH_LINES); r++) {
      const cells: string[] = [];
      sheet.getRow(r).eachCell((cell, col) => {
        cells[col - 1] = headerText(cell.value, dates);
      });
      lines.push(Array.from(cells, (c) => c ?? ''));
    }
    const index = sheetHeaderIndex(lines, required);
    if (index === null) return { ok: false, problems: [{ code: 'table_not_found', file: path, input: tableName, location: { sheet: sheet.name, row: 1 } }] };
    // `lines[index]` is sheet row `index + 1`.
    const top = index + 1;
    const headerCells: string[] = [];
    sheet.getRow(top).eachCell((cell, col) => {
      headerCells[col - 1] = headerText(cell.value, dates);
    });
    const span = sheetTableColumns(Array.from(headerCells, (c) => c ?? ''));
    if (span === null) return { ok: false, problems: [{ code: 'table_not_found', file: path, input: tableName, location: { sheet: sheet.name, row: top } }] };
    // exceljs numbers columns from 1.
    range = { top, left: span.start + 1, bottom: sheet.rowCount, right: span.end };
  }

  const problems: WorkbookTableProblem[] = [];
  const names: string[] = [];
  const hasHeaderCells = source === 'sheet' || found?.model.headerRow !== false;
  for (let c = range.left; c <= range.right; c++) {
    const fromCell = hasHeaderCells ? headerText(sheet.getRow(range.top).getCell(c).value, dates) : '';
    const fromTable = source === 'table' ? (found?.model.columns?.[c - range.left]?.name ?? '') : '';
    names.push((fromCell || fromTable).trim());
  }
  // Core's header rule: `claimId`, `ClaimID` and `Claim ID` are one column; the first is read, a
  // repeat is reported and its cells are not read (docs/RULES.md, "Column headers").
  const header = readTableHeader(names, { known: columns.map((c) => c.name), required });
  for (const r of header.repeats) {
    problems.push({ code: 'duplicate_header', file: path, input: r.name, location: { sheet: sheet.name, row: range.top, column: range.left + r.position } });
  }
  const headers = header.keys;

  // Each column read by its kind in the table's layout (a column the layout does not know is text),
  // as the add-in reads its own tables (docs/RULES.md, "Workbook cells").
  const kinds: (ColumnKind | undefined)[] = headers.map((key) => (key === '' ? undefined : columnKind(columns, key)));
  const rows: WorkbookTableRow[] = [];
  for (let offset = 0; offset < range.bottom - range.top; offset++) {
    // exceljs numbers rows as Excel's row headers do, so the row read is the row named.
    const r = sheetRowBelowHeader(range.top, offset);
    const row = sheet.getRow(r);
    const values: Record<string, string> = {};
    const cells: string[] = [];
    for (let c = range.left; c <= range.right; c++) {
      const name = headers[c - range.left]!;
      const plain = plainCellValue(row.getCell(c).value, dates);
      const text = cellValueText(plain.value, kinds[c - range.left], dates);
      cells.push(text);
      if (name === '') continue;
      if (plain.formulaWithoutResult !== undefined) {
        problems.push({ code: 'formula_without_result', file: path, input: plain.formulaWithoutResult, location: { sheet: sheet.name, row: r, column: c } });
      }
      values[name] = text;
    }
    // Blank when every cell under the table's columns is, named or not, as the add-in judges it: a
    // note under a blank or repeated header keeps its row, which is then refused by its row parser,
    // never dropped unseen (docs/RULES.md, "Blank rows").
    if (!isBlankRow(cells)) rows.push({ values, cells, location: { sheet: sheet.name, row: r } });
  }
  return { ok: true, table: { sheet: sheet.name, source, headerRow: range.top, headers: headers.filter((h) => h !== ''), header, rows }, problems };
}
