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
  paymentsCurrencyColumns,
  readPaymentRow,
  type PaymentsCurrencyColumns,
} from '../../core/reconcile/payments-layout.js';
import { readCsvRecords, type CsvReadSummary, type RejectedRow } from './csv-records.js';
import { columnsByKey, locatedProblem } from './cell-reader.js';

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
  const rowOptions = options.locale === undefined ? {} : { locale: options.locale };

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
      // Core's acceptance rule (docs/RULES.md, "Payments report") decides; this adapter only
      // hands it the row's trimmed cells and locates what it finds.
      const read = readPaymentRow((column) => (record[column] ?? '').trim(), currencies, rowOptions);
      if (!read.ok) return read.issues.map((problem) => locatedProblem(problem, record[String(problem.path[0])] ?? '', columns, location));
      const row = read.value;
      const passThrough = Object.create(null) as Record<string, string>;
      for (const key of passThroughKeys) passThrough[key] = record[key] ?? '';
      options.onRow({
        ...row,
        programName: (record['programName'] ?? '').trim(),
        paymentStatus: (record['paymentStatus'] ?? '').trim(),
        passThrough,
        location,
      });
      return [];
    },
  });
}
