/**
 * The one place where workbook cells and domain values meet: Excel's numbers become exact
 * decimals here and nowhere else, and decimals become cell numbers only here, after rounding to
 * the currency's minor unit. Dates travel as Excel serials in the workbook's date system (its
 * `DateSystem`, asked of Excel by each operation: date-system.ts), text is neutralised before it
 * is written so that Excel never runs it as a formula.
 */
import { Dec } from '../../core/money/decimal.js';
import { parseAmount } from '../../core/money/parse-amount.js';
import { outputAmount } from '../../core/money/round.js';
import type { CurrencyCode } from '../../core/money/currency.js';
import { scaledToDec, type ScaledAmount } from '../../core/money/scaled-amount.js';
import { fromExcelSerial, parseDate, toExcelSerial, type DateSystem, type IsoDate } from '../../core/calendar/calendar-date.js';
import { issue, ok, fail, type Result } from '../../core/issues.js';
import { booleanFromText } from '../../core/policy/policy-fields.js';
import { isBlankCell } from '../../core/tables/blank-row.js';
import { cellValueText, numberCellText } from '../../core/tables/cell-value-text.js';
import { opensFormula } from '../../core/text/formula-trigger.js';
import type { ColumnKind } from '../../core/workbook-layout.js';

/** What Office.js accepts in `Range.values`. */
export type CellValue = string | number | boolean;

/**
 * A cell as an exact amount: a number is read by core's cell rule, to the 15 significant digits
 * Excel keeps (docs/RULES.md, "Workbook cells"), which is what the user typed or what was written.
 */
export function amountFromCell(value: unknown): Result<Dec> {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? ok(new Dec(numberCellText(value))) : fail(issue('invalid_amount', [], String(value)));
  }
  if (typeof value === 'string') return parseAmount(value);
  return fail(issue('invalid_amount', [], String(value)));
}

/** Ten-thousandths: enough for every currency's minor unit (KWD has 3, CLF 4). */
export const AMOUNT_SCALE = 10_000;
const AMOUNT_SCALE_DIGITS = 4;
// Below 1e9 adjacent doubles are far closer than 1e-4 apart, so a round trip proves the decimal.
const FAST_LIMIT = 1e9;

/**
 * The cell's amount as a scaled integer of ten-thousandths when that is exact, else null (then
 * amountFromCell). Lets a recalculation add 100,000 rows as integers (core's ExactSum); `n / 10,000 === value`
 * proves the integer is the value's own shortest decimal, so nothing is rounded.
 */
export function scaledAmountFromCell(value: unknown): ScaledAmount | null {
  if (typeof value !== 'number' || !(Math.abs(value) < FAST_LIMIT)) return null;
  const n = Math.round(value * AMOUNT_SCALE);
  return n / AMOUNT_SCALE === value ? { units: n, scale: AMOUNT_SCALE_DIGITS } : null;
}

/** Like amountFromCell, but an empty cell is `null` rather than an issue. */
export function optionalAmountFromCell(value: unknown): Result<Dec | null> {
  return isBlankCell(value) ? ok(null) : amountFromCell(value);
}

/** Rounded half-up to the currency's minor unit, as a number Excel can sum. */
export function amountToCell(amount: Dec, currency: CurrencyCode): number {
  return outputAmount(amount, currency).toNumber();
}

