import { describe, expect, test } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { expandInputs } from '../../../batch/input/expand-inputs.js';
import { ZIP_LIMITS } from '../../../core/tables/zip-entries.js';
import { readCsvRecords } from '../../../batch/input/csv-records.js';
import type { InputIssue } from '../../../batch/input/input-issue.js';
import type { InputSource } from '../../../batch/input/input-source.js';
import { collectRecords, located, makeZip, withTempDir, writeFiles } from './helpers.js';

const CSV_A = 'id,amount\nA1,1\nA2,2\n';
const CSV_B = 'id\tamount\nB1\t3\n';

async function idsOf(sources: readonly InputSource[]): Promise<string[]> {
  const ids: string[] = [];
  for (const s of sources) {
    const r = await collectRecords(s, { required: ['id', 'amount'] });
    expect(r.issues).toEqual([]);
    ids.push(...r.rows.map((row) => row.record['id']!));
  }
  return ids;
}

function codes(issues: readonly InputIssue[]): string[] {
  return issues.map((i) => i.code);
}

describe('files and folders', () => {
  test('a CSV file is one source named by its path', async () => {
    await withTempDir(async (dir) => {
      await writeFiles(dir, { 'jan.csv': CSV_A });
      const { sources, issues } = await expandInputs([join(dir, 'jan.csv')]);
      expect(issues).toEqual([]);
      expect(sources.map((s) => s.name)).toEqual([join(dir, 'jan.csv')]);
      expect(sources[0]!.size).toBe(CSV_A.length);
      expect(await idsOf(sources)).toEqual(['A1', 'A2']);
    });
  });

  test('a folder gives its CSV, TSV and zip files sorted by name; other files are warned about, and only what the system put there passes in silence', async () => {
    await withTempDir(async (dir) => {
      await writeFiles(dir, {
        'b-feb.tsv': CSV_B,
        'a-jan.csv': CSV_A,
        'c-mar.zip': makeZip([{ name: 'inner.csv', data: 'id,amount\nC1,4\n' }]),
        'README.txt': 'notes',
        '.DS_Store': 'x',
        'Thumbs.db': 'x',
        '._a-jan.csv': 'x',
        // A hidden export is an export, as it is in a zip and in the pane: never dropped unseen.
        '.d-apr.csv': 'id,amount\nD1,5\n',
        '.b-feb.tsv.swp': 'x',
      });
      await mkdir(join(dir, 'old'));
      const { sources, issues } = await expandInputs([dir]);
      expect(sources.map((s) => s.name)).toEqual([join(dir, '.d-apr.csv'), join(dir, 'a-jan.csv'), join(dir, 'b-feb.tsv'), `${join(dir, 'c-mar.zip')}!inner.csv`]);
      expect(issues.map((i) => [i.code, i.severity, i.file])).toEqual([
        ['unsupported_file', 'warning', join(dir, '.b-feb.tsv.swp')],
        ['unsupported_file', 'warning', join(dir, 'README.txt')],
        ['unsupported_file', 'warning', join(dir, 'old')],
      ]);
      expect(await idsOf(sources)).toEqual(['D1', 'A1', 'A2', 'B1', 'C1']);
    });
  });

  test('a missing path is file_not_found and an empty folder is an error too', async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, 'empty'));
      const { sources, issues } = await expandInputs([join(dir, 'nope.csv'), join(dir, 'empty')]);
      expect(sources).toEqual([]);
      expect(issues.map((i) => [i.code, i.severity])).toEqual([
        ['file_not_found', 'error'],
        ['file_not_found', 'error'],
      ]);
    });
  });

  test('a workbook given as earnings is unsupported_file', async () => {
    await withTempDir(async (dir) => {
      await writeFiles(dir, { 'book.xlsx': makeZip([{ name: 'xl/workbook.xml', data: '<x/>' }]) });
      const { issues } = await expandInputs([join(dir, 'book.xlsx')]);
      expect(codes(issues)).toEqual(['unsupported_file']);
    });
  });

  test('a file that disappears before it is read is file_not_found from the reader', async () => {
    await withTempDir(async (dir) => {
      await writeFiles(dir, { 'gone.csv': CSV_A });
      const { sources } = await expandInputs([join(dir, 'gone.csv')]);
      const { rm } = await import('node:fs/promises');
      await rm(join(dir, 'gone.csv'));
      const r = await collectRecords(sources[0]!, { required: ['id'] });
      expect(codes(r.issues)).toEqual(['file_not_found']);
    });
  });
});

