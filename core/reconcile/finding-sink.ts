import type { Severity } from '../codes.js';
import { compareFindings, type Finding } from './finding.js';

/**
 * Where findings that come one per row go (`duplicate_earning`: a million repeated rows give a
 * million findings), so the ledger's memory does not grow with them. They arrive source by source,
 * each source's in rising lines. The batch job spills them to disk (`FindingSpill`); the add-in
 * keeps them in memory (`MemoryFindingSink`).
 */
export interface FindingSink {
  /** Later findings come from another source (a new run of rising lines). */
  beginSource(ordinal: number): void;
  add(finding: Finding): void;
  /** Ends writing. */
  finish(): void;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly byCode: ReadonlyMap<string, number>;
  readonly count: number;
}

/** A `FindingSink` that keeps its findings in an array. */
export class MemoryFindingSink implements FindingSink {
  private readonly kept: Finding[] = [];
  readonly bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  readonly byCode = new Map<string, number>();

  get count(): number {
    return this.kept.length;
  }

  beginSource(): void {}

  add(finding: Finding): void {
    this.kept.push(finding);
    this.bySeverity[finding.severity]++;
    this.byCode.set(finding.code, (this.byCode.get(finding.code) ?? 0) + 1);
  }

  finish(): void {}

  /** The findings, in the order of `compareFindings`. */
  findings(): Finding[] {
    return [...this.kept].sort(compareFindings);
  }
}
