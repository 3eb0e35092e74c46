import type { Delimiter } from './header-row.js';

/**
 * Which files hold exports and how their cells are delimited, for both adapters (docs/RULES.md,
 * "Which files are exports"). Partner Center writes CSV and TSV; a European Excel saves "CSV" with
 * semicolons. Nothing else is read from a folder or a zip, so a `.txt` or `.pdf` beside the exports
 * is reported rather than parsed as data.
 */

/** The extensions of exports, lower case, with their dot. */
export const EXPORT_EXTENSIONS = ['.csv', '.tsv'] as const;

/**
 * The delimiters an export may use, in the order they are tried: tab, comma, semicolon. Both
 * adapters offer a header line's record split by each in turn (`delimiterCandidates`), and read
 * the rows by the split that made the header: no delimiter is guessed, so a `|`-separated file
 * has no header in either.
 */
export const EXPORT_DELIMITERS: readonly Delimiter[] = ['\t', ',', ';'];

/**
 * The delimiters a line may be split by while the header is searched for, in order: each export
 * delimiter the line contains, and comma always (a one-column line has none). The header is the
 * first line that, split one of these ways, has every required column, and that split decides the
 * file's delimiter: the rows cannot, since a title block or a line of tabs would mislead a guess.
 */
export function delimiterCandidates(line: string): Delimiter[] {
  return EXPORT_DELIMITERS.filter((d) => d === ',' || line.includes(d));
}

/** The last part of a path, `/` or `\` separated (a zip entry's name, a file's path). */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Whether a file's name says it is an export: `.csv` or `.tsv`, any case. */
export function isExportFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return EXPORT_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Whether a file is read as a zip of exports (opened, its entries read) rather than as one: `.zip`, any case. */
export function isZipFileName(name: string): boolean {
  return name.toLowerCase().endsWith('.zip');
}

/**
 * macOS Finder's resource forks (`__MACOSX/._x.csv`, `._x.csv`): named like exports and never
 * data. They are passed over without a word, as the user never put them there.
 */
export function isMacResourceFork(path: string): boolean {
  return path.startsWith('__MACOSX/') || path.includes('/__MACOSX/') || baseName(path).startsWith('._');
}

/** What an operating system writes beside a user's files on its own: Finder's and Explorer's folder settings. */
const SYSTEM_FILE_NAMES: ReadonlySet<string> = new Set(['.ds_store', 'thumbs.db', 'desktop.ini']);

/**
 * A file the operating system put there, never data: a macOS resource fork, or a folder's settings
 * file (`.DS_Store`, `Thumbs.db`, `desktop.ini`). Passed over without a word in a folder and in a
 * zip alike. Other hidden files are not: `.jan.csv` is an export like any other, and an editor's
 * `.report.csv.swp` is reported as not one.
 */
export function isSystemFile(path: string): boolean {
  return isMacResourceFork(path) || SYSTEM_FILE_NAMES.has(baseName(path).toLowerCase());
}

