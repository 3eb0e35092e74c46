/**
 * What the contract tests on a co-op workbook share: one earning of 20,000 USD co-op, one submitted
 * claim of 1,250 USD against it, and the batch job run in process on an export and a workbook
 * (`--claims book.xlsx` or `--programs book.xlsx`), as `coop-ledger reconcile` runs.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { reconcile, type CommandIO } from '../../batch/reconcile/reconcile.js';
import { recordToCells } from '../../addin/excel/record-cells.js';
import { claimToRow, parseClaimRow } from '../../core/claims/claim-row.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { CLAIMS_COLUMNS, EARNINGS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { fake } from '../addin/fake-excel.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import { importExports, loadWorkbook, saveSettings, setUpWorkbook, writeBalances } from '../../addin/taskpane/workbook-ops.js';

export const AS_OF = '2022-02-10';

const EARNINGS_HEADER = EARNINGS_COLUMNS.map((c) => c.name);
const EARNING: Readonly<Record<string, string>> = {
  participantId: 'P1', programName: 'CSP Indirect Reseller', earningType: 'Co-op', earningAmount: '20000.00',
  earningAmountUSD: '20000.00', earningDate: '2021-08-01', transactionCurrency: 'USD', transactionId: 'T1', lever: 'Core',
};
/** An export of the one earning, under the id given. */
export const exportText = (earningId: string) => Papa.unparse([EARNINGS_HEADER, EARNINGS_HEADER.map((h) => ({ ...EARNING, earningId })[h] ?? '')], { newline: '\n' });

const claim = (() => {
  const parsed = parseClaimRow({
    claimId: 'C1', participantId: 'P1', programName: 'CSP Indirect Reseller', activityType: 'Event', activityName: 'Webinar',
    activityStart: '2022-01-10', activityEnd: '2022-01-11', currency: 'USD', amountClaimed: '1250', status: 'Submitted',
  });
  if (!parsed.ok) throw new Error('the test claim does not parse');
  return parsed.value;
})();
export const CLAIMS_HEADER = CLAIMS_COLUMNS.map((c) => c.name);
/** The claim as text under the layout's header (an xlsx row for the batch job). */
export const CLAIM_TEXTS = CLAIMS_HEADER.map((n) => claimToRow(claim)[n] ?? '');
/** The claim as the add-in writes its cells. */
export const CLAIM_CELLS = recordToCells(claimToRow(claim), CLAIMS_COLUMNS, '1900');

/** What the batch job left in --out: its exit code and the rows of a report, none when it wrote none. */
export interface BatchRun {
  readonly exitCode: number;
  /** Whether the run wrote the report. */
  wrote(name: string): boolean;
  csv(name: string): Record<string, string>[];
}

/** Runs the batch job on the export of earning E1 and `book` as its Claims or Programs workbook; the folders go after the file's tests. */
export async function batchOnBook(book: ExcelJS.Workbook, as: 'claims' | 'programs', folders: string[]): Promise<BatchRun> {
  const dir = mkdtempSync(join(tmpdir(), 'contract-book-'));
  folders.push(dir);
  writeFileSync(join(dir, 'earnings.csv'), exportText('E1'));
  await book.xlsx.writeFile(join(dir, 'book.xlsx'));
  const out = join(dir, 'out');
  const io: CommandIO = { stdout: () => undefined, stderr: () => undefined, progress: false, now: () => new Date(`${AS_OF}T12:00:00Z`) };
  const summary = await reconcile(
    { earnings: [join(dir, 'earnings.csv')], payments: [], [as]: join(dir, 'book.xlsx'), asOf: AS_OF as IsoDate, out, failOn: 'never', skipBadRows: false, quiet: true },
    io,
  );
  return {
    exitCode: summary.exitCode,
    wrote: (name) => existsSync(join(out, name)),
    csv: (name) => (existsSync(join(out, name)) ? Papa.parse<Record<string, string>>(readFileSync(join(out, name), 'utf8'), { header: true, skipEmptyLines: true }).data : []),
  };
}

/** Removes the folders `batchOnBook` made. */
export function removeFolders(folders: readonly string[]): void {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
}

/**
 * A fresh co-op workbook on the fake, as of AS_OF, holding the export of earning E1 and the
 * Balances Recalculate wrote for it: what a refused table must leave as it was. Its Balances rows.
 */
export async function workbookWithBalances(): Promise<unknown[][]> {
  fake.reset();
  await setUpWorkbook();
  await saveSettings({ asOf: AS_OF as IsoDate, fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 'contract' });
  await importExports([parseExportText('a.csv', exportText('E1'))], () => undefined);
  await writeBalances((await loadWorkbook({ reread: true })).ledger);
  return fake.tableValues(TABLES.balances)!.rows;
}
