import { afterAll, describe, expect, test } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { tempDirs } from '../../support/temp-dir.js';
import { runCli } from './run.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const EARNINGS = [
  'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,transactionId,lever',
  'E1,P1,CSP Indirect Reseller,Co-op,20000.00,20000.00,2021-08-01,USD,T1,Core',
].join('\n');

const HEADER = ['claimId', 'participantId', 'programName', 'activityType', 'activityName', 'activityStart', 'activityEnd', 'currency', 'amountClaimed', 'status'];
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** A Claims sheet: a good claim with a General-formatted serial start, then a claim whose start is no date. */
async function claimsWorkbook(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Claims');
  ws.addRow(HEADER);
  ws.addRow(['C1', 'P1', 'CSP Indirect Reseller', 'Event', 'Webinar', 44562, utc(2022, 1, 2), 'USD', 100, 'Editing']);
  ws.addRow(['C2', 'P1', 'CSP Indirect Reseller', 'Event', 'Webinar, part 2', 'someday', utc(2022, 1, 2), 'USD', 250.5, 'Editing']);
  const path = join(dir, 'book.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

async function run(skipBadRows: boolean): Promise<{ code: number; out: string; book: string }> {
  const dir = await dirs.make();
  await writeFile(join(dir, 'earnings.csv'), EARNINGS);
  const book = await claimsWorkbook(dir);
  const out = join(dir, 'out');
  const args = ['reconcile', '--earnings', join(dir, 'earnings.csv'), '--claims', book, '--as-of', '2022-02-10', '--out', out, '--quiet'];
  const r = await runCli(skipBadRows ? [...args, '--skip-bad-rows'] : args);
  return { code: r.code, out, book };
}

const csv = async (path: string) => Papa.parse<Record<string, string>>(await readFile(path, 'utf8'), { header: true, skipEmptyLines: true }).data;

describe('a Claims workbook row core refuses', () => {
  test('is quarantined with --skip-bad-rows, its cells as one CSV line, and the run goes on to exit 1 with rows_quarantined', async () => {
    const { code, out, book } = await run(true);
    expect(code).toBe(1);
    expect(await csv(join(out, 'quarantine.csv'))).toEqual([
      { file: `${book}!Claims`, line: '3', codes: 'invalid_date', raw: 'C2,P1,CSP Indirect Reseller,Event,"Webinar, part 2",someday,2022-01-02,USD,250.5,Editing' },
    ]);
    expect((await csv(join(out, 'claims.csv'))).map((c) => [c.claimId, c.activityStart, c.activityEnd])).toEqual([['C1', '2022-01-01', '2022-01-02']]);
    expect((await csv(join(out, 'findings.csv'))).filter((f) => f.code === 'rows_quarantined').map((f) => f.severity)).toEqual(['error']);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')) as { counts: { quarantinedRows: number } };
    expect(summary.counts.quarantinedRows).toBe(1);
  });

  test('rejects the run without --skip-bad-rows, naming the row', async () => {
    const { code, out, book } = await run(false);
    expect(code).toBe(65);
    expect((await csv(join(out, 'input-errors.csv'))).map((e) => [e.file, e.line, e.code, e.columnName])).toEqual([[`${book}!Claims`, '3', 'invalid_date', 'activityStart']]);
  });
});

describe('a Claims workbook and --number-locale', () => {
  test('the locale is for text files: a number cell of 1.234 is 1.234 under nl-NL, as the add-in reads it', async () => {
    const dir = await dirs.make();
    await writeFile(join(dir, 'earnings.csv'), EARNINGS);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Claims');
    ws.addRow(HEADER);
    ws.addRow(['C1', 'P1', 'CSP Indirect Reseller', 'Event', 'Webinar', utc(2022, 1, 1), utc(2022, 1, 2), 'USD', 1.234, 'Editing']);
    const book = join(dir, 'book.xlsx');
    await wb.xlsx.writeFile(book);
    const out = join(dir, 'out');
    const r = await runCli(['reconcile', '--earnings', join(dir, 'earnings.csv'), '--claims', book, '--number-locale', 'nl-NL', '--as-of', '2022-02-10', '--out', out, '--quiet']);
    expect(r.code).toBeLessThan(2);
    expect((await csv(join(out, 'claims.csv'))).map((c) => [c.claimId, c.amountClaimed])).toEqual([['C1', '1.23']]); // shown to the cent; read whole, not refused as ambiguous
  });
});

describe('a plain Claims sheet (no Excel table) with a title above its header', () => {
  test('its header is found as an export header is, below the title, and its claims are read', async () => {
    const dir = await dirs.make();
    await writeFile(join(dir, 'earnings.csv'), EARNINGS);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Claims');
    ws.addRow(['Co-op claims register, FY22']);
    ws.addRow([]);
    ws.addRow(HEADER);
    ws.addRow(['C1', 'P1', 'CSP Indirect Reseller', 'Event', 'Webinar', utc(2022, 1, 1), utc(2022, 1, 2), 'USD', 100, 'Editing']);
    const book = join(dir, 'book.xlsx');
    await wb.xlsx.writeFile(book);
    const out = join(dir, 'out');
    const r = await runCli(['reconcile', '--earnings', join(dir, 'earnings.csv'), '--claims', book, '--as-of', '2022-02-10', '--out', out, '--quiet']);
    expect(r.code).toBeLessThan(2);
    expect((await csv(join(out, 'claims.csv'))).map((c) => [c.claimId, c.activityStart])).toEqual([['C1', '2022-01-01']]);
  });
});

describe('a Claims workbook the job cannot read as a table', () => {
  test.each([
    ['no sheet or table named Claims', 'table_not_found', (wb: ExcelJS.Workbook) => wb.addWorksheet('Register').addRow(HEADER)],
    [
      'a formula Excel never calculated',
      'formula_without_result',
      (wb: ExcelJS.Workbook) => {
        const ws = wb.addWorksheet('Claims');
        ws.addRow(HEADER);
        ws.addRow(['C1', 'P1', 'CSP Indirect Reseller', 'Event', 'Webinar', utc(2022, 1, 1), utc(2022, 1, 2), 'USD', { formula: 'SUM(1,2)' }, 'Editing']);
      },
    ],
  ])('%s rejects the run under its own code from core\'s list, at its place', async (_name, code, fill) => {
    const dir = await dirs.make();
    await writeFile(join(dir, 'earnings.csv'), EARNINGS);
    const wb = new ExcelJS.Workbook();
    fill(wb);
    const book = join(dir, 'book.xlsx');
    await wb.xlsx.writeFile(book);
    const out = join(dir, 'out');
    const r = await runCli(['reconcile', '--earnings', join(dir, 'earnings.csv'), '--claims', book, '--as-of', '2022-02-10', '--out', out, '--quiet']);
    expect(r.code).toBe(65);
    // The uncalculated amount is also an empty amount for core's claim rule: that is its own problem.
    expect((await csv(join(out, 'input-errors.csv'))).map((e) => [e.severity, e.code])).toContainEqual(['error', code]);
  });

  test('a damaged workbook is workbook_unreadable', async () => {
    const dir = await dirs.make();
    await writeFile(join(dir, 'earnings.csv'), EARNINGS);
    // A workbook's first bytes (a zip whose first part is [Content_Types].xml), and then nothing.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Claims').addRow(HEADER);
    const whole = Buffer.from(await wb.xlsx.writeBuffer());
    const book = join(dir, 'book.xlsx');
    await writeFile(book, whole.subarray(0, 200));
    const out = join(dir, 'out');
    const r = await runCli(['reconcile', '--earnings', join(dir, 'earnings.csv'), '--claims', book, '--as-of', '2022-02-10', '--out', out, '--quiet']);
    expect(r.code).toBe(65);
    expect((await csv(join(out, 'input-errors.csv'))).map((e) => [e.severity, e.code, e.file])).toEqual([['error', 'workbook_unreadable', book]]);
  });
});

describe('a Claims file is a workbook by what it holds, not by its name', () => {
  test('a register saved as .xlsm is read as a workbook, and a CSV named .xlsx as text: the same claims as claims.csv', async () => {
    const dir = await dirs.make();
    await writeFile(join(dir, 'earnings.csv'), EARNINGS);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Claims');
    ws.addRow(HEADER);
    ws.addRow(['C1', 'P1', 'CSP Indirect Reseller', 'Event', 'Webinar', utc(2022, 1, 1), utc(2022, 1, 2), 'USD', 100, 'Editing']);
    const xlsm = join(dir, 'register.xlsm');
    await wb.xlsx.writeFile(xlsm);
    const text = Papa.unparse([HEADER, ['C1', 'P1', 'CSP Indirect Reseller', 'Event', 'Webinar', '2022-01-01', '2022-01-02', 'USD', '100', 'Editing']]);
    const namedXlsx = join(dir, 'claims.xlsx');
    await writeFile(namedXlsx, text);
    const plain = join(dir, 'claims.csv');
    await writeFile(plain, text);
    const claimsOf = async (claims: string) => {
      const out = join(dir, `out-${claims.split('/').pop()}`);
      const r = await runCli(['reconcile', '--earnings', join(dir, 'earnings.csv'), '--claims', claims, '--as-of', '2022-02-10', '--out', out, '--quiet']);
      expect(r.code, claims).toBe(0);
      return (await csv(join(out, 'claims.csv'))).map((c) => [c.claimId, c.amountClaimed, c.fundingPeriod, c.drawsOnPool]);
    };
    const expected = await claimsOf(plain);
    expect(expected).toEqual([['C1', '100.00', 'FY22 H1', 'true']]);
    expect(await claimsOf(xlsm)).toEqual(expected);
    expect(await claimsOf(namedXlsx)).toEqual(expected);
  });
});
