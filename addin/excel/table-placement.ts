/**
 * Where a layout's values go in a table as the user keeps it: a user may re-spell a header
 * (`Claim ID` for `claimId`) or reorder the columns, and the ledger still reads the table by
 * core's header rule, so every write goes by that rule too (docs/RULES.md, "Column headers",
 * "Writing by the header"): each value under the column whose header names it, rows in the
 * table's own column order, cells of columns the layout does not know left as they are.
 */
import type { ColumnSpec } from '../../core/workbook-layout.js';
import type { Issue } from '../../core/issues.js';
import { columnPosition, readTableHeader, unwritableColumns } from '../../core/tables/table-header.js';
import type { CellValue } from './cell-values.js';
import { columnFormatsOf, rowFormatsOf } from '../../core/number-formats.js';

/** A table's columns matched to a layout's. */
export interface Placement {
  readonly table: string;
  readonly columns: readonly ColumnSpec[];
  /** The table's width: a written row has this many cells. */
  readonly width: number;
  /** Per layout column, its position in the table; -1 when no header names it. */
  readonly positions: readonly number[];
  /** What refuses a write before anything is queued (`placementIssues`). */
  readonly header: ReturnType<typeof readTableHeader>;
}

/** Matches a table's header row (as loaded from Excel) to `columns` by core's header rule. */
export function placementOf(table: string, headerRow: readonly unknown[], columns: readonly ColumnSpec[]): Placement {
  const names = headerRow.map((h) => String(h ?? ''));
  const header = readTableHeader(names, { known: columns.map((c) => c.name) });
  return { table, columns, width: names.length, positions: columns.map((c) => columnPosition(header, c.name)), header };
}

/**
 * Core's verdict on writing `rows` (layout order) under this header: each required column the
 * table lacks, and each one it lacks that a row has a value for, is `missing_column`.
 */
export function placementIssues(placement: Placement, rows: readonly (readonly CellValue[])[], required: readonly string[] = []): Issue[] {
  const filled = new Set<string>();
  placement.columns.forEach((column, i) => {
    if (rows.some((row) => row[i] !== '' && row[i] !== undefined && row[i] !== null)) filled.add(column.name);
  });
  return unwritableColumns(placement.table, placement.header, placement.columns.map((c) => c.name), { required, filled });
}

/** Thrown when a table lacks a column a write needs (core's `missing_column`); nothing was written. */
export class TableColumnsError extends Error {
  constructor(
    readonly table: string,
    readonly issues: readonly Issue[],
  ) {
    super(`the ${table} table cannot be written: ${issues.map((i) => `${i.code} ${i.input ?? ''}`.trim()).join(', ')}`);
    this.name = 'TableColumnsError';
  }
}

/** Throws TableColumnsError when `placementIssues` has anything to say. */
export function assertWritable(placement: Placement, rows: readonly (readonly CellValue[])[], required: readonly string[] = []): void {
  const issues = placementIssues(placement, rows, required);
  if (issues.length > 0) throw new TableColumnsError(placement.table, issues);
}

/** A new row (layout order) in the table's order; a column the layout does not know gets an empty cell. */
export function placeRow(placement: Placement, row: readonly CellValue[]): CellValue[] {
  const out: CellValue[] = new Array<CellValue>(placement.width).fill('');
  placement.positions.forEach((position, i) => {
    if (position >= 0) out[position] = row[i] ?? '';
  });
  return out;
}

/** The layout's number formats in the table's order; null (left as it is) for a column the layout does not know. */
export function placeFormats(placement: Placement): (string | null)[] {
  return placeFormatRow(placement, columnFormatsOf(placement.columns));
}

/** A text record's formats (core's `rowFormatsOf`: an amount's by the currency the record names) in the table's order. */
export function placeRecordFormats(placement: Placement, record: Readonly<Record<string, string>>): (string | null)[] {
  return placeFormatRow(placement, rowFormatsOf(placement.columns, (name) => record[name]));
}

/** One row's formats (layout order) in the table's order; null for a column the layout does not know. */
export function placeFormatRow(placement: Placement, formats: readonly (string | null)[]): (string | null)[] {
  const out: (string | null)[] = new Array<string | null>(placement.width).fill(null);
  placement.positions.forEach((position, i) => {
    if (position >= 0) out[position] = formats[i]!;
  });
  return out;
}

/**
 * Queues overwriting the layout's cells of one body row with `row` (layout order), and their number
 * formats with `formats` (layout order) when given, one range per run of adjacent layout columns:
 * the cells of columns the layout does not know are not written, so what the user keeps there stays.
 */
export function queueRewriteRow(context: Excel.RequestContext, placement: Placement, bodyIndex: number, row: readonly CellValue[], formats?: readonly string[]): void {
  const cells = placement.positions
    .map((position, i) => ({ position, value: row[i] ?? '', format: formats?.[i] }))
    .filter((c) => c.position >= 0)
    .sort((a, b) => a.position - b.position);
  const target = context.workbook.tables.getItem(placement.table).getDataBodyRange().getRow(bodyIndex);
  let start = 0;
  for (let i = 1; i <= cells.length; i++) {
    if (i < cells.length && cells[i]!.position === cells[i - 1]!.position + 1) continue;
    const run = cells.slice(start, i);
    const range = target.getCell(0, run[0]!.position).getAbsoluteResizedRange(1, run.length);
    range.values = [run.map((c) => c.value)];
    if (formats) range.numberFormat = [run.map((c) => c.format!)];
    start = i;
  }
}
