/**
 * The Partner Center Payments report's layout, as core's earnings layout is (core/workbook-layout.ts,
 * earning-record.ts): its columns, the ones a row cannot be read without, and which currency
 * column says what (docs/RULES.md, "Payments report"). Adapters find the columns by these names
 * and hand the payments check `PaymentRecord`s.
 */
import type { CurrencyCode } from '../money/currency.js';
import type { ColumnRequirement } from '../tables/header-row.js';

/** The report's columns the reconciliation reads; its other columns pass through. */
export const PAYMENTS_COLUMNS = [
  'participantId',
  'programName',
  'earned',
  'earnedUSD',
  'totalPayment',
  'currencyCode',
  'earnedCurrencyCode',
  'paymentCurrencyCode',
  'paymentId',
  'paymentStatus',
  'paymentDate',
] as const;

export type PaymentsColumn = (typeof PAYMENTS_COLUMNS)[number];

/** Older reports carry one `currencyCode`; newer ones an earned and a payment currency. */
export const REQUIRED_PAYMENTS_COLUMNS: readonly ColumnRequirement[] = [
  'paymentId',
  'participantId',
  'earned',
  ['earnedCurrencyCode', 'currencyCode'],
];

/** Where a report's currencies are read, once its header is known. */
export interface PaymentsCurrencyColumns {
  /** The currency of `earned` (the pay-to currency the payments check compares in). */
  readonly earned: 'earnedCurrencyCode' | 'currencyCode';
  /** The currency of `totalPayment`; null when the report has one currency column for both. */
  readonly payment: 'paymentCurrencyCode' | null;
}

/**
 * `earnedCurrencyCode` wins over `currencyCode` when a report has both (a newer report that kept
 * the old column); `paymentCurrencyCode` is read where the report has it.
 */
export function paymentsCurrencyColumns(has: (column: PaymentsColumn) => boolean): PaymentsCurrencyColumns {
  return {
    earned: has('earnedCurrencyCode') ? 'earnedCurrencyCode' : 'currencyCode',
    payment: has('paymentCurrencyCode') ? 'paymentCurrencyCode' : null,
  };
}

/**
 * The currency a payment is paid in: its own column's, or the earned currency when the report has
 * no such column or leaves it empty (a payment not made yet has no payment currency).
 */
export function paymentCurrencyOf(written: CurrencyCode | null, earned: CurrencyCode): CurrencyCode {
  return written ?? earned;
}
