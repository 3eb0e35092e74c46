import type { RowLocation } from './earning-record.js';

/**
 * How the ledger numbers the rows it reads: run lines rise in the order rows are read (the
 * earningId stores keep them, one 32-bit number a row, and the later of two run lines is the row
 * read later); `locationOf` turns one back into a file and line for a finding.
 */
export interface LineNumbering {
  /** The next rows come from this source; a second reading names the sources in the same order. */
  beginSource(name: string, ordinal: number): void;
  runLine(location: RowLocation): number;
  locationOf(runLine: number): RowLocation;
  /** The ordinal of the source a run line was read from. */
  ordinalOf(runLine: number): number;
  nameOf(ordinal: number): string;
}

/**
 * One numbering of every line read in a run, across its files, each read from its first line: a
 * row's run line is its source's base plus its line in the source.
 */
export class RunLines implements LineNumbering {
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

/**
 * The numbering of one source read in another order than its lines (the workbook's Earnings
 * table in its reading order, `core/reconcile/reading-order.ts`): a row's run line is its place in
 * that order, from 1, and its location keeps its own line, where findings name it.
 */
export class ReadingOrderLines implements LineNumbering {
  private name = '';
  private readonly first: number;
  /** The run line of each line from `first` on (0: a line not read). */
  private readonly runLines: Int32Array;

  /** `lines`: the source's lines in the order they are read, each once. */
  constructor(private readonly lines: readonly number[]) {
    let first = Infinity;
    let last = -Infinity;
    for (const line of lines) {
      if (line < first) first = line;
      if (line > last) last = line;
    }
    this.first = lines.length === 0 ? 0 : first;
    this.runLines = new Int32Array(lines.length === 0 ? 0 : last - first + 1);
    lines.forEach((line, at) => {
      if (this.runLines[line - this.first] !== 0) throw new RangeError(`line ${line} is read twice`);
      this.runLines[line - this.first] = at + 1;
    });
  }

  beginSource(name: string, ordinal: number): void {
    if (ordinal !== 0) throw new RangeError('a reading order numbers one source');
    this.name = name;
  }

  runLine(location: RowLocation): number {
    const runLine = this.runLines[location.line - this.first] ?? 0;
    if (runLine === 0) throw new RangeError(`${this.name} line ${location.line} is not in the reading order`);
    return runLine;
  }

  locationOf(runLine: number): RowLocation {
    return { file: this.name, line: this.lines[runLine - 1]! };
  }

  ordinalOf(): number {
    return 0;
  }

  nameOf(): string {
    return this.name;
  }
}
