import type { ReportRow } from './cell-value.js';

export interface SummaryRowsCapOptions<K extends string> {
  /** At most this many rows of one kind are written; the rest are counted. */
  readonly cap: number;
  /** The repeating kind a row belongs to (e.g. its finding code), or null for rows never capped. */
  readonly kindOf: (row: ReportRow) => K | null;
  /**
   * The row that stands in for the rows left out, e.g. "12,345 more duplicate_earning findings
   * are in findings.csv". Wording belongs to the caller.
   */
  readonly summaryRow: (kind: K, omitted: number) => ReportRow;
}

export interface SummaryRowsCap {
  /** Passes the row on unless its kind already reached the cap. */
  add(row: ReportRow): Promise<void>;
  /** Writes one summary row per capped kind, in the order the kinds first appeared. */
  finish(): Promise<void>;
  /** Rows left out so far, per kind. */
  readonly omitted: ReadonlyMap<string, number>;
}

/**
 * Keeps a sheet readable and small when one kind of row repeats a million times (a
 * million duplicates must not blow up the workbook): the first `cap` rows of each kind are
 * written, the rest are only counted and replaced by one summary row each at the end. The full
 * list stays in the CSV.
 */
export function summaryRowsCap<K extends string>(
  write: (row: ReportRow) => Promise<void>,
  options: SummaryRowsCapOptions<K>,
): SummaryRowsCap {
  if (!Number.isInteger(options.cap) || options.cap < 0) throw new RangeError(`cap must be a non-negative integer: ${options.cap}`);
  const written = new Map<K, number>();
  const omitted = new Map<K, number>();
  let finished = false;
  return {
    omitted,
    async add(row) {
      if (finished) throw new Error('summaryRowsCap already finished');
      const kind = options.kindOf(row);
      if (kind === null) return write(row);
      const n = written.get(kind) ?? 0;
      if (n < options.cap) {
        written.set(kind, n + 1);
        return write(row);
      }
      omitted.set(kind, (omitted.get(kind) ?? 0) + 1);
    },
    async finish() {
      if (finished) return;
      finished = true;
      for (const [kind, count] of omitted) await write(options.summaryRow(kind, count));
    },
  };
}
