import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { InputSource } from './input-source.js';
import { InputIssueError, clip, inputIssue, type InputIssue } from './input-issue.js';
import {
  entryInflateLimit,
  INFLATED_PAST_DECLARED,
  inflatedEntryProblem,
  unsafeZipPath,
  UNICODE_PATH_FIELD,
  zipEntriesToList,
  zipEntryName,
  zipEntrySourceName,
  zipVerdict,
  ZIP_LIMITS,
  type ZipEntryRefusal,
  type ZipLimits,
  type ZipProblemCode,
} from '../../core/tables/zip-entries.js';

/** A zip problem as an input issue, at core's severity for its code (docs/RULES.md, "Zips"). */
function zipIssue(code: ZipProblemCode, fields: Omit<InputIssue, 'severity' | 'code'>): InputIssue {
  return inputIssue(code, fields);
}

export interface ZipListing {
  readonly sources: InputSource[];
  readonly issues: InputIssue[];
}


function openZip(path: string): Promise<ZipFile> {
  // decodeStrings off: yauzl would abort the whole listing on one unsafe name; we refuse that entry alone.
  return yauzl.openPromise(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false });
}

function corrupt(file: string, error: unknown, line?: number): InputIssue {
  const detail = error instanceof Error ? error.message : String(error);
  return zipIssue('zip_corrupt', {
    file,
    ...(line === undefined ? {} : { line }),
    message: `The zip cannot be read: ${detail}.`,
    hint: 'Download the export again; the zip is incomplete or damaged.',
    params: { reason: detail },
  });
}

/** The entry's name by core's rule, from its raw bytes (decodeStrings is off), as the add-in reads it. */
function entryName(entry: Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  const unicodePath = entry.extraFields.find((f) => f.id === UNICODE_PATH_FIELD)?.data;
  return zipEntryName({ raw, utf8: (entry.generalPurposeBitFlag & 0x800) !== 0, ...(unicodePath ? { unicodePath } : {}) });
}

/**
 * Lists the CSV and TSV entries of a zip as sources, by core's verdict on everything the central
 * directory tells before a byte is inflated: entry count, declared sizes, names. The caps are enforced again
 * on the bytes actually inflated (see `guardEntry`), since a zip bomb lies in its headers.
 */
export async function zipSources(path: string, name: string, limits: ZipLimits = ZIP_LIMITS): Promise<ZipListing> {
  const maxBytes = limits.maxTotalBytes;
  const maxEntries = limits.maxEntries;
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch (error) {
    const empty = typeof (error as Error).message === 'string' && (error as Error).message.includes('end of central directory');
    const issue =
      empty
        ? zipIssue('zip_corrupt', {
            file: name,
            message: 'The zip is empty or not a zip at all (no central directory).',
            hint: 'Download the export again; a 0-byte zip is an interrupted download.',
            params: { reason: 'no_central_directory' },
          })
        : corrupt(name, error);
    return { sources: [], issues: [issue] };
  }

  const listed: { name: string; encrypted: boolean; compressionMethod: number; uncompressedSize: number; entry: Entry }[] = [];
  try {
    // None is listed of a zip refused on its count alone: not a byte more of its directory is read.
    const toList = zipEntriesToList(zip.entryCount, limits);
    if (toList > 0) {
      for await (const entry of zip.eachEntry()) {
        listed.push({ name: entryName(entry), encrypted: entry.isEncrypted(), compressionMethod: entry.compressionMethod, uncompressedSize: entry.uncompressedSize, entry });
        if (listed.length === toList) break;
      }
    }
  } catch (error) {
    return { sources: [], issues: [corrupt(name, error)] };
  } finally {
    zip.close();
  }

  // Which entries are read, what the others and the zip's limits are refused with, in which order,
  // and whether that refuses the zip whole, is core's one verdict (docs/RULES.md, "Zips").
  const verdict = zipVerdict({ entryCount: zip.entryCount, entries: listed }, limits);
  const issues = verdict.problems.map((problem): InputIssue => {
    switch (problem.code) {
      case 'zip_too_many_entries':
        return zipIssue(problem.code, {
          file: name,
          message: `The zip holds ${problem.entryCount} entries; at most ${maxEntries} are read.`,
          hint: 'Split the archive, or unzip it and pass the folder.',
          params: { entries: String(problem.entryCount), maxEntries: String(maxEntries) },
        });
      case 'zip_too_large':
        return zipIssue(problem.code, {
          file: name,
          message: `The zip unpacks to more than ${maxBytes} bytes.`,
          hint: 'Pass the monthly files separately, or unzip and pass the folder.',
          params: { maxBytes: String(maxBytes), declared: String(problem.declaredBytes) },
        });
      default: {
        const issue = entryIssue(problem.code, name, zipEntrySourceName(name, problem.entry.name), problem.entry.name, problem.entry.entry);
        return verdict.refused && issue.severity === 'error' ? { ...issue, message: `${issue.message} None of the zip's entries is read.` } : issue;
      }
    }
  });
  if (verdict.refused) return { sources: [], issues };
  const sources = verdict.read.map(({ entry, name: inner }) => entrySource(path, zipEntrySourceName(name, inner), inner, entry, limits));
  return { sources, issues };
}

