import { inputSeverity, type InputIssueCode } from '../codes.js';
import { decodeCp437 } from '../text/cp437.js';
import { utf8Label } from '../text/utf8.js';
import { crc32 } from './crc32.js';
import { orderSources } from './source-order.js';
import { baseName, isExportFileName, isSystemFile, isZipFileName } from './export-files.js';

/**
 * What either adapter reads of a zip of exports, and what it refuses (docs/RULES.md, "Zips"): the
 * batch job (yauzl, streaming from disk) and the add-in (its own reader in the browser) give the
 * same zip the same verdict, entry by entry, with the same codes and severities (core/codes.ts `inputSeverity`).
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
 * Whether a zip is refused whole for the problems found in it: yes when one of them is an error
 * (docs/RULES.md, "Zips"). An entry that cannot be read (encrypted, an unknown compression,
 * damaged) may hold earnings that would then be missing from every total, and an archive with a
 * path out of it or a zip inside is not to be trusted: so none of its entries is read, in the batch
 * job and the add-in alike, rather than the others imported as if the zip were whole. An entry that
 * is not an export (a warning: `zip_entry_not_csv`) loses nothing; the other entries are read.
 */
export function zipRefusedWhole(problems: readonly ZipProblemCode[]): boolean {
  return problems.some((code) => inputSeverity(code) === 'error');
}

/** What a zip's central directory holds about an entry's name, as bytes. */
export interface RawZipEntryName {
  readonly raw: Uint8Array;
  /** General purpose bit 11: the name (and comment) are UTF-8. */
  readonly utf8: boolean;
  /** The data of the entry's Info-ZIP Unicode Path extra field (id 0x7075), when it has one. */
  readonly unicodePath?: Uint8Array;
}

/** The id of the Info-ZIP Unicode Path extra field. */
export const UNICODE_PATH_FIELD = 0x7075;

/**
 * An entry's name as text (docs/RULES.md, "Zips"), the same in both adapters, so that an entry
 * has one name in every report and sorts the same in core's order of sources:
 * - an Info-ZIP Unicode Path field of version 1 whose CRC-32 matches the raw name gives the name
 *   in UTF-8 (the field is ignored otherwise, as its specification says);
 * - else bit 11 set: UTF-8; clear: code page 437 (APPNOTE 4.4.4), as Windows' Compressed folder
 *   writes names; never UTF-8 guessed, which would name `Bühler.csv` otherwise than yauzl does;
 * - `\` is read as `/`: the format says `/`, but some Windows tools write `\`.
 */
export function zipEntryName(name: RawZipEntryName): string {
  const field = name.unicodePath;
  let text: string | null = null;
  if (field !== undefined && field.length >= 6 && field[0] === 1) {
    const crc = (field[1]! | (field[2]! << 8) | (field[3]! << 16) | (field[4]! << 24)) >>> 0;
    if (crc === crc32(name.raw)) text = utf8Label(field.subarray(5));
  }
  text ??= name.utf8 ? utf8Label(name.raw) : decodeCp437(name.raw);
  return text.replaceAll('\\', '/');
}

/**
 * The name a zip's entry goes by as a source of its own, in every finding, report and import log
 * of either adapter (docs/RULES.md, "Zips"): the zip's name, `!`, the entry's name
 * (`jan.zip!2022/earnings.csv`). Not `/`: an entry's name holds `/` itself, and the zip would read
 * as one more folder of the path.
 */
