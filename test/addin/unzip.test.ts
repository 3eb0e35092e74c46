import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { unzipExports } from '../../addin/import/unzip.js';
import { readExportFile } from '../../addin/import/read-export-file.js';
import { makeZip } from '../support/make-zip.js';
import { ZIP_LIMITS } from '../../core/tables/zip-entries.js';

const sample = (f: string) => readFileSync(`samples/earnings/${f}`);

describe('zipped exports', () => {
  test('every CSV/TSV entry of a zipped export is read, stored or deflated', async () => {
    const files = readdirSync('samples/earnings').sort();
    const zip = makeZip(files.map((f, i) => ({ name: `2022/${f}`, data: sample(f), method: i === 0 ? 'store' : 'deflate' })));
    const blob = Object.assign(new Blob([new Uint8Array(zip)]), { name: 'export.zip' });
    const result = await readExportFile(blob);
    expect(result.skipped).toEqual([]);
    expect(result.parsed.map((p) => [p.file, p.rows.length])).toEqual([
      ['export.zip!2022/earnings_2020-07_2021-06.csv', 30],
      ['export.zip!2022/earnings_2021-01_2021-06_paid.csv', 12],
      ['export.zip!2022/earnings_2021-07_2021-11.tsv', 15],
      ['export.zip!2022/earnings_2021-11_2022-02.csv', 16],
    ]);
  });

  test.each([
    ['../../evil.csv', 'zip_unsafe_path', 'error'],
    ['/etc/evil.csv', 'zip_unsafe_path', 'error'],
    ['C:\\evil.csv', 'zip_unsafe_path', 'error'],
    ['inner.zip', 'zip_nested', 'error'],
    ['readme.pdf', 'zip_entry_not_csv', 'warning'],
  ])('an entry named %s is reported as %s (%s, as core says); an error refuses the zip whole, a warning only the entry', async (name, code, severity) => {
    const result = await unzipExports(makeZip([{ name, data: 'earningId\n1\n' }, { name: 'ok.csv', data: 'earningId\n1\n' }]));
    // Named with `/` for `\`, as the batch job's yauzl names it (core's zipEntryName).
    expect(result.problems).toEqual([{ entry: name.replaceAll('\\', '/'), code, severity }]);
    // An error refuses the zip whole (core's zipRefusedWhole): the good entry is not imported on its own.
    expect(result.entries.map((e) => e.name)).toEqual(severity === 'error' ? [] : ['ok.csv']);
  });

  test('a bomb that lies about its size stops at the declared size, in bounded memory', async () => {
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const result = await unzipExports(makeZip([{ name: 'bomb.csv', data: zeros, declaredSize: 1000 }]));
    expect(result.problems).toEqual([{ entry: 'bomb.csv', code: 'zip_too_large', severity: 'error', inflatedPast: { reason: 'inflates_past_declared_size', maxBytes: 1000 } }]);
    expect(result.entries).toEqual([]);
  });

  test('an archive whose declared sizes exceed the cap is refused before inflating', async () => {
    const result = await unzipExports(makeZip([{ name: 'a.csv', data: 'x'.repeat(2000) }]), { maxEntries: 10, maxTotalBytes: 1000 });
    expect(result.problems.map((p) => p.code)).toEqual(['zip_too_large']);
  });

  test('too many entries, or bytes that are not a zip, are refused', async () => {
    const many = makeZip(Array.from({ length: 5 }, (_, i) => ({ name: `${i}.csv`, data: 'a' })));
    expect((await unzipExports(many, { maxEntries: 4, maxTotalBytes: 1e6 })).problems.map((p) => p.code)).toEqual(['zip_too_many_entries']);
    expect((await unzipExports(new Uint8Array(100))).problems.map((p) => p.code)).toEqual(['zip_corrupt']);
    const damaged = makeZip([{ name: 'a.csv', data: 'earningId\n'.repeat(100) }]);
    damaged.fill(0xff, 30 + 5, 30 + 25);
    expect((await unzipExports(damaged)).problems.map((p) => p.code)).toEqual(['zip_corrupt']);
  });

  test("without limits passed in, core's are used: more entries than the add-in once allowed are read", async () => {
    // 1,001 entries: past the add-in's former cap of 1,000, well inside core's ZIP_LIMITS.
    const entries = Array.from({ length: 1_001 }, (_, i) => ({ name: `m${String(i).padStart(4, '0')}.csv`, data: 'earningId\nE1\n', method: 'store' as const }));
    expect(ZIP_LIMITS.maxEntries).toBeGreaterThan(entries.length);
    const result = await unzipExports(makeZip(entries));
    expect(result.problems).toEqual([]);
    expect(result.entries).toHaveLength(1_001);
  });
});
