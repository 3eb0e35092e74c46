import { ZERO, type Dec } from '../money/decimal.js';
import type { Finding } from './finding.js';
import type { RowLocation } from './earning-record.js';

/** One row of the Partner Center Payments report, as the check needs it. */
export interface PaymentRecord {
  readonly paymentId: string;
  readonly participantId: string;
  readonly programName: string;
  readonly earned: Dec;
  readonly currency: string;
  readonly location: RowLocation;
}

/** Earnings summed by paymentId must equal the Payments report's `earned`, in its currency. */
export function paymentFindings(payments: readonly PaymentRecord[], sums: ReadonlyMap<string, ReadonlyMap<string, Dec>>): Finding[] {
  const out: Finding[] = [];
  for (const p of payments) {
    const byCurrency = sums.get(p.paymentId);
    const actual = byCurrency?.get(p.currency) ?? ZERO;
    const others = byCurrency ? [...byCurrency.keys()].filter((c) => c !== p.currency) : [];
    if (actual.eq(p.earned) && others.length === 0) continue;
    out.push({
      severity: 'error',
      code: 'payment_mismatch',
      message: byCurrency
        ? `payment ${p.paymentId}: the report says ${p.earned.toFixed()} ${p.currency} earned, the earnings rows add up to ${actual.toFixed()} ${p.currency}${others.length ? ` (and rows in ${others.join(', ')})` : ''}`
        : `payment ${p.paymentId} is in the Payments report but no earnings row carries it`,
      file: p.location.file,
      line: p.location.line,
      participantId: p.participantId,
      programName: p.programName,
      currency: p.currency,
      paymentId: p.paymentId,
      expected: `${p.earned.toFixed()} ${p.currency}`,
      actual: `${actual.toFixed()} ${p.currency}`,
    });
  }
  return out;
}
