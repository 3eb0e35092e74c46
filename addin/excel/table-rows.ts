/**
 * Finding a table row by what it holds rather than where it was: the user may sort or filter a
 * table between the pane reading it and writing to it, so a row position from an earlier
 * Excel.run is never trusted. Every function takes the context of the caller's one Excel.run.
 */
import type { CellValue } from './cell-values.js';
import { textFromCell } from './cell-values.js';

export type RowKey = Readonly<Record<string, string>>;

/** Queues loading a table's key columns; after the caller's next sync, `indexes()` gives the matching body rows. */
export function queueFindRows(context: Excel.RequestContext, tableName: string, key: RowKey): { indexes(): number[] } {
  const table = context.workbook.tables.getItem(tableName);
  const columns = Object.entries(key).map(([name, wanted]) => ({ wanted: wanted.trim(), range: table.columns.getItem(name).getDataBodyRange().load('values') }));
  return {
    indexes() {
      const rows = columns[0]?.range.values.length ?? 0;
      const found: number[] = [];
      for (let i = 0; i < rows; i++) {
        if (columns.every(({ wanted, range }) => textFromCell(range.values[i]?.[0]).trim() === wanted)) found.push(i);
      }
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
 * Queues overwriting the row found by `rows` with `values`; throws RowNotFoundError when no row
 * (or more than one) matches, so another row is never overwritten.
 */
export function queueWriteFoundRow(
  context: Excel.RequestContext,
  tableName: string,
  key: RowKey,
  rows: { indexes(): number[] },
  values: readonly CellValue[],
): void {
  const found = rows.indexes();
  if (found.length !== 1) throw new RowNotFoundError(tableName, key);
  context.workbook.tables.getItem(tableName).getDataBodyRange().getRow(found[0]!).values = [values as CellValue[]];
}
