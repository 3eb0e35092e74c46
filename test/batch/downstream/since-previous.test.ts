import { afterAll, describe, expect, test } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { tempDirs } from '../../support/temp-dir.js';
import { runCli } from '../reconcile/run.js';
import { coopExport, readReport } from './helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const SAMPLE = ['reconcile', '--earnings', 'samples/earnings', '--payments', 'samples/payments.csv', '--claims', 'samples/claims.csv', '--programs', 'samples/programs.json', '--as-of', '2022-02-10', '--quiet'];

const JULY_AUGUST = coopExport([
  ['E1', '2021-07-05', '1000.00'],
  ['E2', '2021-08-10', '400.00'],
]);
const SEPTEMBER = coopExport([['E3', '2021-09-12', '250.00']]);

async function exportsIn(files: Record<string, string>): Promise<string> {
  const dir = await dirs.make();
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

function run(earnings: string[], out: string, ...more: string[]) {
  return runCli(['reconcile', ...earnings.flatMap((e) => ['--earnings', e]), '--as-of', '2021-10-05', '--out', out, '--quiet', ...more]);
}

describe('changes since the previous run', () => {
  test('on a first run every finding is new, and an identical rerun lists nothing', async () => {
    const out = join(await dirs.make(), 'reports');
    expect((await runCli([...SAMPLE, '--out', out])).code).toBe(1);
    const findings = await readReport(out, 'findings.csv');
    const first = await readReport(out, 'changes.csv');
    // Per-row duplicate_earning findings are counted, not compared one by one.
    const compared = findings.filter((f) => f.code !== 'duplicate_earning');
    expect(compared.length).toBeLessThan(findings.length);
    expect(first.filter((c) => c.change === 'new_finding')).toHaveLength(compared.length);
    expect(first.filter((c) => c.change === 'new_pool')).toHaveLength((await readReport(out, 'balances.csv')).length);

    expect((await runCli([...SAMPLE, '--out', out])).code).toBe(1);
    expect(await readReport(out, 'changes.csv')).toEqual([]);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summary.changes.total).toBe(0);
  });

  test('an identical rerun lists nothing when ids start with a character the reports quote, and when the previous run had no claims', async () => {
    // Written as '+P1 and '-E1 so a spreadsheet does not run them; read back as +P1 and -E1.
    const exports = await exportsIn({ 'e.csv': coopExport([['-E1', '2021-07-05', '1000.00']]).replace(/,P1,/g, ',+P1,') });
    const out = join(await dirs.make(), 'reports');
    await run([exports], out);
    expect((await readReport(out, 'balances.csv')).map((b) => b.participantId)).toEqual(["'+P1"]);
    expect((await readReport(out, 'changes.csv')).map((c) => c.change)).toContain('new_pool');
    await run([exports], out);
    expect(await readReport(out, 'changes.csv')).toEqual([]);
  });

  test('--fail-on-new exits 1 only for new findings at or above --fail-on', async () => {
    const out = join(await dirs.make(), 'reports');
    expect((await runCli([...SAMPLE, '--out', out, '--fail-on-new'])).code).toBe(1);
    expect((await runCli([...SAMPLE, '--out', out, '--fail-on-new'])).code).toBe(0);
    // Without it the same findings still fail the run.
    expect((await runCli([...SAMPLE, '--out', out])).code).toBe(1);
  });

  test('a later run names each pool field that changed, with its value before and after', async () => {
    const earlier = join(await dirs.make(), '2022-01');
    const later = join(await dirs.make(), '2022-02');
    expect((await runCli([...SAMPLE.slice(0, -3), '--as-of', '2021-08-10', '--quiet', '--out', earlier])).code).toBe(1);
    expect((await runCli([...SAMPLE, '--out', later, '--previous', earlier])).code).toBe(1);
    const changes = await readReport(later, 'changes.csv');
    // FY21 H1 EUR of 4410021 had 3500.00 left on 2021-08-10 and forfeited it on 2021-08-15.
    const pool = changes.filter((c) => c.participantId === '4410021' && c.earningPeriod === 'FY21 H1' && c.currency === 'EUR');
    expect(pool.map((c) => [c.change, c.field, c.before, c.after])).toEqual(
      expect.arrayContaining([
        ['pool_changed', 'status', 'claim-only', 'closed'],
        ['pool_changed', 'available', '3500.00', '0.00'],
        ['pool_changed', 'forfeited', '0.00', '3500.00'],
      ]),
    );
    const summary = JSON.parse(await readFile(join(later, 'summary.json'), 'utf8'));
    expect(summary.changes.byChange.pool_changed).toBe(changes.filter((c) => c.change === 'pool_changed').length);
    expect(summary.changes.total).toBe(changes.length);
  });

  test('--previous naming a folder without a report set rejects the run; a path that does not exist is a usage error', async () => {
    const out = join(await dirs.make(), 'reports');
    expect((await runCli([...SAMPLE, '--out', out, '--previous', await dirs.make()])).code).toBe(65);
    expect((await runCli([...SAMPLE, '--out', out, '--previous', join(out, 'nowhere')])).code).toBe(2);
  });

  test('a previous set written before transfers were applied reads as nothing moved; the moves show as changes of their own', async () => {
    const out = join(await dirs.make(), 'reports');
    await runCli([...SAMPLE, '--out', out]);
    // The same balances.csv without its transferred column, as an older version wrote it.
    const old = Papa.parse<Record<string, string>>(await readFile(join(out, 'balances.csv'), 'utf8'), { header: true, skipEmptyLines: true });
    const fields = old.meta.fields!.filter((f) => f !== 'transferred');
    await writeFile(join(out, 'balances.csv'), Papa.unparse({ fields, data: old.data.map((r) => fields.map((f) => r[f])) }, { newline: '\r\n' }) + '\r\n');
    expect((await runCli([...SAMPLE, '--out', out])).code).not.toBe(65);
    const moved = (await readReport(out, 'changes.csv')).filter((c) => c.field === 'transferred');
    expect(moved.map((c) => [c.programName, c.earningPeriod, c.before, c.after])).toEqual([
      ['Hosting', 'FY22 H1', '0.00', '-200.00'],
      ['Hosting', 'FY22 H2', '0.00', '200.00'],
    ]);
  });

  test('a damaged previous set rejects the run with the file, line and column, and --out is left as it was', async () => {
    const out = join(await dirs.make(), 'reports');
    await runCli([...SAMPLE, '--out', out]);
    const balances = (await readFile(join(out, 'balances.csv'), 'utf8')).split('\r\n');
    balances[2] = balances[2]!.replace(',claim-only,3000.00,', ',claim-only,3 000.00,');
    await writeFile(join(out, 'balances.csv'), balances.join('\r\n'));
    const before = await readFile(join(out, 'journal.csv'), 'utf8');
    expect((await runCli([...SAMPLE, '--out', out])).code).toBe(65);
    const errors = await readReport(out, 'input-errors.csv');
    expect(errors[0]).toMatchObject({ code: 'invalid_amount', file: join(out, 'balances.csv'), line: '3', column: '12', columnName: 'coopEarned' });
    expect(await readFile(join(out, 'journal.csv'), 'utf8')).toBe(before);
    // --skip-bad-rows quarantines rows of the inputs, never a row of the previous run's reports.
    expect((await runCli([...SAMPLE, '--out', out, '--skip-bad-rows'])).code).toBe(65);
    expect(await readFile(join(out, 'journal.csv'), 'utf8')).toBe(before);
  });
});

