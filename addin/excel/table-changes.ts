/**
 * One subscription to Excel's table change events, shared by the task pane (which refreshes
 * itself) and the COOP.* functions (whose streaming results are recomputed): both react to the
 * same events, so a cell and the pane never show different numbers for long.
 */
import { locateTable } from '../../core/tables/table-location.js';
import { workbookNames } from './table-io.js';

type Listener = (table: string) => void;

const listeners = new Set<Listener>();
const watched = new Set<string>();

/** Adds a listener; returns how to remove it. */
export function onTablesChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells every listener that `table` changed (also used when the pane itself wrote it). */
export function tablesChanged(table: string): void {
  for (const listener of [...listeners]) listener(table);
}

/** Whether Excel tells this add-in about changes to `name` (a handler is registered on it). */
export function watching(name: string): boolean {
  return watched.has(name);
}

/**
 * Registers Excel's onChanged handler on each of `names` that exists and is not watched yet, and
 * onRowSorted on its worksheet (one Excel.run, two syncs). Called at start and again after the workbook is set up.
 */
export async function watchTables(names: readonly string[]): Promise<void> {
  await Excel.run(async (context) => {
    const tables = context.workbook.tables;
    const present = await workbookNames(context);
    for (const name of names) {
      // The table core's rule finds (`claims` is the Claims table: docs/RULES.md, "Where a table is"),
      // reported under the layout's name, the name the ledger reads it by.
      const location = locateTable(name, present);
      if (watched.has(name) || location.kind !== 'table') continue;
      const table = tables.getItem(location.table);
      table.onChanged.add(async () => tablesChanged(name));
      // A sort moves whole rows without raising the table's onChanged: the rows' order and
      // positions are what the ledger's row numbers and "the row read later counts" depend on.
      table.worksheet.onRowSorted.add(async () => tablesChanged(name));
      watched.add(name);
    }
    await context.sync();
  });
}
