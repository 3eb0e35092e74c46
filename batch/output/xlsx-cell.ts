import type { ColumnKind } from '../../core/workbook-layout.js';
import { toExcelSerial } from '../../core/calendar/calendar-date.js';
import type { ResolvedCell } from './resolve-cell.js';
import { amountNumFmt, DATE_NUMFMT, INTEGER_NUMFMT, SHARE_NUMFMT } from './report-styles.js';

export interface XlsxCell {
  readonly value: string | number | boolean | null;
  readonly numFmt?: string;
}

/**
 * A resolved cell as an XLSX cell value and number format.
 *
 * This is the one place in batch/ where a `Dec` becomes a JS number: an XLSX cell stores an
 * IEEE double whatever we do, so the amount is rounded to its minor unit first (exactly, in
 * decimal) and only the rounded value is converted; the nearest double of `1234.56` shows as
 * `1,234.56` under the cell's format, and every sum in the CSVs stays exact.
 *
 * Dates are written as their Excel serial number (days since 1899-12-30, computed on calendar
 * dates in core), with a date format: no `Date` object and so no time zone is involved, and a
 * reader that turns the serial into a `Date` gets midnight UTC of the same day.
 */
export function toXlsxCell(cell: ResolvedCell, kind: ColumnKind): XlsxCell {
  switch (cell.type) {
    case 'empty':
      return { value: null };
    case 'text':
      return { value: cell.text };
    case 'amount': {
      const n = cell.value.toNumber();
      return { value: n === 0 ? 0 : n, numFmt: amountNumFmt(cell.currency) };
    }
    case 'decimal':
      return kind === 'share' ? { value: cell.value.toNumber(), numFmt: SHARE_NUMFMT } : { value: cell.value.toNumber() };
    case 'date':
      return { value: toExcelSerial(cell.date), numFmt: DATE_NUMFMT };
    case 'integer':
      return { value: cell.value, numFmt: INTEGER_NUMFMT };
    case 'boolean':
      return { value: cell.value };
  }
}
