/**
 * Finding a table row by what it holds rather than where it was: the user may sort or filter a
 * table between the pane reading it and writing to it, so a row position from an earlier
 * Excel.run is never trusted. Every function takes the context of the caller's one Excel.run.
 */
import type { CellValue } from './cell-values.js';
import { textFromCell } from './cell-values.js';
import { columnPosition, readTableHeader, unwritableColumns } from '../../core/tables/table-header.js';
import { queueRewriteRow, TableColumnsError, type Placement } from './table-placement.js';
import { sameId } from '../../core/text/same-id.js';

export type RowKey = Readonly<Record<string, string>>;

/** A table's key columns as `queueFindRows` read them. */
export interface FoundRows {
  /** The body rows whose key columns hold the key (trimmed). */
  indexes(): number[];
  /** The table's header row as it stands, to place what is written (`placementOf`). */
  headerRow(): unknown[];
  /** The body cells of a key column, found by the header as `indexes()` finds it. */
  column(name: string): unknown[];
}

/**
 * The spellings of a layout column Excel's own lookup is asked for (`claimId`, `claim id`,
 * `claim_id`, `claim-id`; Excel compares table column names without case): the ways a person heads
 * it. Only a guess, so the key column's cells can be loaded in the same sync as the header; which
 * column is the key is decided by core's header rule once the header is read.
 */
function spellings(name: string): string[] {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return [...new Set([name, words, words.replaceAll(' ', '_'), words.replaceAll(' ', '-')])];
}

/**
 * Queues loading a table's header row and, for each column of `key`, the cells of the columns
 * Excel finds under its usual spellings (`spellings`): not the whole body, so a large register
 * stays far below Excel's payload limit. After the caller's next sync, the returned function
 * checks the guess against core's header rule (`Claim ID` is the `claimId` column, wherever the
 * table holds it): when a key column is headed some other way (`Claim  ID`), its cells are loaded
 * by position in one more sync. It throws TableColumnsError when the header names no such column.
 */
export function queueFindRows(context: Excel.RequestContext, tableName: string, key: RowKey): () => Promise<FoundRows> {
  const table = context.workbook.tables.getItem(tableName).load('showTotals');
  const header = table.getHeaderRowRange().load('values');
  const wanted = Object.entries(key).map(([name, value]) => ({ name, value }));
  const names = wanted.map((w) => w.name);
  const guesses = names.map((name) => spellings(name).map((spelling) => table.columns.getItemOrNullObject(spelling).load('index,values')));
  return async () => {
    const headerRow = header.values[0] ?? [];
    const read = readTableHeader(headerRow.map((h) => String(h ?? '')), { known: names });
    const missing = unwritableColumns(tableName, read, names, { required: names });
    if (missing.length > 0) throw new TableColumnsError(tableName, missing);
    const positions = names.map((name) => columnPosition(read, name));
    // A column's values are its header cell, its body and, when the table shows one, its totals row.
    const body = (values: unknown[][]) => values.slice(1, table.showTotals ? -1 : undefined).map((row) => row[0]);
    const cells: unknown[][] = [];
    const late: { readonly k: number; readonly range: Excel.Range }[] = [];
    positions.forEach((position, k) => {
      const hit = guesses[k]!.find((column) => !column.isNullObject && column.index === position);
      if (hit) cells[k] = body(hit.values);
      else late.push({ k, range: table.getDataBodyRange().getColumn(position).load('values') });
    });
    if (late.length > 0) {
      await context.sync();
      for (const { k, range } of late) cells[k] = range.values.map((row) => row[0]);
    }
    return {
      headerRow: () => headerRow,
      column: (name) => cells[names.indexOf(name)] ?? [],
      indexes() {
        const found: number[] = [];
        const rows = cells[0]?.length ?? 0;
        // A row holds the key as the register is read: each id trimmed, case kept (core's sameId).
        for (let i = 0; i < rows; i++) if (wanted.every(({ value }, k) => sameId(textFromCell(cells[k]![i]), value))) found.push(i);
        return found;
      },
    };
  };
}

/** Selects the first row matching `key` in the sheet (activating its worksheet); false when none does. */
export async function selectRow(context: Excel.RequestContext, tableName: string, key: RowKey): Promise<boolean> {
  const found = queueFindRows(context, tableName, key);
  await context.sync();
  const index = (await found()).indexes()[0];
  if (index === undefined) return false;
  const table = context.workbook.tables.getItem(tableName);
  table.worksheet.activate();
  table.getDataBodyRange().getRow(index).select();
  await context.sync();
  return true;
}

/** Thrown when a row the pane means to rewrite is no longer in its table. */
export class RowNotFoundError extends Error {
  constructor(
    readonly table: string,
    readonly key: RowKey,
  ) {
    super(`no row in ${table} with ${Object.entries(key).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    this.name = 'RowNotFoundError';
  }
}

/**
 * Queues overwriting the row found by `rows` with `values` (layout order), each under the column
 * its header names (`queueRewriteRow`); throws RowNotFoundError when no row (or more than one)
 * matches, so another row is never overwritten.
 */
export function queueWriteFoundRow(context: Excel.RequestContext, key: RowKey, rows: FoundRows, placement: Placement, values: readonly CellValue[], formats?: readonly string[]): void {
  const found = rows.indexes();
  if (found.length !== 1) throw new RowNotFoundError(placement.table, key);
  queueRewriteRow(context, placement, found[0]!, values, formats);
}
