/**
 * A Claims register kept on a plain sheet, read by both adapters with core's rules
 * (docs/RULES.md, "Where a table is" and "Blank rows"): a problem names its row by the sheet row,
 * the number in Excel's row header, in the batch job (`--claims book.xlsx`, exceljs) and the
 * add-in (the fake workbook) alike; a row with a note under a blank header cell is no blank row in
 * either, so it is refused on its row, never dropped unseen; and a register whose header core
 * refuses has none of its rows read by either.
 */
import { afterAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { fake } from '../addin/fake-excel.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import { importExports, loadWorkbook, saveSettings, setUpWorkbook } from '../../addin/taskpane/workbook-ops.js';
import { replaceRows } from '../../addin/excel/table-io.js';
import type { CellValue } from '../../addin/excel/cell-values.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { TABLES } from '../../core/workbook-layout.js';
import { AS_OF, batchOnBook, CLAIM_TEXTS, CLAIMS_HEADER, exportText, removeFolders } from './workbook-book.js';

const folders: string[] = [];
afterAll(() => removeFolders(folders));

/** The test claim under another claimId, with `changes` by column. */
const claimRow = (claimId: string, changes: Readonly<Record<string, string>> = {}) =>
  CLAIMS_HEADER.map((n, i) => (n === 'claimId' ? claimId : (changes[n] ?? CLAIM_TEXTS[i]!)));

/** A sheet's rows from row 1 (an empty array is an empty row). */
interface Sheet {
  readonly rows: readonly (readonly string[])[];
}

/** What an adapter said about the register's rows: each problem as `code@row`, sorted, and the claims it drew. */
interface Verdict {
  readonly problems: readonly string[];
  readonly claims: readonly string[];
}

async function batchVerdict(sheet: Sheet): Promise<Verdict> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Claims');
  sheet.rows.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value !== '') ws.getCell(r + 1, c + 1).value = value;
    });
  });
  const run = await batchOnBook(wb, 'claims', folders);
  return {
    problems: run.csv('input-errors.csv').filter((e) => e.file?.endsWith('!Claims')).map((e) => `${e.code}@${e.line}`).sort(),
    claims: run.csv('claims.csv').map((c) => c.claimId!),
  };
}

async function addinVerdict(sheet: Sheet): Promise<Verdict> {
  fake.reset();
  await Excel.run(async (context) => {
    const ws = context.workbook.worksheets.add('Claims');
    sheet.rows.forEach((row, r) => {
      if (row.length > 0) ws.getRangeByIndexes(r, 0, 1, row.length).values = [row.map((v): CellValue => v)];
    });
    await context.sync();
  });
  // Set-up leaves a sheet that holds data as it is (the ledger reads it as the register).
  await setUpWorkbook();
  await saveSettings({ asOf: AS_OF as IsoDate, fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 'plain-sheet' });
  await importExports([parseExportText('earnings.csv', exportText('E1'))], () => undefined);
  const { ledger } = await loadWorkbook({ reread: true });
  return {
    problems: ledger.problems.filter((p) => p.table === 'Claims').flatMap((p) => p.issues.map((i) => `${i.code}@${p.row}`)).sort(),
    claims: ledger.claims.map((c) => c.claim.claimId),
  };
}

describe('a register on a plain sheet: rows are named by their sheet row in both adapters', () => {
  test('a bad claim on sheet row 7, below a title, a header on row 3 and a blank row 5, is named row 7 by both', async () => {
    const sheet: Sheet = {
      rows: [['Co-op claims register'], [], CLAIMS_HEADER, claimRow('C1'), [], claimRow('C2'), claimRow('C3', { amountClaimed: 'lots' })],
    };
    const batch = await batchVerdict(sheet);
    const addin = await addinVerdict(sheet);
    expect(batch.problems).toEqual(['invalid_amount@7']);
    expect(addin.problems).toEqual(batch.problems);
    expect(addin.claims).toEqual(['C1', 'C2']);
  });

  test('a note under a blank header cell keeps its row: both refuse it on its row, neither skips it as blank', async () => {
    // A column the team left unheaded between two named ones; row 5 holds a note in it and nothing else.
    const at = CLAIMS_HEADER.indexOf('notes');
    const withGap = (row: readonly string[], gap: string) => [...row.slice(0, at), gap, ...row.slice(at)];
    const note = CLAIMS_HEADER.map(() => '');
    const sheet: Sheet = { rows: [withGap(CLAIMS_HEADER, ''), withGap(claimRow('C1'), ''), [], [], withGap(note, 'ask Sam about the invoice')] };
    const batch = await batchVerdict(sheet);
    const addin = await addinVerdict(sheet);
    expect(batch.problems.length).toBeGreaterThan(0);
    expect(new Set(batch.problems.map((p) => p.split('@')[1]))).toEqual(new Set(['5']));
    expect(batch.problems).toContain('missing_field@5');
    expect(addin.problems).toEqual(batch.problems);
    // The add-in draws the claims it can read; the batch job stops on the refused row.
    expect(addin.claims).toEqual(['C1']);
  });
});

describe('a register whose header core refuses has none of its rows read, in both adapters', () => {
  test('a repeated claimId column and a bad row: the header\'s problem only, the row not read', async () => {
    const headers = CLAIMS_HEADER.map((n) => (n === 'notes' ? 'Claim ID' : n));
    const bad = claimRow('C3', { amountClaimed: 'lots' });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Register').addTable({ name: 'Claims', ref: 'A1', headerRow: true, columns: headers.map((name) => ({ name })), rows: [claimRow('C1'), bad] });
    const run = await batchOnBook(wb, 'claims', folders);
    expect(run.exitCode).toBe(65);
    expect(run.csv('input-errors.csv').map((e) => e.code)).toEqual(['duplicate_header']);

    fake.reset();
    await setUpWorkbook();
    await saveSettings({ asOf: AS_OF as IsoDate, fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 'plain-sheet' });
    await Excel.run(async (context) => {
      context.workbook.tables.getItem(TABLES.claims).getHeaderRowRange().values = [headers];
      await context.sync();
      await replaceRows(context, TABLES.claims, [claimRow('C1'), bad]);
    });
    const { ledger } = await loadWorkbook({ reread: true });
    expect(ledger.refusedTable).toBe('Claims');
    expect(ledger.problems.flatMap((p) => p.issues.map((i) => i.code))).toEqual(['duplicate_header']);
  });
});
