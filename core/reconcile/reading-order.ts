/**
 * In which order the ledger reads the workbook's Earnings table (docs/RULES.md, "Reading order").
 * Which version of an earningId counts when two conflict, and which rows the split check pairs,
 * depend on the order rows are read in, as in the batch job (files in the order named, each from
 * its first line). The add-in's import numbers each row it writes (`IMPORT_ORDER_COLUMN`) in the
 * order core read it, so the ledger reads the table in that order whatever order the table is
 * sorted in: sorting or filtering the table changes no number and no finding.
 */

/**
 * A row's import order read from its cell: a whole number from 1, or null for a row without one
 * (typed by hand, written before the column existed, or a cell edited to anything else).
 */
export function importOrderOf(cell: number | string): number | null {
  if (typeof cell === 'number') return Number.isSafeInteger(cell) && cell >= 1 ? cell : null;
  const text = cell.trim();
  if (!/^[0-9]{1,15}$/.test(text)) return null;
  const n = Number.parseInt(text, 10);
  return n >= 1 ? n : null;
}

/**
 * The rule: the table's rows (by their index in the table) in reading order. Rows without an
 * import order come first, in the table's order: they were there before the import that numbers
 * rows (or typed beside them). Then the numbered rows, lowest first; two rows with one number
 * (a row copied with its cell) keep the table's order between them.
 */
export function readingOrder(orders: readonly (number | null)[]): number[] {
  const rank = (i: number) => orders[i] ?? 0;
  return orders.map((_, i) => i).sort((a, b) => rank(a) - rank(b) || a - b);
}

/**
 * `readingOrder` for the ledger: null when the table already is in reading order (the import
 * appends rows in it, so a table nobody sorted is), which costs one look at each row; otherwise
 * the rule itself. A property test holds the two together.
 */
export function readingOrderWhenSorted(orders: readonly (number | null)[]): readonly number[] | null {
  let last = 0;
  for (let i = 0; i < orders.length; i++) {
    const order = orders[i] ?? 0;
    if (order < last) return readingOrder(orders);
    last = order;
  }
  return null;
}

/**
 * The number an import gives the first row it writes: after every number the table holds, so the
 * rows it writes are read after the rows already there (and a row it rewrites, a newer download's
 * version, is read where the batch job reads that download's row).
 */
export function nextImportOrder(orders: readonly (number | null)[]): number {
  let last = 0;
  for (const order of orders) if (order !== null && order > last) last = order;
  return last + 1;
}
