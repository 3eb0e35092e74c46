import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Severity } from '../../core/codes.js';
import { compareFindings, type Finding } from '../../core/reconcile/finding.js';
import { FindingTally, type FindingCount, type FindingSink } from '../../core/reconcile/finding-sink.js';

/** Bytes gathered before one write to the spill file. */
const FLUSH_BYTES = 1 << 20;

/**
 * core's `FindingSink` on disk. Findings that come one per row (`duplicate_earning`: a million repeated rows give a million
 * findings) are written to temporary files as they are found, instead of being kept in memory:
 * one file per source, in which they are already in report order (same file, rising lines).
 * `merge` gives them back merged with the other findings, in the order of `compareFindings`.
 */
export class FindingSpill implements FindingSink {
  private dir: string | undefined;

  /** `makeFolder`: makes the folder for the spill files, when one is needed (default: in the system's temporary folder). */
  constructor(private readonly makeFolder: () => string = () => mkdtempSync(join(tmpdir(), 'coop-ledger-findings-'))) {}

  private readonly files: string[] = [];
  private fd: number | undefined;
  private buffer = '';
  private source = -1;
  private readonly tally = new FindingTally();

  get count(): number {
    return this.tally.count;
  }

  get bySeverity(): Readonly<Record<Severity, number>> {
    return this.tally.bySeverity;
  }

  /** Each code's count with the severity core gave it. */
  counts(): FindingCount[] {
    return this.tally.counts();
  }

  /** Later findings come from another source (a new run of rising lines). */
  beginSource(ordinal: number): void {
    if (ordinal === this.source) return;
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.source = ordinal;
  }

  add(finding: Finding): void {
    if (this.fd === undefined) {
      this.dir ??= this.makeFolder();
      const path = join(this.dir, `${this.files.length}.jsonl`);
      this.files.push(path);
      this.fd = openSync(path, 'w');
    }
    this.tally.add(finding);
    this.buffer += JSON.stringify(finding) + '\n';
    if (this.buffer.length >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.buffer === '' || this.fd === undefined) return;
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  /** Ends writing; `merge` may be called (more than once) until `dispose`. */
  finish(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** `sorted` (in `compareFindings` order) and every spilled finding, merged in that order. */
  async *merge(sorted: readonly Finding[]): AsyncGenerator<Finding> {
    const runs = this.files.map((path) => createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })[Symbol.asyncIterator]());
    const heads: (Finding | undefined)[] = [];
    const next = async (i: number): Promise<void> => {
      const r = await runs[i]!.next();
      heads[i] = r.done ? undefined : (JSON.parse(r.value) as Finding);
    };
    for (let i = 0; i < runs.length; i++) await next(i);
    let k = 0;
    for (;;) {
      // The smallest head among the runs (few: one per file with duplicates) and the sorted list.
      let best = -1;
      for (let i = 0; i < heads.length; i++) {
        const h = heads[i];
        if (h !== undefined && (best < 0 || compareFindings(h, heads[best]!) < 0)) best = i;
      }
      const fromList = k < sorted.length ? sorted[k]! : undefined;
      if (best < 0 && fromList === undefined) return;
      if (fromList !== undefined && (best < 0 || compareFindings(fromList, heads[best]!) <= 0)) {
        k++;
        yield fromList;
      } else {
        const f = heads[best]!;
        await next(best);
        yield f;
      }
    }
  }

  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
