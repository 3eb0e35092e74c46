import type { EarningRecord } from './earning-record.js';
import type { FieldHasher } from './earning-hash.js';
import { earningFactsHash, earningUpdateHashes, NO_RATE, type DuplicateDecision } from './earning-identity.js';

/**
 * A row's version of its earning as the four 32-bit hashes the earningId stores compare (its
 * facts, its USD amount, its exchange rate or `NO_RATE`, its details: `earning-identity.ts`): 16
 * bytes to keep per earningId instead of the row. The rule is `duplicateDecision`;
 * `digestDecision` is its fast path, held to it by a property test (docs/RULES.md, "Repeated
 * earningIds").
 */
export interface EarningDigest {
  readonly facts: number;
  readonly usd: number;
  readonly rate: number;
  readonly details: number;
}

/** The digest of a row; `program` is its canonical program (an alias is the same program). */
export function earningDigest(row: EarningRecord, program: string, hasher: FieldHasher): EarningDigest {
  return earningDigestInto(row, program, hasher, { facts: 0, usd: 0, rate: 0, details: 0 });
}

/** `earningDigest` written into `out` (the caller's, reused: nothing allocated per row). */
export function earningDigestInto<T extends { -readonly [K in keyof EarningDigest]: EarningDigest[K] }>(row: EarningRecord, program: string, hasher: FieldHasher, out: T): T {
  out.facts = earningFactsHash(row, program, hasher);
  earningUpdateHashes(row, hasher, out);
  return out;
}

/**
 * `duplicateDecision` on two digests: other facts conflict; another USD amount, or another rate
 * than `knownRate` where both have one, restates; other details, or a rate in one version only,
 * update. `knownRate` is the hash of the rate later versions are compared with (`replacesKnownRateHash`).
 */
export function digestDecision(counted: EarningDigest, later: EarningDigest, knownRate: number = counted.rate): DuplicateDecision {
  if (counted.facts !== later.facts) return 'conflicting';
  if (counted.usd !== later.usd) return 'restated';
  if (later.rate !== NO_RATE && knownRate !== NO_RATE && later.rate !== knownRate) return 'restated';
  return counted.details === later.details && counted.rate === later.rate ? 'identical' : 'updated';
}

/**
 * `replacesKnownRate` on rate hashes: whether a later version's rate (`rate`) becomes the rate
 * known. `later` and `knownFrom` are where the later version and the rate known come from,
 * `isNewer` tells which download is newer (asked only when a rate is known).
 */
export function replacesKnownRateHash<Source>(knownRate: number, rate: number, later: Source, knownFrom: Source, isNewer: (a: Source, b: Source) => boolean): boolean {
  return rate !== NO_RATE && (knownRate === NO_RATE || isNewer(later, knownFrom));
}
