import type { ScaledAmount } from '../../core/money/scaled-amount.js';
import type { EarningRow } from './earning-row.js';
import { earningTypeKey } from './earning-row.js';

/*
 * Two 32-bit string hashes computed in one pass (FNV-1a, and a multiply-xorshift with other
 * constants), each finished with murmur3's fmix32. Not cryptographic: exports are the partner's
 * own data, and what matters is speed per row and a low chance of accidental collision (see
 * docs/BENCHMARKS.md for the figures). Module state instead of objects: nothing is allocated
 * per row.
 */
let h1 = 0;
let h2 = 0;

function start(): void {
  h1 = 0x811c9dc5;
  h2 = 0x9747b28c;
}

function mixText(text: string): void {
  let a = h1;
  let b = h2;
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
  h1 = Math.imul(a ^ (text.length + 0x1f), 0x01000193);
  h2 = Math.imul(b ^ (text.length + 0x1f), 0x5bd1e995);
  h2 ^= h2 >>> 15;
}

/** One lane only (FNV-1a over pairs of UTF-16 units): the 32-bit content hash needs no more. */
function mixText1(text: string): void {
  let a = h1;
  const n = text.length;
  let i = 0;
  for (; i + 1 < n; i += 2) a = Math.imul(a ^ (text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)), 0x01000193);
  if (i < n) a = Math.imul(a ^ text.charCodeAt(i), 0x01000193);
  h1 = Math.imul(a ^ (n + 0x1f), 0x01000193);
}

function mixInt(n: number): void {
  h1 = Math.imul(h1 ^ n, 0x01000193);
  h2 = Math.imul(h2 ^ n, 0x5bd1e995);
  h2 ^= h2 >>> 15;
}

/** Equal values mix equally however they were written (`12.50` = `12.5`). */
function mixAmount(a: ScaledAmount | null): void {
  if (a === null) {
    mixInt(0x7fffffff);
    return;
  }
  let { units, scale } = a;
  if (typeof units === 'number') {
    while (scale > 0 && units % 10 === 0) {
      units /= 10;
      scale--;
    }
    if (units === 0) scale = 0;
    mixInt(units >>> 0);
    mixInt(Math.floor(units / 4294967296) | 0);
    mixInt(scale);
    return;
  }
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  if (units >= -9007199254740991n && units <= 9007199254740991n) {
    mixAmount({ units: Number.parseInt(units.toString(), 10), scale });
    return;
  }
  mixText(units.toString());
  mixInt(scale);
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

let lastHigh = 0;

/** The 64-bit hash of `text` as two 32-bit halves: the low half is returned, the high half is `lastHashHigh()`. */
export function hashText64(text: string): number {
  start();
  mixText(text);
  const lo = fmix32(h1);
  lastHigh = fmix32(h2 ^ lo);
  return lo;
}

export function lastHashHigh(): number {
  return lastHigh;
}

function mixContent(row: EarningRow, text: (t: string) => void): void {
  start();
  text(row.participantId);
  text(row.participantName);
  text(row.programName);
  text(earningTypeKey(row.earningType));
  mixAmount(row.amountScaled);
  mixAmount(row.amountUSDScaled);
  text(row.earningDate);
  text(row.currency);
  text(row.transactionId);
  text(row.lever);
  text(row.earningRate);
  text(row.reasonCode);
  text(row.claimId);
  text(row.paymentId);
  text(row.paymentStatus);
}

/**
 * A 32-bit digest of what an earning row says, for telling identical duplicates (the same row in
 * two overlapping downloads: counted once) from conflicting ones (same `earningId`, different
 * content: an error). It covers every column the ledger reads, normalised (`12.50` = `12.5`,
 * `Co-op` = `Coop`, dates as ISO); it leaves out where the row was found and the pass-through
 * columns, which growth reports repeat per transaction with other values. Rows are only ever
 * compared with rows of the same `earningId`, so the id itself is not part of it.
 */
export function earningContentHash(row: EarningRow): number {
  mixContent(row, mixText1);
  return fmix32(h1);
}

/** The same content as 64 bits, in hex (16 digits): for tests and people. */
export function earningFingerprint(row: EarningRow): string {
  mixContent(row, mixText);
  const lo = fmix32(h1);
  const hi = fmix32(h2 ^ lo);
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
