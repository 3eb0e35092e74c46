import type { ScaledAmount } from '../money/scaled-amount.js';

/** A 64-bit hash as two unsigned 32-bit halves. */
export interface Hash64 {
  lo: number;
  hi: number;
}

/*
 * Two 32-bit string hashes computed in one pass (FNV-1a, and a multiply-xorshift with other
 * constants), each finished with murmur3's fmix32. Not cryptographic: exports are the partner's
 * own data, and what matters is speed per row and a low chance of accidental collision (see
 * docs/BENCHMARKS.md for the figures).
 */

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A running hash of a sequence of fields. One instance is reused for every row (its two lanes are
 * plain numbers), so hashing allocates nothing per row; each `start…finish` is one hash.
 */
export class FieldHasher {
  private h1 = 0;
  private h2 = 0;

  start(): this {
    this.h1 = 0x811c9dc5;
    this.h2 = 0x9747b28c;
    return this;
  }

  text(text: string): this {
    let a = this.h1;
    let b = this.h2;
    const n = text.length;
    let i = 0;
    // Two UTF-16 units per step: half the multiplications; the final fmix32 spreads the high bits.
    for (; i + 1 < n; i += 2) {
      const c = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    if (i < n) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    // The length ends the field, so `ab|c` and `a|bc` differ.
    this.h1 = Math.imul(a ^ (n + 0x1f), 0x01000193);
    b = Math.imul(b ^ (n + 0x1f), 0x5bd1e995);
    this.h2 = b ^ (b >>> 15);
    return this;
  }

  /** One lane only (FNV-1a over pairs of UTF-16 units): for a 32-bit hash, which needs no more. */
  text32(text: string): this {
    let a = this.h1;
    const n = text.length;
    let i = 0;
    for (; i + 1 < n; i += 2) a = Math.imul(a ^ (text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)), 0x01000193);
    if (i < n) a = Math.imul(a ^ text.charCodeAt(i), 0x01000193);
    this.h1 = Math.imul(a ^ (n + 0x1f), 0x01000193);
    return this;
  }

  int(n: number): this {
    this.h1 = Math.imul(this.h1 ^ n, 0x01000193);
    const b = Math.imul(this.h2 ^ n, 0x5bd1e995);
    this.h2 = b ^ (b >>> 15);
    return this;
  }

  /** Equal values mix equally however they were written (`12.50` = `12.5`); null mixes as itself. */
  amount(a: ScaledAmount | null): this {
    if (a === null) return this.int(0x7fffffff);
    let { units, scale } = a;
    if (typeof units === 'number') {
      while (scale > 0 && units % 10 === 0) {
        units /= 10;
        scale--;
      }
      if (units === 0) scale = 0;
      return this.int(units >>> 0).int(Math.floor(units / 4294967296) | 0).int(scale);
    }
    while (scale > 0 && units % 10n === 0n) {
      units /= 10n;
      scale--;
    }
    if (units >= -9007199254740991n && units <= 9007199254740991n) return this.amount({ units: Number.parseInt(units.toString(), 10), scale });
    return this.text(units.toString()).int(scale);
  }

  /** The 32-bit hash of what was mixed (lane one). */
  finish32(): number {
    return fmix32(this.h1);
  }

  /** The 64-bit hash of what was mixed, written into `out` (the caller's, reused: nothing allocated). */
  finish64(out: Hash64): Hash64 {
    out.lo = fmix32(this.h1);
    out.hi = fmix32(this.h2 ^ out.lo);
    return out;
  }
}

/** The 64-bit hash of one text (an earningId), written into `out`. */
export function hashText64(hasher: FieldHasher, text: string, out: Hash64): Hash64 {
  return hasher.start().text(text).finish64(out);
}
