import { parseDate } from '../calendar/calendar-date.js';
import { memoByText } from '../text/memo-by-text.js';
import type { EarningRecord } from './earning-record.js';

/**
 * Which download is newer (docs/RULES.md, "Repeated earningIds"): a download's recency is the
 * latest date in its rows, whatever order the files were named in; on a tie, the file named later
 * is newer. File modification times are never used: a copied folder would reorder them.
 */
/** The columns whose dates make a download's recency, where the export has them. */
export const RECENCY_COLUMNS = ['paymentDate', 'calculationDate', 'earningDate'] as const;

/** A download's place in time: the latest date in its rows, and the order it was named in. */
export interface DownloadRank {
  readonly latest: string;
  readonly order: number;
}

/** Whether download `a` is newer than `b`: a later latest date, or on a tie named later. */
export function isNewerDownload(a: DownloadRank, b: DownloadRank): boolean {
  return a.latest > b.latest || (a.latest === b.latest && a.order > b.order);
}

export class DownloadRecency {
  private readonly latest: string[] = [];
  private ranked: number[] | undefined;

  /** The other recency columns, as the adapter passes them through (`passThrough`); a date that cannot be read counts as none. */
  private readonly dateOf = memoByText((text) => {
    const d = parseDate(text);
    return d.ok ? d.value : '';
  });

  see(ordinal: number, row: EarningRecord): void {
    let d: string = row.earningDate;
    for (const name of RECENCY_COLUMNS) {
      const text = row.passThrough[name];
      if (text === undefined || text === '') continue;
      const other = this.dateOf(text);
      if (other > d) d = other;
    }
    const latest = this.latest[ordinal];
    if (latest === undefined || d > latest) this.latest[ordinal] = d;
  }

  /** Each source's rank by recency (0 = oldest), by ordinal. */
  ranks(): readonly number[] {
    if (this.ranked) return this.ranked;
    const n = this.latest.length;
    const rankOf = (order: number): DownloadRank => ({ latest: this.latest[order] ?? '', order });
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (isNewerDownload(rankOf(a), rankOf(b)) ? 1 : -1));
    const rank = new Array<number>(n);
    order.forEach((ordinal, r) => (rank[ordinal] = r));
    return (this.ranked = rank);
  }
}
