import { afterAll, describe, expect, test } from 'vitest';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDirs } from '../../support/temp-dir.js';
import { commandLinePathProblem } from '../../../batch/command-line-paths.js';
import { runCli } from './run.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const EARNINGS =
  'earningId,participantId,participantName,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,transactionId,lever\r\n' +
  'E1,P1,"Tailspin Systems, Inc.",CSP Indirect Reseller,Co-op,20000.00,20000.00,2021-08-01,USD,T1,Core\r\n';

/** A folder with an earnings export (CRLF, a quoted name with a comma) and a claims register. */
async function workFolder(): Promise<string> {
  const work = await dirs.make();
  await writeFile(join(work, 'earnings.csv'), EARNINGS);
  await writeFile(join(work, 'claims.csv'), 'claimId,participantId,programName,activityStart,activityEnd,currency,amountClaimed,status\r\n');
  return work;
}

describe('paths named on the command line', () => {
  test('an --out that is a file exits 2 with one line, and the file and its folder stay as they were', async () => {
    const work = await workFolder();
    const out = join(work, 'report.csv');
    await writeFile(out, 'mine');
    const before = (await readdir(work)).sort();
    const r = await runCli(['reconcile', '--earnings', join(work, 'earnings.csv'), '--out', out, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--out/);
    expect(await readFile(out, 'utf8')).toBe('mine');
    // Not even the scratch folder a run makes next to --out.
    expect((await readdir(work)).sort()).toEqual(before);
  });

  test.each([
    ['just below', ['report.csv', 'reports']],
    ['two folders below', ['report.csv', 'reports', '2022']],
  ])('an --out %s a file exits 2 with one line naming --out and the file, and nothing is written', async (_, parts) => {
    const work = await workFolder();
    await writeFile(join(work, 'report.csv'), 'mine');
    const out = join(work, ...parts);
    const before = (await readdir(work)).sort();
    const r = await runCli(['reconcile', '--earnings', join(work, 'earnings.csv'), '--out', out, '--quiet']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`--out "${out}"`);
    expect(lines[0]).toContain(`"${join(work, 'report.csv')}"`);
    expect(lines[0]).not.toMatch(/internal error|\bat /);
    expect(await readFile(join(work, 'report.csv'), 'utf8')).toBe('mine');
    expect((await readdir(work)).sort()).toEqual(before);
  });

  test.each([
    ['--earnings', ['--earnings', 'earnigns.csv']],
    ['--claims', ['--earnings', 'earnings.csv', '--claims', 'claim.csv']],
    ['--payments', ['--earnings', 'earnings.csv', '--payments', 'payments.csv']],
    ['--programs', ['--earnings', 'earnings.csv', '--programs', 'programs.json']],
    ['--accounts', ['--earnings', 'earnings.csv', '--accounts', 'accounts.json']],
  ])('a missing %s path exits 2 with one line naming it, and no --out is made', async (flag, args) => {
    const work = await workFolder();
    const out = join(work, 'reports');
    const named = args.map((a, i) => (i % 2 === 1 ? join(work, a) : a));
    const r = await runCli(['reconcile', ...named, '--out', out, '--quiet']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(flag);
    expect(lines[0]).not.toMatch(/internal error|\bat /);
    expect((await readdir(work)).sort()).toEqual(['claims.csv', 'earnings.csv']);
  });

  test('an unknown --number-locale exits 2 with one line, before anything is read or written', async () => {
    const work = await workFolder();
    const r = await runCli(['reconcile', '--earnings', join(work, 'earnings.csv'), '--number-locale', 'xx-YY', '--out', join(work, 'reports')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining('--number-locale "xx-YY"')]);
    expect((await readdir(work)).sort()).toEqual(['claims.csv', 'earnings.csv']);
  });

  test('a known --number-locale and existing paths pass, and an --out folder that exists or not yet is fine', async () => {
    const work = await workFolder();
    await mkdir(join(work, 'exports'));
    await mkdir(join(work, 'reports'));
    const paths = { earnings: [join(work, 'exports'), join(work, 'earnings.csv')], payments: [], claims: join(work, 'claims.csv') };
    expect(await commandLinePathProblem({ ...paths, out: join(work, 'reports') })).toBeNull();
    expect(await commandLinePathProblem({ ...paths, out: join(work, 'not-yet') })).toBeNull();
    const r = await runCli(['reconcile', '--earnings', join(work, 'earnings.csv'), '--number-locale', 'nl-NL', '--out', join(work, 'reports'), '--quiet']);
    expect(r.code).toBe(0);
  });

  test.each([
    ['--claims', { claims: '.' }],
    ['--payments', { payments: ['.'] }],
    ['--programs', { programs: '.' }],
  ])('a folder given for %s, which takes a file, is named as the problem', async (flag, named) => {
    const work = await workFolder();
    const problem = await commandLinePathProblem({ earnings: [work], payments: [], out: join(work, 'reports'), ...named });
    expect(problem).toMatch(new RegExp(`^${flag} ".*" is a folder`));
  });
});
