/**
 * The fast path of reading an export's records: where each cell ends in the text, found in one
 * pass over its characters, instead of a string and an array per cell and row. papaparse (in
 * parse-export.ts), with core's `lastCellText` on each record's last cell, is the rule; this
 * scanner reads only what papaparse reads without a doubt
 * (well-formed RFC 4180: a quoted cell closed right before a delimiter, a line break or the end)
 * and gives up on anything else (a quote never closed, text or spaces after a closing quote), so
 * that papaparse reads that file and reports its errors. A property test holds the two together
 * (test/addin/csv-scan.test.ts).
 *
 * Why: a 100,000-row, 90-column export has 9 million cells, three quarters of them empty. papaparse
 * makes a string of each and an array of each row, all alive until the end of the parse, and the
 * Web Worker spent more time collecting that garbage and packing it for the page than reading.
 * One 32-bit end per cell is all that is kept: fresh memory is dear too (a 40 MB typed array cost
 * more to touch the first time than the scan that fills it).
 */
import { contentEnd, lineBreaksIn } from '../../core/tables/line-breaks.js';

/**
 * Records as the text holds them. A cell's raw text runs from its start to its end (`cellEnds`,
 * exclusive); the next cell of the record starts one character later, after the delimiter, and a
 * record's first cell at `recordStarts`. What a raw cell means is `cellValue`'s.
 */
export interface ScannedRecords {
  readonly text: string;
  readonly cellEnds: Int32Array;
  /** Record `k`'s cells are `recordFirst[k]` to `recordFirst[k + 1]` (exclusive); one entry more than records. */
  readonly recordFirst: Int32Array;
  readonly recordStarts: Int32Array;
  /** 1-based line where each record starts, counting the line feeds before it (core's lineBreaksIn), as papaparse's reference does. */
  readonly recordLines: Int32Array;
  readonly records: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * The value of the raw cell `text[start, end)`: a cell that starts with a quote is quoted (its
 * quotes removed, doubled ones undone), any other is as written (a quote inside it is text).
 */
export function cellValue(text: string, start: number, end: number): string {
  if (start === end) return '';
  if (text.charCodeAt(start) !== QUOTE) return text.slice(start, end);
  const inner = text.slice(start + 1, end - 1);
  return inner.includes('"') ? inner.replaceAll('""', '"') : inner;
}

/** A growable array of 32-bit integers, from a capacity that is usually right. */
class IntList {
  values: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.values = new Int32Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  /** The values pushed: a view, not a copy (its buffer carries the spare capacity along). */
  view(): Int32Array {
    return this.values.subarray(0, this.length);
  }
}

/** About how many cells and records the text holds, from its first megabyte: enough room without growing, and not much more. */
function capacities(text: string, delimiter: string): { cells: number; records: number } {
  const sample = Math.min(text.length, 1 << 20);
  let delimiters = 0;
  let lines = 1;
  for (let i = 0; i < sample; i++) {
    const c = text[i];
    if (c === delimiter) delimiters++;
    else if (c === '\n') lines++;
  }
  const scale = text.length / Math.max(1, sample);
  return { cells: Math.ceil((delimiters + lines) * scale * 1.05) + 64, records: Math.ceil(lines * scale * 1.05) + 64 };
}

/**
 * The records of a file of line feeds (core's `lineBreakOf`), split at its line feeds and at
 * `delimiter` (one character), with a carriage return before a line feed left off the last cell
 * (core's `contentEnd`), or null when the text holds anything papaparse must read itself. A file
 * of carriage returns is papaparse's too: the caller asks core's `lineBreakOf` first. Lines are
 * numbered from `firstLine`, the line of the file the text starts on.
 */
export function scanRecords(text: string, delimiter: string, firstLine = 1): ScannedRecords | null {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') return null;
  const D = delimiter.charCodeAt(0);
  const n = text.length;
  const room = capacities(text, delimiter);
  const ends = new IntList(room.cells);
  const recordFirst = new IntList(room.records);
  const recordStarts = new IntList(room.records);
  const recordLines = new IntList(room.records);

  let line = firstLine;
  let i = 0;
  /** The first line feed at or after the last position searched (-1: none left). */
  let nextLineFeed = 0;
  // An empty text has no record; any other text ends with one, empty if it ends with a line break.
  let more = n > 0;
  while (more) {
    recordFirst.push(ends.length);
    recordStarts.push(i);
    recordLines.push(line);
    // One record: its cells, until a line break or the end of the text.
    for (;;) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        let q = i;
        for (;;) {
          q = text.indexOf('"', q + 1);
          if (q < 0) return null;
          if (q === n - 1 || text.charCodeAt(q + 1) !== QUOTE) break;
          q++;
        }
        // Counted only where a line feed falls inside the cell: searching a wide row's end for each
        // of its quoted cells would cost the row's length per cell.
        if (nextLineFeed !== -1 && nextLineFeed < i) nextLineFeed = text.indexOf('\n', i);
        if (nextLineFeed !== -1 && nextLineFeed < q) {
          line += lineBreaksIn(text, i + 1, q, '\n');
          nextLineFeed = text.indexOf('\n', q);
        }
        ends.push(q + 1);
        // A quoted last cell that ends in a carriage return of its own is papaparse's to read (core's lastCellText takes it off).
        const endsInCR = q - 1 > i && text.charCodeAt(q - 1) === CR;
        if (q === n - 1) {
          if (endsInCR) return null;
          more = false;
          break;
        }
        const after = text.charCodeAt(q + 1);
        if (after === D) {
          i = q + 2;
          continue;
        }
        // The record ends, a carriage return before its line feed being the line's.
        const lineFeed = after === LF ? q + 1 : after === CR && text.charCodeAt(q + 2) === LF ? q + 2 : -1;
        if (lineFeed !== -1 && !endsInCR) {
          i = lineFeed + 1;
          line++;
          break;
        }
        return null;
      }
      // An unquoted cell: up to the next delimiter or line break (a quote inside it is text).
      // A carriage return in it is a character of its line (core's lineBreaksIn).
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === D || c === LF) break;
        j++;
      }
      if (j < n && text.charCodeAt(j) === D) {
        ends.push(j);
        i = j + 1;
        continue;
      }
      // The record's last cell, without the carriage return before its line feed.
      ends.push(contentEnd(text, i, j, '\n'));
      if (j >= n) {
        more = false;
        break;
      }
      line++;
      i = j + 1;
      break;
    }
  }
  recordFirst.push(ends.length);
  return {
    text,
    cellEnds: ends.view(),
    recordFirst: recordFirst.view(),
    recordStarts: recordStarts.view(),
    recordLines: recordLines.view(),
    records: recordLines.length,
  };
}

/** Record `k`'s cells as strings. */
export function recordCells(scanned: ScannedRecords, k: number): string[] {
  const out: string[] = [];
  let start = scanned.recordStarts[k]!;
  for (let c = scanned.recordFirst[k]!; c < scanned.recordFirst[k + 1]!; c++) {
    const end = scanned.cellEnds[c]!;
    out.push(cellValue(scanned.text, start, end));
    start = end + 1;
  }
  return out;
}
