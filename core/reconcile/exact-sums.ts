import type { Dec } from '../money/decimal.js';
import { ExactSum, type ScaledAmount } from '../money/scaled-amount.js';
import { detach } from '../text/detach.js';

/**
 * Exact sums under two keys (currency and earning kind, for the summary), in scaled
 * integers while rows are read and Decimals at the end.
 */
export class ExactSums2 {
  private readonly sums = new Map<string, Map<string, ExactSum>>();

  add(outer: string, inner: string, amount: ScaledAmount, negate: boolean): void {
    let byInner = this.sums.get(outer);
    if (!byInner) this.sums.set(detach(outer), (byInner = new Map()));
    let sum = byInner.get(inner);
    if (!sum) byInner.set(inner, (sum = new ExactSum()));
    sum.add(amount, negate);
  }

  toDecimals(): Map<string, Map<string, Dec>> {
    return new Map([...this.sums].map(([k, inner]) => [k, new Map([...inner].map(([k2, sum]) => [k2, sum.toDec()]))]));
  }
}
