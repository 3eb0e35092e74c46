import { Dec, ROUND_HALF_UP } from './money/decimal.js';
import { minorUnit } from './money/round.js';
import { minorUnits } from './money/currency.js';
import type { CurrencyCode } from './money/currency.js';
import type { ScaledAmount } from './money/scaled-amount.js';

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

/**
 * `checkSplit(...).ok` with the default tolerance, decided in integers: the batch job asks this
 * for every transaction and builds Decimals (for the finding's numbers) only when it fails.
 */
export function splitWithinTolerance(rebate: ScaledAmount, coop: ScaledAmount, coopShare: ScaledAmount, currency: CurrencyCode): boolean {
  const s = Math.max(rebate.scale, coop.scale);
  const c = BigInt(coop.units) * pow10(s - coop.scale);
  const total = BigInt(rebate.units) * pow10(s - rebate.scale) + c;
  let dp = s;
  if (total === 0n) dp = 0;
  else for (let t = total; dp > 0 && t % 10n === 0n; t /= 10n) dp--;
  const minor = minorUnits(currency);
  const places = Math.max(minor, dp);
  const n = total * BigInt(coopShare.units);
  const e = places - s - coopShare.scale;
  let expected: bigint;
  if (e >= 0) expected = n * pow10(e);
  else {
    // Half-up, away from zero, as Decimal's ROUND_HALF_UP.
    const d = pow10(-e);
    const abs = n < 0n ? -n : n;
    let q = abs / d;
    if (2n * (abs - q * d) >= d) q += 1n;
    expected = n < 0n ? -q : q;
  }
  const p = Math.max(places, s, minor);
  const diff = c * pow10(p - s) - expected * pow10(p - places);
  return (diff < 0n ? -diff : diff) <= pow10(p - minor);
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}
