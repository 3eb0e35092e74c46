/**
 * One rule for workbook cells (docs/RULES.md, "Workbook cells"): the batch job reading a Claims
 * table from an .xlsx (exceljs) and the add-in reading its own Claims table (Office.js, here the
 * fake workbook) read the same cells as the same claims. A date column's cell may be
 * General-formatted (Excel holds the serial, exceljs gives a number) or date-formatted (exceljs
 * gives a Date; Office.js gives the serial either way); an amount may be any double.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { fake } from '../addin/fake-excel.js';
import { reconcile, type CommandIO } from '../../batch/reconcile/reconcile.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import { importExports, loadWorkbook, saveSettings, setUpWorkbook } from '../../addin/taskpane/workbook-ops.js';
import { replaceRows } from '../../addin/excel/table-io.js';
import type { CellValue } from '../../addin/excel/cell-values.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { CLAIMS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { Dec, ROUND_HALF_UP } from '../../core/money/decimal.js';

const AS_OF = '2022-02-10';
const silent: CommandIO = { stdout: () => undefined, stderr: () => undefined, progress: false, now: () => new Date(`${AS_OF}T12:00:00Z`) };
const folders: string[] = [];
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

const EARNINGS_CSV = [
  'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,transactionId,lever',
  'E1,P1,CSP Indirect Reseller,Co-op,20000.00,20000.00,2021-08-01,USD,T1,Core',
].join('\n');

/** A date cell as each host gives it: exceljs a number (General) or a Date (date-formatted); Office.js the serial. */
interface DateCell {
  readonly serial: number;
  readonly formatted: boolean;
}
const general = (serial: number): DateCell => ({ serial, formatted: false });
const dated = (serial: number): DateCell => ({ serial, formatted: true });
const exceljsCell = (c: DateCell): ExcelJS.CellValue => (c.formatted ? new Date(Math.round((c.serial - 25_569) * 86_400_000)) : c.serial);

interface ClaimCells {
  readonly claimId: string;
  readonly activityStart: DateCell;
  readonly activityEnd: DateCell;
  readonly amountClaimed: number;
}

const CLAIMS: readonly ClaimCells[] = [
  { claimId: 'C1', activityStart: general(44562), activityEnd: dated(44563), amountClaimed: 100 },
  { claimId: 'C2', activityStart: dated(44564), activityEnd: general(44565.75), amountClaimed: 0.1 + 0.2 },
  { claimId: 'C3', activityStart: dated(44566.5), activityEnd: dated(44567), amountClaimed: 1234.56 },
  { claimId: 'C4', activityStart: general(44568.25), activityEnd: general(44568.99), amountClaimed: 1e-7 },
];
const HEADER = ['claimId', 'participantId', 'programName', 'activityType', 'activityName', 'activityStart', 'activityEnd', 'currency', 'amountClaimed', 'status'];
const rowOf = <T>(c: ClaimCells, date: (d: DateCell) => T): (string | number | T)[] => [
  c.claimId, 'P1', 'CSP Indirect Reseller', 'Event', 'Webinar', date(c.activityStart), date(c.activityEnd), 'USD', c.amountClaimed, 'Editing',
];

/** What a reader made of the claims: id, activity dates and amount claimed, each as text. */
type Read = readonly (readonly [string, string, string, string])[];

async function batchReads(): Promise<Read> {
  const dir = mkdtempSync(join(tmpdir(), 'workbook-cells-'));
  folders.push(dir);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Claims');
  ws.addRow(HEADER);
  // exceljs writes a Date as a date-formatted serial, and reads such a cell back as a Date.
  for (const c of CLAIMS) ws.addRow(rowOf(c, exceljsCell));
  const book = join(dir, 'book.xlsx');
  await wb.xlsx.writeFile(book);
  writeFileSync(join(dir, 'earnings.csv'), EARNINGS_CSV);
  const out = join(dir, 'out');
  const summary = await reconcile(
    { earnings: [join(dir, 'earnings.csv')], payments: [], claims: book, asOf: AS_OF as IsoDate, out, failOn: 'never', skipBadRows: false, quiet: true },
    silent,
  );
  expect(summary.exitCode).toBe(0);
  const rows = Papa.parse<Record<string, string>>(readFileSync(join(out, 'claims.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  return rows.map((r) => [r.claimId!, r.activityStart!, r.activityEnd!, r.amountClaimed!] as const);
}

async function addinReads(): Promise<Read> {
  fake.reset();
  await setUpWorkbook();
  await saveSettings({ asOf: AS_OF as IsoDate, fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 'workbook-cells' });
  await importExports([parseExportText('earnings.csv', EARNINGS_CSV)], () => undefined);
  await Excel.run(async (context) => {
    const layout = CLAIMS_COLUMNS.map((c) => c.name);
    // Office.js gives a date cell as its serial, whatever its number format.
    const rows = CLAIMS.map((c) => {
      const cells = rowOf(c, (d) => d.serial);
      return layout.map((name): CellValue => cells[HEADER.indexOf(name)] ?? '');
    });
    await replaceRows(context, TABLES.claims, rows);
  });
  const { ledger } = await loadWorkbook({ reread: true });
  expect(ledger.problems).toEqual([]);
  return ledger.claims.map(({ claim }) => [claim.claimId, claim.activityStart, claim.activityEnd, claim.amountClaimed.toFixed()] as const);
}

describe('a Claims table read by the batch job from an .xlsx and by the add-in', () => {
  test('General-formatted and date-formatted serials and any amount read as the same claims in both', async () => {
    const fromBatch = await batchReads();
    const fromAddin = await addinReads();
    const byId = (r: Read) => [...r].sort(([a], [b]) => a.localeCompare(b));
    expect(byId(fromAddin)).toEqual([
      ['C1', '2022-01-01', '2022-01-02', '100'],
      // =0.1+0.2 is 0.3, as Excel shows it (15 significant digits), in both.
      ['C2', '2022-01-03', '2022-01-04', '0.3'],
      ['C3', '2022-01-05', '2022-01-06', '1234.56'],
      ['C4', '2022-01-07', '2022-01-07', '0.0000001'],
    ]);
    expect(byId(fromBatch).map(([id, start, end]) => [id, start, end])).toEqual(byId(fromAddin).map(([id, start, end]) => [id, start, end]));
    // claims.csv rounds amounts once, at output, to the currency's minor unit.
    expect(byId(fromBatch).map(([, , , amount]) => amount)).toEqual(byId(fromAddin).map(([, , , amount]) => new Dec(amount).toFixed(2, ROUND_HALF_UP)));
  });
});
