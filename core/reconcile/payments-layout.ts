/**
 * The Partner Center Payments report's layout, as core's earnings layout is (core/workbook-layout.ts,
 * earning-record.ts): its columns, the ones a row cannot be read without, and which currency
 * column says what (docs/RULES.md, "Payments report"). Adapters find the columns by these names
 * and hand the payments check `PaymentRecord`s.
 */
import { trimCell } from '../tables/trim-cell.js';
import { parseCurrency, type CurrencyCode } from '../money/currency.js';
import { parseAmount, type NumberLocale } from '../money/parse-amount.js';
import type { Dec } from '../money/decimal.js';
import { parseDate, type IsoDate } from '../calendar/calendar-date.js';
import type { ColumnRequirement } from '../tables/header-row.js';
import { issue, type Issue, type Result } from '../issues.js';
import type { RowLocation } from './earning-record.js';
import type { PaymentRecord } from './payments-check.js';

/**
 * The report's columns the reconciliation reads; its other columns pass through. The add-in's
 * Payments table has these columns but `currencyCode` (core/workbook-layout.ts, `PAYMENTS_COLUMNS`).
 */
export const PAYMENTS_REPORT_COLUMNS = [
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

export type PaymentsColumn = (typeof PAYMENTS_REPORT_COLUMNS)[number];

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
 * the old column, which must then say the same: `readPaymentRow`); `paymentCurrencyCode` is read
 * where the report has it.
 */
export function paymentsCurrencyColumns(has: (column: PaymentsColumn) => boolean): PaymentsCurrencyColumns {
  return {
    earned: has('earnedCurrencyCode') ? 'earnedCurrencyCode' : 'currencyCode',
    payment: has('paymentCurrencyCode') ? 'paymentCurrencyCode' : null,
  };
}

/**
 * The column of the add-in's Payments table a report's column is written to (docs/RULES.md, "The
 * add-in's Payments table"): its own, but for the report's earned currency, which an older report
 * names `currencyCode`: that goes to `earnedCurrencyCode` in a table set up from the layout (which
 * has no `currencyCode`, `PAYMENTS_COLUMNS`), or with neither column yet; a table kept with
 * `currencyCode` alone keeps it. `tableHas` says which columns the table's header names.
 */
export function paymentsTableColumn(reportColumn: string, reportCurrencies: PaymentsCurrencyColumns, tableHas: (column: PaymentsColumn) => boolean): string {
  if (reportColumn !== reportCurrencies.earned) return reportColumn;
  return tableHas('earnedCurrencyCode') || !tableHas('currencyCode') ? 'earnedCurrencyCode' : 'currencyCode';
}

/**
 * The order in which a report's columns (its header's keys) take the Payments table's columns, as
 * positions in the report: its earned currency first, then the others as the report has them. A
 * newer report's `currencyCode` beside its `earnedCurrencyCode` says the same (`readPaymentRow`
 * refuses a row where it does not), and in a table that keeps `currencyCode` both go there: the
 * earned currency is the one written.
 */
export function paymentsImportOrder(reportColumns: readonly string[], reportCurrencies: PaymentsCurrencyColumns): number[] {
  const positions = reportColumns.map((_, position) => position);
  const earned = positions.filter((position) => reportColumns[position] === reportCurrencies.earned);
  return [...earned, ...positions.filter((position) => reportColumns[position] !== reportCurrencies.earned)];
}

/**
 * The currency a payment is paid in: its own column's, or the earned currency when the report has
 * no such column or leaves it empty (a payment not made yet has no payment currency).
 */
export function paymentCurrencyOf(written: CurrencyCode | null, earned: CurrencyCode): CurrencyCode {
  return written ?? earned;
}

/** The typed values of an accepted Payments row; its other columns are text, read as written. */
export interface AcceptedPaymentRow {
  readonly paymentId: string;
  readonly participantId: string;
  /** `earned`, in `earnedCurrency`. */
  readonly earned: Dec;
  readonly earnedUSD: Dec | null;
  readonly earnedCurrency: CurrencyCode;
  readonly totalPayment: Dec | null;
  /** Already resolved by `paymentCurrencyOf`: never empty. */
  readonly paymentCurrency: CurrencyCode;
  readonly paymentDate: IsoDate | null;
}

export interface PaymentRowOptions {
  /** How numbers are written when not invariant (the batch job's `--number-locale`). */
  readonly locale?: NumberLocale;
}

