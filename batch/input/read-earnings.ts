import { EARNINGS_COLUMNS, REQUIRED_EARNINGS_COLUMNS } from '../../core/workbook-layout.js';
import type { NumberLocale } from '../../core/money/parse-amount.js';
import { Dec } from '../../core/money/decimal.js';
import { scaledToDec, type ScaledAmount } from '../../core/money/scaled-amount.js';
import { parseDate, type IsoDate } from '../../core/calendar/calendar-date.js';
import { parseCurrency, type CurrencyCode } from '../../core/money/currency.js';
import type { InputSource } from './input-source.js';
import type { InputIssue } from './input-issue.js';
import type { CsvColumn, CsvHeader } from './csv-header.js';
import { HEADER_SEARCH_LINES } from '../../core/tables/header-row.js';
import { readCsvRecords, REPORT_OPTIONS, type CsvReadSummary, type RecordLocation, type RejectedRow } from './csv-records.js';
import { columnsByKey, locatedProblem } from './cell-reader.js';
import { acceptsFastReading, EARNING_ROW_COLUMNS, plainScaledAmount, readEarningRow, type EarningRowColumn } from '../../core/reconcile/earning-row.js';
import { memoByText } from '../../core/text/memo-by-text.js';
import { earningKind, type EarningKind } from '../../core/reconcile/earning-type.js';
import { OTHER_RECENCY_COLUMNS } from '../../core/reconcile/download-recency.js';
import type { EarningRecord } from '../../core/reconcile/earning-record.js';
import { EARNING_TEXT_COLUMNS, earningTextColumns, RowEarningTexts, type EarningTextColumns } from '../../core/reconcile/earning-texts.js';
import { trimCell } from '../../core/tables/trim-cell.js';

export interface ReadEarningsOptions {
  /** How numbers are written when not invariant (`--number-locale`). */
  readonly locale?: NumberLocale;
  onRow(row: EarningRecord): void;
  onIssue(issue: InputIssue): void;
  /** Rows refused, with their text verbatim (for `--skip-bad-rows` and quarantine.csv). */
  onRejectedRow?(row: RejectedRow): void;
  onHeader?(header: CsvHeader): void;
  readonly headerSearchLines?: number;
  readonly maxRecordChars?: number;
  /**
   * Keep the columns the ledger does not read in each row's `passThrough`. Off by default: the
   * reconciliation does not use them, and 75 strings in an object per row is most of the
   * reader's memory traffic.
   */
  readonly passThrough?: boolean;
}

/** The layout's columns, and every column core reads an earning from (its acceptance rule's, its text fields'). */
const KNOWN = [...new Set([...EARNINGS_COLUMNS.map((c) => c.name), ...EARNING_ROW_COLUMNS, ...Object.values(EARNING_TEXT_COLUMNS)])];
const KNOWN_SET = new Set(KNOWN);
/** Dates the ledger ranks downloads by besides earningDate (docs/RULES.md, "Repeated earningIds"): kept in `passThrough` even when the rest is not. */
const RECENCY_EXTRA: readonly string[] = OTHER_RECENCY_COLUMNS.filter((c) => !KNOWN_SET.has(c));
/** Every column read, keyed by core's name however the header spells it. */
const READS = [...KNOWN, ...RECENCY_EXTRA];

const NO_PASS_THROUGH: Readonly<Record<string, string>> = Object.freeze(Object.create(null) as Record<string, string>);

/** A field of a record as written: the reader's cells are cut for the columns it reads. */
const fieldAt = (fields: readonly string[], index: number): string => fields[index]!;

/**
 * A row as the reader delivers it: its text fields read by core (`RowEarningTexts`). The amounts
 * are kept as exact scaled integers; their Decimal form is built only when someone asks for it (the
 * ledger sums the integers).
 */
class ReadEarningRow extends RowEarningTexts<readonly string[]> implements EarningRecord {
  private amountDec: Dec | undefined;
  private amountUSDDec: Dec | null | undefined;

