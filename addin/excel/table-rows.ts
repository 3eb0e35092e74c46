/**
 * Finding a table row by what it holds rather than where it was: the user may sort or filter a
 * table between the pane reading it and writing to it, so a row position from an earlier
 * Excel.run is never trusted. Every function takes the context of the caller's one Excel.run.
 */
import type { CellValue } from './cell-values.js';
import { textFromCell } from './cell-values.js';
import { columnPosition, readTableHeader, unwritableColumns } from '../../core/tables/table-header.js';
import { queueRewriteRow, TableColumnsError, type Placement } from './table-placement.js';

export type RowKey = Readonly<Record<string, string>>;

/** A table's rows as queued by `queueFindRows`, readable after the caller's next sync. */
export interface FoundRows {
  /** The body rows whose key columns hold the key (trimmed); throws TableColumnsError when the header names no such column. */
  indexes(): number[];
  /** The table's header row as it stands, to place what is written (`placementOf`). */
  headerRow(): unknown[];
  /** The body cells of a key column, found by the header as `indexes()` finds it. */
  column(name: string): unknown[];
}

/**
 * Queues loading a table's header row and body; after the caller's next sync, `indexes()` gives
 * the body rows matching `key`, whose columns are found by core's header rule (`Claim ID` is the
 * `claimId` column), in whatever order the table holds them. The whole body is loaded in that
 * same sync, since which column is the key is known only once the header is read: the operation
 * keeps its one sync before writing, at the price of reading the other columns of a table that
 * is small beside Earnings (Claims, Balances).
 */
export function queueFindRows(context: Excel.RequestContext, tableName: string, key: RowKey): FoundRows {
  const table = context.workbook.tables.getItem(tableName);
  const header = table.getHeaderRowRange().load('values');
  const body = table.getDataBodyRange().load('values');
  const wanted = Object.entries(key).map(([name, value]) => ({ name, value: value.trim() }));
  const positionOf = (names: readonly string[]): number[] => {
    const read = readTableHeader(header.values[0]?.map((h) => String(h ?? '')) ?? [], { known: names });
    const missing = unwritableColumns(tableName, read, names, { required: names });
    if (missing.length > 0) throw new TableColumnsError(tableName, missing);
    return names.map((name) => columnPosition(read, name));
  };
  return {
    headerRow: () => header.values[0] ?? [],
    column(name) {
      const [position] = positionOf([name]);
      return body.values.map((row) => row[position!]);
    },
    indexes() {
      const positions = positionOf(wanted.map((w) => w.name));
      const found: number[] = [];
      body.values.forEach((row, i) => {
        if (wanted.every(({ value }, k) => textFromCell(row[positions[k]!]).trim() === value)) found.push(i);
      });
      return found;
    },
  };
}

/** Selects the first row matching `key` in the sheet (activating its worksheet); false when none does. */
export async function selectRow(context: Excel.RequestContext, tableName: string, key: RowKey): Promise<boolean> {
  const rows = queueFindRows(context, tableName, key);
  await context.sync();
  const index = rows.indexes()[0];
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
export function queueWriteFoundRow(context: Excel.RequestContext, key: RowKey, rows: FoundRows, placement: Placement, values: readonly CellValue[]): void {
  const found = rows.indexes();
  if (found.length !== 1) throw new RowNotFoundError(placement.table, key);
  queueRewriteRow(context, placement, found[0]!, values);
}
