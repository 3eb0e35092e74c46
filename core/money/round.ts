import { Dec, ROUND_HALF_UP, ZERO } from './decimal.js';
import { minorUnits, type CurrencyCode } from './currency.js';

/** Rounds to the currency's minor unit, half away from zero like Excel's ROUND. Output only. */
export function roundToMinor(amount: Dec, currency: CurrencyCode): Dec {
  const places = minorUnits(currency);
  // A value with no more decimals than that is its own rounding (every journal line is): kept, not copied.
  return amount.decimalPlaces() <= places ? amount : amount.toDecimalPlaces(places, ROUND_HALF_UP);
}

/**
 * An amount as every output shows it (docs/RULES.md, "Money"): rounded to its currency's minor
 * unit (`roundToMinor`), and a zero of either sign plain 0, so `-0.004` USD is the 0 of every other
 * cell, in the batch job's files and the add-in's tables alike.
 */
export function outputAmount(amount: Dec, currency: CurrencyCode): Dec {
  const rounded = roundToMinor(amount, currency);
  return rounded.isZero() ? ZERO : rounded;
}

/** `1234.5` EUR → `1234.50`; `-0.004` USD → `0.00`: `.` as decimal mark, no grouping. */
export function formatAmount(amount: Dec, currency: CurrencyCode): string {
  return outputAmount(amount, currency).toFixed(minorUnits(currency), ROUND_HALF_UP);
}

/** One minor unit of a currency as a decimal (0.01 EUR, 1 JPY, 0.001 KWD). */
export function minorUnit(currency: CurrencyCode): Dec {
  return new Dec(10).pow(-minorUnits(currency));
}
