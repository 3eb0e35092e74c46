/**
 * Header rows of exports: Partner Center's column order is not stable and its casing varies
 * (`participantID`, `participantId`, `Participant Id`), so columns are matched by a normalised
 * name, never by position (SPEC §6).
 */

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
