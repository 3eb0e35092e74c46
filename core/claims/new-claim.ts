import { issue, type Issue } from '../issues.js';
import { historyEntry, type ChangeMeta, type ClaimHistoryEntry } from './claim-history.js';
import type { Claim } from './claim.js';
import { sameId } from '../text/same-id.js';

/**
 * What the register says about adding a claim to it (docs/RULES.md, "Claims"): the register names
 * each claim once, so a new claim takes a claimId no claim there holds; a taken one is
 * `duplicate_claim`, the code a repeated id read from a register gets (there, only one copy
 * draws: docs/RULES.md, "A repeated claimId"). Ids are compared as the register is read: trimmed, case kept. `registerIds` are the
 * claimId cells as they stand, read or not.
 */
export function newClaimIssues(claimId: string, registerIds: Iterable<string>): Issue[] {
  for (const taken of registerIds) {
    if (sameId(taken, claimId)) return [issue('duplicate_claim', ['claimId'], claimId, { claimId: claimId.trim() })];
  }
  return [];
}

/** The history entry that opens a new claim's history (docs/RULES.md, "Claims"): `created`, by whom and when. */
export function claimCreatedEntry(claim: Claim, meta: ChangeMeta): ClaimHistoryEntry {
  return historyEntry(claim, 'created', meta, []);
}
