/**
 * Reading and writing the co-op tables. Every function takes the request context of one
 * `Excel.run`, queues what it needs, and syncs as few times as the data allows: once to learn
 * the table's shape, then once per block of rows (about 4 MB or 20,000 rows), because Excel
 * refuses larger payloads and a sync per row would take minutes.
 */
import type { CellValue } from './cell-values.js';
import type { DateSystem } from '../../core/calendar/calendar-date.js';
import { queueDateSystem, type QueuedDateSystem } from './date-system.js';
import { recordToCells } from './record-cells.js';
import { isBlankRow } from '../../core/tables/blank-row.js';
import { HEADER_SEARCH_LINES, type ColumnRequirement } from '../../core/tables/header-row.js';
import { locateTable, sheetHeaderIndex, sheetRowBelowHeader, sheetTableColumns, type WorkbookNames } from '../../core/tables/table-location.js';
import { sheetHeaderColumns } from '../../core/workbook-tables.js';
import type { Issue } from '../../core/issues.js';
import type { ColumnSpec } from '../../core/workbook-layout.js';
import { assertWritable, placeFormatRow, placeFormats, placementIssues, placementOf, placeRecordFormats, placeRow } from './table-placement.js';
import { cellValueText, type PlainCellValue } from '../../core/tables/cell-value-text.js';

export const BLOCK_BYTES = 4 * 1024 * 1024;
export const BLOCK_ROWS = 20_000;
/** The rows of an Excel worksheet: a table cannot grow below its last. */
export const SHEET_ROWS = 1_048_576;

export interface TableData {
  readonly name: string;
  readonly headers: string[];
  /** Data rows, blank rows (Excel keeps one in an empty table) left out. */
  readonly rows: unknown[][];
  /** For each row, the sheet row it is on, as a problem names it (core's `sheetRowBelowHeader`). */
  readonly rowNumbers: number[];
  /** The sheet row of the table's last row, blank ones included (its header's when it has none), as Excel numbers it. */
  readonly lastRow?: number;
  /** An Excel table's body rows as Excel counts them, blank ones included; absent for a sheet that stands for a table. */
  readonly bodyRows?: number;
  /**
   * The date system of the workbook the table was read from: the date a number in a date column
   * is (docs/RULES.md, "Workbook cells"). Whatever reads the rows reads their dates in it.
   */
  readonly dateSystem: DateSystem;
}

/** The size a row takes in an Office.js request: UTF-16 text, numbers as their JSON text. */
export function estimateRowBytes(row: readonly unknown[]): number {
  let bytes = 2;
  for (const cell of row) {
    if (typeof cell === 'string') bytes += cell.length * 2 + 6;
    else bytes += 24;
  }
  return bytes;
}