describe('zips', () => {
  test('a zip with two CSVs gives two sources named zip!entry, read in name order', async () => {
    await withTempDir(async (dir) => {
      const zip = join(dir, 'exports.zip');
      await writeFiles(dir, {
        'exports.zip': makeZip([
          { name: 'Earnings_2021-02.tsv', data: CSV_B, method: 'store' },
          { name: 'Earnings_2021-01.csv', data: CSV_A },
          { name: 'folder/', data: '' },
        ]),
      });
      const { sources, issues } = await expandInputs([zip]);
      expect(issues).toEqual([]);
      expect(sources.map((s) => [s.name, s.path, s.entry])).toEqual([
        [`${zip}!Earnings_2021-01.csv`, zip, 'Earnings_2021-01.csv'],
        [`${zip}!Earnings_2021-02.tsv`, zip, 'Earnings_2021-02.tsv'],
      ]);
      expect(await idsOf(sources)).toEqual(['A1', 'A2', 'B1']);
      // Sources open afresh each time.
      expect(await idsOf(sources)).toEqual(['A1', 'A2', 'B1']);
    });
  });

  test('a zip written by a real zip library (data descriptors, directories) reads the same', async () => {
    await withTempDir(async (dir) => {
      const jszip = new JSZip();
      jszip.file('2021/Earnings_2021-01.csv', CSV_A);
      jszip.file('2021/Earnings_2021-02.tsv', CSV_B);
      const bytes = await jszip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', streamFiles: true });
      await writeFiles(dir, { 'pc.zip': bytes });
      const { sources, issues } = await expandInputs([join(dir, 'pc.zip')]);
      expect(issues).toEqual([]);
      expect(sources.map((s) => s.entry)).toEqual(['2021/Earnings_2021-01.csv', '2021/Earnings_2021-02.tsv']);
      expect(await idsOf(sources)).toEqual(['A1', 'A2', 'B1']);
    });
  });

  test.each([
    ['../evil.csv', 'parent'],
    ['a/../../evil.csv', 'parent'],
    ['/etc/evil.csv', 'absolute'],
    ['C:/evil.csv', 'absolute'],
    ['..\\evil.csv', 'parent'],
  ])('the entry %s is refused as zip_unsafe_path, and with it the zip whole', async (name, reason) => {
    await withTempDir(async (dir) => {
      await writeFiles(dir, { 'slip.zip': makeZip([{ name, data: CSV_A }, { name: 'ok.csv', data: CSV_A }]) });
      const { sources, issues } = await expandInputs([join(dir, 'slip.zip')]);
      expect(issues.map((i) => [i.code, i.severity, i.params?.['reason']])).toEqual([['zip_unsafe_path', 'error', reason]]);
      expect(sources.map((s) => s.entry)).toEqual([]);
    });
  });

  test('a nested zip is an error, which refuses the zip whole, and a non-CSV entry a warning; neither is guessed at', async () => {
    await withTempDir(async (dir) => {
      const inner = makeZip([{ name: 'x.csv', data: CSV_A }]);
      await writeFiles(dir, {
        'outer.zip': makeZip([
          { name: 'inner.zip', data: inner },
          { name: 'readme.pdf', data: '%PDF' },
          { name: '__MACOSX/._a.csv', data: 'junk' },
          { name: 'a.csv', data: CSV_A },
        ]),
      });
      const { sources, issues } = await expandInputs([join(dir, 'outer.zip')]);
      expect(issues.map((i) => [i.code, i.severity, i.file])).toEqual([
        ['zip_nested', 'error', `${join(dir, 'outer.zip')}!inner.zip`],
        ['zip_entry_not_csv', 'warning', `${join(dir, 'outer.zip')}!readme.pdf`],
      ]);
      expect(sources.map((s) => s.entry)).toEqual([]);
    });
  });

  test('a zip whose headers declare more than the cap is zip_too_large before anything is inflated', async () => {
    await withTempDir(async (dir) => {
      await writeFiles(dir, { 'big.zip': makeZip([{ name: 'a.csv', data: Buffer.alloc(5000, 0x61) }, { name: 'b.csv', data: Buffer.alloc(5000, 0x61) }]) });
      const { sources, issues } = await expandInputs([join(dir, 'big.zip')], { zipLimits: { ...ZIP_LIMITS, maxTotalBytes: 8000 } });
      expect(sources).toEqual([]);
      expect(codes(issues)).toEqual(['zip_too_large']);
    });
  });

  test('a zip bomb that understates its size stops at the declared size with zip_too_large, in bounded memory', async () => {
    await withTempDir(async (dir) => {
      // 64 MiB of one byte deflates to about 64 KiB; the headers claim 1,000 bytes.
      const body = Buffer.alloc(64 * 1024 * 1024, 0x61);
      body.write('id,amount\n', 0);
      await writeFiles(dir, { 'bomb.zip': makeZip([{ name: 'bomb.csv', data: body, declaredSize: 1000 }]) });
      const { sources, issues } = await expandInputs([join(dir, 'bomb.zip')]);
      expect(issues).toEqual([]);
      let inflated = 0;
      const stream = await sources[0]!.open();
      const error = await new Promise<unknown>((resolve) => {
        stream.on('data', (chunk: Buffer) => (inflated += chunk.length));
        stream.on('error', resolve);
        stream.on('end', () => resolve(null));
      });
      expect(error).toMatchObject({ issue: { code: 'zip_too_large' } });
      expect(inflated).toBeLessThanOrEqual(1000);
      const r = await collectRecords(sources[0]!, { required: ['id', 'amount'] });
      expect(codes(r.issues)).toEqual(['zip_too_large']);
      expect(r.issues[0]!.file).toBe(`${join(dir, 'bomb.zip')}!bomb.csv`);
    });
  });

  test('an entry that ends before its declared size is zip_corrupt', async () => {
    await withTempDir(async (dir) => {
      await writeFiles(dir, { 'short.zip': makeZip([{ name: 'a.csv', data: CSV_A, declaredSize: CSV_A.length + 10 }]) });
      const { sources } = await expandInputs([join(dir, 'short.zip')]);
      const r = await collectRecords(sources[0]!, { required: ['id', 'amount'] });
      expect(codes(r.issues)).toEqual(['zip_corrupt']);
    });
  });

  test('more entries than the cap is zip_too_many_entries', async () => {
    await withTempDir(async (dir) => {
      await writeFiles(dir, { 'many.zip': makeZip(['a', 'b', 'c'].map((n) => ({ name: `${n}.csv`, data: CSV_A }))) });
      const { sources, issues } = await expandInputs([join(dir, 'many.zip')], { zipLimits: { ...ZIP_LIMITS, maxEntries: 2 } });
      expect(sources).toEqual([]);
      expect(issues.map((i) => [i.code, i.params?.['entries']])).toEqual([['zip_too_many_entries', '3']]);
    });
  });

  test.each([
    ['a 0-byte zip', Buffer.alloc(0)],
    ['a text file named .zip', Buffer.from('id,amount\nA,1\n')],
    ['a truncated zip', makeZip([{ name: 'a.csv', data: CSV_A }]).subarray(0, 40)],
  ])('%s is a located zip_corrupt error', async (_name, bytes) => {
    await withTempDir(async (dir) => {
      await writeFiles(dir, { 'bad.zip': bytes });
      const { sources, issues } = await expandInputs([join(dir, 'bad.zip')]);
      expect(sources).toEqual([]);
      expect(located(issues)).toEqual([{ code: 'zip_corrupt', severity: 'error' }]);
      expect(issues[0]!.file).toBe(join(dir, 'bad.zip'));
    });
  });

  test('corrupt deflate data inside an entry is zip_corrupt from the reader', async () => {
    await withTempDir(async (dir) => {
      const zip = makeZip([{ name: 'a.csv', data: 'id,amount\n' + 'A,1\n'.repeat(1000) }]);
      // Scribble over the compressed body, leaving the headers intact.
      zip.fill(0xff, 30 + 'a.csv'.length + 2, 30 + 'a.csv'.length + 12);
      await writeFiles(dir, { 'broken.zip': zip });
      const { sources } = await expandInputs([join(dir, 'broken.zip')]);
      const seen: InputIssue[] = [];
      await readCsvRecords(sources[0]!, { required: ['id'], onRecord: () => undefined, onIssue: (i) => void seen.push(i) });
      expect(codes(seen)).toEqual(['zip_corrupt']);
    });
  });
});
