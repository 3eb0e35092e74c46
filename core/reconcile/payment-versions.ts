/**
 * Which version of a payment counts when the Payments report repeats its paymentId (docs/RULES.md,
 * "Payments"): a re-downloaded report, two reports that overlap, or the add-in's Payments table and
 * a report imported into it. A payment is one row, named by its paymentId; Partner Center states it
 * again, with its status, date and amounts as they are now, in every report that covers it.
 */
import type { IsoDate } from '../calendar/calendar-date.js';
import type { AcceptedPayment } from './payments-layout.js';

/** What a version of a payment is compared by: when it was paid, and its values. */
export interface PaymentVersion {
  readonly paymentDate: IsoDate | null;
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

export function paymentVersion(p: AcceptedPayment): PaymentVersion {
  return { paymentDate: p.paymentDate, key: paymentVersionKey(p) };
}

/**
 * Whether a version read later replaces the one held: unless the held one was paid on a later date.
 * A payment is paid once; a download made before it was paid has no paymentDate (or, restated,
 * an earlier one), so importing an older report again never undoes a payment. On the same date,
 * or when neither is paid, the version read later is the report's newer statement and counts.
 */
export function replacesHeldPayment(held: Pick<PaymentVersion, 'paymentDate'>, later: Pick<PaymentVersion, 'paymentDate'>): boolean {
  return (later.paymentDate ?? '') >= (held.paymentDate ?? '');
}

/**
 * What importing a Payments row does to the Payments table (or to a row imported before it in the
 * same import): `add` a paymentId not held; `skip` a version the same as the one held, or one that
 * does not replace it (`replacesHeldPayment`); else `replace` the held row's cells.
 */
export type PaymentImportAction = 'add' | 'skip' | 'replace';

export function paymentImportAction(held: PaymentVersion | undefined, later: PaymentVersion): PaymentImportAction {
  if (held === undefined) return 'add';
  if (held.key === later.key || !replacesHeldPayment(held, later)) return 'skip';
  return 'replace';
}

/**
 * One version per paymentId, in reading order (the batch job's `--payments` files as named, each
 * top to bottom; the add-in's Payments table top to bottom): the first place a paymentId was read,
 * holding the version that counts (`replacesHeldPayment`).
 */
export function latestPayments<P extends Pick<PaymentVersion, 'paymentDate'> & { readonly paymentId: string }>(payments: readonly P[]): P[] {
  const at = new Map<string, number>();
  const out: P[] = [];
  for (const p of payments) {
    const i = at.get(p.paymentId);
    if (i === undefined) {
      at.set(p.paymentId, out.length);
      out.push(p);
    } else if (replacesHeldPayment(out[i]!, p)) out[i] = p;
  }
  return out;
}
