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

/** A line that lacks some required columns (and has at least one): where, and which it lacks. */
export interface HeaderCandidate {
  readonly line: number;
  readonly missing: readonly ColumnRequirement[];
}

/**
 * A header search as the lines of a file arrive, one by one (docs/RULES.md, "Earnings export"):
 * the header is the first line, among the first `depth`, that has every required column. Until
 * it is found, the search keeps the closest line: the first that lacks the fewest (when it has at
 * least one), so the problem can name the missing columns rather than say "no header".
 */
export interface HeaderSearch {
  readonly required: readonly ColumnRequirement[];
  /** Lines 1 to `depth` may hold the header. */
  readonly depth: number;
  /** The header's line, once a line has every required column. */
  readonly found: number | null;
  readonly closest: HeaderCandidate | null;
}

/** Why a file has no header, once its search is over: the closest line and what it lacks, else none at all. */
export type HeaderProblem =
  | { readonly code: 'missing_column'; readonly line: number; readonly missing: readonly ColumnRequirement[] }
  | { readonly code: 'header_not_found'; readonly depth: number; readonly required: readonly ColumnRequirement[] };

/** A search that has seen no line yet. `depth` is for files of our own making (a previous run's report has its header on line 1). */
export function startHeaderSearch(required: readonly ColumnRequirement[], depth: number = HEADER_SEARCH_LINES): HeaderSearch {
  return { required, depth, found: null, closest: null };
}

/** Whether `line` (1-based) is still to be looked at: the header is not found yet and the line is within the depth. */
export function searchesLine(search: HeaderSearch, line: number): boolean {
  return search.found === null && line <= search.depth;
}

/**
 * Whether a reader that searches for several kinds of header at once (a Partner Center report of
 * any kind: `EXPORT_KINDS`) looks at line `line` (docs/RULES.md, "Which report a file is"): while
 * no search has found its header, and the line is within one's depth. The first header of any kind
 * ends the search of all, in both adapters: the lines below it are that report's rows, not header
 * candidates, so no line under it is held to the search's limit on a line (`longSearchLine`) and
 * no header of another kind lower down is read instead.
 */
export function searchesAnyLine(searches: readonly HeaderSearch[], line: number): boolean {
  return searches.every((search) => search.found === null) && searches.some((search) => searchesLine(search, line));
}

/**
 * The search after one more line, split into cells. A reader that cannot yet tell how a line is
 * delimited may offer the same line several times, split each way, in its order of preference:
 * the first split with every required column is the header, and the closest is the first that
 * lacks the fewest.
 */
export function seeHeaderLine(search: HeaderSearch, line: number, cells: readonly string[]): HeaderSearch {
  if (!searchesLine(search, line)) return search;
  const missing = missingRequirements(cells, search.required);
  if (missing.length === 0) return { ...search, found: line };
  const closer = missing.length < search.required.length && (search.closest === null || missing.length < search.closest.missing.length);
  return closer ? { ...search, closest: { line, missing } } : search;
}

/** What is wrong when the search ends (the depth or the file's end reached) without a header. */
export function headerProblem(search: HeaderSearch): HeaderProblem {
  return search.closest !== null
    ? { code: 'missing_column', line: search.closest.line, missing: search.closest.missing }
    : { code: 'header_not_found', depth: search.depth, required: search.required };
}