export function zipEntrySourceName(zipName: string, entryName: string): string {
  return `${zipName}!${entryName}`;
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

/** What a zip's central directory says about an entry, with the size it declares once inflated. */
export interface ZipListedEntry extends ZipEntryFacts {
  readonly uncompressedSize: number;
}

/** One reason a zip, or an entry of it, is not read: the entry refused, or a limit the zip is past. */
export type ZipVerdictProblem<E> =
  | { readonly code: ZipEntryRefusal; readonly entry: E }
  | { readonly code: 'zip_too_many_entries'; readonly entryCount: number }
  | { readonly code: 'zip_too_large'; readonly declaredBytes: number };

/** What is done with a zip, from its central directory alone, before a byte of it is inflated. */
export interface ZipVerdict<E> {
  /** The entries to inflate, in core's order of sources; none when the zip is refused whole. */
  readonly read: readonly E[];
  /** Every problem found, in `zipVerdict`'s order. */
  readonly problems: readonly ZipVerdictProblem<E>[];
  /** Whether none of the zip is read (`zipRefusedWhole` of the problems' codes). */
  readonly refused: boolean;
}

function tooManyEntries(entryCount: number, limits: ZipLimits): boolean {
  return entryCount > limits.maxEntries;
}

/**
 * How many of a zip's entries an adapter lists for `zipVerdict`: every one its directory counts,
 * or none when that count is past the cap, which refuses the zip on its count alone (so an archive
 * of a million entries is not listed to be refused).
 */
export function zipEntriesToList(entryCount: number, limits: ZipLimits = ZIP_LIMITS): number {
  return tooManyEntries(entryCount, limits) ? 0 : entryCount;
}

/**
 * The one verdict on a zip from its central directory (docs/RULES.md, "Zips"), so that both
 * adapters refuse the same zip with the same codes in the same order, whichever of its problems
 * they would have met first:
 * 1. more entries than the cap: `zip_too_many_entries`, alone; its entries are not looked at;
 * 2. each entry's refusal by `zipEntryDecision`, in the archive's order;
 * 3. the declared sizes of the entries to read, together past the cap: `zip_too_large`, after
 *    them. It is said even when an entry already refuses the zip, since zipping it again without
 *    that entry's fault would still leave it too large: every reason is told at once.
 * The zip is refused whole when one of them is an error (`zipRefusedWhole`); otherwise its entries
 * to read come in core's order of sources. What an entry may inflate to is `inflatedEntryProblem`'s.
 */
export function zipVerdict<E extends ZipListedEntry>(directory: { readonly entryCount: number; readonly entries: readonly E[] }, limits: ZipLimits = ZIP_LIMITS): ZipVerdict<E> {
  const entryCount = Math.max(directory.entryCount, directory.entries.length);
  if (tooManyEntries(entryCount, limits)) return { read: [], problems: [{ code: 'zip_too_many_entries', entryCount }], refused: true };
  const problems: ZipVerdictProblem<E>[] = [];
  const read: E[] = [];
  let declaredBytes = 0;
  for (const entry of directory.entries) {
    const decision = zipEntryDecision(entry);
    if (decision === 'pass_over') continue;
    if (decision === 'read') {
      declaredBytes += entry.uncompressedSize;
      read.push(entry);
    } else problems.push({ code: decision, entry });
  }
  if (declaredBytes > limits.maxTotalBytes) problems.push({ code: 'zip_too_large', declaredBytes });
  const refused = zipRefusedWhole(problems.map((problem) => problem.code));
  return { read: refused ? [] : orderSources(read, (entry) => entry.name), problems, refused };
}

/**
 * The reason a `zip_too_large` from `inflatedEntryProblem` is given with, in both adapters: the
 * entry inflated past the size its own header declares (a zip that lies), which is not the zip's
 * declared total past the cap (`zipVerdict`), and is told with that entry's limit
 * (`entryInflateLimit`), not the cap.
 */
export const INFLATED_PAST_DECLARED = 'inflates_past_declared_size';

/** What an entry's inflated bytes may be refused with: past what is allowed, or short of what was declared. */
export type InflatedEntryProblem = Extract<ZipProblemCode, 'zip_too_large' | 'zip_corrupt'>;

/**
 * The most bytes one entry is allowed to inflate to (docs/RULES.md, "Zips"): what its header
 * declares, and never past the zip's cap. A zip bomb lies in its headers, so this, not the
 * declared size, is what an adapter stops inflating at. No running total of the zip's entries is
 * needed beside it: `zipVerdict` read only entries whose declared sizes are together within the
 * cap, and none may inflate past its own.
 */
export function entryInflateLimit(declaredBytes: number, limits: ZipLimits = ZIP_LIMITS): number {
  return Math.min(declaredBytes, limits.maxTotalBytes);
}

/**
 * What the bytes an entry has inflated to so far say of it (docs/RULES.md, "Zips"), the same in both
 * adapters, checked on every chunk (`ended` false) and once at its end (`ended` true), and on a
 * stored entry's bytes as a whole:
 * - past `entryInflateLimit`: `zip_too_large`, as soon as a chunk passes it, so a bomb stops in
 *   bounded memory;
 * - ended short of what its header declared: `zip_corrupt` (a truncated or damaged entry).
 * Either is an error, and refuses the zip whole (`zipRefusedWhole`).
 */
export function inflatedEntryProblem(
  inflatedBytes: number,
  declaredBytes: number,
  ended: boolean,
  limits: ZipLimits = ZIP_LIMITS,
): InflatedEntryProblem | null {
  if (inflatedBytes > entryInflateLimit(declaredBytes, limits)) return 'zip_too_large';
  if (ended && inflatedBytes < declaredBytes) return 'zip_corrupt';
  return null;
}
