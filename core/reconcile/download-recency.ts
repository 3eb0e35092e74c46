import { parseDate } from '../calendar/calendar-date.js';
import { memoByText } from '../text/memo-by-text.js';
import type { EarningRecord } from './earning-record.js';

/**
 * Which download is newer (docs/RULES.md, "Repeated earningIds"): a download's recency is the
 * latest date in its rows, whatever order the files were named in; on a tie, the file named later
 * is newer. File modification times are never used: a copied folder would reorder them. The
 * ordinals are the sources' places in core's order of sources (`core/tables/source-order.ts`:
 * as named, and a set of files by name), which both adapters read in.
 */
/** The columns whose dates make a download's recency, where the export has them. */
export const RECENCY_COLUMNS = ['paymentDate', 'calculationDate', 'earningDate'] as const;
/**
 * The recency columns besides earningDate, which the ledger reads for nothing else: an adapter
 * passes their cells through (`passThrough`) under these names, whichever way the header spells
 * them (`Payment Date`, `payment_date`: docs/RULES.md, "Column headers").
 */
export const OTHER_RECENCY_COLUMNS: readonly string[] = RECENCY_COLUMNS.filter((c) => c !== 'earningDate');

/** A download's place in time: the latest date in its rows, and the order it was named in. */
export interface DownloadRank {
  readonly latest: string;
  readonly order: number;
}

/** Whether download `a` is newer than `b`: a later latest date, or on a tie named later. */
export function isNewerDownload(a: DownloadRank, b: DownloadRank): boolean {
  return a.latest > b.latest || (a.latest === b.latest && a.order > b.order);
}

/**
 * The place in time of the versions a workbook already holds, against the files an import reads:
 * before every one of them, so on a tie (the same latest date) the imported download is the newer
 * (docs/RULES.md, "Repeated earningIds"). An import exists to bring the workbook up to date.
 */
export const HELD_VERSIONS_ORDER = -1;

/**
 * The recency of the download a version the workbook holds came from (docs/RULES.md, "Repeated
 * earningIds"): the date its import recorded (`stored`, the Earnings table's `downloadLatest`), so
 * importing files one at a time ranks versions as the batch job does on all of them at once. A row
 * without one (typed by hand, or imported before the column) has only its own dates (`own`, its
 * `rowRecency`). A download's recency is never before a row of it, so a row edited to a later date
 * since counts with that date.
 */
export function heldRecency(stored: string, own: string): string {
  const d = stored === '' ? '' : passedDate(stored);
  return d > own ? d : own;
}

/** The other recency columns, as the adapter passes them through (`passThrough`); a date that cannot be read counts as none. */
const passedDate = memoByText((text) => {
  const d = parseDate(text);
  return d.ok ? d.value : '';
});

/**
 * A row's own recency: the latest of its earningDate and the other `RECENCY_COLUMNS` dates it
 * passes through. Only accepted rows have one: a row refused counts toward no download's recency.
 */
export function rowRecency(row: Pick<EarningRecord, 'earningDate' | 'passThrough'>): string {
  let d: string = row.earningDate;
  for (const name of RECENCY_COLUMNS) {
    const text = row.passThrough[name];
    if (text === undefined || text === '') continue;
    const other = passedDate(text);
    if (other > d) d = other;
  }
  return d;
}

export class DownloadRecency {
  private readonly latest: string[] = [];
  private ranked: number[] | undefined;

  see(ordinal: number, row: Pick<EarningRecord, 'earningDate' | 'passThrough'>): void {
    const d = rowRecency(row);
    const latest = this.latest[ordinal];
    if (latest === undefined || d > latest) this.latest[ordinal] = d;
    this.ranked = undefined;
  }

  /** A source's rank as `isNewerDownload` compares it: its latest date ('' when it had no accepted row) and its order. */
  rankOf(ordinal: number): DownloadRank {
    return { latest: this.latest[ordinal] ?? '', order: ordinal };
  }

  /** Each source's rank by recency (0 = oldest), by ordinal. */
  ranks(): readonly number[] {
    if (this.ranked) return this.ranked;
    const n = this.latest.length;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (isNewerDownload(this.rankOf(a), this.rankOf(b)) ? 1 : -1));
    const rank = new Array<number>(n);
    order.forEach((ordinal, r) => (rank[ordinal] = r));
    return (this.ranked = rank);
  }
}
