import { Decimal } from 'decimal.js';

/**
 * The project's one Decimal constructor. A clone, so nothing here or in a host can change the
 * global configuration (never `Decimal.set`). 40 significant digits hold any amount an export
 * can carry; the default rounding is half-up (Excel's ROUND), but every rounding call names its
 * mode anyway.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Dec = Decimal;

export const ROUND_HALF_UP = Decimal.ROUND_HALF_UP;
export const ROUND_DOWN = Decimal.ROUND_DOWN;

export const ZERO: Dec = new Dec(0);

export function sum(values: Iterable<Dec>): Dec {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

export function isDec(value: unknown): value is Dec {
  return Dec.isDecimal(value);
}
