/**
 * Without an as-of date, both adapters take the calendar date of their clock where the user is,
 * by core's one rule (`localCalendarDate`; docs/RULES.md, "Calendar"): the batch job's run (its
 * `io.now()`) and the add-in's pane (`todayIso`). A reading near midnight gives the same date in
 * both, under either zone the suite runs in (TZ=UTC and TZ=America/New_York).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../batch/reconcile/run.js';
import { tempDirs } from '../support/temp-dir.js';
import { todayIso } from '../../addin/ledger/today.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const SAMPLE = ['reconcile', '--earnings', 'samples/earnings', '--payments', 'samples/payments.csv', '--claims', 'samples/claims.csv', '--programs', 'samples/programs.json', '--quiet'];

/** The as-of date of a batch run without --as-of whose clock reads `now`. */
async function batchAsOf(now: Date): Promise<string> {
  const out = join(await dirs.make(), 'reports');
  await runCli([...SAMPLE, '--out', out], now);
  return (JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')) as { asOf: string }).asOf;
}

describe('the default as-of date is the same local calendar date in both adapters', () => {
  test.each<[string, Date, string]>([
    ['23:30 local on 9 February', new Date(2022, 1, 9, 23, 30), '2022-02-09'],
    ['00:30 local on 10 February', new Date(2022, 1, 10, 0, 30), '2022-02-10'],
  ])('%s', async (_what, now, expected) => {
    expect([await batchAsOf(now), todayIso(now)]).toEqual([expected, expected]);
  });
});
