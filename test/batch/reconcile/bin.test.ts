import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDirs } from '../../support/temp-dir.js';

// The real executable, as a scheduler runs it: built JS, a separate process, exit codes.
const ROOT = join(import.meta.dirname, '../../..');
const dirs = tempDirs();
afterAll(() => dirs.cleanup());

beforeAll(() => {
  const build = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'batch/tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  expect(build.stdout + build.stderr).toBe('');
}, 120_000);

function bin(args: string[]) {
  return spawnSync(process.execPath, ['bin/coop-ledger.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'Pacific/Kiritimati' } });
}

describe('the coop-ledger executable', () => {
  test('--help shows every option with an example and exits 0', () => {
    const r = bin(['--help']);
    expect(r.status).toBe(0);
    for (const option of ['--earnings', '--payments', '--claims', '--programs', '--as-of', '--out', '--number-locale', '--fail-on', '--skip-bad-rows', '--quiet', 'Example']) {
      expect(r.stdout).toContain(option);
    }
  });

  test('reconciles the samples, exits 1 for their findings and writes every report', async () => {
    const out = join(await dirs.make(), 'reports');
    const r = bin(['reconcile', '--earnings', 'samples/earnings', '--payments', 'samples/payments.csv', '--claims', 'samples/claims.csv', '--programs', 'samples/programs.json', '--as-of', '2022-02-10', '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/15 pools as of 2022-02-10: 7 errors, 12 warnings/);
    const golden = await readFile(join(ROOT, 'test/golden/sample/balances.csv'), 'utf8');
    expect(await readFile(join(out, 'balances.csv'), 'utf8')).toBe(golden);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summary.exitCode).toBe(1);
  });

  test('rejected input exits 65', async () => {
    const r = bin(['reconcile', '--earnings', 'test/fixtures/bad/ragged-row/earnings.csv', '--out', join(await dirs.make(), 'o'), '--quiet']);
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(/ragged-row\/earnings\.csv:3/);
  });

  test('a usage error exits 2', () => {
    expect(bin(['reconcile']).status).toBe(2);
  });

  test('a mistyped --earnings path exits 2 with one line and no stack trace, and makes no --out', async () => {
    const out = join(await dirs.make(), 'reports');
    const r = bin(['reconcile', '--earnings', 'samples/earnigns', '--out', out, '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining('--earnings "samples/earnigns"')]);
    expect(existsSync(out)).toBe(false);
  });
});

describe('the real job killed with SIGKILL', () => {
  test('leaves --out as it was or fully written, never half, and the next run cleans up', async () => {
    const { spawn } = await import('node:child_process');
    const { readdir: ls, readFile: read } = await import('node:fs/promises');
    const { recoverInterruptedOutput } = await import('../../../batch/output/atomic-output.js');
    const parent = await dirs.make();
    const out = join(parent, 'reports');
    const args = (asOf: string) => ['bin/coop-ledger.js', 'reconcile', '--earnings', 'samples/earnings', '--claims', 'samples/claims.csv', '--programs', 'samples/programs.json', '--as-of', asOf, '--out', out, '--quiet'];
    const snapshot = async () => {
      const files: Record<string, string> = {};
      for (const f of (await ls(out)).sort()) files[f] = (await read(join(out, f))).toString('base64');
      return files;
    };
    // The two complete sets a kill may leave: the old run's and the new run's.
    expect(bin(args('2022-01-10').slice(1)).status).toBe(1);
    const oldSet = await snapshot();
    const newOut = join(parent, 'expected-new');
    const started = Date.now();
    // Compared with the old set, as a run into --out is (changes.csv, journal-delta.csv).
    expect(bin([...args('2022-02-10').slice(1, -3), '--out', newOut, '--previous', out, '--quiet']).status).toBe(1);
    const runMs = Date.now() - started;
    const newSet: Record<string, string> = {};
    for (const f of (await ls(newOut)).sort()) newSet[f] = (await read(join(newOut, f))).toString('base64');
    expect(newSet).not.toEqual(oldSet);

    const seen = { old: 0, new: 0, half: 0 };
    for (let i = 0; i < 12; i++) {
      const child = spawn(process.execPath, args('2022-02-10'), { cwd: ROOT, stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r));
      // Spread the kills from start-up to past the end, scaled to how long a run takes here; the
      // first is immediate and the last never comes, so both outcomes are always exercised.
      if (i < 11) {
        await new Promise((r) => setTimeout(r, Math.round((runMs * 1.4 * i) / 10)));
        child.kill('SIGKILL');
      }
      await exited;
      await recoverInterruptedOutput(out); // what the next run does first
      const now = await snapshot();
      const which = JSON.stringify(now) === JSON.stringify(oldSet) ? 'old' : JSON.stringify(now) === JSON.stringify(newSet) ? 'new' : 'half';
      expect(which, `kill ${i}`).not.toBe('half');
      seen[which] += 1;
      expect((await ls(parent)).filter((n) => n.startsWith('.coop-ledger-'))).toEqual([]);
      if (which === 'new') {
        // Put the old set back for the next round: as it was, since a rerun would now compare
        // itself with the new set (changes.csv, journal-delta.csv).
        const { rm, writeFile: write } = await import('node:fs/promises');
        await rm(out, { recursive: true, force: true });
        await mkdir(out);
        for (const [f, base64] of Object.entries(oldSet)) await write(join(out, f), Buffer.from(base64, 'base64'));
      }
    }
    expect(seen.old + seen.new).toBe(12);
    // Kills landed both before and after the swap.
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.new).toBeGreaterThan(0);
  }, 120_000);
});
