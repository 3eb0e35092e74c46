/**
 * Where a zip's entries are and what its central directory declares of each, read from the bytes
 * the way the batch job's yauzl reads them (node_modules/yauzl/index.js), ZIP64 included, so that
 * both adapters see the same entries with the same sizes and call the same archives damaged
 * (docs/RULES.md, "Zips"):
 * - the end of central directory record is the last `PK 05 06` in the file's last 65,577 bytes,
 *   and its comment must run exactly to the end of the file;
 * - a ZIP64 end of central directory locator right before it (`PK 06 07`) points at the ZIP64 end
 *   of central directory record (`PK 06 06`), whose entry count and directory offset then replace
 *   the 16- and 32-bit ones, whatever those say; its disk number must be 0;
 * - in an entry, the first ZIP64 extended information field (0x0001) holds, in this order and
 *   only for those whose 32-bit value is 0xFFFFFFFF, the uncompressed size, the compressed size
 *   and the offset of the local header;
 * - everything the directory points at must lie inside the file.
 * What is wrong is thrown as `ZipDirectoryError` and reported as `zip_corrupt`, as yauzl's errors
 * are by the batch job.
 */

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const ZIP64_EXTRA = 0x0001;

/** How far from the end yauzl looks: a ZIP64 locator (20 bytes), the record (22) and a comment of up to 65,535. */
const EOCD_SEARCH = 20 + 22 + 0xffff;

export class ZipDirectoryError extends Error {}

export interface ZipDirectory {
  /** How many entries the directory says it holds (from the ZIP64 record when there is one). */
  readonly entryCount: number;
  /** Reads the entries one at a time, so that a directory of millions stops at the caps. */
  entries(): Generator<ZipDirectoryEntry>;
}

export interface ZipDirectoryEntry {
  readonly flags: number;
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  readonly rawName: Uint8Array;
  readonly extraFields: readonly ExtraField[];
}

export interface ExtraField {
  readonly id: number;
  readonly data: Uint8Array;
}

/** A 64-bit little-endian number as yauzl reads it: exact up to 2^53, which no offset inside a file reaches. */
function uint64(view: DataView, at: number): number {
  return view.getUint32(at + 4, true) * 0x1_0000_0000 + view.getUint32(at, true);
}

/** The extra fields of an entry; one that runs past the end of the extra data is damage, as in yauzl. */
export function parseExtraFields(extra: Uint8Array): ExtraField[] {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  const fields: ExtraField[] = [];
  for (let at = 0; at < extra.length - 3; ) {
    const id = view.getUint16(at, true);
    const end = at + 4 + view.getUint16(at + 2, true);
    if (end > extra.length) throw new ZipDirectoryError('extra field length exceeds extra field buffer size');
    fields.push({ id, data: extra.subarray(at + 4, end) });
    at = end;
  }
  return fields;
}

export function readZipDirectory(bytes: Uint8Array): ZipDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const searchStart = Math.max(0, bytes.length - EOCD_SEARCH);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= searchStart; i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipDirectoryError('end of central directory record signature not found');
  // Trailing bytes, or a signature inside the comment, leave the record's place in doubt.
  if (view.getUint16(eocd + 20, true) !== bytes.length - eocd - 22) throw new ZipDirectoryError('invalid comment length');

  let entryCount = view.getUint16(eocd + 10, true);
  let directoryOffset = view.getUint32(eocd + 16, true);
  let diskNumber = view.getUint16(eocd + 4, true);
  const locator = eocd - 20;
  if (locator >= searchStart && view.getUint32(locator, true) === ZIP64_LOCATOR) {
    const record = uint64(view, locator + 8);
    if (record + 56 > bytes.length) throw new ZipDirectoryError('unexpected end of file in the ZIP64 end of central directory record');
    if (view.getUint32(record, true) !== ZIP64_EOCD) throw new ZipDirectoryError('invalid ZIP64 end of central directory record signature');
    diskNumber = view.getUint32(record + 16, true);
    entryCount = uint64(view, record + 32);
    directoryOffset = uint64(view, record + 48);
  }
  if (diskNumber !== 0) throw new ZipDirectoryError('multi-disk zip files are not supported');

  function* entries(): Generator<ZipDirectoryEntry> {
    let p = directoryOffset;
    for (let n = 0; n < entryCount; n++) {
      if (p + 46 > bytes.length) throw new ZipDirectoryError('unexpected end of file in the central directory');
      if (view.getUint32(p, true) !== CENTRAL) throw new ZipDirectoryError('invalid central directory file header signature');
      const flags = view.getUint16(p + 8, true);
      // Strong encryption: yauzl refuses the whole directory, not the entry.
      if (flags & 0x40) throw new ZipDirectoryError('strong encryption is not supported');
      const nameLength = view.getUint16(p + 28, true);
      const extraLength = view.getUint16(p + 30, true);
      const commentLength = view.getUint16(p + 32, true);
      const variable = p + 46;
      if (variable + nameLength + extraLength + commentLength > bytes.length) throw new ZipDirectoryError('unexpected end of file in the central directory');
      const extraFields = parseExtraFields(bytes.subarray(variable + nameLength, variable + nameLength + extraLength));
      let uncompressedSize = view.getUint32(p + 24, true);
      let compressedSize = view.getUint32(p + 20, true);
      let localHeaderOffset = view.getUint32(p + 42, true);
      const zip64 = extraFields.find((field) => field.id === ZIP64_EXTRA);
      if (zip64) {
        const data = new DataView(zip64.data.buffer, zip64.data.byteOffset, zip64.data.byteLength);
        let at = 0;
        const next = (what: string): number => {
          if (at + 8 > data.byteLength) throw new ZipDirectoryError(`zip64 extended information extra field does not include ${what}`);
          const value = uint64(data, at);
          at += 8;
          return value;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = next('uncompressed size');
        if (compressedSize === 0xffffffff) compressedSize = next('compressed size');
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next('relative header offset');
      }
      yield {
        flags,
        method: view.getUint16(p + 10, true),
        compressedSize,
        uncompressedSize,
        localHeaderOffset,
        rawName: bytes.subarray(variable, variable + nameLength),
        extraFields,
      };
      p = variable + nameLength + extraLength + commentLength;
    }
  }

  return { entryCount, entries };
}
