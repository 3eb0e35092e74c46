import { Dec, ZERO } from '../money/decimal.js';
import type { Finding } from './finding.js';
import type { RowLocation } from './earning-record.js';
import type { PaymentSums } from './payment-sums.js';
import type { IsoDate } from '../calendar/calendar-date.js';

/** One row of the Partner Center Payments report, as the check needs it. */
export interface PaymentRecord {
  readonly paymentId: string;
  readonly participantId: string;
  readonly programName: string;
  /** `earned`, in the pay-to currency `currency`. */
  readonly earned: Dec;
  readonly earnedUSD: Dec | null;
  readonly currency: string;
  /** When it was paid (null: not yet); the latest of a report's makes its recency, which decides which version of a repeated payment counts (payment-versions.ts). */
  readonly paymentDate: IsoDate | null;
  readonly location: RowLocation;
}

/** Half a cent per row: each row's USD amount is rounded on its own (docs/RULES.md, "Payments"). */
export const USD_TOLERANCE_PER_ROW = new Dec('0.005');

/** How a payment compares with its earnings: in which currency, and the two figures. */
interface Comparison {
  readonly ok: boolean;
  readonly currency: string;
  readonly expected: Dec;
  readonly actual: Dec;
  readonly others: readonly string[];
}

/**
 * The payments check (docs/RULES.md, "Payments"): the report's `earned` is in the pay-to
 * currency. It is compared with the rows' amounts in that currency where the export gives them
 * (`earningAmountInLastPaymentCurrency`), exactly; else with the rows in the transaction currency
 * when that is the same currency, exactly; else in USD (`earnedUSD` against the rows'
 * `earningAmountUSD`), within half a cent per row.
 */
export function comparePayment(p: PaymentRecord, sums: PaymentSums): Comparison {
  if (sums.rowsWithoutPaymentCurrency === 0 && sums.byPaymentCurrency.size > 0) {
    const actual = sums.byPaymentCurrency.get(p.currency) ?? ZERO;
    const others = [...sums.byPaymentCurrency.keys()].filter((c) => c !== p.currency);
    return { ok: actual.eq(p.earned) && others.length === 0, currency: p.currency, expected: p.earned, actual, others };
  }
  const others = [...sums.byCurrency.keys()].filter((c) => c !== p.currency);
  if (others.length === 0 || p.earnedUSD === null || sums.rowsWithoutUSD > 0) {
    const actual = sums.byCurrency.get(p.currency) ?? ZERO;
    return { ok: actual.eq(p.earned) && others.length === 0, currency: p.currency, expected: p.earned, actual, others };
  }
  const tolerance = USD_TOLERANCE_PER_ROW.times(sums.rows);
  return { ok: p.earnedUSD.minus(sums.usd).abs().lte(tolerance), currency: 'USD', expected: p.earnedUSD, actual: sums.usd, others: [] };
}

/** Earnings summed by paymentId must match the Payments report's `earned`. */
export function paymentFindings(payments: readonly PaymentRecord[], sums: ReadonlyMap<string, PaymentSums>): Finding[] {
  const out: Finding[] = [];
  for (const p of payments) {
    const of = sums.get(p.paymentId);
    const c = of ? comparePayment(p, of) : { ok: false, currency: p.currency, expected: p.earned, actual: ZERO, others: [] };
    if (c.ok) continue;
    out.push({
      severity: 'error',
      code: 'payment_mismatch',
      message: of
        ? `payment ${p.paymentId}: the report says ${c.expected.toFixed()} ${c.currency} earned, the earnings rows add up to ${c.actual.toFixed()} ${c.currency}${c.others.length ? ` (and rows in ${c.others.join(', ')})` : ''}`
        : `payment ${p.paymentId} is in the Payments report but no earnings row carries it`,
      file: p.location.file,
      line: p.location.line,
      participantId: p.participantId,
      programName: p.programName,
      currency: p.currency,
      paymentId: p.paymentId,
      expected: `${c.expected.toFixed()} ${c.currency}`,
      actual: `${c.actual.toFixed()} ${c.currency}`,
    });
  }
  return out;
}
