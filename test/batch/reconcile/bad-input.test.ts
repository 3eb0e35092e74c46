import { afterAll, describe, expect, test } from 'vitest';
import { cp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tempDirs } from '../../support/temp-dir.js';
import { makeZip } from '../input/helpers.js';
import { runCli } from './run.js';

const CORPUS = join(import.meta.dirname, '../../fixtures/bad');
const dirs = tempDirs();
afterAll(() => dirs.cleanup());

interface Expected {
  readonly args: string[];
  readonly exit: number;
  /** The first error's code (exit 65), or a finding's code (exit 0/1). */
  readonly code?: string;
  readonly line?: number;
  readonly column?: number;
  /** The header of the offending column, where only its name is known (claims register cells). */
  readonly columnName?: string;
  /** The file the error names, relative to the case folder. */
  readonly file?: string;
  /** A pattern stderr must show (usage and policy errors, exit 2). */
  readonly message?: string;
  /** Inputs too big or too binary to commit are built by the test. */
  readonly make?: keyof typeof MAKERS;
}

const HEADER = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,transactionId,lever';
const GOOD = 'E1,P1,CSP Indirect Reseller,Co-op,20000.00,20000.00,2021-08-01,USD,T1,Core';
const csv = `${HEADER}\n${GOOD}\n`;

const MAKERS = {
  'zip-slip': (dir: string) => writeFile(join(dir, 'earnings.zip'), makeZip([{ name: 'ok.csv', data: csv }, { name: '../../evil.csv', data: csv }])),
  'zip-nested': (dir: string) => writeFile(join(dir, 'earnings.zip'), makeZip([{ name: 'inner.zip', data: makeZip([{ name: 'a.csv', data: csv }]) }])),
  'zip-non-csv': (dir: string) => writeFile(join(dir, 'earnings.zip'), makeZip([{ name: 'a.csv', data: csv }, { name: 'notes.xlsx', data: 'PK' }])),
  // 64 MB of zeros that claims to be 1 KB: must stop at the claim, not inflate it all.
  'zip-bomb': (dir: string) => writeFile(join(dir, 'earnings.zip'), makeZip([{ name: 'a.csv', data: Buffer.concat([Buffer.from(csv), Buffer.alloc(64 * 1024 * 1024, 0x30)]), declaredSize: 1024 }])),
  // A 200 MB quoted field, streamed to disk.
  'huge-field': async (dir: string) => {
    const out = createWriteStream(join(dir, 'earnings.csv'));
    out.write(`${HEADER}\nE1,P1,"`);
    const block = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 200; i++) if (!out.write(block)) await once(out, 'drain');
    out.end(`",Co-op,1,1,2021-08-01,USD,T1,Core\n`);
    await once(out, 'finish');
  },
} satisfies Record<string, (dir: string) => Promise<void>>;

const cases = (await readdir(CORPUS)).sort();

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) out[name] = await readFile(join(dir, name), 'utf8');
  return out;
}

