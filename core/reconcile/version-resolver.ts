import { EarningIdTable } from './earning-id-table.js';
import { FieldHasher, hashText64, type Hash64 } from './earning-hash.js';
import type { EarningDigest } from './earning-digest.js';
import { meetVersion, VersionMet } from './meet-version.js';

/**
 * The versions of earningIds met one at a time, as the add-in's import meets the rows the
 * workbook holds and then the files' rows: each decided by `meetVersion` on the same table the
 * ledger's id resolution (`resolveIdRecords`) keeps, so the import counts the version the ledger
 * counts (docs/RULES.md, "Repeated earningIds"). Ids are compared by their 64-bit hash, as the
 * ledger compares them (`earning-id-table.ts` gives the odds of a collision).
 *
 * A version comes with its source, a number from 1 that the caller gives each download (versions
 * of one download share it); `newer(a, b)` says whether download `a` is newer than download `b`.
 */
export class VersionResolver {
  private readonly table = new EarningIdTable(1024);
  private readonly hasher = new FieldHasher();
  private readonly id: Hash64 = { lo: 0, hi: 0 };
  private readonly scratch = { facts: 0, usd: 0, rate: 0, details: 0 };

  constructor(private readonly newer: (a: number, b: number) => boolean) {}

  /**
   * Meets a version of `earningId`: `VersionMet.Counts` alone (no event) for the id's first
   * version, which counts; otherwise `meetVersion`'s result against the version counted so far.
   */
  meet(earningId: string, digest: EarningDigest, source: number): number {
    const { lo, hi } = hashText64(this.hasher, earningId, this.id);
    const slot = this.table.find(lo, hi);
    if (slot < 0) {
      this.table.insert(lo, hi, digest.facts, digest.usd, digest.rate, digest.details, source);
      return VersionMet.Counts;
    }
    return meetVersion(this.table, slot, digest, source, this.newer, this.scratch);
  }
}
