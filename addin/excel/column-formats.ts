import type { ColumnKind, ColumnSpec } from '../../core/workbook-layout.js';

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
