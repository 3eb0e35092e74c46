import type { ParsedExport } from './parse-export.js';

/**
 * Parsed rows packed for the trip from the Web Worker to the page: every cell of every row in one
 * string, with the length of each cell and the width of each row in typed arrays. Posting 100,000
 * rows of 21 cells as arrays of strings makes the browser clone 2.1 million strings twice
 * (serialise in the worker, deserialise on the page), which took longer than the parse itself;
 * one string is copied whole and the typed arrays are transferred, not copied.
 */
export interface PackedRows {
  readonly text: string;
  /** The length of each cell, row after row. */
  readonly cellLengths: Int32Array;
  /** The number of cells of each row. */
  readonly rowWidths: Int32Array;
}

export function packRows(rows: readonly (readonly string[])[]): PackedRows {
  let cells = 0;
  for (const row of rows) cells += row.length;
  const cellLengths = new Int32Array(cells);
  const rowWidths = new Int32Array(rows.length);
  const parts: string[] = new Array<string>(cells);
  let c = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    rowWidths[r] = row.length;
    for (const cell of row) {
      cellLengths[c] = cell.length;
      parts[c++] = cell;
    }
  }
  return { text: parts.join(''), cellLengths, rowWidths };
}

export function unpackRows(packed: PackedRows): string[][] {
  const { text, cellLengths, rowWidths } = packed;
  const rows = new Array<string[]>(rowWidths.length);
  let at = 0;
  let c = 0;
  for (let r = 0; r < rowWidths.length; r++) {
    const width = rowWidths[r]!;
    const row = new Array<string>(width);
    for (let i = 0; i < width; i++) {
      const end = at + cellLengths[c++]!;
      row[i] = text.slice(at, end);
      at = end;
    }
    rows[r] = row;
  }
  return rows;
}

/** A parsed export with its rows packed. */
export type PackedExport = Omit<ParsedExport, 'rows'> & { readonly rows: PackedRows };

export function packExport(parsed: ParsedExport): PackedExport {
  return { ...parsed, rows: packRows(parsed.rows) };
}

export function unpackExport(packed: PackedExport): ParsedExport {
  return { ...packed, rows: unpackRows(packed.rows) };
}

/** The buffers to transfer (rather than copy) with a message that carries these exports. */
export function transferablesOf(exports: readonly PackedExport[]): ArrayBuffer[] {
  return exports.flatMap((e) => [e.rows.cellLengths.buffer as ArrayBuffer, e.rows.rowWidths.buffer as ArrayBuffer]);
}
