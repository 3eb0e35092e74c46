/**
 * Where a co-op table (`Claims`, `Programs`, …) is in a workbook, for both adapters: the batch job
 * reading an `.xlsx` through exceljs and the add-in reading the open workbook through Office.js
 * (docs/RULES.md, "Where a table is"). Given only names, so neither host's objects reach core.
 */
import { isBlankCell, isBlankRow } from './blank-row.js';
import { missingRequirements, searchesLine, seeHeaderLine, startHeaderSearch, type ColumnRequirement } from './header-row.js';

/** The workbook's names, as its host lists them. */
export interface WorkbookNames {
  /** Every Excel table's name. */
  readonly tables: readonly string[];
  /** Every worksheet's name. */
  readonly sheets: readonly string[];
}

export type TableLocation =
  /** An Excel table, under the name the workbook spells it with (`claims` for `Claims`). */
  | { readonly kind: 'table'; readonly table: string }
  /** No such table, but a sheet of that name: its rows are read from its header down, read-only. */
  | { readonly kind: 'sheet'; readonly sheet: string }
  | { readonly kind: 'absent' };

/**
 * Excel compares table names, and sheet names, ignoring case (a workbook cannot hold both `Claims`
 * and `claims`), so the register is the table whose name is `wanted` in any case. Without one, a
 * sheet of that name stands for it: a register kept as a plain range, or as a table Excel named
 * `Table1`, is still the team's register, and its claims must not be dropped by one reader and
 * drawn by the other.
 */
export function locateTable(wanted: string, names: WorkbookNames): TableLocation {
  const key = wanted.toLowerCase();
  const table = names.tables.find((n) => n.toLowerCase() === key);
  if (table !== undefined) return { kind: 'table', table };
  const sheet = names.sheets.find((n) => n.toLowerCase() === key);
  if (sheet !== undefined) return { kind: 'sheet', sheet };
  return { kind: 'absent' };
}

/**
 * Whether a sheet standing for an **optional** table (the add-in's Payments table, which only the
 * import of a Payments report makes) holds that table: its header (`sheetHeaderIndex`) names at
 * least one of the table's required columns. A team's own sheet that happens to be called
 * `Payments` (a list of vendor payments, or nothing yet) names none: it is not the table, the
 * workbook simply has none, and nothing is refused for it (docs/RULES.md, "Where a table is"). One
 * that names some but not all is the table with columns missing, refused as any table is.
 */
export function sheetHoldsOptionalTable(headers: readonly string[], required: readonly ColumnRequirement[]): boolean {
  return missingRequirements(headers, required).length < required.length;
}

/**
 * The header of a sheet that stands for a table, found as an export's is (docs/RULES.md, "Column
 * headers"): among the sheet's top lines, the first with every required column, else the one that
 * lacks the fewest, else (nothing required, or no line close) the first line with anything in it,
 * so a title above the header is passed over. `lines[i]` is sheet row `i + 1`, each cell as text
 * (empty rows included, so the search depth counts sheet rows in both adapters). Returns the index
 * into `lines`, or null when the top lines are all blank.
 */
export function sheetHeaderIndex(lines: readonly (readonly string[])[], required: readonly ColumnRequirement[]): number | null {
  let search = startHeaderSearch(required);
  let firstFilled: number | null = null;
  for (let i = 0; i < lines.length && searchesLine(search, i + 1); i++) {
    const cells = lines[i]!;
    if (isBlankRow(cells)) continue;
    firstFilled ??= i;
    if (required.length === 0) break;
    search = seeHeaderLine(search, i + 1, cells);
  }
  if (search.found !== null) return search.found - 1;
  if (search.closest !== null) return search.closest.line - 1;
  return firstFilled;
}

/**
 * The columns of a sheet that stands for a table: from its header's first filled cell to its last
 * (docs/RULES.md, "Where a table is"), so a margin column left of the register or a note far to its
 * right is not a column, and a blank header between two filled ones still is (its cells are read,
 * see "Blank rows"). `header` is the header row's cells from the sheet's first column; returns the
 * 0-based span `[start, end)`, or null when the row holds nothing.
 */
export function sheetTableColumns(header: readonly unknown[]): { readonly start: number; readonly end: number } | null {
  let start = -1;
  let end = -1;
  header.forEach((cell, i) => {
    if (isBlankCell(cell)) return;
    if (start < 0) start = i;
    end = i + 1;
  });
  return start < 0 ? null : { start, end };
}

/**
 * How a problem names a workbook table's row: by its sheet row, the number in Excel's row header,
 * whether the table is an Excel table or a sheet standing for one and wherever its header is
 * (docs/RULES.md, "Where a table is"). The row `offset` rows below a header on sheet row
 * `headerRow` (both counted as Excel counts: the header's row 1-based, the first row below it
 * offset 0, blank rows included) is sheet row `headerRow + 1 + offset`.
 */
export function sheetRowBelowHeader(headerRow: number, offset: number): number {
  return headerRow + 1 + offset;
}

/** The inverse of `sheetRowBelowHeader`: how many rows below a header on sheet row `headerRow` sheet row `sheetRow` is (0 for the first). */
export function offsetBelowHeader(headerRow: number, sheetRow: number): number {
  return sheetRow - headerRow - 1;
}
