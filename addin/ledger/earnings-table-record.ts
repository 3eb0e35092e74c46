/**
 * A row of the workbook's Earnings table as core's `EarningRecord`. The readable version reads
 * every cell into a record at once (`eagerTableEarning`); the one a recalculation uses
 * (`TableEarning`) keeps only the row, its line and what had to be read to accept it (date,
 * currencies, kind, amounts), and reads the text cells when the engine asks. A recalculation holds
 * every record of 100,000 rows until the engine is done, so a small record is what keeps the
 * young-generation collections cheap. A property test holds the two to the same fields.
 */
import type { DateSystem, IsoDate } from '../../core/calendar/calendar-date.js';
import type { CurrencyCode } from '../../core/money/currency.js';
import type { Dec } from '../../core/money/decimal.js';
import { scaledFromDec, scaledToDec, type ScaledAmount } from '../../core/money/scaled-amount.js';
import { earningRecordOf, type EarningRecord, type RowLocation } from '../../core/reconcile/earning-record.js';
import type { EarningKind } from '../../core/reconcile/earning-type.js';
import { importOrderOf } from '../../core/reconcile/reading-order.js';
import { EARNING_ROW_COLUMNS, type AcceptedEarningRow, type EarningRowColumn } from '../../core/reconcile/earning-row.js';
import { earningTextColumns, RowEarningTexts, type EarningTextColumns } from '../../core/reconcile/earning-texts.js';
import { trimCell } from '../../core/tables/trim-cell.js';
import { columnKind, EARNINGS_COLUMNS, type ColumnKind } from '../../core/workbook-layout.js';
import { namesColumn } from '../../core/tables/table-header.js';
import { amountFromCell, cellAsText, scaledAmountFromCell, textFromCell } from '../excel/cell-values.js';
import type { TableData } from '../excel/table-io.js';

/**
 * Where each column the engine reads is in the table (-1: absent), and the table's name: the text
 * fields' columns by core's map (`earningTextColumns`), the acceptance rule's by its own.
 */
export type EarningsLayout = EarningTextColumns & { readonly [C in EarningRowColumn]: number } & { readonly file: string };

/** A column of a table by name: the first header that names it by core's header rule (docs/RULES.md, "Column headers"). */
export function columnIndex(table: TableData, name: string): number {
  return table.headers.findIndex((h) => namesColumn(h, name));
}

export function earningsLayout(table: TableData, file: string): EarningsLayout {
  return earningsLayoutBy((name) => columnIndex(table, name), file);
}

/** Where each column the engine reads is, by a lookup of the caller's (a table's headers, or an export's). */
export function earningsLayoutBy(columnOf: (name: string) => number, file: string): EarningsLayout {
  const ruleColumns = Object.fromEntries(EARNING_ROW_COLUMNS.map((column) => [column, columnOf(column)])) as Record<EarningRowColumn, number>;
  return { file, ...earningTextColumns(columnOf), ...ruleColumns };
}

/** A text cell as the engine reads it: as core reads a cell (`trimCell`), '' when the column is absent. */
export function cellText(row: readonly unknown[], at: number): string {
  return at < 0 ? '' : trimCell(textFromCell(row[at]));
}

/** A cell's text as written, for core to read (`RowEarningTexts`). */
const writtenText = (row: readonly unknown[], at: number): string => textFromCell(row[at]);

/** A row's `importOrder` cell as core reads it (`importOrderOf`): a cell that is neither number nor text gives none. */
export function importOrderCell(value: unknown): number | null {
  return typeof value === 'number' || typeof value === 'string' ? importOrderOf(value) : null;
}

/** A cell's amount as an exact scaled integer (ten-thousandths when exact, else through a Decimal); null when it is not a number. */
export function scaledOf(value: unknown): ScaledAmount | null {
  const fast = scaledAmountFromCell(value);
  if (fast !== null) return fast;
  const exact = amountFromCell(value);
  return exact.ok ? scaledFromDec(exact.value) : null;
}

/**
 * The kind of each column core's acceptance rule reads, as core's layout types it in the Earnings
 * table (`EARNINGS_COLUMNS`): amounts and the date are typed cells there, the pay-to amount
 * among them; a column the layout does not know reads as text.
 */
const EARNING_ROW_CELL_KINDS: Readonly<Record<EarningRowColumn, ColumnKind | undefined>> = Object.fromEntries(
  EARNING_ROW_COLUMNS.map((column) => [column, columnKind(EARNINGS_COLUMNS, column)]),
) as Record<EarningRowColumn, ColumnKind | undefined>;

