/**
 * The fast path of reading an export's records: where each cell lies in the text, found in one
 * pass over its characters, instead of a string and an array per cell and row. papaparse (in
 * parse-export.ts) is the rule; this scanner reads only what papaparse reads without a doubt
 * (well-formed RFC 4180: a quoted cell closed right before a delimiter, a line break or the end)
 * and gives up on anything else (a quote never closed, text or spaces after a closing quote), so
 * that papaparse reads that file and reports its errors. A property test holds the two together
 * (test/addin/csv-scan.test.ts).
 *
 * Why: a 100,000-row, 90-column export has 9 million cells, three quarters of them empty. papaparse
 * makes a string of each and an array of each row, all alive until the end of the parse, and the
 * Web Worker spent more time collecting that garbage and packing it for the page than reading.
 */

/** The records of a text: cell `c` is `text.slice(cellStarts[c], cellEnds[c])`. */
export interface ScannedRecords {
  /** The text scanned, followed by the cells that differ from their text (doubled quotes undone). */
  readonly text: string;
  readonly cellStarts: Int32Array;
  readonly cellEnds: Int32Array;
  /** Record `k`'s cells are `recordFirst[k]` to `recordFirst[k + 1]` (exclusive); one entry more than records. */
  readonly recordFirst: Int32Array;
  /** 1-based line where each record starts, counting a line feed and a lone carriage return as a break, as papaparse's reference does. */
  readonly recordLines: Int32Array;
  readonly records: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** A growable array of 32-bit integers (the cell offsets of a file do not fit a guess up front). */
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

  /** The values pushed, as an array of their own length (a view would carry the spare capacity along to the page). */
  take(): Int32Array {
    return this.length === this.values.length ? this.values : this.values.slice(0, this.length);
  }
}

/** The line breaks in `text[from, to)`: every line feed, and every carriage return not followed by one. */
function breaksIn(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

/**
 * The records of `text` split at `newline` ('\n' or '\r\n', as papaparse detected it) and
 * `delimiter` (one character), or null when the text holds anything papaparse must read itself.
 */
export function scanRecords(text: string, delimiter: string, newline: '\n' | '\r\n'): ScannedRecords | null {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') return null;
  const D = delimiter.charCodeAt(0);
  const crlf = newline === '\r\n';
  const n = text.length;
  // Capacity from the first line's cells, for as many lines as the text would hold at that width.
  const firstEol = text.indexOf('\n');
  const firstLine = firstEol < 0 ? n : firstEol + 1;
  let firstCells = 1;
  for (let i = text.indexOf(delimiter); i >= 0 && i < firstLine; i = text.indexOf(delimiter, i + 1)) firstCells++;
  const estimate = Math.ceil((n / Math.max(1, firstLine)) * firstCells * 1.1) + 16;
  const starts = new IntList(estimate);
  const ends = new IntList(estimate);
  const recordFirst = new IntList(Math.ceil(n / Math.max(1, firstLine)) + 16);
  const recordLines = new IntList(recordFirst.values.length);
  // Cells whose text differs from the file's (a doubled quote): appended after the text.
  const extras: string[] = [];
  let extraLength = 0;
  const cell = (from: number, to: number, escaped: boolean) => {
    if (!escaped) {
      starts.push(from);
      ends.push(to);
      return;
    }
    const value = text.slice(from, to).replaceAll('""', '"');
    starts.push(n + extraLength);
    extraLength += value.length;
    ends.push(n + extraLength);
    extras.push(value);
  };

  let line = 1;
  let i = 0;
  // An empty text has no record; any other text ends with one, empty if it ends with a line break.
  let more = n > 0;
  while (more) {
    recordFirst.push(starts.length);
    recordLines.push(line);
    // One record: its cells, until a line break or the end of the text.
    for (;;) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        let q = i;
        let escaped = false;
        for (;;) {
          q = text.indexOf('"', q + 1);
          if (q < 0) return null;
          if (q === n - 1 || text.charCodeAt(q + 1) !== QUOTE) break;
          escaped = true;
          q++;
        }
        line += breaksIn(text, i + 1, q);
        cell(i + 1, q, escaped);
        if (q === n - 1) {
          i = n;
          more = false;
          break;
        }
        const after = text.charCodeAt(q + 1);
        if (after === D) {
          i = q + 2;
          continue;
        }
        if (crlf ? after === CR && text.charCodeAt(q + 2) === LF : after === LF) {
          i = q + 1 + newline.length;
          line++;
          break;
        }
        return null;
      }
      // An unquoted cell: up to the next delimiter or line break (a quote inside it is text).
      let j = i;
      let ended = false;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === D) break;
        if (c === LF) {
          line++;
          if (!crlf) {
            ended = true;
            break;
          }
        } else if (c === CR) {
          const next = text.charCodeAt(j + 1);
          if (next === LF) {
            if (crlf) {
              line++;
              ended = true;
              break;
            }
          } else line++;
        }
      }
      cell(i, j, false);
      if (j >= n) {
        i = n;
        more = false;
        break;
      }
      if (ended) {
        i = j + newline.length;
        break;
      }
      i = j + 1;
    }
  }
  recordFirst.push(starts.length);
  return {
    text: extras.length > 0 ? text + extras.join('') : text,
    cellStarts: starts.take(),
    cellEnds: ends.take(),
    recordFirst: recordFirst.take(),
    recordLines: recordLines.take(),
    records: recordLines.length,
  };
}

/** Record `k`'s cells as strings. */
export function recordCells(scanned: ScannedRecords, k: number): string[] {
  const out: string[] = [];
  for (let c = scanned.recordFirst[k]!; c < scanned.recordFirst[k + 1]!; c++) out.push(scanned.text.slice(scanned.cellStarts[c], scanned.cellEnds[c]));
  return out;
}
