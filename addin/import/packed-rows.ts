/**
 * Parsed rows packed for the trip from the Web Worker to the page and for the import's plan: one
 * string, and where each cell lies in it in typed arrays. Posting 100,000 rows of 90 cells as
 * arrays of strings makes the browser clone 9 million strings twice (serialise in the worker,
 * deserialise on the page), which took longer than the parse itself; one string is copied whole
 * and the typed arrays are transferred, not copied. The page reads the rows where they are
 * (`rowReader`): a cell becomes a string only when the plan reads it, and no array is kept per row.
 */
export interface PackedRows {
  /** The cells' text: the file's own text when the scanner read it (csv-scan.ts), else the cells one after another. */
  readonly text: string;
  /** Cell `c` is `text.slice(cellStarts[c], cellEnds[c])`. */
  readonly cellStarts: Int32Array;
  readonly cellEnds: Int32Array;
  /** Row `r`'s cells are `rowFirst[r]` and the `rowWidths[r] - 1` after it. */
  readonly rowFirst: Int32Array;
  readonly rowWidths: Int32Array;
  /** The number of rows. */
  readonly length: number;
}

/** Rows as arrays of cells (tests, the readable path), or packed. */
export type ExportRows = readonly (readonly string[])[] | PackedRows;

export function packRows(rows: readonly (readonly string[])[]): PackedRows {
  let cells = 0;
  for (const row of rows) cells += row.length;
  const cellStarts = new Int32Array(cells);
  const cellEnds = new Int32Array(cells);
  const rowFirst = new Int32Array(rows.length);
  const rowWidths = new Int32Array(rows.length);
  // One string per row, then one for all: a single array of millions of cells to join kept them all alive at once.
  const texts = new Array<string>(rows.length);
  let at = 0;
  let c = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    rowFirst[r] = c;
    rowWidths[r] = row.length;
    for (const cell of row) {
      cellStarts[c] = at;
      at += cell.length;
      cellEnds[c++] = at;
    }
    texts[r] = row.join('');
  }
  return { text: texts.join(''), cellStarts, cellEnds, rowFirst, rowWidths, length: rows.length };
}

/** Row `r`'s cells written into `into` (whose length becomes the row's width). */
export function readPackedRow(packed: PackedRows, r: number, into: string[]): string[] {
  const { text, cellStarts, cellEnds } = packed;
  const first = packed.rowFirst[r]!;
  const width = packed.rowWidths[r]!;
  into.length = width;
  for (let i = 0; i < width; i++) {
    const start = cellStarts[first + i]!;
    const end = cellEnds[first + i]!;
    into[i] = start === end ? '' : text.slice(start, end);
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
    const { text, cellStarts, cellEnds, rowFirst, rowWidths } = rows;
    return (r, i) => {
      if (i >= rowWidths[r]!) return '';
      const c = rowFirst[r]! + i;
      return cellStarts[c] === cellEnds[c] ? '' : text.slice(cellStarts[c], cellEnds[c]);
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
    isPacked(e.rows) ? [e.rows.cellStarts, e.rows.cellEnds, e.rows.rowFirst, e.rows.rowWidths].map((a) => a.buffer as ArrayBuffer) : [],
  );
}
