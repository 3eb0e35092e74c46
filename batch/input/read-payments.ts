import type { Dec } from '../../core/money/decimal.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import type { CurrencyCode } from '../../core/money/currency.js';
import type { NumberLocale } from '../../core/money/parse-amount.js';
import type { InputSource } from './input-source.js';
import type { InputIssue } from './input-issue.js';
import type { CsvColumn, CsvHeader } from './csv-header.js';
import {
  PAYMENTS_COLUMNS,
  REQUIRED_PAYMENTS_COLUMNS,
  paymentCurrencyOf,
  paymentsCurrencyColumns,
  type PaymentsCurrencyColumns,
} from '../../core/reconcile/payments-layout.js';
import { readCsvRecords, type CsvReadSummary, type RejectedRow } from './csv-records.js';
import { CellReader, columnsByKey } from './cell-reader.js';

/** One row of the Partner Center Payments report, read by core's layout (core/reconcile/payments-layout.ts). */
export interface PaymentRow {
  readonly paymentId: string;
  readonly participantId: string;
  readonly programName: string;
  /** `earned`, in `earnedCurrency`: what reconciles with the earnings rows of this payment. */
  readonly earned: Dec;
  readonly earnedUSD: Dec | null;
  readonly earnedCurrency: CurrencyCode;
  readonly totalPayment: Dec | null;
  /** `paymentCurrencyCode`; the earned currency where the report has no such column or leaves it empty. */
  readonly paymentCurrency: CurrencyCode;
  readonly paymentStatus: string;
  readonly paymentDate: IsoDate | null;
  readonly passThrough: Readonly<Record<string, string>>;
  readonly location: { readonly file: string; readonly line: number };
}

export interface ReadPaymentsOptions {
  readonly locale?: NumberLocale;
  onRow(row: PaymentRow): void;
  onIssue(issue: InputIssue): void;
  onRejectedRow?(row: RejectedRow): void;
  onHeader?(header: CsvHeader): void;
  readonly headerSearchLines?: number;
  readonly maxRecordChars?: number;
}

const KNOWN_SET = new Set<string>(PAYMENTS_COLUMNS);

/** Streams the rows of one Payments report to `onRow`, with the same located issues as the earnings. */
export function readPayments(source: InputSource, options: ReadPaymentsOptions): Promise<CsvReadSummary> {
  let columns = new Map<string, CsvColumn>();
  let passThroughKeys: string[] = [];
  let currencies: PaymentsCurrencyColumns = paymentsCurrencyColumns(() => false);
  return readCsvRecords(source, {
    required: REQUIRED_PAYMENTS_COLUMNS,
    known: PAYMENTS_COLUMNS,
    onIssue: options.onIssue,
    ...(options.onRejectedRow ? { onRejectedRow: options.onRejectedRow } : {}),
    ...(options.headerSearchLines === undefined ? {} : { headerSearchLines: options.headerSearchLines }),
    ...(options.maxRecordChars === undefined ? {} : { maxRecordChars: options.maxRecordChars }),
    onHeader: (header) => {
      columns = columnsByKey(header);
      currencies = paymentsCurrencyColumns((column) => columns.has(column));
      passThroughKeys = header.columns.filter((c) => !KNOWN_SET.has(c.key)).map((c) => c.key);
      options.onHeader?.(header);
    },
    onRecord: (record, location) => {
      const cells = new CellReader(record, location, columns, options.locale);
      const paymentId = cells.text('paymentId', true);
      const participantId = cells.text('participantId', true);
      const earned = cells.amount('earned', true);
      const earnedUSD = cells.amount('earnedUSD');
      const totalPayment = cells.amount('totalPayment');
      const earnedCurrency = cells.currency(currencies.earned, true);
      const paymentCurrency = currencies.payment === null ? null : cells.currency(currencies.payment);
      const paymentDate = cells.date('paymentDate');
      if (cells.failed || earned === null || earnedCurrency === null) return cells.issues;
      const passThrough = Object.create(null) as Record<string, string>;
      for (const key of passThroughKeys) passThrough[key] = cells.verbatim(key);
      options.onRow({
        paymentId,
        participantId,
        programName: cells.text('programName'),
        earned,
        earnedUSD,
        earnedCurrency,
        totalPayment,
        paymentCurrency: paymentCurrencyOf(paymentCurrency, earnedCurrency),
        paymentStatus: cells.text('paymentStatus'),
        paymentDate,
        passThrough,
        location,
      });
      return [];
    },
  });
}
