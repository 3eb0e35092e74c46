import { amountColumnCurrency, type ColumnSpec } from '../../core/workbook-layout.js';
import { Dec, isDec } from '../../core/money/decimal.js';
import { outputAmount } from '../../core/money/round.js';
import { minorUnits, type CurrencyCode } from '../../core/money/currency.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import type { CellValue } from './cell-value.js';
import { neutraliseFormula } from '../../core/text/neutralise-formula.js';

/**
 * A cell after the output rules were applied (docs/RULES.md), the same for CSV and XLSX so that the
 * two files of one run always agree:
 * - `text`: already neutralised against formula injection;
 * - `amount`: already rounded half-up to `places` (the currency's minor unit; 2 for USD);
 * - `decimal`: an exact decimal that is not money (a share such as `0.4`), never rounded;
 * - `date`, `integer`, `boolean`, `empty` as named.
 */
export type ResolvedCell =
  | { readonly type: 'empty' }
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'amount'; readonly value: Dec; readonly places: number; readonly currency: CurrencyCode }
  | { readonly type: 'decimal'; readonly value: Dec }
  | { readonly type: 'date'; readonly date: IsoDate }
  | { readonly type: 'integer'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean };

const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INTEGER = /^-?\d+$/;
const CURRENCY = /^[A-Z]{3}$/;

const EMPTY: ResolvedCell = { type: 'empty' };

function text(value: string): ResolvedCell {
  return { type: 'text', text: neutraliseFormula(value) };
}

function plain(value: CellValue): string {
  if (isDec(value)) return value.toFixed();
  return String(value);
}

function misuse(spec: ColumnSpec, value: CellValue, why: string): never {
  throw new TypeError(`column ${spec.name} (${spec.kind}): ${why}: ${plain(value)}`);
}

function amount(spec: ColumnSpec, value: Dec, currency: CurrencyCode | null | undefined): ResolvedCell {
  if (!currency || !CURRENCY.test(currency)) {
    return misuse(spec, value, `an amount needs the row's currency, got ${JSON.stringify(currency ?? null)}`);
  }
  // Rounding happens once (docs/RULES.md, Money), here, at output.
  return { type: 'amount', value: outputAmount(value, currency), places: minorUnits(currency), currency };
}

/**
 * Applies a column's output rules to one value. A string in a typed column is trusted only when it
 * has that column's exact shape (`-12.50` in an amount column, `2021-03-15` in a date column);
 * any other string is text and is neutralised, so no caller can smuggle a formula through a
 * numeric column. A value of the wrong JS type (a float as an amount, a number in a date column)
 * is a programming error and throws.
 *
 * `currency` is the row's currency, needed for `amount` columns holding a `Dec`; `amountUSD`
 * columns always use USD (2 decimals).
 */
export function resolveCell(spec: ColumnSpec, value: CellValue | undefined, currency?: CurrencyCode | null): ResolvedCell {
  if (value === null || value === undefined || value === '') return EMPTY;
  switch (spec.kind) {
    case 'text':
      if (typeof value === 'boolean') return text(value ? 'true' : 'false');
      return text(plain(value));
    case 'amount':
    case 'amountUSD': {
      const cur = amountColumnCurrency(spec.kind, currency);
      if (isDec(value)) return amount(spec, value, cur);
      if (typeof value === 'string') {
        if (!PLAIN_DECIMAL.test(value)) return text(value);
        // Text the caller formatted: kept as written in CSV; XLSX needs its number.
        if (cur && CURRENCY.test(cur)) return amount(spec, new Dec(value), cur);
        return { type: 'decimal', value: new Dec(value) };
      }
      return misuse(spec, value, 'amounts are Dec (never a float) or text');
    }
    case 'share':
      if (isDec(value)) return { type: 'decimal', value };
      if (typeof value === 'string') return PLAIN_DECIMAL.test(value) ? { type: 'decimal', value: new Dec(value) } : text(value);
      return misuse(spec, value, 'shares are Dec or text');
    case 'date':
      if (typeof value === 'string') return ISO_DATE.test(value) ? { type: 'date', date: value as IsoDate } : text(value);
      return misuse(spec, value, 'dates are IsoDate text');
    case 'integer':
      if (typeof value === 'number') {
        return Number.isSafeInteger(value) ? { type: 'integer', value } : misuse(spec, value, 'not an integer');
      }
      if (isDec(value)) {
        return value.isInteger() ? { type: 'integer', value: value.toNumber() } : misuse(spec, value, 'not an integer');
      }
      if (typeof value === 'string') {
        const n = INTEGER.test(value) ? Number.parseInt(value, 10) : Number.NaN;
        return Number.isSafeInteger(n) ? { type: 'integer', value: n } : text(value);
      }
      return misuse(spec, value, 'integers are numbers');
    case 'boolean':
      if (typeof value === 'boolean') return { type: 'boolean', value };
      if (value === 'true' || value === 'false') return { type: 'boolean', value: value === 'true' };
      if (typeof value === 'string') return text(value);
      return misuse(spec, value, 'booleans are true/false');
  }
}
