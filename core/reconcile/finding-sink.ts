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
  /** How many findings of each code, with the severity core gave them: an adapter reports them as they are. */
  counts(): FindingCount[];
  readonly count: number;
}

/** The findings of one code and severity a sink holds. */
export interface FindingCount {
  readonly severity: Severity;
  readonly code: Finding['code'];
  readonly count: number;
}

/** The counts every `FindingSink` keeps of what it was given, by severity and by code. */
export class FindingTally {
  readonly bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  // Keyed by severity and code: a count never moves a finding to a severity core did not give it.
  private readonly byCode = new Map<string, { severity: Severity; code: Finding['code']; count: number }>();
  count = 0;

  add(finding: Finding): void {
    this.count++;
    this.bySeverity[finding.severity]++;
    const key = `${finding.severity} ${finding.code}`;
    const counted = this.byCode.get(key);
    if (counted) counted.count++;
    else this.byCode.set(key, { severity: finding.severity, code: finding.code, count: 1 });
  }

  counts(): FindingCount[] {
    return [...this.byCode.values()].map((c) => ({ ...c }));
  }
}

/** A `FindingSink` that keeps its findings in an array. */
export class MemoryFindingSink implements FindingSink {
  private readonly kept: Finding[] = [];
  private readonly tally = new FindingTally();

  get count(): number {
    return this.kept.length;
  }

  get bySeverity(): Readonly<Record<Severity, number>> {
    return this.tally.bySeverity;
  }

  counts(): FindingCount[] {
    return this.tally.counts();
  }

  beginSource(): void {}

  add(finding: Finding): void {
    this.kept.push(finding);
    this.tally.add(finding);
  }

  finish(): void {}

  /** The findings, in the order of `compareFindings`. */
  findings(): Finding[] {
    return [...this.kept].sort(compareFindings);
  }
}
