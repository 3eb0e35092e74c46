/**
 * How a workbook cell becomes the text core's row parsers read, for every workbook table either
 * adapter reads (the add-in's Claims, Programs and Earnings tables through Office.js; the Claims
 * and Programs tables of an `.xlsx` given to the batch job through exceljs). Each adapter first
 * turns its host's cell into a plain value, as Excel holds it; the column's kind then decides
 * (docs/RULES.md, "Workbook cells"):
 * - a number in a date column is an Excel serial date in the workbook's date system (`DateSystem`:
 *   1900 unless the workbook uses 1904), read as `yyyy-MM-dd` with its time of day dropped: a
 *   General-formatted 44562 and a date-formatted 1/1/2022 are one date in a 1900 workbook. A number
 *   that is no date in that system (0 or -3 in 1900, -3 in 1904) stays its digits, for the parser to
 *   refuse as a date.
 * - any other number is its value to 15 significant digits, the precision Excel keeps and shows in
 *   the formula bar (`=0.1+0.2` is `0.3`, not the double's `0.30000000000000004`), trailing zeros
 *   dropped, written out in full, never in exponent form, so `1e-7` is read as the amount
 *   `0.0000001`. An amount written with at most 15 significant digits (every other is refused:
 *   `MAX_SIGNIFICANT_DIGITS`) is read back as written;
 * - a boolean is `true` or `false`, text is itself, an empty cell is ''.
 */
import { fromExcelSerial, type DateSystem } from '../calendar/calendar-date.js';
import { Dec } from '../money/decimal.js';
import { MAX_SIGNIFICANT_DIGITS } from '../money/parse-amount.js';
import type { ColumnKind } from '../workbook-layout.js';

/** A cell as Excel holds it, in a host's plain terms: Office.js `Range.values` gives these. */
export type PlainCellValue = string | number | boolean | null;

/**
 * The rule, readably. `kind` is the column's kind in the layout (`CLAIMS_COLUMNS`…), `undefined`
 * for a column the layout does not know, which reads as text. `system` is the workbook's date
 * system, which says what date a serial is: a column that may be a date column must be read with
 * it (no default, so that no caller reads a 1904 workbook's dates 1,462 days off unawares).
 */
export function cellValueText(value: PlainCellValue | undefined, kind: Exclude<ColumnKind, 'date'> | undefined): string;
export function cellValueText(value: PlainCellValue | undefined, kind: ColumnKind | undefined, system: DateSystem): string;
export function cellValueText(value: PlainCellValue | undefined, kind: ColumnKind | undefined, system?: DateSystem): string {
  if (typeof value === 'number') {
    if (kind === 'date') {
      const date = fromExcelSerial(value, system!);
      if (date !== null) return date;
    }
    return numberDigits(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value ?? '';
}

/** A number to 15 significant digits, in full (`1e21` → `1000000000000000000000`); `-0` is `0`. */
function numberDigits(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  return new Dec(value.toPrecision(MAX_SIGNIFICANT_DIGITS)).toFixed();
}

/**
 * `cellValueText` for a number in a column that is not a date, without a Decimal where the
 * engine's own shortest decimal is short and has no exponent (every amount a ledger holds): the
 * add-in reads 100,000-row tables through it. Fifteen characters hold at most 15 digits, and a
 * shortest decimal of at most 15 significant digits is the value to 15 digits. A property test
 * holds it to the rule (test/core/tables/cell-value-text.test.ts).
 */
export function numberCellText(value: number): string {
  const text = String(value);
  return text.length <= MAX_SIGNIFICANT_DIGITS && !text.includes('e') ? text : numberDigits(value);
}