describe('journal-delta.csv: what to post since the previous run', () => {
  test('an identical rerun posts nothing; a rerun after a new export posts only the new accruals', async () => {
    const july = await exportsIn({ 'a.csv': JULY_AUGUST });
    const september = await exportsIn({ 'b.csv': SEPTEMBER });
    const out = join(await dirs.make(), 'reports');
    await run([july], out);
    const first = await readReport(out, 'journal-delta.csv');
    expect(first).toEqual(await readReport(out, 'journal.csv'));
    await run([july], out);
    expect(await readReport(out, 'journal-delta.csv')).toEqual([]);
    await run([july, september], out);
    const delta = await readReport(out, 'journal-delta.csv');
    expect(delta.map((l) => [l.date, l.event, l.account, l.debit, l.credit])).toEqual([
      ['2021-09-30', 'coop_accrued', 'Co-op funds receivable', '250.00', '0.00'],
      ['2021-09-30', 'coop_accrued', 'Deferred co-op income', '0.00', '250.00'],
    ]);
  });

  test('a line that changed is reversed as of the run and posted again; a line that vanished is reversed', async () => {
    const out = join(await dirs.make(), 'reports');
    await run([await exportsIn({ 'a.csv': JULY_AUGUST })], out);
    const corrected = coopExport([['E1', '2021-07-05', '1000.00']]);
    await run([await exportsIn({ 'a.csv': corrected })], out);
    const delta = await readReport(out, 'journal-delta.csv');
    expect(delta.map((l) => [l.date, l.event, l.reference, l.account, l.debit, l.credit])).toEqual([
      ['2021-10-05', 'reversal', 'P1/CSP Indirect Reseller/FY22 H1/EUR/coop_accrued/2021-08/reversal/2021-10-05', 'Co-op funds receivable', '0.00', '400.00'],
      ['2021-10-05', 'reversal', 'P1/CSP Indirect Reseller/FY22 H1/EUR/coop_accrued/2021-08/reversal/2021-10-05', 'Deferred co-op income', '400.00', '0.00'],
    ]);
    const changedAmount = coopExport([
      ['E1', '2021-07-05', '1200.00'],
      ['E2', '2021-08-10', '400.00'],
    ]);
    await run([await exportsIn({ 'a.csv': changedAmount })], out);
    const again = await readReport(out, 'journal-delta.csv');
    expect(again.map((l) => [l.date, l.event, l.debit, l.credit])).toEqual([
      ['2021-10-05', 'reversal', '0.00', '1000.00'],
      ['2021-10-05', 'reversal', '1000.00', '0.00'],
      ['2021-07-31', 'coop_accrued', '1200.00', '0.00'],
      ['2021-07-31', 'coop_accrued', '0.00', '1200.00'],
      ['2021-08-31', 'coop_accrued', '400.00', '0.00'],
      ['2021-08-31', 'coop_accrued', '0.00', '400.00'],
    ]);
  });
});
