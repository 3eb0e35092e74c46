import { afterAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { Dec, ZERO } from '../../../core/money/decimal.js';
import { generateExportFile } from '../../../scripts/generate-exports.js';
import { tempDirs } from '../../support/temp-dir.js';
import { runCli } from '../reconcile/run.js';
import { readReport } from './helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const SAMPLE = ['--earnings', 'samples/earnings', '--payments', 'samples/payments.csv', '--claims', 'samples/claims.csv', '--programs', 'samples/programs.json'];

/** Every data set the project ships or generates, each at several dates of a pool's life. */
const DATA_SETS: [string, () => Promise<string[]>, string[]][] = [
  ['the bundled samples', async () => SAMPLE, ['2020-12-15', '2021-03-01', '2021-08-16', '2022-02-10', '2023-01-01']],
  [
    'a generated export (seed a)',
    async () => {
      const path = join(await dirs.make(), 'earnings.csv');
      await generateExportFile({ rows: 3000, seed: 'a' }, path);
      return ['--earnings', path];
    },
    ['2021-01-10', '2021-09-01', '2022-06-30'],
  ],
  [
    'a generated export (seed b) with the sample claims',
    async () => {
      const path = join(await dirs.make(), 'earnings.csv');
      await generateExportFile({ rows: 2000, seed: 'b' }, path);
      return ['--earnings', path, '--claims', 'samples/claims.csv', '--programs', 'samples/programs.json'];
    },
    ['2021-08-16', '2022-02-10'],
  ],
];

describe.each(DATA_SETS)('the journal of %s', (_name, inputs, dates) => {
  test.each(dates)('as of %s: each pool\'s deferred co-op income equals its available plus pending, and debits equal credits', async (asOf) => {
    const out = join(await dirs.make(), 'reports');
    const r = await runCli(['reconcile', ...(await inputs()), '--as-of', asOf, '--out', out, '--quiet', '--fail-on', 'never']);
    expect(r.code, r.stderr).toBe(0);
    const balances = await readReport(out, 'balances.csv');
    const journal = await readReport(out, 'journal.csv');
    const key = (r: Record<string, string>) => [r.participantId, r.programName, r.earningPeriod, r.currency].join('|');
    const deferred = new Map<string, Dec>();
    const net = new Map<string, Dec>();
    for (const l of journal) {
      if (l.account === 'Deferred co-op income') deferred.set(key(l), (deferred.get(key(l)) ?? ZERO).plus(l.credit!).minus(l.debit!));
      net.set(l.currency!, (net.get(l.currency!) ?? ZERO).plus(l.debit!).minus(l.credit!));
    }
    expect(balances.length).toBeGreaterThan(0);
    for (const b of balances) {
      const open = new Dec(b.available!).plus(b.claimsPending!);
      expect((deferred.get(key(b)) ?? ZERO).toFixed(2), key(b)).toBe(open.toFixed(2));
    }
    for (const [currency, d] of net) expect(d.isZero(), currency).toBe(true);
  });
});
