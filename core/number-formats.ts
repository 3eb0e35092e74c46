import { minorUnits, parseCurrency } from './money/currency.js';
import type { ColumnKind, ColumnSpec } from './workbook-layout.js';

/**
 * How a workbook shows each kind of cell, the same in the batch job's report workbook and the
 * add-in's tables (docs/RULES.md, "Number formats"). Format codes are locale-independent: Excel
 * shows `#,##0.00` with the reader's own separators, so one set serves every display language.
 */
export const NUMBER_FORMATS: Readonly<Record<Exclude<ColumnKind, 'amount' | 'amountUSD'>, string>> = {
  text: '@',
  date: 'yyyy-mm-dd',
  integer: '0',
  boolean: 'General',
  share: '0.00%',
};

/** An amount whose row names no currency core reads (a blank or mistyped code): two places, no code. */
export const AMOUNT_FORMAT_NO_CURRENCY = '#,##0.00';

/** Asked for on every amount cell of a report; at most one entry per currency code. */
const AMOUNT_FORMATS = new Map<string, string>();

/**
 * An amount's format in `currency` (docs/RULES.md, "Number formats"): its ISO 4217 minor unit and
 * its code, `#,##0.00 "EUR"`, `#,##0 "JPY"`, `#,##0.000 "KWD"`, so a KWD amount's third place is
 * shown and a USD column in a EUR row says it is USD. The code is read as core reads a row's
 * currency (`parseCurrency`: ` eur` is EUR); anything else gets `AMOUNT_FORMAT_NO_CURRENCY`.
 */
export function amountFormatCode(currency: string | null | undefined): string {
  if (currency === null || currency === undefined) return AMOUNT_FORMAT_NO_CURRENCY;
  let format = AMOUNT_FORMATS.get(currency);
  if (format === undefined) {
    const code = parseCurrency(currency);
    if (!code.ok) return AMOUNT_FORMAT_NO_CURRENCY;
    const places = minorUnits(code.value);
    format = `#,##0${places > 0 ? `.${'0'.repeat(places)}` : ''} "${code.value}"`;
    AMOUNT_FORMATS.set(currency, format);
  }
  return format;
}

/**
 * A column's format in one row: an amount's by the currency its row names in the column's
 * `currencyColumn` (`currencyOf` gives a cell's text by column name; null when the row has none),
 * a USD column's in USD (`amountColumnCurrency`), any other kind's by its kind alone.
 */
export function numberFormatOf(column: ColumnSpec, currencyOf: (column: string) => string | null | undefined): string {
  switch (column.kind) {
    case 'amountUSD':
      return amountFormatCode('USD');
    case 'amount':
      return amountFormatCode(column.currencyColumn === undefined ? null : currencyOf(column.currencyColumn));
    default:
      return NUMBER_FORMATS[column.kind];
  }
}

/** A row's formats, column by column (`numberFormatOf`). */
export function rowFormatsOf(columns: readonly ColumnSpec[], currencyOf: (column: string) => string | null | undefined): string[] {
  return columns.map((c) => numberFormatOf(c, currencyOf));
}

/** A layout's formats before any row is known (a table's empty columns): every amount without a code. */
export function columnFormatsOf(columns: readonly ColumnSpec[]): string[] {
  return columns.map((c) => numberFormatOf(c, () => null));
}
