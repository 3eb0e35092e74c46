import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
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
    expect(r.stdout).toMatch(/12 pools as of 2022-02-10: 7 errors, 12 warnings/);
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
});
