import { afterAll, describe, expect, test } from 'vitest';
import { cp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { tempDirs } from '../../support/temp-dir.js';
import { runCli } from './run.js';

const CORPUS = join(import.meta.dirname, '../../fixtures/bad');
const dirs = tempDirs();
afterAll(() => dirs.cleanup());

interface Expected {
  readonly args: string[];
  readonly exit: number;
  readonly code?: string;
  readonly line?: number;
  readonly column?: number;
}

const cases = (await readdir(CORPUS)).sort();

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) out[name] = await readFile(join(dir, name), 'utf8');
  return out;
}

describe('bad input is rejected with a located error and --out left as it was', () => {
  test.each(cases)('%s', async (name) => {
    const expected = JSON.parse(await readFile(join(CORPUS, name, 'expected.json'), 'utf8')) as Expected;
    const work = await dirs.make();
    await cp(join(CORPUS, name), work, { recursive: true });
    const out = join(work, 'out');
    await mkdir(out);
    // A previous run's report and a file of the user's: neither may change.
    await writeFile(join(out, 'balances.csv'), 'participantId\r\nfrom-the-previous-run\r\n');
    await writeFile(join(out, 'notes.txt'), 'mine');
    const before = await snapshot(out);

    const args = expected.args.map((a) => (a.startsWith('--') ? a : join(work, a)));
    const r = await runCli(['reconcile', ...args, '--as-of', '2022-02-10', '--out', out, '--quiet']);

    expect(r.code).toBe(expected.exit);
    const after = await snapshot(out);
    const { ['input-errors.csv']: errorsCsv, ...rest } = after;
    expect(rest).toEqual(before);
    if (expected.exit !== 65) return;
    expect(errorsCsv).toBeDefined();
    const errors = Papa.parse<Record<string, string>>(errorsCsv!, { header: true, skipEmptyLines: true }).data;
    expect(errors.length).toBeGreaterThan(0);
    const first = errors.find((e) => e.severity === 'error')!;
    expect(first.file).toContain(work);
    if (expected.code) expect(first.code).toBe(expected.code);
    if (expected.line !== undefined) expect(first.line).toBe(String(expected.line));
    if (expected.column !== undefined) expect(first.column).toBe(String(expected.column));
    expect(first.hint).not.toBe('');
    expect(r.stderr).toMatch(/input rejected/);
  });

  test('--skip-bad-rows quarantines unparsable rows verbatim and reconciles the rest', async () => {
    const work = await dirs.make();
    await cp(join(CORPUS, 'month-13'), work, { recursive: true });
    const out = join(work, 'out');
    const r = await runCli(['reconcile', '--earnings', join(work, 'earnings.csv'), '--skip-bad-rows', '--as-of', '2022-02-10', '--out', out, '--quiet']);
    expect(r.code).toBe(1);
    const quarantine = Papa.parse<Record<string, string>>(await readFile(join(out, 'quarantine.csv'), 'utf8'), { header: true }).data;
    expect(quarantine[0]).toMatchObject({ line: '3', codes: 'invalid_date', raw: 'E2,P1,CSP Indirect Reseller,Rebate,600.00,600.00,2021-13-01,USD,T1,Core' });
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summary.counts).toMatchObject({ earningsRowsCounted: 1, quarantinedRows: 1 });
    expect(await readFile(join(out, 'findings.csv'), 'utf8')).toMatch(/rows_quarantined/);
  });

  test('--skip-bad-rows does not hide a file that cannot be read at all', async () => {
    const work = await dirs.make();
    await cp(join(CORPUS, 'missing-required-column'), work, { recursive: true });
    const r = await runCli(['reconcile', '--earnings', join(work, 'earnings.csv'), '--skip-bad-rows', '--as-of', '2022-02-10', '--out', join(work, 'out'), '--quiet']);
    expect(r.code).toBe(65);
  });

  test.each([
    [['reconcile'], /--earnings is required/],
    [['reconcile', '--earnings', 'x.csv', '--as-of', '2022-13-01'], /--as-of/],
    [['reconcile', '--earnings', 'x.csv', '--fail-on', 'sometimes'], /--fail-on/],
    [['reconcile', '--earnings', 'x.csv', '--bogus'], /bogus/],
    [['frobnicate'], /unknown command/],
  ])('usage errors exit 2: %j', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  test('a policy file with a share of 1.5 and an unknown key exits 2 naming each path', async () => {
    const work = await dirs.make();
    await writeFile(join(work, 'e.csv'), 'earningId,participantId,programName,earningType,earningAmount,earningDate,transactionCurrency\nE1,P1,Hosting,Co-op,1,2021-08-01,USD\n');
    await writeFile(join(work, 'p.json'), JSON.stringify({ programs: [{ name: 'Hosting', coopShare: '1.5' }, { name: 'X', colour: 'red' }] }));
    const out = join(work, 'out');
    const r = await runCli(['reconcile', '--earnings', join(work, 'e.csv'), '--programs', join(work, 'p.json'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/programs\[0\]\.coopShare/);
    expect(r.stderr).toMatch(/programs\[1\]\.colour/);
    await expect(readdir(out)).rejects.toThrow();
  });

  test('a policy file that is not JSON names the line and column', async () => {
    const work = await dirs.make();
    await writeFile(join(work, 'e.csv'), 'earningId,participantId,programName,earningType,earningAmount,earningDate,transactionCurrency\nE1,P1,Hosting,Co-op,1,2021-08-01,USD\n');
    await writeFile(join(work, 'p.json'), '{\n  "programs": [\n    { "name": "Hosting", }\n  ]\n}\n');
    const r = await runCli(['reconcile', '--earnings', join(work, 'e.csv'), '--programs', join(work, 'p.json'), '--out', join(work, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 3, column \d+/);
  });
});
