import { Dec, ROUND_HALF_UP } from './money/decimal.js';
import { minorUnit } from './money/round.js';
import { minorUnits } from './money/currency.js';
import type { CurrencyCode } from './money/currency.js';

export interface SplitParts {
  readonly rebate: Dec;
  readonly coop: Dec;
}

/**
 * Divides an earning into its rebate and co-op parts. The co-op part is the exact share rounded
 * half-up to the currency's minor unit (or to the amount's own precision when that is finer);
 * the rebate is the rest, so rebate + co-op is the amount exactly and no cent is made or lost.
 */
export function splitEarning(amount: Dec, coopShare: Dec, currency: CurrencyCode): SplitParts {
  if (coopShare.isNegative() || coopShare.gt(1)) throw new RangeError(`co-op share must be in [0, 1], got ${coopShare.toString()}`);
  const places = Math.max(minorUnits(currency), amount.decimalPlaces());
  const coop = amount.times(coopShare).toDecimalPlaces(places, ROUND_HALF_UP);
  return { rebate: amount.minus(coop), coop };
}

export interface SplitCheck {
  readonly ok: boolean;
  readonly total: Dec;
  readonly expected: SplitParts;
  readonly actual: SplitParts;
  /** actual co-op − expected co-op. */
  readonly difference: Dec;
  readonly tolerance: Dec;
}

/**
 * Checks observed rebate and co-op amounts of one transaction against the configured share.
 * They match when the observed co-op part is within `tolerance` of the expected one (default:
 * one minor unit per row, since Partner Center rounds each row on its own).
 */
export function checkSplit(
  observed: SplitParts,
  coopShare: Dec,
  currency: CurrencyCode,
  tolerance: Dec = minorUnit(currency),
): SplitCheck {
  const total = observed.rebate.plus(observed.coop);
  const expected = splitEarning(total, coopShare, currency);
  const difference = observed.coop.minus(expected.coop);
  return { ok: difference.abs().lte(tolerance), total, expected, actual: observed, difference, tolerance };
}
