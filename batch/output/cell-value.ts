import type { Dec } from '../../core/money/decimal.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import type { ColumnSpec } from '../../core/workbook-layout.js';

/**
 * What a report row may hold before it is written. Amounts are `Dec` (or text the caller already
 * formatted), dates are `IsoDate`, counts are integers. A JS `number` is only ever a count: an
 * amount never travels as a float.
 */
export type CellValue = string | Dec | IsoDate | number | boolean | null;

/** One report row, keyed by column name; a missing key is an empty cell. */
export type ReportRow = Readonly<Record<string, CellValue | undefined>>;

/**
 * A report column: the shared layout's `ColumnSpec`, whose `amount` columns name the column of
 * their row that holds their currency, plus an XLSX width.
 */
export interface ReportColumn extends ColumnSpec {
  /** XLSX column width in characters; a width from the kind and header otherwise. */
  readonly width?: number;
}

/** The currency of `row` for `column` (its `currencyColumn`'s cell), or null when there is none. */
export function currencyOf(row: ReportRow, column: ReportColumn): string | null {
  const from = column.currencyColumn;
  if (from === undefined) return null;
  const value = row[from];
  return typeof value === 'string' && value !== '' ? value : null;
}
