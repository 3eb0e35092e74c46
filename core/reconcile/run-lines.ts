import type { RowLocation } from './earning-record.js';

/**
 * One numbering of every line read in a run, across its files: a row's run line is its source's
 * base plus its line in the source. The earningId stores keep run lines (one 32-bit number a
 * row); `locationOf` turns one back into a file and line for a finding.
 */
export class RunLines {
  private readonly names: string[] = [];
  /** Where each source's lines start (bases rise with the ordinal). */
  private readonly bases: number[] = [];
  private nextBase = 1;
  private base = 0;

  /** The next rows come from this source; a second reading names the sources in the same order. */
  beginSource(name: string, ordinal: number): void {
    this.names[ordinal] = name;
    this.base = this.bases[ordinal] ??= this.nextBase;
  }

  runLine(location: RowLocation): number {
    const line = this.base + location.line;
    if (line >= this.nextBase) {
      if (line >= 0xffffffff) throw new RangeError('more than 4 billion lines of earnings in one run: reconcile them in several runs');
      this.nextBase = line + 1;
    }
    return line;
  }

  locationOf(runLine: number): RowLocation {
    const lo = this.ordinalOf(runLine);
    return { file: this.names[lo]!, line: runLine - this.bases[lo]! };
  }

  /** The ordinal of the source a run line was read from. */
  ordinalOf(runLine: number): number {
    let lo = 0;
    let hi = this.bases.length - 1;
    // The last source whose base is at or below the line.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.bases[mid]! <= runLine) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  nameOf(ordinal: number): string {
    return this.names[ordinal]!;
  }
}
