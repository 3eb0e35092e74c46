/**
 * Header rows of exports, for both adapters (the batch job's CSV reader, the add-in's import):
 * Partner Center's column order is not stable and its casing varies (`participantID`,
 * `participantId`, `Participant Id`), so columns are matched by a normalised name, never by
 * position; and the header need not be on the first line (docs/RULES.md, "Earnings export").
 */

/** How many lines may precede and hold the header (exports sometimes carry a title block). */
export const HEADER_SEARCH_LINES = 20;

/** A column the reader needs; a list means any one of those names will do (`currencyCode` or `earnedCurrencyCode`). */
export type ColumnRequirement = string | readonly string[];

/** Comma and tab as Partner Center writes; semicolon as a European Excel saves "CSV" (its comma is the decimal mark). */
export type Delimiter = ',' | '\t' | ';';

export interface CsvColumn {
  /** 1-based position in the file. */
  readonly index: number;
  /** The header text as written (trimmed). */
  readonly name: string;
  /** The key of this column in records: the canonical name of a known column, else `name`. */
  readonly key: string;
  readonly known: boolean;
}

export interface CsvHeader {
  readonly line: number;
  readonly delimiter: Delimiter;
  readonly columns: readonly CsvColumn[];
  /** The header line as written, for reports that copy rows verbatim (quarantine.csv). */
  readonly raw: string;
}

/** `Participant Id`, `participant_id`, `PARTICIPANTID` → `participantid`. */
export function normaliseHeaderName(name: string): string {
  return name.replace(/^\ufeff/, '').trim().toLowerCase().replace(/[\s_-]+/g, '');
}

function alternatives(requirement: ColumnRequirement): readonly string[] {
  return typeof requirement === 'string' ? [requirement] : requirement;
}

export function describeRequirement(requirement: ColumnRequirement): string {
  return alternatives(requirement).join(' or ');
}

/** The requirements a row of header names does not meet. */
export function missingRequirements(names: readonly string[], required: readonly ColumnRequirement[]): ColumnRequirement[] {
  const present = new Set(names.map(normaliseHeaderName));
  return required.filter((r) => !alternatives(r).some((name) => present.has(normaliseHeaderName(name))));
}

/** Canonical names by normalised name: every required alternative and every known column. */
export function canonicalNames(required: readonly ColumnRequirement[], known: readonly string[]): Map<string, string> {
  const byNorm = new Map<string, string>();
  for (const name of [...required.flatMap(alternatives), ...known]) byNorm.set(normaliseHeaderName(name), name);
  return byNorm;
}

export interface HeaderColumnsResult {
  readonly columns: CsvColumn[];
  /** Second and later occurrences of a name, with the index of the first. */
  readonly duplicates: { readonly column: CsvColumn; readonly firstIndex: number }[];
}

export function headerColumns(names: readonly string[], canonical: ReadonlyMap<string, string>): HeaderColumnsResult {
  const columns: CsvColumn[] = [];
  const duplicates: { column: CsvColumn; firstIndex: number }[] = [];
  const seen = new Map<string, number>();
  names.forEach((written, i) => {
    const name = written.replace(/^\ufeff/, '').trim();
    const index = i + 1;
    const norm = normaliseHeaderName(name);
    const known = canonical.get(norm);
    // Excel leaves unnamed columns behind (a trailing comma); they still pass through, by position.
    const column: CsvColumn = { index, name, key: known ?? (name === '' ? `column${index}` : name), known: known !== undefined };
    columns.push(column);
    if (norm === '') return;
    const first = seen.get(norm);
    if (first === undefined) seen.set(norm, index);
    else duplicates.push({ column, firstIndex: first });
  });
  return { columns, duplicates };
}

/** Where the header is among rows of cells, or the closest candidate when none has every required column. */
export type HeaderSearch =
  | { readonly found: true; readonly index: number }
  | { readonly found: false; readonly best: { readonly index: number; readonly missing: readonly ColumnRequirement[] } | null };

/**
 * The header among `rows` (the first `HEADER_SEARCH_LINES` lines of a file, split into cells): the
 * first row that has every required column. Failing that, the row that lacks the fewest (when it
 * has at least one), so the problem can name the missing columns rather than say "no header".
 */
export function findHeaderRow(rows: readonly (readonly string[])[], required: readonly ColumnRequirement[]): HeaderSearch {
  let best: { index: number; missing: ColumnRequirement[] } | null = null;
  for (let index = 0; index < rows.length; index++) {
    const missing = missingRequirements(rows[index]!, required);
    if (missing.length === 0) return { found: true, index };
    if (missing.length < required.length && (best === null || missing.length < best.missing.length)) best = { index, missing };
  }
  return { found: false, best };
}
