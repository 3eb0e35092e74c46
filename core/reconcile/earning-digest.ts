import type { EarningRecord } from './earning-record.js';
import type { FieldHasher } from './earning-hash.js';
import { earningFactsHash, earningUpdateHashes, type DuplicateDecision } from './earning-identity.js';

/**
 * A row's version of its earning as the three 32-bit hashes the earningId stores compare (its
 * facts, its USD amount, its details: `earning-identity.ts`): 12 bytes to keep per earningId
 * instead of the row. The rule is `duplicateDecision`; `digestDecision` is its fast path, held to
 * it by a property test (docs/RULES.md, "Repeated earningIds").
 */
export interface EarningDigest {
  readonly facts: number;
  readonly usd: number;
  readonly details: number;
}

/** The digest of a row; `program` is its canonical program (an alias is the same program). */
export function earningDigest(row: EarningRecord, program: string, hasher: FieldHasher): EarningDigest {
  const facts = earningFactsHash(row, program, hasher);
  const update = { usd: 0, details: 0 };
  earningUpdateHashes(row, hasher, update);
  return { facts, usd: update.usd, details: update.details };
}

/** `duplicateDecision` on two digests: other facts conflict, another USD amount restates, other details update. */
export function digestDecision(counted: EarningDigest, later: EarningDigest): DuplicateDecision {
  if (counted.facts !== later.facts) return 'conflicting';
  if (counted.usd !== later.usd) return 'restated';
  return counted.details === later.details ? 'identical' : 'updated';
}
