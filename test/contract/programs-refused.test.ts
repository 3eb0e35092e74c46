/**
 * A Programs table core refuses is used by neither adapter (docs/RULES.md, "Programs"): the batch
 * job stops before writing anything, and the add-in computes nothing, keeps its Balances table as
 * it was and imports nothing, where it used to fall back to the built-in catalog and show numbers
 * the report never had.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { fake } from '../addin/fake-excel.js';
import { reconcile, type CommandIO } from '../../batch/reconcile/reconcile.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import { importExports, loadWorkbook, RefusedTableError, saveSettings, setUpWorkbook, writeBalances } from '../../addin/taskpane/workbook-ops.js';
import { replaceRows } from '../../addin/excel/table-io.js';
import { availableIn } from '../../addin/functions/coop-functions.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { EARNINGS_COLUMNS, PROGRAMS_COLUMNS, TABLES } from '../../core/workbook-layout.js';

const AS_OF = '2022-02-10';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const HEADER = EARNINGS_COLUMNS.map((c) => c.name);
const row = (values: Record<string, string>) => HEADER.map((h) => values[h] ?? '');
const EARNING = { participantId: 'P1', programName: 'CSP Indirect Reseller', earningType: 'Co-op', earningDate: '2021-08-01', transactionCurrency: 'USD' };
const exportText = (ids: string[]) => Papa.unparse([HEADER, ...ids.map((id) => row({ ...EARNING, earningId: id, earningAmount: '20000.00', earningAmountUSD: '20000.00' }))], { newline: '\n' });

const PROGRAM_NAMES = PROGRAMS_COLUMNS.map((c) => c.name);
/** A good row, then one whose co-op share core refuses (1.5 is more than the whole earning). */
const PROGRAM_ROWS: Record<string, string>[] = [
  { name: 'Hosting', thresholdUSD: '1500' },
  { name: 'CSP Indirect Reseller', coopShare: '1.5' },
];

describe('a Programs table with a row core refuses', () => {
  test('the batch job stops (exit 2) naming the row and column, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'programs-refused-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'earnings.csv'), exportText(['E1']));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Programs');
    ws.addRow(PROGRAM_NAMES);
    for (const p of PROGRAM_ROWS) ws.addRow(PROGRAM_NAMES.map((n) => p[n] ?? ''));
    await wb.xlsx.writeFile(join(dir, 'book.xlsx'));
    let stderr = '';
    const io: CommandIO = { stdout: () => undefined, stderr: (s) => void (stderr += s), progress: false, now: () => new Date(`${AS_OF}T12:00:00Z`) };
    const out = join(dir, 'out');
    const summary = await reconcile(
      { earnings: [join(dir, 'earnings.csv')], payments: [], programs: join(dir, 'book.xlsx'), asOf: AS_OF as IsoDate, out, failOn: 'never', skipBadRows: false, quiet: true },
      io,
    );
    expect(summary.exitCode).toBe(2);
    expect(existsSync(join(out, 'balances.csv'))).toBe(false);
    // The row by its sheet row, the number in Excel's row header, as the add-in names it.
    expect(stderr).toMatch(/Programs row 3: coopShare/);
  });

  test('the add-in computes nothing, names the row, keeps Balances as it was and imports nothing', async () => {
    fake.reset();
    await setUpWorkbook();
    await saveSettings({ asOf: AS_OF as IsoDate, fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 'contract' });
    await importExports([parseExportText('a.csv', exportText(['E1']))], () => undefined);
    await writeBalances((await loadWorkbook({ reread: true })).ledger);
    const balancesBefore = fake.tableValues(TABLES.balances)!.rows;
    expect(balancesBefore).toHaveLength(1);

    await Excel.run(async (context) => {
      await replaceRows(context, TABLES.programs, PROGRAM_ROWS.map((p) => PROGRAM_NAMES.map((n) => p[n] ?? '')));
    });
    const { ledger } = await loadWorkbook({ reread: true });
    expect(ledger.refusedTable).toBe('Programs');
    expect(ledger.balances).toEqual([]);
    expect(ledger.claims).toEqual([]);
    expect(ledger.problems.map((p) => [p.table, p.row, p.issues.map((i) => [i.code, i.path.slice(2).join('.')])])).toEqual([
      ['Programs', 3, [['invalid_share', 'coopShare']]],
    ]);

    await expect(writeBalances(ledger)).rejects.toBeInstanceOf(RefusedTableError);
    expect(fake.tableValues(TABLES.balances)!.rows).toEqual(balancesBefore);

    const earningsBefore = fake.tableValues(TABLES.earnings)!.rows;
    await expect(importExports([parseExportText('b.csv', exportText(['E2']))], () => undefined)).rejects.toBeInstanceOf(RefusedTableError);
    expect(fake.tableValues(TABLES.earnings)!.rows).toEqual(earningsBefore);

    expect(() => availableIn(ledger, 'P1', 'CSP Indirect Reseller', 'FY22 H1', 'USD')).toThrow(/Programs/);
  });
});