/** An entry core's rule refuses, as the issue that names it, with what the person who owns the zip can do. */
function entryIssue(code: ZipEntryRefusal, zip: string, at: string, inner: string, entry: Entry): InputIssue {
  switch (code) {
    case 'zip_unsafe_path':
      return zipIssue(code, {
        file: zip,
        raw: clip(inner),
        message: `The zip entry "${clip(inner, 120)}" points outside the archive; it is not read.`,
        hint: 'Recreate the zip from the exported files themselves; do not trust this archive.',
        params: { reason: unsafeZipPath(inner) ?? 'absolute' },
      });
    case 'zip_nested':
      return zipIssue(code, {
        file: at,
        raw: clip(inner),
        message: 'A zip inside the zip is not opened.',
        hint: 'Unzip the outer archive and pass the inner zip (or the folder) instead.',
      });
    case 'zip_entry_not_csv':
      return zipIssue(code, {
        file: at,
        raw: clip(inner),
        message: 'The entry is not a .csv or .tsv file; it is skipped.',
        hint: 'Only CSV and TSV exports are read from zips.',
        params: { reason: 'extension' },
      });
    case 'zip_encrypted':
      return zipIssue(code, {
        file: at,
        raw: clip(inner),
        message: 'The entry is encrypted.',
        hint: 'Zip the exports again without a password, with standard (deflate) compression.',
        params: { reason: 'encrypted' },
      });
    case 'zip_unsupported':
      return zipIssue(code, {
        file: at,
        raw: clip(inner),
        message: `The entry uses compression method ${entry.compressionMethod}.`,
        hint: 'Zip the exports again without a password, with standard (deflate) compression.',
        params: { reason: `compression_method_${entry.compressionMethod}` },
      });
  }
}

function entrySource(path: string, name: string, inner: string, entry: Entry, limits: ZipLimits): InputSource {
  return {
    name,
    path,
    entry: inner,
    size: entry.uncompressedSize,
    open: async () => {
      let zip: ZipFile;
      try {
        zip = await openZip(path);
      } catch (error) {
        throw new InputIssueError(corrupt(name, error));
      }
      try {
        const raw = await zip.openReadStreamPromise(entry);
        return guardEntry(raw, name, entry.uncompressedSize, limits);
      } catch (error) {
        throw new InputIssueError(corrupt(name, error));
      } finally {
        // The entry's stream keeps the file open until it ends; this releases the listing's hold.
        zip.close();
      }
    },
  };
}

/**
 * Counts the bytes an entry really inflates to and fails by core's rule on them
 * (`inflatedEntryProblem`): as soon as they pass what it may inflate to (a bomb stops after one
 * chunk, in bounded memory), or at its end when they fall short of what it declared (truncated).
 */
class EntryGuard extends Transform {
  private bytes = 0;

  constructor(
    private readonly file: string,
    private readonly declared: number,
    private readonly limits: ZipLimits,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (inflatedEntryProblem(this.bytes, this.declared, false, this.limits) === 'zip_too_large') {
      const limit = entryInflateLimit(this.declared, this.limits);
      callback(
        new InputIssueError(
          zipIssue('zip_too_large', {
            file: this.file,
            message: `The entry inflates past the ${limit} bytes its header declares.`,
            hint: 'Do not trust this archive: its headers understate its contents (a zip bomb).',
            params: { maxBytes: String(limit), reason: INFLATED_PAST_DECLARED },
          }),
        ),
      );
      return;
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (inflatedEntryProblem(this.bytes, this.declared, true, this.limits) === 'zip_corrupt') {
      callback(corruptError(this.file, `entry ends after ${this.bytes} of ${this.declared} declared bytes`));
      return;
    }
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // Whatever goes wrong below (zlib, a truncated file) reaches the reader as a located zip issue.
    callback(error && !(error instanceof InputIssueError) ? corruptError(this.file, error.message) : error);
  }
}

function corruptError(file: string, detail: string): InputIssueError {
  return new InputIssueError(corrupt(file, new Error(detail)));
}

function guardEntry(raw: Readable, file: string, declared: number, limits: ZipLimits): Readable {
  const guard = new EntryGuard(file, declared, limits);
  pipeline(raw, guard, () => {
    // Errors surface on `guard`, where the reader is listening; nothing more to do here.
  });
  return guard;
}
