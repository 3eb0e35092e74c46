import { afterAll, describe, expect, test } from 'vitest';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { tempDirs } from '../../support/temp-dir.js';
import { dumpXlsx } from '../../support/xlsx-dump.js';
import { runCli } from './run.js';

// Golden files for the main job on the bundled sample data. samples/README.md is the human
// oracle for these numbers; the goldens pin every byte. After an intended change, regenerate with
//   UPDATE_GOLDEN=1 npx vitest run test/batch/reconcile/golden.test.ts
// and review the diff.
const ROOT = join(import.meta.dirname, '../../..');
const GOLDEN = join(ROOT, 'test/golden/sample');
const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const ARGS = [
  'reconcile',
  '--earnings', 'samples/earnings',
  '--payments', 'samples/payments.csv',
  '--claims', 'samples/claims.csv',
  '--programs', 'samples/programs.json',
  '--as-of', '2022-02-10',
  '--quiet',
];

async function runSample(): Promise<{ code: number; out: string }> {
  const out = await dirs.make();
  // The reports name inputs as given, relative to the repository, where vitest runs.
  expect(process.cwd()).toBe(ROOT);
  const r = await runCli([...ARGS, '--out', relative(ROOT, join(out, 'reports'))]);
  return { code: r.code, out: join(out, 'reports') };
}

describe('the main job on the bundled samples', () => {
  test('writes byte-for-byte the golden CSVs, summary and XLSX cells', async () => {
    const { code, out } = await runSample();
    expect(code).toBe(1);
    const files = (await readdir(out)).sort();
    expect(files).toEqual([
      'balances.csv',
      'changes.csv',
      'claims.csv',
      'findings.csv',
      'journal-delta.csv',
      'journal.csv',
      'reconciliation.xlsx',
      'report.html',
      'summary.json',
    ]);
    const actual: Record<string, string> = {};
    for (const f of files.filter((f) => !f.endsWith('.xlsx'))) actual[f] = await readFile(join(out, f), 'utf8');
    actual['reconciliation.xlsx.txt'] = await dumpXlsx(join(out, 'reconciliation.xlsx'));
    if (process.env.UPDATE_GOLDEN) {
      await mkdir(GOLDEN, { recursive: true });
      for (const [f, text] of Object.entries(actual)) await writeFile(join(GOLDEN, f), text);
    }
    for (const [f, text] of Object.entries(actual)) expect(text, f).toBe(await readFile(join(GOLDEN, f), 'utf8'));
  });

  test('the same inputs twice give byte-identical files, XLSX included', async () => {
    const a = await runSample();
    await new Promise((r) => setTimeout(r, 1100)); // a second later: no wall-clock time may leak in
    const b = await runSample();
    for (const f of await readdir(a.out)) {
      expect((await readFile(join(b.out, f))).equals(await readFile(join(a.out, f))), f).toBe(true);
    }
  });
});
