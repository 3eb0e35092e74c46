import { afterAll, describe, expect, test } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { tempDirs } from '../../support/temp-dir.js';
import { runCli } from '../reconcile/run.js';
import { formatCell } from '../../../batch/output/format-cell.js';
import { csvLine } from '../../../batch/output/csv-writer.js';
import { Dec } from '../../../core/money/decimal.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const SAMPLE = ['reconcile', '--earnings', 'samples/earnings', '--payments', 'samples/payments.csv', '--claims', 'samples/claims.csv', '--programs', 'samples/programs.json', '--as-of', '2022-02-10', '--quiet'];

async function sampleRun(...more: string[]): Promise<string> {
  const out = join(await dirs.make(), 'reports');
  await runCli([...SAMPLE, '--out', out, ...more]);
  return out;
}

async function csvFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith('.csv')).sort();
}

describe('--csv-dialect excel-eu', () => {
  test('every CSV has a UTF-8 BOM, ";" separators, decimal commas and ISO dates, and reads back to the same figures', async () => {
    const plain = await sampleRun();
    const eu = await sampleRun('--csv-dialect', 'excel-eu');
    expect(await csvFiles(eu)).toEqual(await csvFiles(plain));
    expect((await csvFiles(eu)).length).toBeGreaterThanOrEqual(6);
    for (const name of await csvFiles(eu)) {
      const bytes = await readFile(join(eu, name));
      expect([...bytes.subarray(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
      const euRows = Papa.parse<Record<string, string>>(bytes.toString('utf8').slice(1), { header: true, skipEmptyLines: true, delimiter: ';' });
      const rows = Papa.parse<Record<string, string>>(await readFile(join(plain, name), 'utf8'), { header: true, skipEmptyLines: true, delimiter: ',' });
      expect(euRows.errors, name).toEqual([]);
      expect(euRows.meta.fields, name).toEqual(rows.meta.fields);
      // The same cells, but for the decimal mark of numbers.
      const asPlain = euRows.data.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, /^-?\d+,\d+$/.test(v) ? v.replace(',', '.') : v])));
      expect(asPlain, name).toEqual(rows.data);
    }
    const balances = Papa.parse<Record<string, string>>((await readFile(join(eu, 'balances.csv'), 'utf8')).slice(1), { header: true, delimiter: ';' }).data;
    expect(balances[0]).toMatchObject({ coopEarned: '6000,00', usageStart: '2021-01-01' });
  });

  test('the default is unchanged: RFC 4180 with "," separators, "." decimals and no BOM', async () => {
    const plain = await sampleRun();
    for (const name of await csvFiles(plain)) {
      const bytes = await readFile(join(plain, name));
      expect(bytes[0], name).not.toBe(0xef);
    }
    const balances = await readFile(join(plain, 'balances.csv'), 'utf8');
    expect(balances.split('\r\n')[1]).toMatch(/,6000\.00,6780\.00,/);
  });

  test('a field holding the separator is quoted; a comma is plain text under ";"', () => {
    expect(csvLine(['a;b', 'c,d', '1,50'], ';')).toBe('"a;b";c,d;1,50\r\n');
    expect(csvLine(['a;b', 'c,d'], ',')).toBe('a;b,"c,d"\r\n');
    expect(formatCell({ name: 'x', kind: 'amount' }, new Dec('-1234.5'), 'EUR', ',')).toBe('-1234,50');
    expect(formatCell({ name: 'x', kind: 'amount' }, new Dec('1234.5'), 'JPY', ',')).toBe('1235');
    expect(formatCell({ name: 'x', kind: 'date' }, '2021-07-01', null, ',')).toBe('2021-07-01');
  });

  test('an unknown dialect is a usage error', async () => {
    const r = await runCli([...SAMPLE, '--out', join(await dirs.make(), 'r'), '--csv-dialect', 'excel-us']);
    expect(r.code).toBe(2);
  });
});
