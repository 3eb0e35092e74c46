import { inputSeverity, type InputSeverity } from '../../core/codes.js';
import { entryInflateLimit, INFLATED_PAST_DECLARED, inflatedEntryProblem, UNICODE_PATH_FIELD, zipEntriesToList, zipEntryName, zipRefusedWhole, zipVerdict, ZIP_LIMITS, type ZipLimits, type ZipProblemCode } from '../../core/tables/zip-entries.js';
import { decodeExport, type DecodedExport } from './decode-export.js';
import { readZipDirectory, ZipDirectoryError } from './zip-directory.js';

/**
 * Reads the CSV/TSV entries of a zipped Partner Center export in the browser (the Web Worker),
 * with the browser's own inflater (DecompressionStream 'deflate-raw'); no zip library ships. The
 * central directory, ZIP64 included, is read as the batch job's yauzl reads it (zip-directory.ts).
 * Hostile archives are refused or reported, never guessed at: paths with `..` or absolute
 * paths, nested zips, non-CSV entries, encrypted entries, and archives whose entries
 * would inflate beyond the caps (checked on the declared sizes before inflating, and again while
 * inflating, so a zip bomb stops in bounded memory). Which entries are read, with which code and
 * severity the others are reported, the caps, and the order entries are read in are core's rules,
 * the batch job's too (core/tables/zip-entries.ts, source-order.ts). Each entry is decoded as it is inflated, by core's encoding rule
 * (decode-export.ts), never a lenient decoder; its bytes are not kept.
 */

export interface ZipProblem {
  readonly entry: string;
  readonly code: ZipProblemCode;
  /** Core's severity for the code, as the batch job reports it (`inputSeverity`). */
  readonly severity: InputSeverity;
  /** An entry that inflated past what its header declares: core's reason, and the entry's own limit (`entryInflateLimit`). */
  readonly inflatedPast?: { readonly reason: typeof INFLATED_PAST_DECLARED; readonly maxBytes: number };
}

function zipProblem(entry: string, code: ZipProblemCode, inflatedPast?: ZipProblem['inflatedPast']): ZipProblem {
  return { entry, code, severity: inputSeverity(code), ...(inflatedPast ? { inflatedPast } : {}) };
}

export interface ZipEntryText {
  readonly name: string;
  /** Its text, or why its bytes are not text (a problem of that file, with its line). */
  readonly decoded: DecodedExport;
}

export interface UnzipResult {
  /** In reading order: by name (docs/RULES.md, "Order of sources"), not the archive's. */
  readonly entries: ZipEntryText[];
  readonly problems: ZipProblem[];
}

const LOCAL = 0x04034b50;

class ZipError extends Error {
  constructor(
    readonly code: ZipProblemCode,
    readonly inflatedPast?: ZipProblem['inflatedPast'],
  ) {
    super(code);
  }
}

/** Core's refusal of an entry's inflated bytes, with its reason when it inflated past its limit. */
function inflatedError(problem: 'zip_too_large' | 'zip_corrupt', declared: number, limits: ZipLimits): ZipError {
  return problem === 'zip_too_large' ? new ZipError(problem, { reason: INFLATED_PAST_DECLARED, maxBytes: entryInflateLimit(declared, limits) }) : new ZipError(problem);
}

/** Inflates a deflated entry, stopping at the first chunk core's rule refuses (`inflatedEntryProblem`), so a bomb stops in bounded memory. */
async function inflate(data: Uint8Array, declared: number, limits: ZipLimits): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    const problem = inflatedEntryProblem(size, declared, false, limits);
    if (problem !== null) {
      await reader.cancel();
      throw inflatedError(problem, declared, limits);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

export async function unzipExports(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): Promise<UnzipResult> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const problems: ZipProblem[] = [];
  const entries: ZipEntryText[] = [];
  const fail = (code: ZipProblemCode): UnzipResult => ({ entries: [], problems: [zipProblem('', code)] });

  interface Listed { name: string; encrypted: boolean; compressionMethod: number; compressedSize: number; uncompressedSize: number; local: number }
  const listed: Listed[] = [];
  let entryCount: number;
  try {
    const directory = readZipDirectory(bytes);
    entryCount = directory.entryCount;
    // None is listed of a zip refused on its count alone: not a byte more of its directory is read.
    const toList = zipEntriesToList(entryCount, limits);
    const inDirectory = directory.entries();
    while (listed.length < toList) {
      const next = inDirectory.next();
      if (next.done === true) break;
      const entry = next.value;
      // Named by core's rule from the raw bytes (UTF-8 by bit 11 or the Unicode Path field, else code page 437), as the batch job names it.
      const unicodePath = entry.extraFields.find((field) => field.id === UNICODE_PATH_FIELD)?.data;
      const name = zipEntryName({ raw: entry.rawName, utf8: (entry.flags & 0x800) !== 0, ...(unicodePath ? { unicodePath } : {}) });
      // The sizes are the ZIP64 ones where the entry has them (zip-directory.ts), as yauzl reads them for the batch job.
      listed.push({
        name,
        encrypted: (entry.flags & 1) !== 0,
        compressionMethod: entry.method,
        compressedSize: entry.compressedSize,
        uncompressedSize: entry.uncompressedSize,
        local: entry.localHeaderOffset,
      });
    }
  } catch (error) {
    if (error instanceof ZipDirectoryError) return fail('zip_corrupt');
    throw error;
  }
  // Which entries are read, what the others and the zip's limits are refused with, in which order,
  // and whether that refuses the zip whole, is core's one verdict (docs/RULES.md, "Zips").
  const verdict = zipVerdict({ entryCount, entries: listed }, limits);
  for (const problem of verdict.problems) problems.push(zipProblem('entry' in problem ? problem.entry.name : '', problem.code));
  if (verdict.refused) return { entries: [], problems };

  for (const entry of verdict.read) {
    try {
      const at = entry.local;
      if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) throw new ZipError('zip_corrupt');
      const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
      const data = bytes.subarray(start, start + entry.compressedSize);
      if (data.length !== entry.compressedSize) throw new ZipError('zip_corrupt');
      // Never trust the declared size while inflating: what an entry may inflate to, and what it
      // must, are core's (docs/RULES.md, "Zips"), as in the batch job. A stored entry's bytes are
      // judged whole: longer than allowed is the same lie as a bomb's.
      const raw = entry.compressionMethod === 0 ? data : await inflate(data, entry.uncompressedSize, limits);
      const problem = inflatedEntryProblem(raw.length, entry.uncompressedSize, true, limits);
      if (problem !== null) throw inflatedError(problem, entry.uncompressedSize, limits);
      entries.push({ name: entry.name, decoded: decodeExport(raw) });
    } catch (error) {
      problems.push(error instanceof ZipError ? zipProblem(entry.name, error.code, error.inflatedPast) : zipProblem(entry.name, 'zip_corrupt'));
    }
  }
  // An entry found damaged while inflating refuses the zip whole too, as in the batch job.
  return zipRefusedWhole(problems.map((problem) => problem.code)) ? { entries: [], problems } : { entries, problems };
}
