import type { InputIssueCode } from '../codes.js';
import { baseName, isExportFileName, isSystemFile, isZipFileName } from './export-files.js';

/**
 * What either adapter reads of a zip of exports, and what it refuses (docs/RULES.md, "Zips"): the
 * batch job (yauzl, streaming from disk) and the add-in (its own reader in the browser) give the
 * same zip the same verdict, entry by entry, with the same codes and severities.
 */

/** How much of one zip is read: more entries, or more bytes once inflated, and the zip is refused whole. */
export interface ZipLimits {
  readonly maxEntries: number;
  /** The total uncompressed size of the entries read, checked on the declared sizes and again while inflating. */
  readonly maxTotalBytes: number;
}

/**
 * A Partner Center download is at most 1 GB a file, split per month: 4 GiB is several years of
 * them, and 10,000 entries far more files than a download holds. Past that an archive is not an
 * export but a mistake or a zip bomb.
 */
export const ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxTotalBytes: 4 * 1024 ** 3 };

export type ZipProblemCode = Extract<
  InputIssueCode,
  'zip_corrupt' | 'zip_unsafe_path' | 'zip_nested' | 'zip_entry_not_csv' | 'zip_encrypted' | 'zip_unsupported' | 'zip_too_large' | 'zip_too_many_entries'
>;

/**
 * An entry that is not an export (a `readme.pdf` beside the CSVs) is a warning: it is skipped and
 * nothing is lost. Everything else is an error: an export that cannot be read (encrypted, an
 * unknown compression, damaged), or an archive not to be trusted (a path out of it, a zip inside,
 * past the limits), may hold earnings that would then be missing from every total.
 */
export const ZIP_PROBLEM_SEVERITY: Readonly<Record<ZipProblemCode, 'error' | 'warning'>> = {
  zip_corrupt: 'error',
  zip_unsafe_path: 'error',
  zip_nested: 'error',
  zip_entry_not_csv: 'warning',
  zip_encrypted: 'error',
  zip_unsupported: 'error',
  zip_too_large: 'error',
  zip_too_many_entries: 'error',
};

/**
 * An entry's name with `/` as its separator: the zip format says `/`, but some Windows tools
 * write `\`. Both adapters read `dir\a.csv` as `dir/a.csv` (yauzl does so in the batch job), so
 * an entry has one name in every report and sorts the same in core's order of sources.
 */
export function zipEntryName(raw: string): string {
  return raw.replaceAll('\\', '/');
}

/** Why an entry's name may not be trusted: it is absolute (`/x`, `\x`, `C:x`), climbs out (`../`, `..\`) or holds a NUL. */
export type UnsafeZipPath = 'absolute' | 'parent' | 'nul';

/** Whether a zip entry's name points outside the archive, and how; null when it stays inside. */
export function unsafeZipPath(name: string): UnsafeZipPath | null {
  // Zips written on Windows may separate with `\`: both separators count.
  if (name.startsWith('/') || name.startsWith('\\') || /^[a-zA-Z]:/.test(name)) return 'absolute';
  if (name.split(/[\\/]/).includes('..')) return 'parent';
  if (name.includes('\0')) return 'nul';
  return null;
}

/** The codes one entry is refused with (the others are about the archive as a whole). */
export type ZipEntryRefusal = Extract<ZipProblemCode, 'zip_unsafe_path' | 'zip_nested' | 'zip_entry_not_csv' | 'zip_encrypted' | 'zip_unsupported'>;

/** What a zip's central directory says about an entry, before a byte of it is inflated. */
export interface ZipEntryFacts {
  readonly name: string;
  readonly encrypted: boolean;
  /** 0 stored, 8 deflated; anything else is not read. */
  readonly compressionMethod: number;
}

/**
 * What is done with one entry: `read`; `pass_over` without a word (a folder, or a file the system
 * put there on its own); or the code it is refused with. Checked in this order, so an
 * unsafe name is reported as such whatever its extension.
 */
export function zipEntryDecision(entry: ZipEntryFacts): 'read' | 'pass_over' | ZipEntryRefusal {
  const { name } = entry;
  if (name.endsWith('/')) return 'pass_over';
  if (unsafeZipPath(name) !== null) return 'zip_unsafe_path';
  if (isSystemFile(name)) return 'pass_over';
  const base = baseName(name);
  if (isZipFileName(base)) return 'zip_nested';
  if (!isExportFileName(base)) return 'zip_entry_not_csv';
  if (entry.encrypted) return 'zip_encrypted';
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) return 'zip_unsupported';
  return 'read';
}