  constructor(
    fields: readonly string[],
    texts: EarningTextColumns,
    readonly kind: EarningKind,
    readonly amountScaled: ScaledAmount,
    readonly amountUSDScaled: ScaledAmount | null,
    readonly earningDate: IsoDate,
    readonly currency: CurrencyCode,
    readonly paymentCurrency: string,
    readonly amountInPaymentCurrencyScaled: ScaledAmount | null,
    readonly passThrough: Readonly<Record<string, string>>,
    readonly location: { readonly file: string; readonly line: number },
  ) {
    // The texts are read from `fields` now: the reader reuses the array for the next row.
    super(fields, texts, fieldAt);
  }

  get amount(): Dec {
    return (this.amountDec ??= scaledToDec(this.amountScaled));
  }

  get amountUSD(): Dec | null {
    if (this.amountUSDDec === undefined) this.amountUSDDec = this.amountUSDScaled === null ? null : scaledToDec(this.amountUSDScaled);
    return this.amountUSDDec;
  }
}

const dateOf = memoByText((text: string): IsoDate | null => {
  const r = parseDate(text);
  return r.ok ? r.value : null;
});
const kindOf = memoByText(earningKind);
const currencyOf = memoByText((text: string): CurrencyCode | null => {
  const r = parseCurrency(text);
  return r.ok ? r.value : null;
});

/**
 * Streams the rows of one earnings export (docs/RULES.md, "Earnings export") to `onRow`, typed: amounts exact (scaled
 * integers, Decimals on demand), dates as calendar dates, currency codes checked. A row with a
 * missing or unparsable required value is not delivered; each problem is a located issue.
 *
 * Rows take a fast path (cells by position, plain amounts read without a Decimal, dates and
 * currencies remembered per distinct text); a row the fast path cannot read goes to core's
 * acceptance rule (`readEarningRow`, docs/RULES.md "Accepted rows"), which reads it the same way
 * or reports exactly what is wrong.
 */
