import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import yauzl from 'yauzl';
import { readZipDirectory } from '../../addin/import/zip-directory.js';
import { makeZip } from '../support/make-zip.js';

/*
 * The add-in's own reader of a zip's directory is held to yauzl, which the batch job reads zips
 * with: for any archive, ZIP64 or not, whole or damaged, both find the same entries with the same
 * sizes and offsets, or both call it damaged (docs/RULES.md, "Zips").
 */

interface Listed {
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

/** yauzl's listing with the batch job's options, or 'damaged' where it gives an error. */
async function yauzlListing(zip: Buffer): Promise<Listed[] | 'damaged'> {
  try {
    const file = await yauzl.fromBufferPromise(zip, { lazyEntries: true, decodeStrings: false, validateEntrySizes: false });
    const out: Listed[] = [];
    for await (const e of file.eachEntry()) {
      out.push({ method: e.compressionMethod, flags: e.generalPurposeBitFlag, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize, localHeaderOffset: e.relativeOffsetOfLocalHeader });
    }
    return out;
  } catch {
    return 'damaged';
  }
}

function addinListing(zip: Buffer): Listed[] | 'damaged' {
  try {
    return [...readZipDirectory(new Uint8Array(zip)).entries()].map(({ method, flags, compressedSize, uncompressedSize, localHeaderOffset }) => ({ method, flags, compressedSize, uncompressedSize, localHeaderOffset }));
  } catch {
    return 'damaged';
  }
}

const entry = fc.record({
  name: fc.constantFrom('a.csv', 'b/c.tsv', 'notes.txt', 'x.zip'),
  data: fc.string({ maxLength: 40 }),
  method: fc.constantFrom<'store' | 'deflate'>('store', 'deflate'),
  declaredSize: fc.option(fc.oneof(fc.nat({ max: 100 }), fc.constant(5 * 1024 ** 3), fc.constant(0xffffffff)), { nil: undefined }),
});

/** What is done to the archive: nothing, cut at the end, a byte changed near its end (where the directory and ZIP64 records are), or bytes added. */
const damage = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('cut' as const), bytes: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ kind: fc.constant('flip' as const), fromEnd: fc.integer({ min: 1, max: 160 }), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('extra' as const), size: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant('append' as const), bytes: fc.integer({ min: 1, max: 4 }) }),
);

describe('the add-in lists a zip as yauzl does', () => {
  test('any archive, ZIP64 or not, whole or damaged: the same entries, sizes and offsets, or damaged in both', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 3 }), fc.boolean(), fc.option(fc.integer({ min: 0, max: 24 }), { nil: undefined }), damage, async (entries, zip64, zip64FieldBytes, hurt) => {
        // A size past 32 bits can only be written in a ZIP64 field.
        const written = zip64 ? entries : entries.map((e) => (e.declaredSize !== undefined && e.declaredSize > 0xffffffff ? { ...e, declaredSize: 0xffffffff } : e));
        let zip = makeZip(written, { zip64, ...(zip64FieldBytes === undefined ? {} : { zip64FieldBytes }) });
        if (hurt.kind === 'cut') zip = zip.subarray(0, Math.max(0, zip.length - hurt.bytes));
        if (hurt.kind === 'flip' && hurt.fromEnd <= zip.length) zip[zip.length - hurt.fromEnd] = hurt.value;
        // The data size of the first entry's first extra field in the directory, which may then run past the extra data.
        const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
        if (hurt.kind === 'extra' && central >= 0 && zip.readUInt16LE(central + 30) >= 4) zip.writeUInt16LE(hurt.size, central + 46 + zip.readUInt16LE(central + 28) + 2);
        if (hurt.kind === 'append') zip = Buffer.concat([zip, Buffer.alloc(hurt.bytes)]);
        expect(addinListing(zip)).toEqual(await yauzlListing(zip));
      }),
      { numRuns: 500 },
    );
  });

  test('a ZIP64 entry is listed with the sizes of its ZIP64 field, not the 0xFFFFFFFF of its header', () => {
    const zip = makeZip([{ name: 'a.csv', data: 'x'.repeat(10), method: 'store' }, { name: 'b.csv', data: 'y', declaredSize: 5 * 1024 ** 3 }], { zip64: true });
    const listed = addinListing(zip);
    expect(listed).not.toBe('damaged');
    expect((listed as Listed[]).map((e) => e.uncompressedSize)).toEqual([10, 5 * 1024 ** 3]);
    expect((listed as Listed[]).map((e) => e.compressedSize)[0]).toBe(10);
  });
});
