import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../../core/tables/crc32.js';

/** A small zip writer, so tests can build exactly the archives they need (bombs, slips, stored entries). */

export interface ZipEntrySpec {
  name: string;
  data: Uint8Array | string;
  /** Deflate (default) or store. */
  method?: 'deflate' | 'store';
  /** Lie about the uncompressed size in the headers (zip bombs do). */
  declaredSize?: number;
  /** Mark the entry encrypted (general purpose bit 0); its bytes stay as given. */
  encrypted?: boolean;
  /** The name's bytes as written, without the UTF-8 flag (bit 11), as Windows' Compressed folder writes code page 437; `name` is then unused. */
  nameBytes?: Uint8Array;
}

export interface ZipOptions {
  /**
   * Write ZIP64 records, as streaming writers do even for small files (Info-ZIP `zip -fz`, Python's
   * zipfile with force_zip64): every entry's sizes and local header offset are 0xFFFFFFFF in its
   * headers and given in a ZIP64 extended information field (0x0001); the end of central
   * directory says 0xFFFF entries at 0xFFFFFFFF, and a ZIP64 end of central directory record and
   * locator give the real ones.
   */
  zip64?: boolean;
  /** Cut the central directory's ZIP64 fields to this many bytes of data (a damaged archive; 24 is whole). */
  zip64FieldBytes?: number;
}

function uint64(value: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(BigInt(value));
  return out;
}

/** A ZIP64 extended information extra field (0x0001) holding the given 8-byte values. */
function zip64Field(values: readonly number[], keep = values.length * 8): Buffer {
  const data = Buffer.concat(values.map(uint64)).subarray(0, keep);
  const header = Buffer.alloc(4);
  header.writeUInt16LE(0x0001, 0);
  header.writeUInt16LE(data.length, 2);
  return Buffer.concat([header, data]);
}

export function makeZip(entries: readonly ZipEntrySpec[], options: ZipOptions = {}): Buffer {
  const zip64 = options.zip64 === true;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const spec of entries) {
    const data = typeof spec.data === 'string' ? Buffer.from(spec.data, 'utf8') : Buffer.from(spec.data);
    const method = spec.method === 'store' ? 0 : 8;
    const body = method === 8 ? deflateRawSync(data) : data;
    const name = spec.nameBytes ? Buffer.from(spec.nameBytes) : Buffer.from(spec.name, 'utf8');
    const flags = (spec.nameBytes ? 0 : 0x800) | (spec.encrypted ? 1 : 0);
    const size = spec.declaredSize ?? data.length;
    const crc = crc32(data);
    const version = zip64 ? 45 : 20;
    const localExtra = zip64 ? zip64Field([size, body.length]) : Buffer.alloc(0);
    const centralExtra = zip64 ? zip64Field([size, body.length, offset], options.zip64FieldBytes) : Buffer.alloc(0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(version, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(zip64 ? 0xffffffff : body.length, 18);
    local.writeUInt32LE(zip64 ? 0xffffffff : size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(version, 4);
    central.writeUInt16LE(version, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(zip64 ? 0xffffffff : body.length, 20);
    central.writeUInt32LE(zip64 ? 0xffffffff : size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(centralExtra.length, 30);
    central.writeUInt32LE(zip64 ? 0xffffffff : offset, 42);
    locals.push(local, name, localExtra, body);
    centrals.push(central, name, centralExtra);
    offset += local.length + name.length + localExtra.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(entries.length), 24);
    record.writeBigUInt64LE(BigInt(entries.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(zip64 ? 0xffffffff : directory.length, 12);
  end.writeUInt32LE(zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...locals, directory, ...tail, end]);
}
