import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { InputSource } from './input-source.js';
import { InputIssueError, inputError, inputWarning, clip, type InputIssue } from './input-issue.js';
import { baseName, isExportFileName, isMacResourceFork, isZipFileName } from '../../core/tables/export-files.js';
import { orderSources } from '../../core/tables/source-order.js';

/** A Partner Center download is at most 1 GB a file, split per month: 4 GiB is several years. */
export const MAX_ZIP_BYTES = 4 * 1024 ** 3;
export const MAX_ZIP_ENTRIES = 10_000;

export interface ZipLimits {
  /** Cap on the total uncompressed size of one zip, enforced on the bytes actually inflated. */
  readonly maxZipBytes?: number;
  readonly maxZipEntries?: number;
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
  return inputError('zip_corrupt', {
    file,
    ...(line === undefined ? {} : { line }),
    message: `The zip cannot be read: ${detail}.`,
    hint: 'Download the export again; the zip is incomplete or damaged.',
    params: { reason: detail },
  });
}

function entryName(entry: Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
}

/** Why an entry name may not be trusted: it climbs out (`../`) or is absolute (`/x`, `C:\x`). */
function unsafePath(name: string): string | null {
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'absolute';
  if (name.split('/').includes('..')) return 'parent';
  if (name.includes('\0')) return 'nul';
  return null;
}

/**
 * Lists the CSV and TSV entries of a zip as sources, checking everything the central directory
 * tells before a byte is inflated: entry count, declared sizes, names. The caps are enforced again
 * on the bytes actually inflated (see `guardEntry`), since a zip bomb lies in its headers.
 */
export async function zipSources(path: string, name: string, limits: ZipLimits = {}): Promise<ZipListing> {
  const maxBytes = limits.maxZipBytes ?? MAX_ZIP_BYTES;
  const maxEntries = limits.maxZipEntries ?? MAX_ZIP_ENTRIES;
  const issues: InputIssue[] = [];
  const found: { entry: Entry; name: string }[] = [];

  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch (error) {
    const empty = typeof (error as Error).message === 'string' && (error as Error).message.includes('end of central directory');
    issues.push(
      empty
        ? inputError('zip_corrupt', {
            file: name,
            message: 'The zip is empty or not a zip at all (no central directory).',
            hint: 'Download the export again; a 0-byte zip is an interrupted download.',
            params: { reason: 'no_central_directory' },
          })
        : corrupt(name, error),
    );
    return { sources: [], issues };
  }

  const tooMany = (count: number): ZipListing => ({
    sources: [],
    issues: [
      ...issues,
      inputError('zip_too_many_entries', {
        file: name,
        message: `The zip holds ${count} entries; at most ${maxEntries} are read.`,
        hint: 'Split the archive, or unzip it and pass the folder.',
        params: { entries: String(count), maxEntries: String(maxEntries) },
      }),
    ],
  });

  try {
    if (zip.entryCount > maxEntries) return tooMany(zip.entryCount);
    let declared = 0;
    let seen = 0;
    for await (const entry of zip.eachEntry()) {
      if (++seen > maxEntries) return tooMany(seen);
      const inner = entryName(entry);
      if (inner.endsWith('/')) continue;
      const at = `${name}!${inner}`;
      const unsafe = unsafePath(inner);
      if (unsafe) {
        issues.push(
          inputError('zip_unsafe_path', {
            file: name,
            raw: clip(inner),
            message: `The zip entry "${clip(inner, 120)}" points outside the archive; it is not read.`,
            hint: 'Recreate the zip from the exported files themselves; do not trust this archive.',
            params: { reason: unsafe },
          }),
        );
        continue;
      }
      const base = baseName(inner);
      // macOS Finder adds resource forks (`__MACOSX/._x.csv`) that look like CSVs and are not data.
      if (isMacResourceFork(inner)) continue;
      if (isZipFileName(base)) {
        issues.push(
          inputError('zip_nested', {
            file: at,
            raw: clip(inner),
            message: 'A zip inside the zip is not opened.',
            hint: 'Unzip the outer archive and pass the inner zip (or the folder) instead.',
          }),
        );
        continue;
      }
      if (!isExportFileName(base)) {
        issues.push(
          inputWarning('zip_entry_not_csv', {
            file: at,
            raw: clip(inner),
            message: 'The entry is not a .csv or .tsv file; it is skipped.',
            hint: 'Only CSV and TSV exports are read from zips.',
            params: { reason: 'extension' },
          }),
        );
        continue;
      }
      if (entry.isEncrypted() || (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)) {
        const reason = entry.isEncrypted() ? 'encrypted' : `compression_method_${entry.compressionMethod}`;
        issues.push(
          inputError(entry.isEncrypted() ? 'zip_encrypted' : 'zip_unsupported', {
            file: at,
            raw: clip(inner),
            message: entry.isEncrypted() ? 'The entry is encrypted.' : `The entry uses compression method ${entry.compressionMethod}.`,
            hint: 'Zip the exports again without a password, with standard (deflate) compression.',
            params: { reason },
          }),
        );
        continue;
      }
      declared += entry.uncompressedSize;
      if (declared > maxBytes) {
        return {
          sources: [],
          issues: [
            ...issues,
            inputError('zip_too_large', {
              file: name,
              message: `The zip unpacks to more than ${maxBytes} bytes.`,
              hint: 'Pass the monthly files separately, or unzip and pass the folder.',
              params: { maxBytes: String(maxBytes), declared: String(declared) },
            }),
          ],
        };
      }
      found.push({ entry, name: inner });
    }
  } catch (error) {
    return { sources: [], issues: [...issues, corrupt(name, error)] };
  } finally {
    zip.close();
  }

  // A zip's entries are a set: read in core's order of sources (docs/RULES.md, "Order of sources").
  const sources = orderSources(found, (f) => f.name).map(({ entry, name: inner }) => entrySource(path, `${name}!${inner}`, inner, entry, maxBytes));
  return { sources, issues };
}

function entrySource(path: string, name: string, inner: string, entry: Entry, maxBytes: number): InputSource {
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
        return guardEntry(raw, name, Math.min(entry.uncompressedSize, maxBytes));
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
 * Counts the bytes an entry really inflates to and fails as soon as they pass what its header
 * declared (a bomb stops after one chunk, in bounded memory), or fall short of it (truncated).
 */
class EntryGuard extends Transform {
  private bytes = 0;

  constructor(
    private readonly file: string,
    private readonly limit: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) {
      callback(
        new InputIssueError(
          inputError('zip_too_large', {
            file: this.file,
            message: `The entry inflates past the ${this.limit} bytes its header declares.`,
            hint: 'Do not trust this archive: its headers understate its contents (a zip bomb).',
            params: { maxBytes: String(this.limit), reason: 'inflates_past_declared_size' },
          }),
        ),
      );
      return;
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.bytes < this.limit) {
      callback(corruptError(this.file, `entry ends after ${this.bytes} of ${this.limit} declared bytes`));
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

function guardEntry(raw: Readable, file: string, limit: number): Readable {
  const guard = new EntryGuard(file, limit);
  pipeline(raw, guard, () => {
    // Errors surface on `guard`, where the reader is listening; nothing more to do here.
  });
  return guard;
}
