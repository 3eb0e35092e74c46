import type { EarningIdTable } from './earning-id-table.js';
import { digestDecision, replacesKnownRateHash, type EarningDigest } from './earning-digest.js';

/**
 * What a later version of an earningId did to the version counted so far (`meetVersion`'s
 * result): the event in the low bits (`VERSION_EVENT`, valued as `IdEventKind`), and flags.
 */
export const VersionMet = {
  /** Identical to the version counted: counted once. */
  Duplicate: 1,
  /** Other facts: it counts now, in place of the version counted. */
  Conflict: 2,
  /** The same earning with other details, or a rate in one version only. */
  Updated: 3,
  /** The same earning with another USD amount, or another rate than the one known. */
  Restated: 4,
  /** Flag: the later version counts now (a conflict, or an update or restatement from a newer download). */
  Counts: 8,
  /** Flag: an identical repeat in a newer download: that download now holds the version counted. */
  Holds: 16,
  /** Flag: a restatement of the rate alone, quoted against the version that carried the rate known. */
  QuotesRate: 32,
} as const;

/** The bits of `meetVersion`'s result that say the event (`VersionMet.Duplicate` … `Restated`). */
export const VERSION_EVENT = 7;

/**
 * The rule of a repeated earningId, one later version at a time (docs/RULES.md, "Repeated
 * earningIds"); the table's slot holds the version counted so far of the id, the newest download
 * holding it unchanged, and the rate known. The later version (`later`, from the source of `line`)
 * is
 * - identical: a duplicate; in a newer download than the newest holding the version, that download
 *   holds it now (`Holds`), so an older download met later does not replace it;
 * - the same earning updated or restated: the newer counts (`Counts` when it is the later one),
 *   newer by `newerLine` against the newest download holding the version counted;
 * - other facts: a conflict, and the later version counts in any case.
 * The rate known moves to the later version's when it carries one and comes from a newer download
 * than the rate known (or none was known); after a conflict it is the later version's.
 *
 * Both the resolution of the ledger's ids (`resolveIdRecords`) and the add-in's import
 * (`VersionResolver`) take every decision here, so the two cannot drift. The slot is updated;
 * nothing is allocated (`scratch` is the caller's, reused).
 */
export function meetVersion(
  table: EarningIdTable,
  slot: number,
  later: EarningDigest,
  line: number,
  newerLine: (a: number, b: number) => boolean,
  scratch: { facts: number; usd: number; rate: number; details: number },
): number {
  const known = table.knownRate(slot);
  const counted = table.digest(slot, scratch);
  const decision = digestDecision(counted, later, known);
  if (decision === 'conflicting') {
    table.replace(slot, later.facts, later.usd, later.rate, later.details, line, true);
    // Another earning: what the one replaced carried is no longer known.
    table.know(slot, later.rate, line);
    return VersionMet.Conflict | VersionMet.Counts;
  }
  const newest = table.newest(slot);
  const quotesRate = decision === 'restated' && counted.usd === later.usd ? VersionMet.QuotesRate : 0;
  if (replacesKnownRateHash(known, later.rate, line, table.rateLine(slot), newerLine)) table.know(slot, later.rate, line);
  const newer = newerLine(line, newest);
  if (decision === 'identical') {
    if (!newer) return VersionMet.Duplicate;
    table.holdIn(slot, line);
    return VersionMet.Duplicate | VersionMet.Holds;
  }
  const event = decision === 'updated' ? VersionMet.Updated : VersionMet.Restated;
  if (!newer) return event | quotesRate;
  table.replace(slot, later.facts, later.usd, later.rate, later.details, line, false);
  return event | quotesRate | VersionMet.Counts;
}
