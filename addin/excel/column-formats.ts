import { amountColumnCurrency, type ColumnKind, type ColumnSpec } from '../../core/workbook-layout.js';
import { minorUnits, type CurrencyCode } from '../../core/money/currency.js';

/**
 * Excel number formats per column kind. Format codes are locale-independent in the API (Excel
 * shows `#,##0.00` with the user's separators), so one set serves every display language.
 */
export const NUMBER_FORMATS: Readonly<Record<ColumnKind, string>> = {
  text: '@',
  amount: '#,##0.00',
  amountUSD: '#,##0.00',
  date: 'yyyy-mm-dd',
  integer: '0',
  boolean: 'General',
  share: '0.00%',
};

export function formatsOf(columns: readonly ColumnSpec[]): string[] {
  return columns.map((c) => NUMBER_FORMATS[c.kind]);
}

/** An amount column's format for a currency with `digits` minor units: `#,##0` for JPY, `#,##0.000` for KWD. */
export function amountFormat(digits: number): string {
  return digits > 0 ? `#,##0.${'0'.repeat(digits)}` : '#,##0';
}

/**
 * A row's formats when its amounts are in `currency`: the columns' formats, each amount column's
 * shown to the minor unit of the currency it is in (core's `amountColumnCurrency`: a USD column in
 * USD), as the batch job's workbook shows it, so a JPY pool does not show `.00` and a KWD pool's
 * third decimal is not hidden.
 */
export function formatsForAmountsIn(columns: readonly ColumnSpec[], currency: CurrencyCode): string[] {
  return columns.map((c) => (c.kind === 'amount' || c.kind === 'amountUSD' ? amountFormat(minorUnits(amountColumnCurrency(c.kind, currency))) : NUMBER_FORMATS[c.kind]));
}
