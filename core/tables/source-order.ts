/**
 * The order in which export files are read (docs/RULES.md, "Order of sources"). It matters: on a
 * tie in download recency the file read later is the newer (`core/reconcile/download-recency.ts`),
 * so both adapters must put the same files in the same order.
 *
 * Files the user names one by one (each `--earnings` argument) keep the order they were named in.
 * Files that arrive as a set, with no order of their own (a folder's files, a zip's entries, the
 * files picked together in the add-in's file dialog, whose order is the operating system's), are
 * ordered by name, compared code unit by code unit: the same on every machine, browser and locale
 * (`localeCompare` is not). A zip's entries are ordered among themselves, where the zip stands.
 */

/** Code-unit order of two names: negative, zero or positive, as `Array.prototype.sort` wants. */
export function compareSourceNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A set of sources in reading order, by `nameOf` (a copy; the input is left as it was). */
export function orderSources<T>(sources: readonly T[], nameOf: (source: T) => string): T[] {
  return [...sources].sort((a, b) => compareSourceNames(nameOf(a), nameOf(b)));
}
