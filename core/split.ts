import { Dec, ROUND_HALF_UP } from './money/decimal.js';
import { minorUnit } from './money/round.js';
import { minorUnits, parseCurrency } from './money/currency.js';
import { ok, type Result } from './issues.js';
import type { CurrencyCode } from './money/currency.js';
import type { ScaledAmount } from './money/scaled-amount.js';

export interface SplitParts {
  readonly rebate: Dec;
  readonly coop: Dec;
}

/** A co-op share is a fraction of the earning, from 0 to 1 inclusive (docs/RULES.md, "Split"). */
export function isShare(value: Dec): boolean {
  return !value.isNegative() && value.lte(1);
}

/**
 * The currency a split rounds in when none is named: USD, the currency Partner Center states every
 * earning in beside its own (`earningAmountUSD`), so such a split rounds to cents (docs/RULES.md, "Split").
 */
export const SPLIT_CURRENCY_UNNAMED: CurrencyCode = 'USD';

/**
 * The currency a split rounds in: the one named, else, where none is (no text, or only white
 * space), `SPLIT_CURRENCY_UNNAMED`. A name that is no currency code is an issue, never USD.
 */
export function splitCurrency(named: string | null): Result<CurrencyCode> {
  return named === null || named.trim() === '' ? ok(SPLIT_CURRENCY_UNNAMED) : parseCurrency(named);
}

/**
 * Divides an earning into its rebate and co-op parts. The co-op part is the exact share rounded
 * half-up to the currency's minor unit (or to the amount's own precision when that is finer);
 * the rebate is the rest, so rebate + co-op is the amount exactly and no cent is made or lost.
 */
export function splitEarning(amount: Dec, coopShare: Dec, currency: CurrencyCode): SplitParts {
  if (!isShare(coopShare)) throw new RangeError(`co-op share must be in [0, 1], got ${coopShare.toString()}`);
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
  const fast = splitWithinToleranceSmall(rebate, coop, coopShare, currency);
  return fast ?? splitWithinToleranceBig(rebate, coop, coopShare, currency);
}

const POW10: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * The same decision in safe integers, or null when a step would leave the safe range (each
 * integer product or sum whose result is a safe integer is exact in IEEE doubles).
 */
function splitWithinToleranceSmall(rebate: ScaledAmount, coop: ScaledAmount, coopShare: ScaledAmount, currency: CurrencyCode): boolean | null {
  if (typeof rebate.units !== 'number' || typeof coop.units !== 'number' || typeof coopShare.units !== 'number') return null;
  const s = Math.max(rebate.scale, coop.scale);
  const minor = minorUnits(currency);
  if (s > 15 || coopShare.scale > 15) return null;
  const c = coop.units * POW10[s - coop.scale]!;
  const total = rebate.units * POW10[s - rebate.scale]! + c;
  if (!Number.isSafeInteger(c) || !Number.isSafeInteger(total)) return null;
  let dp = s;
  if (total === 0) dp = 0;
  else for (let t = total; dp > 0 && t % 10 === 0; t /= 10) dp--;
  const places = Math.max(minor, dp);
  const n = total * coopShare.units;
  if (!Number.isSafeInteger(n)) return null;
  const e = places - s - coopShare.scale;
  let expected: number;
  if (e >= 0) {
    if (e > 15) return null;
    expected = n * POW10[e]!;
  } else {
    if (-e > 15) return null;
    const d = POW10[-e]!;
    const abs = Math.abs(n);
    let q = Math.floor(abs / d);
    // floor of a float quotient can be off by one near integers: settle it on the exact remainder.
    if (q * d > abs) q -= 1;
    else if ((q + 1) * d <= abs) q += 1;
    if (2 * (abs - q * d) >= d) q += 1;
    expected = n < 0 ? -q : q;
  }
  const p = Math.max(places, s, minor);
  if (p - s > 15 || p - places > 15 || p - minor > 15) return null;
  const left = c * POW10[p - s]!;
  const right = expected * POW10[p - places]!;
  const diff = left - right;
  if (!Number.isSafeInteger(left) || !Number.isSafeInteger(right) || !Number.isSafeInteger(diff)) return null;
  return Math.abs(diff) <= POW10[p - minor]!;
}

function splitWithinToleranceBig(rebate: ScaledAmount, coop: ScaledAmount, coopShare: ScaledAmount, currency: CurrencyCode): boolean {
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
