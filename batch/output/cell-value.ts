import type { Dec } from '../../core/money/decimal.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import type { ColumnKind } from '../../core/workbook-layout.js';

/**
 * What a report row may hold before it is written. Amounts are `Dec` (or text the caller already
 * formatted), dates are `IsoDate`, counts are integers. A JS `number` is only ever a count: an
 * amount never travels as a float.
 */
export type CellValue = string | Dec | IsoDate | number | boolean | null;

/** One report row, keyed by column name; a missing key is an empty cell. */
export type ReportRow = Readonly<Record<string, CellValue | undefined>>;

/**
 * A report column: the shared layout's `ColumnSpec` plus, for `amount` columns whose currency is
 * not the sheet's usual one, the column that holds it. (`width` only matters in XLSX.)
 */
export interface ReportColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Column of the same row holding this amount's currency; overrides the writer's default. */
  readonly currencyColumn?: string;
  /** XLSX column width in characters; a width from the kind and header otherwise. */
  readonly width?: number;
}

/** The currency of `row` for `column`, or null when there is none. */
export function currencyOf(row: ReportRow, column: ReportColumn, defaultCurrencyColumn: string | undefined): string | null {
  const from = column.currencyColumn ?? defaultCurrencyColumn;
  if (from === undefined) return null;
  const value = row[from];
  return typeof value === 'string' && value !== '' ? value : null;
}
