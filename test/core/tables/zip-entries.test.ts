import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import yauzl from 'yauzl';
import { unsafeZipPath, zipEntryDecision, zipEntryName, zipRefusedWhole, type ZipProblemCode } from '../../../core/tables/zip-entries.js';
import { crc32 } from '../../../core/tables/crc32.js';
import { inputSeverity } from '../../../core/codes.js';

const entry = (name: string, more: { encrypted?: boolean; compressionMethod?: number } = {}) => ({ name, encrypted: false, compressionMethod: 8, ...more });

describe("core's rule for a zip's entries", () => {
  test.each([
    ['2021/earnings_01.csv', {}, 'read'],
    ['earnings.TSV', { compressionMethod: 0 }, 'read'],
    ['2021/', {}, 'pass_over'],
    ['__MACOSX/2021/._earnings_01.csv', {}, 'pass_over'],
    ['2021/._earnings_01.csv', {}, 'pass_over'],
    ['.DS_Store', {}, 'pass_over'],
    ['2021/Thumbs.db', {}, 'pass_over'],
    ['2021/Desktop.ini', {}, 'pass_over'],
    ['.hidden-earnings.csv', {}, 'read'],
    ['.earnings.csv.swp', {}, 'zip_entry_not_csv'],
    ['../earnings.csv', {}, 'zip_unsafe_path'],
    ['a/../../earnings.csv', {}, 'zip_unsafe_path'],
    ['/earnings.csv', {}, 'zip_unsafe_path'],
    ['\\earnings.csv', {}, 'zip_unsafe_path'],
    ['C:earnings.csv', {}, 'zip_unsafe_path'],
    ['..\\earnings.csv', {}, 'zip_unsafe_path'],
    ['a\0.csv', {}, 'zip_unsafe_path'],
    // An unsafe name is said as such whatever else is wrong with the entry.
    ['../readme.pdf', { encrypted: true }, 'zip_unsafe_path'],
    ['2021/older.ZIP', {}, 'zip_nested'],
    ['readme.pdf', {}, 'zip_entry_not_csv'],
    ['earnings.csv.txt', {}, 'zip_entry_not_csv'],
    ['earnings.csv', { encrypted: true }, 'zip_encrypted'],
    ['earnings.csv', { compressionMethod: 12 }, 'zip_unsupported'],
  ])('%s %j is %s', (name, more, decision) => {
    expect(zipEntryDecision(entry(name, more))).toBe(decision);
  });

  test.each([
    ['../a.csv', 'parent'],
    ['a\\..\\b.csv', 'parent'],
    ['/a.csv', 'absolute'],
    ['D:\\a.csv', 'absolute'],
    ['a\0b.csv', 'nul'],
    ['a..b/c.csv', null],
    ['a/b.csv', null],
  ])('the name %j is unsafe as %s', (name, reason) => {
    expect(unsafeZipPath(name)).toBe(reason);
  });

  test('a name written with `\\` is the same name with `/`', () => {
    expect(zipEntryName({ raw: Buffer.from('2021\\jan\\earnings.csv'), utf8: true })).toBe('2021/jan/earnings.csv');
  });

  test('an entry that is not an export is a warning; every other zip problem is an error', () => {
    const codes: ZipProblemCode[] = ['zip_corrupt', 'zip_unsafe_path', 'zip_nested', 'zip_entry_not_csv', 'zip_encrypted', 'zip_unsupported', 'zip_too_large', 'zip_too_many_entries'];
    expect(codes.filter((c) => inputSeverity(c) === 'warning')).toEqual(['zip_entry_not_csv']);
  });

  test.each<[ZipProblemCode[], boolean]>([
    [[], false],
    [['zip_entry_not_csv', 'zip_entry_not_csv'], false],
    [['zip_entry_not_csv', 'zip_encrypted'], true],
    [['zip_unsupported'], true],
    [['zip_unsafe_path'], true],
    [['zip_nested'], true],
    [['zip_corrupt'], true],
  ])('a zip with entries refused as %j is refused whole: %s', (codes, whole) => {
    expect(zipRefusedWhole(codes)).toBe(whole);
  });
});

describe("an entry's name from its bytes", () => {
  const raw = (...bytes: number[]) => new Uint8Array(bytes);

  test('without the UTF-8 flag every byte 0x80–0xFF is the code page 437 character yauzl reads', () => {
    for (let b = 0x80; b <= 0xff; b++) {
      expect(zipEntryName({ raw: raw(0x61, b, 0x2e, 0x63), utf8: false }), `byte 0x${b.toString(16)}`).toBe(yauzl.getFileNameLowLevel(0, Buffer.from([0x61, b, 0x2e, 0x63]), [], false));
    }
  });

  test('any name, flagged UTF-8 or not, is read as yauzl reads it (its ASCII control characters aside)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.boolean(), (bytes, utf8) => {
        // yauzl shows the control characters 0x01–0x1F and 0x7F as code page 437's glyphs (☺, ⌂); core keeps
        // them ASCII, as the code page's encoding does. Names never hold them: the rest must agree.
        const printable = bytes.map((b) => (b < 0x20 || b === 0x7f ? 0x5f : b));
        const expected = yauzl.getFileNameLowLevel(utf8 ? 0x800 : 0, Buffer.from(printable), [], false);
        expect(zipEntryName({ raw: printable, utf8 })).toBe(expected);
      }),
    );
  });

  test('Bühler.csv written by Windows (no flag, code page 437) and by Info-ZIP (flag, UTF-8) are one name', () => {
    expect(zipEntryName({ raw: raw(0x42, 0x81, 0x68, 0x6c, 0x65, 0x72, 0x2e, 0x63, 0x73, 0x76), utf8: false })).toBe('Bühler.csv');
    expect(zipEntryName({ raw: new Uint8Array(Buffer.from('Bühler.csv', 'utf8')), utf8: true })).toBe('Bühler.csv');
  });

  test('an Info-ZIP Unicode Path field names the entry while its CRC matches the raw name, and is ignored otherwise', () => {
    const name = raw(0x42, 0x81, 0x2e, 0x63); // "Bü.c" in code page 437
    const field = (crc: number) => {
      const out = Buffer.alloc(5);
      out.writeUInt8(1, 0);
      out.writeUInt32LE(crc, 1);
      return new Uint8Array(Buffer.concat([out, Buffer.from('Bé.csv', 'utf8')]));
    };
    expect(zipEntryName({ raw: name, utf8: false, unicodePath: field(crc32(name)) })).toBe('Bé.csv');
    expect(zipEntryName({ raw: name, utf8: false, unicodePath: field(crc32(name) ^ 1) })).toBe('Bü.c');
    // yauzl reads the field the same way.
    const extra = [{ id: 0x7075, data: Buffer.from(field(crc32(name))) }];
    expect(yauzl.getFileNameLowLevel(0, Buffer.from(name), extra, false)).toBe('Bé.csv');
  });
});

describe("core's CRC-32", () => {
  test('gives the check values of the ZIP format\'s CRC (ISO 3309): "123456789" is CBF43926, nothing is 0', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
});
