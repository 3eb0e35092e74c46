/**
 * How a header row names the columns of a table, for every table either adapter reads (Earnings,
 * Payments, Claims, Programs; from a CSV file, a workbook file or the add-in's workbook): a header
 * names a column when the two are equal once normalised (`normaliseHeaderName`: case, spaces, `_`
 * and `-` do not count), so `Claim ID`, `claim_id` and `CLAIMID` are one column; and two headers of
 * one row that name the same column are a `duplicate_header`, whatever their spelling
 * (docs/RULES.md, "Column headers"). The first of them is the column; the repeat is not read.
 */
import { issue, type Issue } from '../issues.js';
import { canonicalNames, describeRequirement, headerColumns, missingRequirements, normaliseHeaderName, type ColumnRequirement } from './header-row.js';

/** Whether `header` (as written in a file or table) names the column called `column`. */
export function namesColumn(header: string, column: string): boolean {
  return normaliseHeaderName(header) === normaliseHeaderName(column);
}

/** A header that names a column an earlier header of its row already named. Positions are 0-based. */
export interface HeaderRepeat {
  readonly position: number;
  /** The header as written (trimmed). */
  readonly name: string;
  readonly firstPosition: number;
}

export interface TableHeader {
  /**
   * Per position, the name its cells are read under: the layout's name of a known column (`claimId`
   * for `Claim ID`), the header as written for any other; '' for a blank header or a repeat, whose
   * cells are not read.
   */
  readonly keys: readonly string[];
  readonly repeats: readonly HeaderRepeat[];
  /** The required columns no header names. */
  readonly missing: readonly ColumnRequirement[];
  /** Position by normalised name: the first header naming each column (`columnPosition` looks it up). */
  readonly positions: ReadonlyMap<string, number>;
}

export interface TableLayout {
  /** The columns the reader knows by name (a layout's `…_COLUMNS`); their cells are keyed by these names. */
  readonly known?: readonly string[];
  /** The columns a table cannot be read without. */
  readonly required?: readonly ColumnRequirement[];
}

/** What a header row says about a table with this layout: where each column is, which repeat, which are missing. */
export function readTableHeader(names: readonly string[], layout: TableLayout = {}): TableHeader {
  const required = layout.required ?? [];
  const { columns, duplicates } = headerColumns(names, canonicalNames(required, layout.known ?? []));
  const repeated = new Set(duplicates.map((d) => d.column.index));
  const keys = columns.map((c) => (c.name === '' || repeated.has(c.index) ? '' : c.key));
  const repeats = duplicates.map((d) => ({ position: d.column.index - 1, name: d.column.name, firstPosition: d.firstIndex - 1 }));
  const positions = new Map<string, number>();
  keys.forEach((key, i) => {
    if (key !== '') positions.set(normaliseHeaderName(key), i);
  });
  return { keys, repeats, missing: missingRequirements(names, required), positions };
}

/** The position of `column` in a table with this header (the first header naming it), -1 when none does. */
export function columnPosition(header: TableHeader, column: string): number {
  return header.positions.get(normaliseHeaderName(column)) ?? -1;
}

/**
 * A header's problems as core issues, for a table that is not a file (the add-in's Claims and
 * Programs tables): each repeat at `[table, header]` with the first column's header as `firstColumn`,
 * each missing column at `[table, column]`.
 */
export function tableHeaderIssues(table: string, names: readonly string[], header: TableHeader): Issue[] {
  return [
    ...header.repeats.map((r) => issue('duplicate_header', [table, r.name], r.name, { firstColumn: String(names[r.firstPosition] ?? '').trim() })),
    ...header.missing.map((m) => issue('missing_column', [table, describeRequirement(m)], describeRequirement(m))),
  ];
}

/**
 * What refuses writing rows of a layout under a table's header (the add-in writing a claim, its
 * history, the Programs or the Balances back to a table the user may have re-spelled or
 * reordered): a layout column no header names is `missing_column` at `[table, column]` when it is
 * required, or when a row to write holds a value for it (`filled`), so a value is never dropped
 * because its column is gone (docs/RULES.md, "Column headers").
 */
export function unwritableColumns(
  table: string,
  header: TableHeader,
  columns: readonly string[],
  options: { readonly required?: readonly string[]; readonly filled?: ReadonlySet<string> } = {},
): Issue[] {
  const required = new Set(options.required ?? []);
  return columns
    .filter((column) => columnPosition(header, column) < 0 && (required.has(column) || (options.filled?.has(column) ?? false)))
    .map((column) => issue('missing_column', [table, column], column));
}
