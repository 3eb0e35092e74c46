import { open } from 'node:fs/promises';

/**
 * exceljs's zip library (archiver) stamps every entry with the current time, and exceljs offers
 * no option to change that: two runs a second apart give different bytes. Excel itself writes
 * 1980-01-01 00:00:00 (the DOS epoch) into every entry of an .xlsx, so we do the same, by
 * rewriting the two DOS time fields of each local header and central-directory record of the
 * finished file in place. Only those 4 bytes per record change; no data is re-read or
 * re-compressed, and memory stays flat whatever the file size.
 */
const DOS_TIME_1980 = 0x0000; // 00:00:00
const DOS_DATE_1980 = 0x0021; // (1980 - 1980) << 9 | 1 << 5 | 1

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const EXTRA_ZIP64 = 0x0001;

function corrupt(path: string, what: string): Error {
  return new Error(`${path}: not a zip this code understands (${what})`);
}

/** Sets every entry's modification time to 1980-01-01 00:00:00. Returns the number of entries. */
export async function pinZipTimestamps(path: string): Promise<number> {
  const file = await open(path, 'r+');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === SIG_EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw corrupt(path, 'no end of central directory');
    let entries = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const locator = eocd - 20;
      if (locator < 0 || tail.readUInt32LE(locator) !== SIG_ZIP64_LOCATOR) throw corrupt(path, 'zip64 locator');
      const z64 = Number(tail.readBigUInt64LE(locator + 8));
      const rec = Buffer.alloc(56);
      await file.read(rec, 0, 56, z64);
      if (rec.readUInt32LE(0) !== SIG_ZIP64_EOCD) throw corrupt(path, 'zip64 end record');
      entries = Number(rec.readBigUInt64LE(32));
      cdSize = Number(rec.readBigUInt64LE(40));
      cdOffset = Number(rec.readBigUInt64LE(48));
    }
    const cd = Buffer.alloc(cdSize);
    await file.read(cd, 0, cdSize, cdOffset);
    const localTimes = Buffer.alloc(4);
    localTimes.writeUInt16LE(DOS_TIME_1980, 0);
    localTimes.writeUInt16LE(DOS_DATE_1980, 2);
    let pos = 0;
    for (let n = 0; n < entries; n++) {
      if (pos + 46 > cd.length || cd.readUInt32LE(pos) !== SIG_CENTRAL) throw corrupt(path, `central record ${n}`);
      cd.writeUInt16LE(DOS_TIME_1980, pos + 12);
      cd.writeUInt16LE(DOS_DATE_1980, pos + 14);
      const nameLength = cd.readUInt16LE(pos + 28);
      const extraLength = cd.readUInt16LE(pos + 30);
      const commentLength = cd.readUInt16LE(pos + 32);
      let localOffset = cd.readUInt32LE(pos + 42);
      if (localOffset === 0xffffffff) localOffset = zip64LocalOffset(cd, pos, nameLength, extraLength, path);
      const sig = Buffer.alloc(4);
      await file.read(sig, 0, 4, localOffset);
      if (sig.readUInt32LE(0) !== SIG_LOCAL) throw corrupt(path, `local header ${n}`);
      await file.write(localTimes, 0, 4, localOffset + 10);
      pos += 46 + nameLength + extraLength + commentLength;
    }
    await file.write(cd, 0, cd.length, cdOffset);
    await file.sync();
    return entries;
  } finally {
    await file.close();
  }
}

/** The local header offset from a record's zip64 extra field (after the sizes it may hold). */
function zip64LocalOffset(cd: Buffer, pos: number, nameLength: number, extraLength: number, path: string): number {
  let at = pos + 46 + nameLength;
  const end = at + extraLength;
  while (at + 4 <= end) {
    const id = cd.readUInt16LE(at);
    const length = cd.readUInt16LE(at + 2);
    if (id === EXTRA_ZIP64) {
      let field = at + 4;
      if (cd.readUInt32LE(pos + 24) === 0xffffffff) field += 8; // uncompressed size
      if (cd.readUInt32LE(pos + 20) === 0xffffffff) field += 8; // compressed size
      return Number(cd.readBigUInt64LE(field));
    }
    at += 4 + length;
  }
  throw corrupt(path, 'zip64 offset missing');
}