describe('bad input is rejected with a located error and --out left as it was', () => {
  test('the corpus has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  test.each(cases)('%s', async (name) => {
    const expected = JSON.parse(await readFile(join(CORPUS, name, 'expected.json'), 'utf8')) as Expected;
    const work = await dirs.make();
    await cp(join(CORPUS, name), work, { recursive: true });
    if (expected.make) await MAKERS[expected.make](work);
    const out = join(work, 'out');
    await mkdir(out);
    // A previous run's report and a file of the user's: neither may change.
    await writeFile(join(out, 'balances.csv'), 'participantId\r\nfrom-the-previous-run\r\n');
    await writeFile(join(out, 'notes.txt'), 'mine');
    const before = await snapshot(out);

    const FILE_FLAGS = ['--earnings', '--claims', '--programs', '--payments'];
    const args = expected.args.map((a, i) => (FILE_FLAGS.includes(expected.args[i - 1] ?? '') ? join(work, a) : a));
    const r = await runCli(['reconcile', ...args, '--as-of', '2022-02-10', '--out', out, '--quiet']);

    expect(r.code).toBe(expected.exit);
    const after = await snapshot(out);
    const { ['input-errors.csv']: errorsCsv, ...rest } = after;
    if (expected.message) expect(r.stderr).toMatch(new RegExp(expected.message));
    if (expected.exit !== 65) {
      if (expected.exit === 2) expect(after).toEqual(before);
      if (expected.code) {
        const findings = Papa.parse<Record<string, string>>(await readFile(join(out, 'findings.csv'), 'utf8'), { header: true }).data;
        const f = findings.find((x) => x.code === expected.code);
        expect(f, `finding ${expected.code}`).toBeDefined();
        if (expected.line !== undefined) expect(f!.line).toBe(String(expected.line));
        if (expected.file) expect(f!.file).toBe(join(work, expected.file));
      }
      return;
    }
    expect(rest).toEqual(before);
    expect(errorsCsv).toBeDefined();
    const errors = Papa.parse<Record<string, string>>(errorsCsv!, { header: true, skipEmptyLines: true }).data;
    expect(errors.length).toBeGreaterThan(0);
    const first = errors.find((e) => e.severity === 'error')!;
    expect(first.file).toContain(work);
    if (expected.file) expect(first.file).toBe(join(work, expected.file));
    if (expected.code) expect(first.code).toBe(expected.code);
    if (expected.line !== undefined) expect(first.line).toBe(String(expected.line));
    if (expected.column !== undefined) expect(first.column).toBe(String(expected.column));
    if (expected.columnName !== undefined) expect(first.columnName).toBe(expected.columnName);
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

  test('--skip-bad-rows quarantines a row whose bad quote is lines below its start, past a cell of two lines', async () => {
    const work = await dirs.make();
    const header = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency';
    // Row E2 starts on line 3; its participant spans two lines, and a quote in its currency is followed by text on line 4.
    const text = [header, 'E1,P1,CSP Indirect Reseller,Co-op,400.00,400.00,2021-08-01,USD', 'E2,"P\n1",CSP Indirect Reseller,Co-op,1.00,1.00,2021-08-01,"US"D"', 'E3,P1,CSP Indirect Reseller,Co-op,5.00,5.00,2021-08-01,USD', ''].join('\n');
    await writeFile(join(work, 'earnings.csv'), text);
    const out = join(work, 'out');
    const r = await runCli(['reconcile', '--earnings', join(work, 'earnings.csv'), '--skip-bad-rows', '--as-of', '2022-02-10', '--out', out, '--quiet']);
    expect(r.code).toBe(1);
    const quarantine = Papa.parse<Record<string, string>>(await readFile(join(out, 'quarantine.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(quarantine.map((q) => [q.line, q.codes])).toEqual([['3', 'malformed_csv']]);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summary.counts).toMatchObject({ earningsRowsCounted: 2, quarantinedRows: 1 });
    // Without it the run is rejected, and the problem is named on the quote's line.
    const rejected = await runCli(['reconcile', '--earnings', join(work, 'earnings.csv'), '--as-of', '2022-02-10', '--out', join(work, 'out2'), '--quiet']);
    expect(rejected.code).toBe(65);
    const errors = Papa.parse<Record<string, string>>(await readFile(join(work, 'out2', 'input-errors.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(errors.map((e) => [e.code, e.line])).toEqual([['malformed_csv', '4']]);
  });

  test('--skip-bad-rows quarantines a claim whose status is no Partner Center status, a row error by core\'s rule, and reconciles the rest', async () => {
    const work = await dirs.make();
    const lines = (await readFile('samples/claims.csv', 'utf8')).split(/\r?\n/).filter((l) => l !== '');
    lines[2] = lines[2]!.replace(',Approved,', ',Bogus,');
    await writeFile(join(work, 'claims.csv'), lines.join('\n') + '\n');
    const args = ['reconcile', '--earnings', 'samples/earnings', '--claims', join(work, 'claims.csv'), '--as-of', '2022-02-10', '--quiet'];
    const rejected = await runCli([...args, '--out', join(work, 'rejected')]);
    expect(rejected.code).toBe(65);
    const r = await runCli([...args, '--skip-bad-rows', '--out', join(work, 'out')]);
    expect(r.code).toBe(1);
    const quarantine = Papa.parse<Record<string, string>>(await readFile(join(work, 'out', 'quarantine.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(quarantine.map((q) => [q.line, q.codes])).toEqual([['3', 'invalid_claim_status']]);
    const summary = JSON.parse(await readFile(join(work, 'out', 'summary.json'), 'utf8'));
    expect(summary.counts).toMatchObject({ quarantinedRows: 1 });
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
    [['reconcile', '--earnings', 'x.csv', '--fiscal-year-start', '13'], /--fiscal-year-start/],
    [['reconcile', '--earnings', 'x.csv', '--fiscal-year-start', '7abc'], /--fiscal-year-start/],
    [['reconcile', '--earnings', 'x.csv', '--as-of', '02/10/2022'], /--as-of must be a yyyy-MM-dd date, not "02\/10\/2022"/],
    [['reconcile', '--earnings', 'x.csv', '--expiry-days', '30,sixty'], /--expiry-days must be whole days/],
    [['reconcile', '--earnings', 'x.csv', '--expiry-days', '400'], /--expiry-days/],
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

describe('an --accounts mapping', () => {
  const earnings = 'earningId,participantId,programName,earningType,earningAmount,earningDate,transactionCurrency\nE1,P1,Hosting,Co-op,100,2021-08-01,USD\n';

  test('saved by Notepad with a byte-order mark, its names are read, trimmed, and appear in the journal', async () => {
    const work = await dirs.make();
    await writeFile(join(work, 'e.csv'), earnings);
    await writeFile(join(work, 'a.json'), '\uFEFF' + JSON.stringify({ coopFunds: '  1410 Co-op receivable ' }));
    const out = join(work, 'out');
    const r = await runCli(['reconcile', '--earnings', join(work, 'e.csv'), '--accounts', join(work, 'a.json'), '--out', out, '--as-of', '2021-09-01', '--quiet']);
    expect(r.code).toBeLessThan(2);
    const journal = await readFile(join(out, 'journal.csv'), 'utf8');
    expect(journal).toContain(',1410 Co-op receivable,');
    expect(journal).not.toContain('Co-op funds receivable');
  });

  test('an unknown key, a blank name and a number exit 2 naming each key; nothing is written', async () => {
    const work = await dirs.make();
    await writeFile(join(work, 'e.csv'), earnings);
    await writeFile(join(work, 'a.json'), JSON.stringify({ csh: 'Bank', coopIncome: ' ', cash: 1010, toString: 'x' }));
    const out = join(work, 'out');
    const r = await runCli(['reconcile', '--earnings', join(work, 'e.csv'), '--accounts', join(work, 'a.json'), '--out', out]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n').filter((l) => l.includes('a.json'));
    expect(lines.map((l) => /a\.json: (\w+):/.exec(l)?.[1])).toEqual(['csh', 'coopIncome', 'cash', 'toString']);
    await expect(readdir(out)).rejects.toThrow();
  });
});

describe('an --out that cannot be created', () => {
  test('below a file, it is a mistake on the command line: exit 2, one line naming --out, nothing written', async () => {
    const work = await dirs.make();
    await writeFile(join(work, 'a-file'), 'x');
    await cp(join(CORPUS, 'header-on-line-7'), work, { recursive: true });
    const before = (await readdir(work)).sort();
    const r = await runCli(['reconcile', '--earnings', join(work, 'earnings.csv'), '--out', join(work, 'a-file', 'reports'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(`--out "${join(work, 'a-file', 'reports')}"`)]);
    expect(await readFile(join(work, 'a-file'), 'utf8')).toBe('x');
    expect((await readdir(work)).sort()).toEqual(before);
  });
});
