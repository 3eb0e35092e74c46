import type { NumberLocale } from '../../core/money/parse-amount.js';
import type { InputSource } from './input-source.js';
import type { InputIssue } from './input-issue.js';
import type { CsvColumn, CsvHeader } from './csv-header.js';
import {
  PAYMENTS_REPORT_COLUMNS,
  REQUIRED_PAYMENTS_COLUMNS,
  paymentsCurrencyColumns,
  readPaymentRecord,
  type AcceptedPayment,
  type PaymentsCurrencyColumns,
} from '../../core/reconcile/payments-layout.js';
import { readCsvRecords, REPORT_OPTIONS, type CsvReadSummary, type RejectedRow } from './csv-records.js';
import { columnsByKey, locatedProblem } from './cell-reader.js';

/** One row of the Partner Center Payments report, read by core's rule (`readPaymentRecord`), with the columns it passes through. */
export interface PaymentRow extends AcceptedPayment {
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

const KNOWN_SET = new Set<string>(PAYMENTS_REPORT_COLUMNS);

/** Streams the rows of one Payments report to `onRow`, with the same located issues as the earnings. */
export function readPayments(source: InputSource, options: ReadPaymentsOptions): Promise<CsvReadSummary> {
  let columns = new Map<string, CsvColumn>();
  let passThroughKeys: string[] = [];
  let currencies: PaymentsCurrencyColumns = paymentsCurrencyColumns(() => false);
  const rowOptions = options.locale === undefined ? {} : { locale: options.locale };

  return readCsvRecords(source, {
    required: REQUIRED_PAYMENTS_COLUMNS,
    known: PAYMENTS_REPORT_COLUMNS,
    onIssue: options.onIssue,
    report: { kind: 'payments', options: REPORT_OPTIONS },
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
      // hands it the row's cells as written (core reads them: `trimCell`) and locates what it finds.
      const read = readPaymentRecord((column) => record[column] ?? '', currencies, location, rowOptions);
      if (!read.ok) return read.issues.map((problem) => locatedProblem(problem, record[String(problem.path[0])] ?? '', columns, location));
      const passThrough = Object.create(null) as Record<string, string>;
      for (const key of passThroughKeys) passThrough[key] = record[key] ?? '';
      options.onRow({ ...read.value, passThrough, location });
      return [];
    },
  });
}
