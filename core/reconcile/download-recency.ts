import type { EarningRecord } from './earning-record.js';

/**
 * Which download is newer (docs/RULES.md, "Repeated earningIds"): a download's recency is the
 * latest date in its rows, whatever order the files were named in; on a tie, the file named later
 * is newer. File modification times are never used: a copied folder would reorder them.
 */
export class DownloadRecency {
  private readonly latest: string[] = [];
  private ranked: number[] | undefined;

  see(ordinal: number, row: EarningRecord): void {
    const d = row.earningDate;
    const latest = this.latest[ordinal];
    if (latest === undefined || d > latest) this.latest[ordinal] = d;
  }

  /** Each source's rank by recency (0 = oldest), by ordinal. */
  ranks(): readonly number[] {
    if (this.ranked) return this.ranked;
    const n = this.latest.length;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
      const da = this.latest[a] ?? '';
      const db = this.latest[b] ?? '';
      return da < db ? -1 : da > db ? 1 : a - b;
    });
    const rank = new Array<number>(n);
    order.forEach((ordinal, r) => (rank[ordinal] = r));
    return (this.ranked = rank);
  }
}
