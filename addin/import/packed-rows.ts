/**
 * Parsed rows packed for the trip from the Web Worker to the page and for the import's plan: one
 * string, and where each cell lies in it in typed arrays. Posting 100,000 rows of 90 cells as
 * arrays of strings makes the browser clone 9 million strings twice (serialise in the worker,
 * deserialise on the page), which took longer than the parse itself; one string is copied whole
 * and the typed arrays are transferred, not copied. The page reads the rows where they are
 * (`rowReader`): a cell becomes a string only when the plan reads it, and no array is kept per row.
 */
import { cellValue } from './csv-scan.js';

export interface PackedRows {
  /**
   * The cells' raw text (`cellValue` reads a cell from it): the file's own text when the scanner
   * read it (csv-scan.ts), else the cells written one after another, a comma between two.
   */
  readonly text: string;
  /** Where each cell ends in `text`; the next cell of its row starts one character later. */
  readonly cellEnds: Int32Array;
  /** Where row `r`'s first cell starts in `text`; its cells are `rowFirst[r]` and the `rowWidths[r] - 1` after it. */
  readonly rowStarts: Int32Array;
  readonly rowFirst: Int32Array;
  readonly rowWidths: Int32Array;
  /** The number of rows. */
  readonly length: number;
}

/** Rows as arrays of cells (tests, the readable path), or packed. */
export type ExportRows = readonly (readonly string[])[] | PackedRows;

/** A cell as `cellValue` reads it back: as written, or quoted when it starts with a quote (which would make it read as quoted). */
const rawCell = (cell: string) => (cell.charCodeAt(0) === 34 ? `"${cell.replaceAll('"', '""')}"` : cell);

export function packRows(rows: readonly (readonly string[])[]): PackedRows {
  let cells = 0;
  for (const row of rows) cells += row.length;
  const cellEnds = new Int32Array(cells);
  const rowStarts = new Int32Array(rows.length);
  const rowFirst = new Int32Array(rows.length);
  const rowWidths = new Int32Array(rows.length);
  // One string per row, then one for all: a single array of millions of cells to join kept them all alive at once.
  const texts = new Array<string>(rows.length);
  let at = 0;
  let c = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!.map(rawCell);
    rowStarts[r] = at;
    rowFirst[r] = c;
    rowWidths[r] = row.length;
    for (const cell of row) {
      at += cell.length;
      cellEnds[c++] = at;
      at++;
    }
    // A comma after every cell (the last one's separates the rows), as the offsets above count.
    texts[r] = row.length === 0 ? '' : `${row.join(',')},`;
  }
  return { text: texts.join(''), cellEnds, rowStarts, rowFirst, rowWidths, length: rows.length };
}

/**
 * Row `r`'s cells written into `into` (whose length becomes the row's width). A cell written as
 * the cell above it was (`into` still holds the row read before) keeps that string: exports repeat
 * names, programs, types and dates from row to row, and every string made here outlives the plan
 * in its cells, which is what the garbage collector spends its time on.
 */
export function readPackedRow(packed: PackedRows, r: number, into: string[]): string[] {
  const { text, cellEnds } = packed;
  const first = packed.rowFirst[r]!;
  const width = packed.rowWidths[r]!;
  const above = into.length;
  into.length = width;
  let start = packed.rowStarts[r]!;
  for (let i = 0; i < width; i++) {
    const end = cellEnds[first + i]!;
    const same = i < above && into[i]!.length === end - start && end > start && text.startsWith(into[i]!, start) && text.charCodeAt(start) !== 34;
    if (!same) into[i] = cellValue(text, start, end);
    start = end + 1;
  }
  return into;
}

export function unpackRows(packed: PackedRows): string[][] {
  const rows = new Array<string[]>(packed.length);
  for (let r = 0; r < packed.length; r++) rows[r] = readPackedRow(packed, r, []);
  return rows;
}

/**
 * A reader of row `r`'s cells. For packed rows the array returned is the reader's own, rewritten
 * by the next call: read it, or copy what is kept, before reading another row.
 */
export function rowReader(rows: ExportRows): (r: number) => readonly string[] {
  if (isPacked(rows)) {
    const scratch: string[] = [];
    return (r) => readPackedRow(rows, r, scratch);
  }
  return (r) => rows[r]!;
}

/** A reader of one cell (row `r`, column `i`; '' past the row's end), for passes that read a few columns of every row. */
export function cellReader(rows: ExportRows): (r: number, i: number) => string {
  if (isPacked(rows)) {
    const { text, cellEnds, rowStarts, rowFirst, rowWidths } = rows;
    return (r, i) => {
      if (i >= rowWidths[r]!) return '';
      const c = rowFirst[r]! + i;
      return cellValue(text, i === 0 ? rowStarts[r]! : cellEnds[c - 1]! + 1, cellEnds[c]!);
    };
  }
  return (r, i) => rows[r]![i] ?? '';
}

function isPacked(rows: ExportRows): rows is PackedRows {
  return !Array.isArray(rows);
}

/** An export (parse-export.ts's `ParsedExport`) with its rows packed, or as arrays. */
interface WithRows<Rows> {
  readonly rows: Rows;
}

export function packExport<E extends WithRows<readonly (readonly string[])[]>>(parsed: E): Omit<E, 'rows'> & { readonly rows: PackedRows } {
  return { ...parsed, rows: packRows(parsed.rows) };
}

export function unpackExport<E extends WithRows<PackedRows>>(packed: E): Omit<E, 'rows'> & { readonly rows: string[][] } {
  return { ...packed, rows: unpackRows(packed.rows) };
}

/** The buffers to transfer (rather than copy) with a message that carries these exports. */
export function transferablesOf(exports: readonly WithRows<ExportRows>[]): ArrayBuffer[] {
  return exports.flatMap((e) =>
    isPacked(e.rows) ? [e.rows.cellEnds, e.rows.rowStarts, e.rows.rowFirst, e.rows.rowWidths].map((a) => a.buffer as ArrayBuffer) : [],
  );
}