/** An unrounded decimal (a share, a USD sum already exact in the export) as a cell number; a zero of either sign is 0, as `outputAmount` writes it. */
export function decimalToCell(value: Dec): number {
  return value.isZero() ? 0 : value.toNumber();
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** An exact scaled amount as a cell number: the double nearest to it, as `Dec#toNumber` gives. */
export function scaledToCell(amount: ScaledAmount): number {
  // Both operands are exact doubles and IEEE division rounds once: the nearest double, computed
  // without a Decimal for the plain amounts an export holds.
  if (typeof amount.units === 'number' && amount.scale < POW10.length && Number.isSafeInteger(amount.units)) return amount.units / POW10[amount.scale]!;
  return scaledToDec(amount).toNumber();
}

/** Reads a decimal written in invariant form (`1234.56`) straight into a cell number. */
export function decimalTextToCell(text: string): number | null {
  const r = parseAmount(text);
  return r.ok ? r.value.toNumber() : null;
}

/** Dates of serials already read, one cache per date system: a serial is another date in each. */
const serialCaches: Readonly<Record<DateSystem, Map<number, IsoDate | null>>> = { '1900': new Map(), '1904': new Map() };

/**
 * A date cell (an Excel serial in the workbook's date system, core's `fromExcelSerial`) or a date
 * typed as text; null when it is neither.
 */
export function dateFromCell(value: unknown, system: DateSystem): IsoDate | null {
  if (typeof value === 'number') {
    // Exports carry few distinct dates; the cache keeps 100k-row recalculations fast.
    const serialCache = serialCaches[system];
    let date = serialCache.get(value);
    if (date === undefined) {
      date = fromExcelSerial(value, system);
      if (serialCache.size < 100_000) serialCache.set(value, date);
    }
    return date;
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const r = parseDate(value);
    return r.ok ? r.value : null;
  }
  return null;
}

/** Cells of dates already written, one cache per date system. */
const isoCaches: Readonly<Record<DateSystem, Map<IsoDate, number | string>>> = { '1900': new Map(), '1904': new Map() };

/**
 * A date as a date cell holds it in the workbook's date system: its serial (core's
 * `toExcelSerial`); '' for none. A date the system has no serial for (1903-12-31 in a 1904
 * workbook) is its ISO text behind Excel's quote prefix, so that Excel keeps it as text, which
 * every reader of the cell reads back as the same date (docs/RULES.md, "Workbook cells").
 */
export function dateToCell(date: IsoDate | null | undefined, system: DateSystem): number | string {
  if (!date) return '';
  // Balances repeat the same few window dates for every pool; calendar math once per date.
  const isoCache = isoCaches[system];
  let cell = isoCache.get(date);
  if (cell === undefined) {
    cell = toExcelSerial(date, system) ?? `'${date}`;
    if (isoCache.size < 100_000) isoCache.set(date, cell);
  }
  return cell;
}

export function textFromCell(value: unknown): string {
  if (typeof value === 'string') return value;
  // A number in a text column (an id Excel turned into a number) as core reads any cell: its full
  // decimal, so 1e21 is the same id here as in the import and the batch job.
  if (typeof value === 'number') return numberCellText(value);
  if (typeof value === 'boolean') return cellValueText(value, 'text');
  return '';
}

/**
 * Text as a cell value that Excel stores as text. A leading apostrophe is Excel's quote prefix:
 * it is not part of the value read back, and it stops `=HYPERLINK(...)`, `+1`, `-2`, `@x`, tab or
 * CR from being interpreted. Text that is a plain number is prefixed too, so ids like `00123`
 * keep their zeros.
 */
export function textToCell(text: string): string {
  if (text === '') return '';
  // Text Excel would run as a formula, by core's rule (docs/RULES.md, "Formula injection").
  if (opensFormula(text)) return `'${text}`;
  // Most text starts with an ASCII letter, which neither check below can match: an import
  // writes millions of such cells.
  const first = text.charCodeAt(0);
  if (first >= 65 && first < 127) return text;
  if (text.startsWith("'") || /^\s*[\d.,]+\s*$/.test(text)) return `'${text}`;
  return text;
}

/** A cell as a boolean: Excel's own, or text core reads as yes or no (`booleanFromText`); else null. */
export function booleanFromCell(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  return booleanFromText(textFromCell(value));
}

/**
 * A cell as the text a core row parser expects, by core's rule for workbook cells
 * (`cellValueText`: a number in a date column is a serial date, any other number its full decimal);
 * `kind` is its column's kind in core's layout, undefined for a column the layout does not know;
 * `system` the workbook's date system. Date serials go through `dateFromCell`'s cache and numbers
 * through `numberCellText`, the rule's fast paths; a property test holds this to the rule
 * (test/addin/cell-values.test.ts).
 */
export function cellAsText(value: unknown, kind: ColumnKind | undefined, system: DateSystem): string {
  if (typeof value === 'number') {
    if (kind === 'date') return dateFromCell(value, system) ?? numberCellText(value);
    return numberCellText(value);
  }
  if (typeof value === 'boolean' || typeof value === 'string') return cellValueText(value, undefined);
  return textFromCell(value);
}
