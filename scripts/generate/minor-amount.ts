import { minorUnits } from '../../core/money/currency.js';

/**
 * Amounts as integer counts of a currency's minor unit (cents, yen, fils) in BigInt, so a
 * generator that writes millions of rows does exact money math without a Decimal per cell.
 * Shares and rates are exact fractions `num / den`.
 */
export type Minor = bigint;

export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

/** `'0.40'` → 40/100, exactly; for trusted literals (program shares, rates). */
export function fraction(text: string): Fraction {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`not a non-negative decimal: ${text}`);
  const decimals = m[2] ?? '';
  return { num: BigInt(m[1]! + decimals), den: 10n ** BigInt(decimals.length) };
}

/** `a / b` rounded half away from zero, as Excel's ROUND and core's ROUND_HALF_UP do. */
export function divHalfUp(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new RangeError('divHalfUp: divisor must be positive');
  const negative = a < 0n;
  const abs = negative ? -a : a;
  const q = (2n * abs + b) / (2n * b);
  return negative ? -q : q;
}

/** `amount × share`, rounded half-up to the minor unit. */
export function timesFraction(amount: Minor, f: Fraction): Minor {
  return divHalfUp(amount * f.num, f.den);
}

/**
 * Rebate and co-op parts of an earning, exactly as core's `splitEarning` makes them: co-op is the
 * share rounded half-up to the minor unit, rebate is the rest, so the two add up to the earning.
 */
export function splitMinor(earning: Minor, coopShare: Fraction): { rebate: Minor; coop: Minor } {
  const coop = timesFraction(earning, coopShare);
  return { rebate: earning - coop, coop };
}

/**
 * Converts an amount in `currency` to USD cents at `usdPerUnit` (USD for one whole unit of the
 * currency), rounded half-up per row as Partner Center rounds each row on its own.
 */
export function toUsdCents(amount: Minor, currency: string, usdPerUnit: Fraction): Minor {
  const scale = 10n ** BigInt(minorUnits(currency));
  return divHalfUp(amount * usdPerUnit.num * 100n, usdPerUnit.den * scale);
}

/** `123456n` EUR → `1234.56`; negatives as `-12.50`, or `(12.50)` when `parentheses` is set. */
export function formatMinor(amount: Minor, currency: string, parentheses = false): string {
  return formatScaled(amount, minorUnits(currency), parentheses);
}

export function formatScaled(amount: bigint, places: number, parentheses = false): string {
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(places + 1, '0');
  const body = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  if (!negative) return body;
  return parentheses ? `(${body})` : `-${body}`;
}

/** `'-1234.5'` in EUR → `-123450n`; for trusted literals in the sample definitions. */
export function parseMinor(text: string, currency: string): Minor {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.replace(/,/g, ''));
  const places = minorUnits(currency);
  if (!m || (m[3] ?? '').length > places) throw new RangeError(`not an amount in ${currency}: ${text}`);
  const value = BigInt(m[2]! + (m[3] ?? '').padEnd(places, '0'));
  return m[1] === '-' ? -value : value;
}
