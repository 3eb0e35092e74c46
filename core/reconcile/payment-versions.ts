/**
 * Which version of a payment counts when the Payments report repeats its paymentId (docs/RULES.md,
 * "A payment repeated"): a re-downloaded report, two reports that overlap, or the add-in's Payments
 * table and a report imported into it. A payment is one row, named by its paymentId; Partner Center
 * states it again, with its status, date and amounts as they are now, in every report that covers
 * it. The version of the newer report counts, as for a repeated earning: a report's recency is the
 * latest paymentDate in its rows (`isNewerDownload`), never the order the reports were read in, nor
 * the payment's own status or date (a payment can be reversed, or restated before it is paid).
 */
import { heldRecency, HELD_VERSIONS_ORDER, isNewerDownload, type DownloadRank } from './download-recency.js';
import type { IsoDate } from '../calendar/calendar-date.js';
import type { AcceptedPayment } from './payments-layout.js';
import { unreadRowToRewrite } from './import-action.js';

/** What a version of a payment is compared by: the report it came from, and its values. */
export interface PaymentVersion {
  /** Its report's place in time (`paymentsReportLatest` and the report's order). */
  readonly rank: DownloadRank;
  /** Its values as the reconciliation reads them (`paymentVersionKey`): equal keys, the same payment as stated. */
  readonly key: string;
}

/**
 * A version's values, normalised as core reads them (`12.50` is `12.5`, `eur` is `EUR`): the
 * columns the check reads, the payment currency and total, the status and the date. Columns the
 * reconciliation does not read are not compared.
 */
export function paymentVersionKey(p: AcceptedPayment): string {
  return JSON.stringify([
    p.participantId,
    p.programName,
    p.earned.toString(),
    p.earnedUSD?.toString() ?? null,
    p.earnedCurrency,
    p.totalPayment?.toString() ?? null,
    p.paymentCurrency,
    p.paymentStatus,
    p.paymentDate,
  ]);
}

export function paymentVersion(p: AcceptedPayment, rank: DownloadRank): PaymentVersion {
  return { rank, key: paymentVersionKey(p) };
}

/**
 * A Payments report's recency: the latest paymentDate of the rows core read from it ('' when none
 * has one). Rows core refuses count toward no report's recency, as for the earnings exports.
 */
export function paymentsReportLatest(payments: Iterable<{ readonly paymentDate: IsoDate | null }>): string {
  let latest = '';
  for (const p of payments) if (p.paymentDate !== null && p.paymentDate > latest) latest = p.paymentDate;
  return latest;
}

/** A Payments report's place in time: its recency (`paymentsReportLatest`) and its place among the reports named. */
export function paymentsReportRank(payments: Iterable<{ readonly paymentDate: IsoDate | null }>, order: number): DownloadRank {
  return { latest: paymentsReportLatest(payments), order };
}

/**
 * The place in time of a payment the add-in's Payments table holds: the report recency its import
 * recorded (`stored`, the `downloadLatest` cell as text), or the row's own paymentDate where it has
 * none (`heldRecency`), before every report an import reads (`HELD_VERSIONS_ORDER`).
 */
export function heldPaymentRank(stored: string, p: { readonly paymentDate: IsoDate | null }): DownloadRank {
  return { latest: heldRecency(stored, p.paymentDate ?? ''), order: HELD_VERSIONS_ORDER };
}

/**
 * What importing a Payments row does to the Payments table (or to a row imported before it in the
 * same import): `add` a paymentId not held; `skip` a version from an older report than the one
 * held, or the same version from a report no newer; `restamp` the same version from a newer report
 * (only the held row's recency moves on, so an older report imported after it is older than it);
 * else `replace` the held row's cells. On the same recency the report read later counts: a row of
 * the same report lower down, or an imported report over the workbook's rows (`HELD_VERSIONS_ORDER`).
 * A held row core cannot read (`null`: a problem naming its row, no version of the payment) is
 * replaced by the version a report brings, so the table never holds the payment twice.
 */
export type PaymentImportAction = 'add' | 'skip' | 'restamp' | 'replace';

export function paymentImportAction(held: PaymentVersion | null | undefined, later: PaymentVersion): PaymentImportAction {
  if (held === undefined) return 'add';
  if (held === null) return 'replace';
  if (isNewerDownload(held.rank, later.rank)) return 'skip';
  if (held.key === later.key) return later.rank.latest > held.rank.latest ? 'restamp' : 'skip';
  return 'replace';
}

/**
 * Of the add-in's Payments table's rows that name one paymentId, top to bottom, the row an import
 * meets the payment on: the last row core reads, since the table is one report whose later row
 * counts (`latestPayments`); else, where core reads none, the row the report's version rewrites
 * (`unreadRowToRewrite`). The other rows stay as they are.
 */
export function heldPaymentRow<R>(rows: readonly R[], holdsVersion: (row: R) => boolean): R | undefined {
  for (let i = rows.length - 1; i >= 0; i--) if (holdsVersion(rows[i]!)) return rows[i];
  return unreadRowToRewrite(rows, holdsVersion);
}

/**
 * One version per paymentId over the Payments reports, given in the order named (the batch job's
 * `--payments`; the add-in's Payments table is one report), each top to bottom: the first place a
 * paymentId was read, holding the version of the newest report that has it, and of its rows the
 * last.
 */
export function latestPayments<P extends { readonly paymentId: string; readonly paymentDate: IsoDate | null }>(reports: readonly (readonly P[])[]): P[] {
  const at = new Map<string, { index: number; rank: DownloadRank }>();
  const out: P[] = [];
  reports.forEach((rows, order) => {
    const rank = paymentsReportRank(rows, order);
    for (const p of rows) {
      const held = at.get(p.paymentId);
      if (held === undefined) {
        at.set(p.paymentId, { index: out.length, rank });
        out.push(p);
      } else if (!isNewerDownload(held.rank, rank)) {
        out[held.index] = p;
        held.rank = rank;
      }
    }
  });
  return out;
}
