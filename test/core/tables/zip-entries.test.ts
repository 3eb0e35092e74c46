import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import yauzl from 'yauzl';
import { entryInflateLimit, inflatedEntryProblem, unsafeZipPath, zipEntriesToList, zipEntrySourceName, zipEntryDecision, zipEntryName, zipRefusedWhole, zipVerdict, type ZipProblemCode } from '../../../core/tables/zip-entries.js';
import { orderSources } from '../../../core/tables/source-order.js';
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

describe("core's one verdict on a zip's directory", () => {
  const listed = (name: string, uncompressedSize: number, more: { encrypted?: boolean; compressionMethod?: number } = {}) => ({ ...entry(name, more), uncompressedSize });
  const limits = { maxEntries: 4, maxTotalBytes: 100 };
  const codes = (verdict: ReturnType<typeof zipVerdict>) => verdict.problems.map((p) => p.code);

  test('an encrypted entry and entries past the size cap: both codes, the entry\'s first, wherever the encrypted entry stands', () => {
    const big = listed('big.csv', 90);
    const more = listed('more.csv', 20);
    const secret = listed('secret.csv', 1, { encrypted: true });
    for (const entries of [[secret, big, more], [big, more, secret], [big, secret, more]]) {
      const verdict = zipVerdict({ entryCount: entries.length, entries }, limits);
      expect(codes(verdict)).toEqual(['zip_encrypted', 'zip_too_large']);
      expect(verdict.problems).toContainEqual({ code: 'zip_too_large', declaredBytes: 110 });
      expect(verdict).toMatchObject({ read: [], refused: true });
    }
  });

  test("the entries' refusals come in the archive's order; only the entries to read count toward the size", () => {
    const entries = [listed('readme.pdf', 500), listed('b.csv', 60), listed('../up.csv', 500), listed('a.csv', 40), listed('__MACOSX/._a.csv', 500)];
    const verdict = zipVerdict({ entryCount: entries.length, entries }, { ...limits, maxEntries: 5 });
    expect(verdict.problems).toEqual([
      { code: 'zip_entry_not_csv', entry: entries[0] },
      { code: 'zip_unsafe_path', entry: entries[2] },
    ]);
    expect(verdict).toMatchObject({ read: [], refused: true });
  });

  test('a zip whose problems are only warnings is read, its entries by name; up to the cap exactly', () => {
    const entries = [listed('b.csv', 60), listed('notes.txt', 500), listed('a.csv', 40)];
    const verdict = zipVerdict({ entryCount: entries.length, entries }, limits);
    expect(verdict).toEqual({ read: [entries[2], entries[0]], problems: [{ code: 'zip_entry_not_csv', entry: entries[1] }], refused: false });
  });

  test('one byte past the cap is zip_too_large, alone, and refuses the zip', () => {
    const entries = [listed('a.csv', 50), listed('b.csv', 51)];
    expect(zipVerdict({ entryCount: 2, entries }, limits)).toEqual({ read: [], problems: [{ code: 'zip_too_large', declaredBytes: 101 }], refused: true });
  });

  test('more entries than the cap is zip_too_many_entries alone, by the count the directory declares or the entries listed', () => {
    const entries = [listed('secret.csv', 500, { encrypted: true })];
    expect(zipVerdict({ entryCount: 5, entries }, limits)).toEqual({ read: [], problems: [{ code: 'zip_too_many_entries', entryCount: 5 }], refused: true });
    const five = ['a', 'b', 'c', 'd', 'e'].map((n) => listed(`${n}.csv`, 1));
    expect(codes(zipVerdict({ entryCount: 4, entries: five }, limits))).toEqual(['zip_too_many_entries']);
    expect(codes(zipVerdict({ entryCount: 4, entries: five.slice(0, 4) }, limits))).toEqual([]);
  });

  test('an adapter lists every entry the directory counts, or none past the cap', () => {
    expect(zipEntriesToList(4, limits)).toBe(4);
    expect(zipEntriesToList(5, limits)).toBe(0);
    expect(zipEntriesToList(0, limits)).toBe(0);
  });

  test('property: refused exactly when an error is among the problems; else every entry to read is read, by name', () => {
    const names = fc.constantFrom('a.csv', 'b.tsv', 'c.pdf', '../d.csv', 'e.zip', 'f/', '.DS_Store', 'g.csv');
    const arbEntry = fc.record({ name: names, encrypted: fc.boolean(), compressionMethod: fc.constantFrom(0, 8, 12), uncompressedSize: fc.nat(60) });
    fc.assert(
      fc.property(fc.array(arbEntry, { maxLength: 6 }), (entries) => {
        const verdict = zipVerdict({ entryCount: entries.length, entries }, limits);
        expect(verdict.refused).toBe(zipRefusedWhole(codes(verdict)));
        if (entries.length > limits.maxEntries) {
          expect(verdict).toEqual({ read: [], problems: [{ code: 'zip_too_many_entries', entryCount: entries.length }], refused: true });
          return;
        }
        const refusals = entries.map((e) => zipEntryDecision(e)).filter((d) => d !== 'read' && d !== 'pass_over');
        expect(codes(verdict).filter((c) => c !== 'zip_too_large')).toEqual(refusals);
        const toRead = entries.filter((e) => zipEntryDecision(e) === 'read');
        const declared = toRead.reduce((sum, e) => sum + e.uncompressedSize, 0);
        expect(codes(verdict).includes('zip_too_large')).toBe(declared > limits.maxTotalBytes);
        if (!verdict.refused) expect(verdict.read).toEqual(orderSources(toRead, (e) => e.name));
        else expect(verdict.read).toEqual([]);
      }),
    );
  });
});

describe("core's rule for what an entry inflates to", () => {
  const limits = { maxEntries: 10, maxTotalBytes: 100 };

  test.each<[string, 'zip_too_large' | 'zip_corrupt' | null, number, number, boolean]>([
    ['as declared, at its end', null, 40, 40, true],
    ['short of what it declared, while still inflating', null, 39, 40, false],
    ['short of what it declared, at its end (truncated)', 'zip_corrupt', 39, 40, true],
    ['one byte past what it declared, while inflating (a bomb)', 'zip_too_large', 41, 40, false],
    ['one byte past what it declared, at its end (a stored entry)', 'zip_too_large', 41, 40, true],
    ['past the cap though within what it declared', 'zip_too_large', 101, 500, false],
  ])('an entry that inflated %s is refused with %s', (_what, problem, inflated, declared, ended) => {
    expect(inflatedEntryProblem(inflated, declared, ended, limits)).toBe(problem);
  });

  test('an entry may inflate to what it declares, never past the cap', () => {
    expect(entryInflateLimit(40, limits)).toBe(40);
    expect(entryInflateLimit(500, limits)).toBe(100);
  });

  test("an entry's name as a source is the zip's, `!`, the entry's", () => {
    expect(zipEntrySourceName('exports/jan.zip', '2022/earnings.csv')).toBe('exports/jan.zip!2022/earnings.csv');
  });
});