/** Splits rows into blocks of at most `maxBytes` (estimated) and `maxRows` each. */
export function blocksOf<T extends readonly unknown[]>(
  rows: readonly T[],
  maxBytes = BLOCK_BYTES,
  maxRows = BLOCK_ROWS,
): T[][] {
  const blocks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = estimateRowBytes(row);
    if (current.length > 0 && (bytes + size > maxBytes || current.length >= maxRows)) {
      blocks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

/** Names of the workbook's tables and sheets (one sync), for core's rule of where a table is (`locateTable`). */
export async function workbookNames(context: Excel.RequestContext): Promise<WorkbookNames> {
  const queued = queueWorkbookNames(context);
  await context.sync();
  return queued.read();
}

/**
 * Queues the names `workbookNames` reads, for a caller that syncs them with other loads; `read()`
 * after its sync. The one place the add-in collects them, so every caller of `locateTable` is given
 * the same lists.
 */
export function queueWorkbookNames(context: Excel.RequestContext): { read(): WorkbookNames } {
  const tables = context.workbook.tables;
  tables.load('items/name');
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  return { read: () => ({ tables: tables.items.map((t) => t.name), sheets: sheets.items.map((s) => s.name) }) };
}

/** A co-op table whose shape is queued to load (`queueTableShapes`), under the layout's name (`Claims`). */
export type TableShape =
  /** An Excel table: its header and body size. */
  | { readonly name: string; readonly header: Excel.Range; readonly body: Excel.Range }
  /** A sheet that stands for the table (core's `locateTable`): its used range, values and all, and the columns its header search wants. */
  | { readonly name: string; readonly used: Excel.Range; readonly required: readonly ColumnRequirement[] };

/**
 * Queues the shape of each of `names` where core's rule finds it in the workbook (docs/RULES.md,
 * "Where a table is"): an Excel table of that name in any case, else a sheet of that name, whose
 * used range is loaded whole in the same sync (a register or a Programs list is small), its header
 * searched for core's columns of that table (`sheetHeaderColumns`), as the batch job's reader
 * searches it. Read by the caller's next sync, with whatever else it queued.
 */
export function queueTableShapes(context: Excel.RequestContext, names: readonly string[], workbook: WorkbookNames): TableShape[] {
  return names.flatMap((name): TableShape[] => {
    const location = locateTable(name, workbook);
    if (location.kind === 'absent') return [];
    if (location.kind === 'sheet') {
      const used = context.workbook.worksheets.getItem(location.sheet).getUsedRangeOrNullObject(true).load('values,rowIndex,columnIndex');
      return [{ name, used, required: sheetHeaderColumns(name) }];
    }
    const table = context.workbook.tables.getItem(location.table);
    const header = table.getHeaderRowRange().load('values');
    const body = table.getDataBodyRange().load('rowIndex,rowCount,columnCount');
    return [{ name, header, body }];
  });
}

/** A header cell's text by core's cell rule, as the batch job reads one: a header is text, whatever Excel holds (`1E+21` is its digits). */
function headerCellText(value: unknown): string {
  return cellValueText(value as PlainCellValue, 'text');
}

/**
 * A synced sheet's used range as a table, by core's rules for a sheet that stands for one, the batch
 * job's too (docs/RULES.md, "Where a table is"): its header (`sheetHeaderIndex`), its columns
 * (`sheetTableColumns`), its rows every row below, blank ones left out (`isBlankRow` over every
 * cell of those columns), each named by its sheet row (`sheetRowBelowHeader`).
 */
export function sheetTableData(name: string, used: Excel.Range, required: readonly ColumnRequirement[], dateSystem: DateSystem): TableData {
  if (used.isNullObject) return { name, headers: [], rows: [], rowNumbers: [], lastRow: 0, dateSystem };
  const values = used.values;
  // Lines from the sheet's row 1, so the search depth counts the same rows as the batch job's.
  const lines = Array.from({ length: Math.min(HEADER_SEARCH_LINES, used.rowIndex + values.length) }, (_, r) => {
    const row = values[r - used.rowIndex];
    return [...Array<string>(used.columnIndex).fill(''), ...(row ?? []).map(headerCellText)];
  });
  const index = sheetHeaderIndex(lines, required);
  const headerCells = index === null ? [] : values[index - used.rowIndex]!.map((v) => headerCellText(v).trim());
  const span = sheetTableColumns(headerCells);
  const lastRow = used.rowIndex + values.length;
  if (index === null || span === null) return { name, headers: [], rows: [], rowNumbers: [], lastRow, dateSystem };
  const data: TableData = { name, headers: headerCells.slice(span.start, span.end), rows: [], rowNumbers: [], lastRow, dateSystem };
  // `lines[index]` is sheet row `index + 1`: the header's row, as Excel numbers it.
  values.slice(index - used.rowIndex + 1).forEach((row, i) => {
    const cells = row.slice(span.start, span.end);
    if (isBlankRow(cells)) return;
    data.rows.push(cells);
    data.rowNumbers.push(sheetRowBelowHeader(index + 1, i));
  });
  return data;
}

/**
 * Reads the rows of tables whose shapes were synced, every block of every table queued before one
 * sync per ~4 MB. Tables of `names` without a shape come back as null. `dateSystem` is the
 * workbook's, which each table read carries.
 */
export async function readTableRows(
  context: Excel.RequestContext,
  names: readonly string[],
  shapes: readonly TableShape[],
  dateSystem: DateSystem,
  maxBytes = BLOCK_BYTES,
): Promise<Map<string, TableData | null>> {
  const result = new Map<string, TableData | null>(names.map((n) => [n, null]));
  const pending: { data: TableData; headerRow: number; start: number; range: Excel.Range }[] = [];
  let queuedBytes = 0;
  const flush = async () => {
    await context.sync();
    for (const { data, headerRow, start, range } of pending) {
      range.values.forEach((row, i) => {
        // core's rules, the batch job's too (docs/RULES.md, "Blank rows" and "Where a table is").
        if (isBlankRow(row)) return;
        data.rows.push(row);
        data.rowNumbers.push(sheetRowBelowHeader(headerRow, start + i));
      });
    }
    pending.length = 0;
    queuedBytes = 0;
  };
  for (const shape of shapes) {
    if ('used' in shape) {
      result.set(shape.name, sheetTableData(shape.name, shape.used, shape.required, dateSystem));
      continue;
    }
    const { name, header, body } = shape;
    const headers = (header.values[0] ?? []).map((h) => String(h));
    // The body's first row (0-based) is the header's row as Excel numbers it (1-based).
    const headerRow = body.rowIndex;
    const data: TableData = { name, headers, rows: [], rowNumbers: [], lastRow: headerRow + body.rowCount, bodyRows: body.rowCount, dateSystem };
    result.set(name, data);
    const columns = body.columnCount;
    const rowBytes = columns * 24 + 2;
    const perBlock = Math.max(1, Math.min(BLOCK_ROWS, Math.floor(maxBytes / rowBytes)));
    for (let start = 0; start < body.rowCount; start += perBlock) {
      const count = Math.min(perBlock, body.rowCount - start);
      if (queuedBytes + count * rowBytes > maxBytes && pending.length > 0) await flush();
      const range = body.getCell(start, 0).getAbsoluteResizedRange(count, columns).load('values');
      pending.push({ data, headerRow, start, range });
      queuedBytes += count * rowBytes;
    }
  }
  if (pending.length > 0) await flush();
  return result;
}

/**
 * Reads whole tables. Missing tables come back as null. One sync for the tables' shapes, and the
 * workbook's date system unless the caller knows it, then their rows (`readTableRows`).
 */
export async function readTables(
  context: Excel.RequestContext,
  names: readonly string[],
  maxBytes = BLOCK_BYTES,
  /** The workbook's table and sheet names when the caller already has them (saves a sync). */
  knownNames?: WorkbookNames,
  /** The workbook's date system when the caller asked it in an earlier sync. */
  knownDates?: DateSystem,
): Promise<Map<string, TableData | null>> {
  const shapes = queueTableShapes(context, names, knownNames ?? (await workbookNames(context)));
  const dates = knownDates ?? queueDateSystem(context);
  await context.sync();
  return readTableRows(context, names, shapes, typeof dates === 'string' ? dates : dates.read(), maxBytes);
}

/**
 * Queues, for the caller's next sync, the last sheet row (as Excel numbers it) that holds a cell in
 * use in a table's columns, the table's own rows included; 0 when none. `table.rows.add` inserts
 * cells in the table's columns and pushes what is below them down, and Excel refuses to push a cell
 * in use off the sheet, a cell that holds only a format too, so an append has room only down to
 * what is below the table.
 */
export function queueLastUsedRow(context: Excel.RequestContext, table: string): { read(): number } {
  const used = context.workbook.tables.getItem(table).getRange().getEntireColumn().getUsedRangeOrNullObject(false).load('rowIndex,rowCount');
  return { read: () => (used.isNullObject ? 0 : used.rowIndex + used.rowCount) };
}

/**
 * How many rows `appendRows` can add to a table before the sheet ends: the rows below whatever is
 * lowest in its columns (`lastUsedRow`, from `queueLastUsedRow`, or the table's last row), and the
 * table's one blank row when it has nothing else, since the append fills that row first.
 */
export function appendRoom(table: TableData, lastUsedRow = 0): number {
  const reusesBlank = table.bodyRows === 1 && table.rows.length === 0 ? 1 : 0;
  return Math.max(0, SHEET_ROWS - Math.max(table.lastRow ?? 0, lastUsedRow) + reusesBlank);
}

/** Rows to write that hold dates: made once the workbook's date system is known, in the write's first sync. */
export type DatedRows = (dates: DateSystem) => readonly (readonly CellValue[])[];

/**
 * A number-format cell (`[format]`) per distinct format, shared by every cell that has it: the
 * formats of a block of rows are a few strings repeated over thousands of cells.
 */
function sharedFormatCells(): (format: string) => [string] {
  const cells = new Map<string, [string]>();
  return (format) => {
    let cell = cells.get(format);
    if (cell === undefined) cells.set(format, (cell = [format]));
    return cell;
  };
}

export interface AppendOptions {
  /** Number format per table column (same order as the table's columns); null leaves it. */
  readonly formats?: readonly (string | null)[];
  /**
   * Number formats of the row at an index of `rows` (in the table's column order; null leaves a
   * cell's), when they differ by row, as an amount's by its row's currency; they take the place of
   * `formats`. Asked once per row, a block at a time, so a large import holds no formats of its own.
   */
  readonly rowFormats?: (index: number) => readonly (string | null)[];
  readonly maxBytes?: number;
  readonly maxRows?: number;
  /** Called after each block's sync with the rows written so far. */
  readonly onProgress?: (written: number, total: number) => void;
}

/**
 * Appends rows (already in table column order) in byte-sized blocks: one sync per block, values
 * first and number formats after in the same batch. A fresh table's single blank row is filled
 * rather than left behind.
 */
export async function appendRows(
  context: Excel.RequestContext,
  tableName: string,
  rows: readonly (readonly CellValue[])[],
  options: AppendOptions = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const table = context.workbook.tables.getItem(tableName);
  const body = table.getDataBodyRange().load('rowIndex,columnIndex,rowCount,columnCount');
  const firstRow = table.getDataBodyRange().getRow(0).load('values');
  const sheet = table.worksheet;
  await context.sync();

  let nextRow = body.rowIndex + body.rowCount;
  const reuseBlank = body.rowCount === 1 && isBlankRow(firstRow.values[0] ?? []);
  if (reuseBlank) nextRow = body.rowIndex;
  const formats = options.formats;
  const rowFormats = options.rowFormats;
  const formatCell = sharedFormatCells();
  let written = 0;
  for (const block of blocksOf(rows, options.maxBytes, options.maxRows)) {
    const values = block as CellValue[][];
    if (written === 0 && reuseBlank) {
      firstRow.values = [values[0]!];
      if (values.length > 1) table.rows.add(undefined, values.slice(1));
    } else {
      table.rows.add(undefined, values);
    }
    if (rowFormats) {
      const from = written;
      const blockFormats = values.map((_, i) => rowFormats(from + i));
      for (let c = 0; c < values[0]!.length; c++) {
        const first = blockFormats[0]![c];
        if (first === null || first === undefined) continue;
        const column = sheet.getRangeByIndexes(nextRow, body.columnIndex + c, values.length, 1);
        column.numberFormat = blockFormats.map((f) => formatCell(f[c] ?? first));
      }
    } else if (formats) {
      formats.forEach((format, c) => {
        if (format === null || format === undefined) return;
        const column = sheet.getRangeByIndexes(nextRow, body.columnIndex + c, values.length, 1);
        const cell = [format];
        column.numberFormat = values.map(() => cell);
      });
    }
    await context.sync();
    nextRow += values.length;
    written += values.length;
    options.onProgress?.(written, rows.length);
  }
  return written;
}

export interface ReplaceOptions extends AppendOptions {
  /**
   * The layout `rows` are in, when the table is one the user may re-spell or reorder: its header
   * is loaded with the body's size, each value placed under the column whose header names it, and
   * formats taken from the layout; a column the table lacks refuses the write (TableColumnsError)
   * before anything is cleared.
   */
  readonly layout?: { readonly columns: readonly ColumnSpec[]; readonly required?: readonly string[] };
}

/**
 * Replaces a table's data with `rows` (Recalculate): clears the body, then appends in blocks. Rows
 * that hold dates are given as `DatedRows`, made in the workbook's date system, asked in the first
 * sync (docs/RULES.md, "Workbook cells").
 */
export async function replaceRows(
  context: Excel.RequestContext,
  tableName: string,
  rows: readonly (readonly CellValue[])[] | DatedRows,
  options: ReplaceOptions = {},
): Promise<number> {
  const table = context.workbook.tables.getItem(tableName);
  const header = options.layout ? table.getHeaderRowRange().load('values') : null;
  const body = table.getDataBodyRange().load('rowCount,columnCount');
  const dates = typeof rows === 'function' ? queueDateSystem(context) : null;
  await context.sync();
  const cells = typeof rows === 'function' ? rows(dates!.read()) : rows;
  let written = cells;
  let appendOptions: AppendOptions = options;
  if (header && options.layout) {
    const placement = placementOf(tableName, header.values[0] ?? [], options.layout.columns);
    assertWritable(placement, cells, options.layout.required);
    written = cells.map((row) => placeRow(placement, row));
    appendOptions = {
      ...options,
      formats: placeFormats(placement),
      ...(options.rowFormats ? { rowFormats: (i: number) => placeFormatRow(placement, options.rowFormats!(i)) } : {}),
    };
  }
  if (body.rowCount > 1) {
    // Deleting all but the first row keeps the table (and its formats and validation) intact.
    table.getDataBodyRange().getCell(1, 0).getAbsoluteResizedRange(body.rowCount - 1, body.columnCount).delete('Up');
  }
  table.getDataBodyRange().getRow(0).clear('Contents');
  await context.sync();
  return appendRows(context, tableName, written, appendOptions);
}

/** Overwrites one data row (0-based index into the table body, blank rows included), and its number formats when given (the table's order). */
export async function writeRow(
  context: Excel.RequestContext,
  tableName: string,
  index: number,
  row: readonly CellValue[],
  formats?: readonly string[],
): Promise<void> {
  const table = context.workbook.tables.getItem(tableName);
  const target = table.getDataBodyRange().getRow(index);
  target.values = [row as CellValue[]];
  if (formats) target.numberFormat = [formats as string[]];
  await context.sync();
}

/** Adds columns to the right of a table (new export columns pass through, never dropped). */
export async function addColumns(context: Excel.RequestContext, tableName: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const table = context.workbook.tables.getItem(tableName);
  for (const name of names) table.columns.add(undefined, undefined, name);
  await context.sync();
}

export interface RowsFor {
  readonly table: string;
  /** The layout the rows are in; each value is written under the column whose header names it. */
  readonly columns: readonly ColumnSpec[];
  /** Text records (what core's `…ToRow` functions give), made cells in the workbook's date system when written (`recordToCells`). */
  readonly records: readonly Readonly<Record<string, string>>[];
  /** Layout columns the table cannot be written without (`placementIssues`). */
  readonly required?: readonly string[];
}

/**
 * For a few rows into several tables at once (a claim and its history): queues what appending
 * needs to know about each table, its header row included; after the caller's sync, `issues()`
 * says what core refuses (a column the table lacks) and `write()` queues every row and format,
 * each under the column its header names, so the whole change takes two syncs and lands in the
 * workbook together. The records become cells in the workbook's date system (`dates`, queued for
 * the same sync or known). Large appends go through appendRows, which splits them into blocks.
 */
export function queueAppend(context: Excel.RequestContext, appends: readonly RowsFor[], dates: QueuedDateSystem): { issues(): Issue[]; write(): void } {
  const shapes = appends
    .filter((a) => a.records.length > 0)
    .map((a) => {
      const table = context.workbook.tables.getItem(a.table);
      const header = table.getHeaderRowRange().load('values');
      const body = table.getDataBodyRange().load('rowCount');
      const firstRow = table.getDataBodyRange().getRow(0).load('values');
      return { a, table, header, body, firstRow };
    });
  const placed = () => {
    const system = dates.read();
    return shapes.map((s) => ({ ...s, rows: s.a.records.map((r) => recordToCells(r, s.a.columns, system)), placement: placementOf(s.a.table, s.header.values[0] ?? [], s.a.columns) }));
  };
  const issues = () => placed().flatMap(({ a, rows, placement }) => placementIssues(placement, rows, a.required));
  return {
    issues,
    write() {
      for (const { a, rows, table, body, firstRow, placement } of placed()) {
        assertWritable(placement, rows, a.required);
        const values = rows.map((row) => placeRow(placement, row));
        const reuseBlank = body.rowCount === 1 && isBlankRow(firstRow.values[0] ?? []);
        // The first new row among the table's rows: writes queued before this one (another table's
        // rows above it on the same sheet) may have moved the table since its position was read,
        // never its number of rows.
        const first = reuseBlank ? 0 : body.rowCount;
        if (reuseBlank) {
          firstRow.values = [values[0]!];
          if (values.length > 1) table.rows.add(undefined, values.slice(1));
        } else {
          table.rows.add(undefined, values);
        }
        // Found in the table when Excel runs it, after the rows are added, not at a sheet position read before.
        const added = table.getDataBodyRange();
        // Each row's own formats: an amount shown in the currency its row names.
        const formats = a.records.map((r) => placeRecordFormats(placement, r));
        const cell = sharedFormatCells();
        formats[0]!.forEach((format, c) => {
          if (format === null) return;
          added.getCell(first, c).getAbsoluteResizedRange(values.length, 1).numberFormat = formats.map((f) => cell(f[c] ?? format));
        });
      }
    },
  };
}
