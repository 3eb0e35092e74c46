import { describe, expect, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { HIGHLIGHT_FILLS } from '../../../batch/output/report-styles.js';
import { tempDirs } from '../../support/temp-dir.js';
import { runCli } from './run.js';

const dirs = tempDirs();

/** The pool key of a Balances row or a finding, as the report writes it. */
const keyOf = (r: Record<string, unknown>) => [r.participantId, r.programName, r.earningPeriod, r.currency].map(String).join('|');

describe('the Balances sheet of reconciliation.xlsx', () => {
  test.each([
    [[], 2, { warning: 2 }],
    // A team's own horizons: 3 days is a warning (none here: the nearest deadline is 5 days off), 200 days a notice.
    [['--expiry-days', '3,200'], 6, { info: 6 }],
  ])('with %j, shades as expiring exactly the %d pools the report lists as funds_expiring (%j), and as overdrawn those with a negative balance', async (options, pools, severities) => {
    const out = join(await dirs.make(), 'reports');
    const r = await runCli(['reconcile', '--earnings', 'samples/earnings', '--payments', 'samples/payments.csv', '--claims', 'samples/claims.csv', '--programs', 'samples/programs.json', '--as-of', '2022-02-10', ...options, '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    const findings = Papa.parse<Record<string, string>>(await readFile(join(out, 'findings.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const expiringFindings = findings.filter((f) => f.code === 'funds_expiring');
    const expiring = new Set(expiringFindings.map(keyOf));
    expect(expiring.size).toBe(pools);
    expect(Object.fromEntries(['error', 'warning', 'info'].map((s) => [s, expiringFindings.filter((f) => f.severity === s).length]).filter(([, n]) => n))).toEqual(severities);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'reconciliation.xlsx'));
    const sheet = wb.getWorksheet('Balances')!;
    const names = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const shaded = { expiring: new Set<string>(), overdrawn: new Set<string>(), negative: new Set<string>() };
    for (let i = 2; i <= sheet.rowCount; i++) {
      const cells = (sheet.getRow(i).values as unknown[]).slice(1);
      const row = Object.fromEntries(names.map((n, j) => [n, cells[j]]));
      const fill = sheet.getRow(i).getCell(1).fill as { fgColor?: { argb?: string } } | undefined;
      const argb = fill?.fgColor?.argb;
      if (argb === HIGHLIGHT_FILLS.expiring) shaded.expiring.add(keyOf(row));
      if (argb === HIGHLIGHT_FILLS.overdrawn) shaded.overdrawn.add(keyOf(row));
      if (Number(row.available) < 0) shaded.negative.add(keyOf(row));
    }
    expect(shaded.expiring).toEqual(expiring);
    expect(shaded.negative.size).toBeGreaterThan(0);
    expect(shaded.overdrawn).toEqual(shaded.negative);
  });
});
