import type { ColumnKind } from '../../core/workbook-layout.js';
import { toExcelSerial } from '../../core/calendar/calendar-date.js';
import type { ResolvedCell } from './resolve-cell.js';
import { amountFormatCode, NUMBER_FORMATS } from '../../core/number-formats.js';

/** Excel's limit on the characters of one cell; longer files open with a repair prompt. */
export const XLSX_MAX_CELL_TEXT = 32_767;

/**
 * Text longer than Excel accepts is cut, ending in `…`, so the workbook always opens; the CSVs
 * carry the full text. (Control characters other than tab, CR and LF cannot be stored in XLSX
 * at all; exceljs drops them.)
 */
function fitText(text: string): string {
  if (text.length <= XLSX_MAX_CELL_TEXT) return text;
  let cut = XLSX_MAX_CELL_TEXT - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // never split a surrogate pair
  return `${text.slice(0, cut)}…`;
}

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
 * Dates are written as their Excel serial number (core's `toExcelSerial`, computed on calendar
 * dates), with a date format: no `Date` object and so no time zone is involved. A date with no
 * serial in the system is written as its ISO text (docs/RULES.md, "Workbook cells").
 */
export function toXlsxCell(cell: ResolvedCell, kind: ColumnKind): XlsxCell {
  switch (cell.type) {
    case 'empty':
      return { value: null };
    case 'text':
      return { value: fitText(cell.text) };
    case 'amount': {
      const n = cell.value.toNumber();
      return { value: n === 0 ? 0 : n, numFmt: amountFormatCode(cell.currency) };
    }
    case 'decimal':
      return kind === 'share' ? { value: cell.value.toNumber(), numFmt: NUMBER_FORMATS.share } : { value: cell.value.toNumber() };
    case 'date': {
      // The reports are in Excel's default 1900 system. A date it has no serial for stays its ISO
      // text, a text cell that every reader takes for the same date (docs/RULES.md, "Workbook cells").
      const serial = toExcelSerial(cell.date, '1900');
      return serial === null ? { value: cell.date } : { value: serial, numFmt: NUMBER_FORMATS.date };
    }
    case 'integer':
      return { value: cell.value, numFmt: NUMBER_FORMATS.integer };
    case 'boolean':
      return { value: cell.value };
  }
}