/**
 * A row's cells as the texts core's `readEarningRow` reads ('' when the column is absent; core trims them):
 * an amount cell as its exact decimal, a date serial as yyyy-MM-dd, so a typed row and the export
 * it came from are judged by the same rule (docs/RULES.md, "Accepted rows"), a serial read in the
 * table's date system (`system`).
 */
export function earningRowText(row: readonly unknown[], layout: EarningsLayout, system: DateSystem): (column: EarningRowColumn) => string {
  return (column) => {
    const at = layout[column];
    if (at < 0) return '';
    const kind = EARNING_ROW_CELL_KINDS[column];
    return kind === undefined || kind === 'text' ? textFromCell(row[at]) : cellAsText(row[at], kind, system);
  };
}

/**
 * What was read to accept a row (docs/RULES.md, "Accepted rows"): core's accepted values
 * (`AcceptedEarningRow`) and the row's kind. It is kept; the rest is read from the row when asked.
 */
export type AcceptedCells = AcceptedEarningRow & { readonly kind: EarningKind };

const NO_PASS_THROUGH: Readonly<Record<string, string>> = Object.freeze({});

/** The readable version: every field of the record read from the row at once. */
export function eagerTableEarning(row: readonly unknown[], layout: EarningsLayout, line: number, accepted: AcceptedCells): EarningRecord {
  return earningRecordOf(new RowEarningTexts(row, layout, writtenText), accepted.kind, accepted, NO_PASS_THROUGH, { file: layout.file, line });
}

/**
 * The same record, read on access: the amounts were read to accept the row, text cells are read
 * when the engine asks for them. Made as the engine reads each row and dropped after, so holding
 * the amounts' objects costs nothing that was not already made.
 */
export class TableEarning implements EarningRecord {
  // Each text field is read from its column (core's map, `earningsLayout`) when the engine asks.
  // One getter per field, each reading its own column by name: getters made in a loop over the
  // map share one body that reads the layout by a key that varies, and the earnings pass measured
  // about an eighth slower. A field added to core's map is a compile error here until it is read.
  get earningId(): string {
    return cellText(this.row, this.layout.earningId);
  }
  get participantId(): string {
    return cellText(this.row, this.layout.participantId);
  }
  get participantName(): string {
    return cellText(this.row, this.layout.participantName);
  }
  get programName(): string {
    return cellText(this.row, this.layout.programName);
  }
  get earningType(): string {
    return cellText(this.row, this.layout.earningType);
  }
  get transactionId(): string {
    return cellText(this.row, this.layout.transactionId);
  }
  get lever(): string {
    return cellText(this.row, this.layout.lever);
  }
  get earningRate(): string {
    return cellText(this.row, this.layout.earningRate);
  }
  get reasonCode(): string {
    return cellText(this.row, this.layout.reasonCode);
  }
  get claimId(): string {
    return cellText(this.row, this.layout.claimId);
  }
  get paymentId(): string {
    return cellText(this.row, this.layout.paymentId);
  }
  get paymentStatus(): string {
    return cellText(this.row, this.layout.paymentStatus);
  }
  get exchangeRate(): string {
    return cellText(this.row, this.layout.exchangeRate);
  }

  readonly kind: EarningKind;
  readonly earningDate: IsoDate;
  readonly currency: CurrencyCode;
  readonly amountScaled: ScaledAmount;
  readonly amountUSDScaled: ScaledAmount | null;
  readonly paymentCurrency: CurrencyCode | '';
  readonly amountInPaymentCurrencyScaled: ScaledAmount | null;

  constructor(
    private readonly row: readonly unknown[],
    private readonly layout: EarningsLayout,
    private readonly line: number,
    accepted: AcceptedCells,
  ) {
    this.kind = accepted.kind;
    this.earningDate = accepted.earningDate;
    this.currency = accepted.currency;
    this.amountScaled = accepted.amountScaled;
    this.amountUSDScaled = accepted.amountUSDScaled;
    this.paymentCurrency = accepted.paymentCurrency;
    this.amountInPaymentCurrencyScaled = accepted.amountInPaymentCurrencyScaled;
  }

  get amount(): Dec {
    return scaledToDec(this.amountScaled);
  }

  get amountUSD(): Dec | null {
    const usd = this.amountUSDScaled;
    return usd === null ? null : scaledToDec(usd);
  }

  get passThrough(): Readonly<Record<string, string>> {
    return NO_PASS_THROUGH;
  }

  private where: RowLocation | undefined;

  /** One object per record: the engine asks for it more than once (the id log, the split check). */
  get location(): RowLocation {
    return (this.where ??= { file: this.layout.file, line: this.line });
  }
}
