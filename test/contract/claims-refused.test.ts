/**
 * A Claims register whose header core refuses (a required column missing, or one repeated) is used
 * by neither adapter (docs/RULES.md, "A refused table"): the batch job stops and writes no
 * balances, and the add-in computes nothing, keeps its Balances table as it was and COOP.AVAILABLE
 * says why, where it used to compute every pool with no claim drawn.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import { recordToCells } from '../../addin/excel/record-cells.js';
import { availableIn } from '../../addin/functions/coop-functions.js';
import { claimToRow, parseClaimRow } from '../../core/claims/claim-row.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { CLAIMS_COLUMNS, EARNINGS_COLUMNS, TABLES } from '../../core/workbook-layout.js';

const AS_OF = '2022-02-10';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const HEADER = EARNINGS_COLUMNS.map((c) => c.name);
const EARNING: Readonly<Record<string, string>> = {
  participantId: 'P1', programName: 'CSP Indirect Reseller', earningType: 'Co-op', earningDate: '2021-08-01', transactionCurrency: 'USD',
  earningAmount: '20000.00', earningAmountUSD: '20000.00',
};
const exportText = (id: string) => Papa.unparse([HEADER, HEADER.map((h) => ({ ...EARNING, earningId: id })[h] ?? '')], { newline: '\n' });

const claim = (() => {
  const parsed = parseClaimRow({
    claimId: 'C1', participantId: 'P1', programName: 'CSP Indirect Reseller', activityType: 'Event', activityName: 'Webinar',
    activityStart: '2022-01-10', activityEnd: '2022-01-11', currency: 'USD', amountClaimed: '1250', status: 'Submitted',
  });
  if (!parsed.ok) throw new Error('the test claim does not parse');
  return parsed.value;
})();
const LAYOUT = CLAIMS_COLUMNS.map((c) => c.name);
const CLAIM_TEXTS = LAYOUT.map((n) => claimToRow(claim)[n] ?? '');
const rename = (column: string, as: string) => LAYOUT.map((n) => (n === column ? as : n));

const CASES = [
  { name: 'amountClaimed renamed Amount', headers: rename('amountClaimed', 'Amount'), code: 'missing_column' },
  { name: 'notes renamed Claim Id, beside claimId', headers: rename('notes', 'Claim Id'), code: 'duplicate_header' },
];

describe('a Claims register whose header core refuses', () => {
  test.each(CASES)('$name: the batch job stops (exit 65) and writes no balances', async ({ headers, code }) => {
    const dir = mkdtempSync(join(tmpdir(), 'claims-refused-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'earnings.csv'), exportText('E1'));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Register').addTable({ name: 'Claims', ref: 'A1', headerRow: true, columns: headers.map((name) => ({ name })), rows: [CLAIM_TEXTS] });
    await wb.xlsx.writeFile(join(dir, 'book.xlsx'));
    const io: CommandIO = { stdout: () => undefined, stderr: () => undefined, progress: false, now: () => new Date(`${AS_OF}T12:00:00Z`) };
    const out = join(dir, 'out');
    const summary = await reconcile(
      { earnings: [join(dir, 'earnings.csv')], payments: [], claims: join(dir, 'book.xlsx'), asOf: AS_OF as IsoDate, out, failOn: 'never', skipBadRows: false, quiet: true },
      io,
    );
    expect(summary.exitCode).toBe(65);
    expect(existsSync(join(out, 'balances.csv'))).toBe(false);
    expect(Papa.parse<Record<string, string>>(readFileSync(join(out, 'input-errors.csv'), 'utf8'), { header: true }).data.map((e) => e.code)).toContain(code);
  });

  test.each(CASES)('$name: the add-in computes nothing, says which table, keeps Balances as it was', async ({ headers, code }) => {
    fake.reset();
    await setUpWorkbook();
    await saveSettings({ asOf: AS_OF as IsoDate, fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 'contract' });
    await importExports([parseExportText('a.csv', exportText('E1'))], () => undefined);
    await writeBalances((await loadWorkbook({ reread: true })).ledger);
    const balancesBefore = fake.tableValues(TABLES.balances)!.rows;
    expect(balancesBefore).toHaveLength(1);

    await Excel.run(async (context) => {
      context.workbook.tables.getItem(TABLES.claims).getHeaderRowRange().values = [headers];
      await context.sync();
      await replaceRows(context, TABLES.claims, [recordToCells(claimToRow(claim), CLAIMS_COLUMNS)]);
    });
    const { ledger } = await loadWorkbook({ reread: true });
    expect(ledger.refusedTable).toBe('Claims');
    expect(ledger.balances).toEqual([]);
    expect(ledger.claims).toEqual([]);
    expect(ledger.problems.map((p) => [p.table, p.row, p.issues.map((i) => i.code)])).toEqual([['Claims', 0, [code]]]);

    const refused = await writeBalances(ledger).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RefusedTableError);
    expect((refused as RefusedTableError).table).toBe('Claims');
    expect(fake.tableValues(TABLES.balances)!.rows).toEqual(balancesBefore);

    expect(() => availableIn(ledger, 'P1', 'CSP Indirect Reseller', 'FY22 H1', 'USD')).toThrow(/Claims/);

    // The import needs only the Programs table: exports still come in while the register is fixed.
    const { written } = await importExports([parseExportText('b.csv', exportText('E2'))], () => undefined);
    expect(written).toBe(1);
  });
});