/**
 * Whether a row of the Payments report is a payment the check reads, and why not (docs/RULES.md,
 * "Payments report"). `cellOf` gives a column's cell as written ('' when the row has no such
 * column), read as core reads a cell (`trimCell`);
 * `currencies` says where this report's currencies are (`paymentsCurrencyColumns`). Every problem
 * of the row is reported, in column order, each in its column (path `[column]`) with the cell as
 * input: `missing_field` for an empty paymentId, participantId, earned or earned currency;
 * `invalid_amount`, `invalid_date`, `invalid_currency` for a value core cannot read. The optional
 * values (earnedUSD, totalPayment, the payment currency and date) may be empty, but when written
 * they must be read: a row is refused, never half-read. A row that writes `currencyCode` beside
 * `earnedCurrencyCode` must write the same currency there (`invalid_currency`, reason
 * `conflicting`, in `currencyCode`, with the earned one as `expected`).
 */
export function readPaymentRow(
  cellOf: (column: PaymentsColumn) => string,
  currencies: PaymentsCurrencyColumns,
  options: PaymentRowOptions = {},
): Result<AcceptedPaymentRow> {
  const textOf = (column: PaymentsColumn): string => trimCell(cellOf(column));
  const issues: Issue[] = [];
  const amountOptions = options.locale ? { locale: options.locale } : {};
  /** The column's text, or null (with a `missing_field` when required) when it is empty. */
  const written = (column: PaymentsColumn, required: boolean): string | null => {
    const text = textOf(column);
    if (text !== '') return text;
    if (required) issues.push(issue('missing_field', [column], ''));
    return null;
  };
  const read = <T>(column: PaymentsColumn, required: boolean, parse: (text: string) => Result<T>): T | null => {
    const text = written(column, required);
    if (text === null) return null;
    const r = parse(text);
    if (r.ok) return r.value;
    issues.push({ ...r.issues[0]!, path: [column], input: text });
    return null;
  };
  const amount = (text: string) => parseAmount(text, amountOptions);
  const paymentId = written('paymentId', true) ?? '';
  const participantId = written('participantId', true) ?? '';
  const earned = read('earned', true, amount);
  const earnedUSD = read('earnedUSD', false, amount);
  const totalPayment = read('totalPayment', false, amount);
  const earnedCurrency = read(currencies.earned, true, parseCurrency);
  if (currencies.earned === 'earnedCurrencyCode' && earnedCurrency !== null) {
    // A report that kept the old `currencyCode` beside `earnedCurrencyCode` states the earned
    // currency twice: two different ones leave the row's currency a guess, so it is refused.
    const old = read('currencyCode', false, parseCurrency);
    if (old !== null && old !== earnedCurrency) issues.push(issue('invalid_currency', ['currencyCode'], textOf('currencyCode'), { reason: 'conflicting', expected: earnedCurrency }));
  }
  const paymentCurrency = currencies.payment === null ? null : read(currencies.payment, false, parseCurrency);
  const paymentDate = read('paymentDate', false, parseDate);
  if (issues.length > 0 || earned === null || earnedCurrency === null) return { ok: false, issues };
  return {
    ok: true,
    value: {
      paymentId,
      participantId,
      earned,
      earnedUSD,
      earnedCurrency,
      totalPayment,
      paymentCurrency: paymentCurrencyOf(paymentCurrency, earnedCurrency),
      paymentDate,
    },
  };
}

/**
 * A Payments row as both adapters read it: the batch job's report line, the add-in's Payments table
 * row. What the payments check needs (`PaymentRecord`, its currency the earned one) with the row's
 * other typed values, its status and date, which decide which version of a payment is kept
 * (payment-versions.ts).
 */
export type AcceptedPayment = PaymentRecord & AcceptedPaymentRow & { readonly paymentStatus: string };

/**
 * The one rule that turns a Payments row into what the reconciliation reads (docs/RULES.md,
 * "Payments report"): `readPaymentRow`'s verdict, with the row's programName and status as
 * written (read as core reads a cell), located at `location` (a report's file and line, a table's
 * name and sheet row).
 */
export function readPaymentRecord(
  cellOf: (column: PaymentsColumn) => string,
  currencies: PaymentsCurrencyColumns,
  location: RowLocation,
  options: PaymentRowOptions = {},
): Result<AcceptedPayment> {
  const read = readPaymentRow(cellOf, currencies, options);
  if (!read.ok) return read;
  return {
    ok: true,
    value: { ...read.value, currency: read.value.earnedCurrency, programName: trimCell(cellOf('programName')), paymentStatus: trimCell(cellOf('paymentStatus')), location },
  };
}