export function readEarnings(source: InputSource, options: ReadEarningsOptions): Promise<CsvReadSummary> {
  let columns = new Map<string, CsvColumn>();
  let header: CsvHeader | undefined;
  let at: Record<string, number> = {};
  /** Where each text field's column is (core's map), resolved once per file. */
  let texts: EarningTextColumns = earningTextColumns(() => -1);
  const keepPassThrough = options.passThrough === true;
  const locale = options.locale;

  /** A cell the fast path reads, as core reads a cell (`trimCell`). */
  const cell = (fields: readonly string[], index: number): string => (index < 0 ? '' : trimCell(fields[index]!));

  /** Core's fast path of an amount (`plainScaledAmount`): what it leaves goes to the rule. */
  const fastAmount = (text: string): ScaledAmount | null => plainScaledAmount(text, locale);

  /** The recency columns this file has, by index: most files have none, and their rows get the shared empty object. */
  let recencyAt: CsvColumn[] = [];
  const passThroughOf = (fields: readonly string[]): Readonly<Record<string, string>> => {
    if (!keepPassThrough) {
      if (recencyAt.length === 0) return NO_PASS_THROUGH;
      const dates = Object.create(null) as Record<string, string>;
      for (const column of recencyAt) dates[column.key] = fields[column.index - 1]!;
      return dates;
    }
    const passThrough = Object.create(null) as Record<string, string>;
    for (const column of header!.columns) if (!KNOWN_SET.has(column.key)) passThrough[column.key] = fields[column.index - 1]!;
    return passThrough;
  };

  const deliver = (
    fields: readonly string[],
    location: RecordLocation,
    earningType: string,
    amount: ScaledAmount,
    amountUSD: ScaledAmount | null,
    earningDate: IsoDate,
    currency: CurrencyCode,
    paymentCurrency: string,
    amountInPaymentCurrency: ScaledAmount | null,
  ): void => {
    options.onRow(
      new ReadEarningRow(fields, texts, kindOf(earningType), amount, amountUSD, earningDate, currency, paymentCurrency, amountInPaymentCurrency, passThroughOf(fields), location),
    );
  };


  /** The row's cell of a column the acceptance rule reads, as written (core trims it): one function for every row, no closure per row. */
  let currentFields: readonly string[] = [];
  const currentText = (column: EarningRowColumn): string => {
    const index = at[column]!;
    return index < 0 ? '' : currentFields[index]!;
  };
  const rowOptions = locale === undefined ? {} : { locale };

  /**
   * The readable path: core's acceptance rule (docs/RULES.md, "Accepted rows") decides, and every
   * problem of the row is a located issue. The fast path in `onFields` only takes rows this
   * one accepts, with the same values (a property test holds the two together).
   */
  const slow = (fields: readonly string[], location: RecordLocation): readonly InputIssue[] | void => {
    currentFields = fields;
    const read = readEarningRow(currentText, rowOptions);
    if (!read.ok) return read.issues.map((problem) => locatedProblem(problem, problem.input ?? '', columns, location));
    const row = read.value;
    deliver(
      fields,
      location,
      cell(fields, at.earningType!),
      row.amountScaled,
      row.amountUSDScaled,
      row.earningDate,
      row.currency,
      row.paymentCurrency,
      row.amountInPaymentCurrencyScaled,
    );
  };

  return readCsvRecords(source, {
    required: REQUIRED_EARNINGS_COLUMNS,
    known: READS,
    onIssue: options.onIssue,
    report: { kind: 'earnings', options: REPORT_OPTIONS },
    ...(options.onRejectedRow ? { onRejectedRow: options.onRejectedRow } : {}),
    headerSearchLines: options.headerSearchLines ?? HEADER_SEARCH_LINES,
    ...(options.maxRecordChars === undefined ? {} : { maxRecordChars: options.maxRecordChars }),
    // The cells of other columns are not even cut out of the line, unless they are kept.
    ...(keepPassThrough ? {} : { reads: READS }),
    onHeader: (h) => {
      header = h;
      columns = columnsByKey(h);
      at = Object.fromEntries(KNOWN.map((name) => [name, (columns.get(name)?.index ?? 0) - 1]));
      texts = earningTextColumns((name) => (columns.get(name)?.index ?? 0) - 1);
      recencyAt = RECENCY_EXTRA.flatMap((name) => columns.get(name) ?? []);
      options.onHeader?.(h);
    },
    onFields: (fields, location) => {
      const earningId = cell(fields, at.earningId!);
      const participantId = cell(fields, at.participantId!);
      const programName = cell(fields, at.programName!);
      const earningType = cell(fields, at.earningType!);
      const amountText = cell(fields, at.earningAmount!);
      const amountUSDText = cell(fields, at.earningAmountUSD!);
      const amount = fastAmount(amountText);
      const amountUSD = amountUSDText === '' ? null : fastAmount(amountUSDText);
      const earningDate = dateOf(cell(fields, at.earningDate!));
      const currency = currencyOf(cell(fields, at.transactionCurrency!));
      // The fast path of core's `readEarningRow`: plain amounts without a Decimal, dates and
      // currencies remembered per text. Whether what it read is a whole accepted row is core's to
      // say (`acceptsFastReading`); a row it does not take goes to `slow`, where the rule itself
      // decides. The pay-to columns are often absent (index -1): then both are blank, at no cost.
      const payToText = cell(fields, at.earningAmountInLastPaymentCurrency!);
      const payTo = payToText === '' ? null : fastAmount(payToText);
      const payCurrencyText = cell(fields, at.lastPaymentCurrency!);
      const payCurrency = payCurrencyText === '' ? '' : currencyOf(payCurrencyText);
      if (
        !acceptsFastReading(
          earningId, participantId, programName, earningType,
          amount, amountUSD, amountUSDText === '', earningDate, currency, payCurrency, payTo, payToText === '',
        )
      ) {
        return slow(fields, location);
      }
      // Accepted: core has said the amount, date and currencies were read.
      deliver(fields, location, earningType, amount!, amountUSD, earningDate!, currency!, payCurrency!, payTo);
    },
  });
}
