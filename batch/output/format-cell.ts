import type { ColumnSpec } from '../../core/workbook-layout.js';
import type { CurrencyCode } from '../../core/money/currency.js';
import type { CellValue } from './cell-value.js';
import { resolveCell, type ResolvedCell } from './resolve-cell.js';

/** The text of a resolved cell in a CSV (before CSV quoting); `decimalMark` is the CSV dialect's. */
export function cellText(cell: ResolvedCell, decimalMark: '.' | ',' = '.'): string {
  switch (cell.type) {
    case 'empty':
      return '';
    case 'text':
      return cell.text;
    case 'amount':
      return withMark(cell.value.toFixed(cell.places), decimalMark);
    case 'decimal':
      return withMark(cell.value.toFixed(), decimalMark);
    case 'date':
      return cell.date;
    case 'integer':
      return String(cell.value);
    case 'boolean':
      return cell.value ? 'true' : 'false';
  }
}

/**
 * One value as accounting CSVs want it: amounts rounded half-up to the
 * currency's minor unit with `.` and no grouping (`1234.50` EUR, `1235` JPY, `1.235` KWD);
 * `amountUSD` with 2 decimals; booleans `true`/`false`; null empty; dates `yyyy-MM-dd`; integers
 * plain; text neutralised against formula injection. Not CSV-quoted yet. The `excel-eu` dialect
 * writes the same figures with a decimal comma (`1234,50`).
 */
export function formatCell(spec: ColumnSpec, value: CellValue | undefined, currency?: CurrencyCode | null, decimalMark: '.' | ',' = '.'): string {
  return cellText(resolveCell(spec, value, currency), decimalMark);
}

/** A plain decimal (`-1234.50`) with the dialect's mark; numbers are never grouped. */
function withMark(plain: string, decimalMark: '.' | ','): string {
  return decimalMark === '.' ? plain : plain.replace('.', decimalMark);
}
