import { Dec } from './decimal.js';

/**
 * An exact decimal as a whole number of 10^-scale: `12.50` → `{ units: 1250, scale: 2 }`.
 * `units` is a safe integer (a plain number, exact) or a bigint when it is not. This is how the
 * batch job sums millions of rows exactly without a Decimal per row (docs/RULES.md, "Money": exact, never a
 * float); totals become Decimals once, at the end.
 */
export interface ScaledAmount {
  readonly units: number | bigint;
  readonly scale: number;
}

const POW10: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);
/** More digits than this may not fit a safe integer; such amounts take the bigint path. */
const MAX_FAST_DIGITS = 15;

/**
 * The fast reading of an amount written plainly, `-?digits[.digits]` with at most 15 digits (how
 * Partner Center writes every amount); null for anything else, which the caller reads with
 * `parseAmount`. Same value as `parseAmount` gives for such text.
 */
export function parsePlainAmount(text: string): ScaledAmount | null {
  const n = text.length;
  let i = 0;
  let negative = false;
  if (n > 0 && text.charCodeAt(0) === 45 /* - */) {
    negative = true;
    i = 1;
  }
  let units = 0;
  let digits = 0;
  let scale = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      units = units * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 46 /* . */ && scale < 0 && digits > 0) {
      scale = 0;
    } else return null;
  }
  if (digits === 0 || scale === 0 || digits > MAX_FAST_DIGITS) return null;
  return { units: negative && units !== 0 ? -units : units, scale: scale < 0 ? 0 : scale };
}

/** The exact scaled form of a Decimal. */
export function scaledFromDec(value: Dec): ScaledAmount {
  const scale = value.decimalPlaces();
  const units = BigInt(value.times(new Dec(10).pow(scale)).toFixed(0));
  return normaliseUnits(units, scale);
}

function normaliseUnits(units: bigint, scale: number): ScaledAmount {
  const safe = units <= BigInt(Number.MAX_SAFE_INTEGER) && units >= BigInt(Number.MIN_SAFE_INTEGER);
  return { units: safe ? Number.parseInt(units.toString(), 10) : units, scale };
}

export function scaledToDec(amount: ScaledAmount): Dec {
  return new Dec(`${amount.units.toString()}e-${amount.scale}`);
}

/** The same value with trailing zeros of the fraction removed (`12.50` → `12.5`): equal values, equal forms. */
export function normaliseScaled(amount: ScaledAmount): ScaledAmount {
  let { units, scale } = amount;
  if (typeof units === 'number') {
    while (scale > 0 && units % 10 === 0) {
      units /= 10;
      scale--;
    }
    return units === 0 ? { units: 0, scale: 0 } : { units, scale };
  }
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return normaliseUnits(units, scale);
}

function pow10Big(n: number): bigint {
  return 10n ** BigInt(n);
}

/**
 * An exact running sum of scaled amounts. The common case stays in a safe-integer number (an
 * integer sum whose result is a safe integer is exact in IEEE doubles); anything that would leave
 * that range moves into a bigint. Finer scales widen the sum's scale, never round it.
 */
export class ExactSum {
  private small = 0;
  private big = 0n;
  private scaleOf = 0;

  get scale(): number {
    return this.scaleOf;
  }

  /** The sum so far, as units of 10^-scale. */
  get units(): number | bigint {
    if (this.big === 0n) return this.small;
    return normaliseUnits(this.big + BigInt(this.small), 0).units;
  }

  add(amount: ScaledAmount, negate = false): void {
    const u = amount.units;
    // The common case: same scale, and the sum stays a safe integer (so it is exact).
    if (typeof u === 'number' && amount.scale === this.scaleOf) {
      const next = negate ? this.small - u : this.small + u;
      if (next <= Number.MAX_SAFE_INTEGER && next >= Number.MIN_SAFE_INTEGER) {
        this.small = next;
        return;
      }
    }
    this.addSlow(amount, negate);
  }

  private addSlow(amount: ScaledAmount, negate: boolean): void {
    if (amount.scale > this.scaleOf) this.widen(amount.scale);
    const shift = this.scaleOf - amount.scale;
    const u = amount.units;
    if (typeof u === 'number') {
      const scaled = shift === 0 ? u : shift < POW10.length ? u * POW10[shift]! : Number.NaN;
      if (Number.isSafeInteger(scaled)) {
        const next = negate ? this.small - scaled : this.small + scaled;
        if (Number.isSafeInteger(next)) {
          this.small = next;
          return;
        }
      }
    }
    const exact = BigInt(u) * pow10Big(shift);
    this.big += negate ? -exact : exact;
  }

  addSum(other: ExactSum, negate = false): void {
    this.add({ units: other.units, scale: other.scale }, negate);
  }

  private widen(scale: number): void {
    const shift = scale - this.scaleOf;
    if (this.big !== 0n) this.big *= pow10Big(shift);
    const small = shift < POW10.length ? this.small * POW10[shift]! : Number.NaN;
    if (Number.isSafeInteger(small)) this.small = small;
    else {
      this.big += BigInt(this.small) * pow10Big(shift);
      this.small = 0;
    }
    this.scaleOf = scale;
  }

  /** Back to zero, so that a long-lived holder (the split window's pairs) can reuse the sum. */
  clear(): void {
    this.small = 0;
    this.big = 0n;
    this.scaleOf = 0;
  }

  toScaled(): ScaledAmount {
    return { units: this.units, scale: this.scaleOf };
  }

  toDec(): Dec {
    return scaledToDec(this.toScaled());
  }
}
