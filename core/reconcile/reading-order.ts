/**
 * In which order the ledger reads the workbook's Earnings table (docs/RULES.md, "Reading order").
 * Which version of an earningId counts when two conflict, and which rows the split check pairs,
 * depend on the order rows are read in, as in the batch job (files in the order named, each from
 * its first line). The add-in's import numbers each row it writes (`IMPORT_ORDER_COLUMN`) in the
 * order core read it, so the ledger reads the table in that order whatever order the table is
 * sorted in: sorting or filtering the table changes no number and no finding.
 */
import { wholeNumberFromOne } from '../text/whole-number.js';

/**
 * A row's import order read from its cell: a whole number from 1, or null for a row without one
 * (typed by hand, written before the column existed, or a cell edited to anything else).
 */
export function importOrderOf(cell: number | string): number | null {
  if (typeof cell === 'number') return Number.isSafeInteger(cell) && cell >= 1 ? cell : null;
  return wholeNumberFromOne(cell);
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
 * `readingOrder` for the ledger, over `count` rows whose orders `orderAt` gives: null when the
 * table already is in reading order (the import appends rows in it, so a table nobody sorted is),
 * which costs one look at each row and no array; otherwise the rule's order, sorted by numeric
 * keys (`sortedByKeys`), or by the rule itself past the keys' bounds. A property test holds the
 * two together.
 */
export function readingOrderWhenSorted(count: number, orderAt: (row: number) => number | null): readonly number[] | null {
  let last = 0;
  for (let i = 0; i < count; i++) {
    const order = orderAt(i) ?? 0;
    if (order < last) return sortedByKeys(count, orderAt) ?? readingOrder(Array.from({ length: count }, (_, row) => orderAt(row)));
    last = order;
  }
  return null;
}

/** Rows a key can hold (an Excel sheet has 2^20), and orders below 2^32: a key is then below 2^52, exact in a double. */
const ROW_BITS = 2 ** 20;
const MAX_KEYED_ORDER = 2 ** 32;

/**
 * The rule's order for a sorted table, sorting one number per row (order × 2^20 + row) in a typed
 * array instead of comparing rows through a function: a 100,000-row table sorted by amount took
 * 110 ms more to read the rule's way. Null where a key could not hold the order or the row.
 */
function sortedByKeys(count: number, orderAt: (row: number) => number | null): number[] | null {
  if (count > ROW_BITS) return null;
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const order = orderAt(i) ?? 0;
    if (order >= MAX_KEYED_ORDER) return null;
    keys[i] = order * ROW_BITS + i;
  }
  keys.sort();
  const out = new Array<number>(count);
  for (let k = 0; k < count; k++) out[k] = keys[k]! % ROW_BITS;
  return out;
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
