import { Dec, ROUND_DOWN, ZERO, sum } from './decimal.js';

/**
 * Splits `amount` into parts proportional to `ratios`, in steps of `unit` (largest remainder
 * method). The parts always add up to `amount` exactly and each is within one unit of its exact
 * share. Ties in the remainders go to the earlier part, so the result never depends on the engine.
 * `amount` must be a multiple of `unit`; ratios must be non-negative with a positive sum.
 */
export function allocate(amount: Dec, ratios: readonly Dec[], unit: Dec): Dec[] {
  const total = sum(ratios);
  if (ratios.length === 0 || total.lte(0) || ratios.some((r) => r.isNegative())) {
    throw new RangeError('allocate: ratios must be non-negative with a positive sum');
  }
  if (unit.lte(0) || !amount.mod(unit).isZero()) {
    throw new RangeError(`allocate: ${amount.toString()} is not a multiple of ${unit.toString()}`);
  }
  const units = amount.div(unit); // an integer, possibly negative
  const sign = units.isNegative() ? -1 : 1;
  const absUnits = units.abs();
  const exact = ratios.map((r) => absUnits.times(r).div(total));
  const floors = exact.map((e) => e.toDecimalPlaces(0, ROUND_DOWN));
  let left = absUnits.minus(sum(floors)).toNumber(); // < ratios.length, a small integer
  const order = exact
    .map((e, i) => ({ i, rest: e.minus(floors[i]!) }))
    .sort((a, b) => b.rest.comparedTo(a.rest) || a.i - b.i);
  const parts = floors.slice();
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = parts[i]!.plus(1);
    left -= 1;
  }
  return parts.map((p) => (p.isZero() ? ZERO : p.times(unit).times(sign)));
}
