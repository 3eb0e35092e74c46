import type ExcelJS from 'exceljs';
import { Dec } from '../../core/money/decimal.js';
import { readTableHeader } from '../../core/tables/table-header.js';
import { isBlankRow } from '../../core/tables/blank-row.js';

/** Where a value came from, for located findings (`Claims!B7`). Rows are 1-based sheet rows. */
export interface CellLocation {
  readonly sheet: string;
  readonly row: number;
  /** 1-based column, when the location is one cell. */
  readonly column?: number;
}

export interface WorkbookTableRow {
  /** Cell text by header name, converted exactly (see `cellToText`). */
  readonly values: Readonly<Record<string, string>>;
  readonly location: CellLocation;
}

export interface WorkbookTable {
  readonly sheet: string;
  /** `table` when an Excel table of that name was found, `sheet` for the fallback. */
  readonly source: 'table' | 'sheet';
  /** The sheet row of the header (the row above the first body row). */
  readonly headerRow: number;
  readonly headers: readonly string[];
  readonly rows: readonly WorkbookTableRow[];
}

export type WorkbookTableProblemCode = 'workbook_unreadable' | 'table_not_found' | 'duplicate_header' | 'formula_without_result';

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

/**
 * Shortest decimal text of a double that reads back as the same double (`0.1`, `1234.56`,
 * `1e-7` → `0.0000001`): what Excel shows in the formula bar, never the binary expansion.
 */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return '0';
  return new Dec(String(n)).toFixed();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * Excel stores dates as serial days; exceljs turns a date-formatted serial into a `Date` at that
 * wall time read as UTC. So the UTC getters give back exactly the calendar day (and time) shown
 * in Excel, whatever this machine's zone.
 */
function dateText(d: Date): string {
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0) return day;
  return `${day}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

type Converted = { readonly text: string; readonly formulaWithoutResult?: string };

/**
 * A cell value as text, exactly: numbers as their shortest decimal, dates as `yyyy-MM-dd` (with
 * `THH:mm:ss` only when there is a time), booleans `true`/`false`, rich text joined, hyperlinks
 * as their text, formulas as their cached result, errors as Excel shows them (`#N/A`).
 */
export function cellToText(value: ExcelJS.CellValue | undefined): Converted {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number') return { text: numberText(value) };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false' };
  if (value instanceof Date) return { text: dateText(value) };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) {
      const f = (value as { formula?: string; sharedFormula?: string }).formula ?? (value as { sharedFormula?: string }).sharedFormula ?? '';
      return { text: '', formulaWithoutResult: f };
    }
    if (typeof result === 'object' && result !== null && 'error' in result) return { text: String((result as { error: unknown }).error) };
    return cellToText(result as ExcelJS.CellValue);
  }
  if ('hyperlink' in value) return cellToText((value as { text?: ExcelJS.CellValue }).text ?? '');
  if ('error' in value) return { text: String(value.error) };
  return { text: '' };
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

function findTable(workbook: ExcelJS.Workbook, tableName: string): { sheet: ExcelJS.Worksheet; model: TableModelLike } | null {
  const wanted = tableName.toLowerCase();
  for (const sheet of workbook.worksheets) {
    const tables = (sheet as unknown as { tables?: Record<string, { table?: TableModelLike; model?: TableModelLike }> }).tables ?? {};
    for (const [name, t] of Object.entries(tables)) {
      // Excel table names are case-insensitive and unique in a workbook.
      if (name.toLowerCase() === wanted) return { sheet, model: t.table ?? t.model ?? {} };
    }
  }
  return null;
}

/**
 * Reads a table of a co-op workbook (`Claims`, `Programs`) as text rows, for the same parsers as
 * the CSV inputs. Looks for an Excel table of that name (case-insensitive); failing that, a sheet
 * of that name whose first non-empty row is the header. Blank rows are skipped. The workbook is
 * read whole (exceljs), which is fine for the register and policy tables it is used for.
 */
export async function readWorkbookTable(path: string, tableName: string): Promise<ReadWorkbookTableResult> {
  // Loaded here, not at start-up: exceljs is the heaviest module the job uses.
  const workbook = new (await import('exceljs')).default.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (err) {
    return { ok: false, problems: [{ code: 'workbook_unreadable', file: path, input: err instanceof Error ? err.message : String(err) }] };
  }
  let sheet: ExcelJS.Worksheet;
  let range: { top: number; left: number; bottom: number; right: number };
  let source: WorkbookTable['source'];
  const found = findTable(workbook, tableName);
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
    const byName = workbook.worksheets.find((ws) => ws.name.toLowerCase() === tableName.toLowerCase());
    if (!byName) return { ok: false, problems: [{ code: 'table_not_found', file: path, input: tableName }] };
    sheet = byName;
    source = 'sheet';
    let top = 0;
    for (let r = 1; r <= sheet.rowCount && top === 0; r++) {
      if (sheet.getRow(r).actualCellCount > 0) top = r;
    }
    if (top === 0) return { ok: false, problems: [{ code: 'table_not_found', file: path, input: tableName, location: { sheet: sheet.name, row: 1 } }] };
    const header = sheet.getRow(top);
    let left = 0;
    let right = 0;
    header.eachCell((cell, col) => {
      if (cellToText(cell.value).text.trim() === '') return;
      if (left === 0) left = col;
      right = col;
    });
    range = { top, left, bottom: sheet.rowCount, right };
  }

  const problems: WorkbookTableProblem[] = [];
  const names: string[] = [];
  const hasHeaderCells = source === 'sheet' || found?.model.headerRow !== false;
  for (let c = range.left; c <= range.right; c++) {
    const fromCell = hasHeaderCells ? cellToText(sheet.getRow(range.top).getCell(c).value).text : '';
    const fromTable = source === 'table' ? (found?.model.columns?.[c - range.left]?.name ?? '') : '';
    names.push((fromCell || fromTable).trim());
  }
  // Core's header rule: `claimId`, `ClaimID` and `Claim ID` are one column; the first is read, a
  // repeat is reported and its cells are not read (docs/RULES.md, "Column headers").
  const header = readTableHeader(names);
  for (const r of header.repeats) {
    problems.push({ code: 'duplicate_header', file: path, input: r.name, location: { sheet: sheet.name, row: range.top, column: range.left + r.position } });
  }
  const headers = header.keys;

  const rows: WorkbookTableRow[] = [];
  for (let r = range.top + 1; r <= range.bottom; r++) {
    const row = sheet.getRow(r);
    const values: Record<string, string> = {};
    for (let c = range.left; c <= range.right; c++) {
      const name = headers[c - range.left]!;
      if (name === '') continue;
      const converted = cellToText(row.getCell(c).value);
      if (converted.formulaWithoutResult !== undefined) {
        problems.push({ code: 'formula_without_result', file: path, input: converted.formulaWithoutResult, location: { sheet: sheet.name, row: r, column: c } });
      }
      values[name] = converted.text;
    }
    // A blank row (every cell empty once trimmed) is skipped, as the add-in skips it (docs/RULES.md, "Blank rows").
    if (!isBlankRow(Object.values(values))) rows.push({ values, location: { sheet: sheet.name, row: r } });
  }
  return { ok: true, table: { sheet: sheet.name, source, headerRow: range.top, headers: headers.filter((h) => h !== ''), rows }, problems };
}
