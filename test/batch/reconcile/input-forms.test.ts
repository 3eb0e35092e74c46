import { afterAll, describe, expect, test } from 'vitest';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { tempDirs } from '../../support/temp-dir.js';
import { makeZip } from '../input/helpers.js';
import { runCli } from './run.js';

// The same sample data in the other forms the job accepts must give the same balances.
const ROOT = join(import.meta.dirname, '../../..');
const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const golden = () => readFile(join(ROOT, 'test/golden/sample/balances.csv'), 'utf8');

async function sampleZip(dir: string): Promise<string> {
  const names = (await readdir(join(ROOT, 'samples/earnings'))).sort();
  const entries = await Promise.all(names.map(async (name) => ({ name, data: await readFile(join(ROOT, 'samples/earnings', name)) })));
  const path = join(dir, 'earnings.zip');
  await writeFile(path, makeZip(entries));
  return path;
}

/** A co-op workbook as the add-in lays it out: Claims and Programs as Excel tables, typed cells. */
async function sampleWorkbook(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const claimsCsv = Papa.parse<Record<string, string>>(await readFile(join(ROOT, 'samples/claims.csv'), 'utf8'), { header: true, skipEmptyLines: true });
  const columns = claimsCsv.meta.fields!;
  const typed = (name: string, text: string): ExcelJS.CellValue => {
    if (text === '') return null;
    if (/^(activityStart|activityEnd|submittedDate|decisionDate)$/.test(name)) return new Date(`${text}T00:00:00Z`);
    if (/^amount/.test(name)) return Number(text); // Excel stores doubles; the sample's amounts are exact in binary
    return text;
  };
  wb.addWorksheet('Claims').addTable({
    name: 'Claims',
    ref: 'A1',
    columns: columns.map((name) => ({ name })),
    rows: claimsCsv.data.map((row) => columns.map((c) => typed(c, row[c] ?? ''))),
  });
  const programs = JSON.parse(await readFile(join(ROOT, 'samples/programs.json'), 'utf8')).programs as Record<string, unknown>[];
  const pcols = ['name', 'aliases', 'coopShare', 'thresholdUSD', 'coopClaims', 'from', 'until'];
  wb.addWorksheet('Programs').addTable({
    name: 'Programs',
    ref: 'A1',
    columns: pcols.map((name) => ({ name })),
    rows: programs.map((p) => pcols.map((c) => (c === 'aliases' ? ((p.aliases as string[] | undefined) ?? []).join(';') : ((p[c] as string | undefined) ?? null)))),
  });
  const path = join(dir, 'coop.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

describe('input forms', () => {
  test('a zip of the exports and a co-op workbook for claims and programs give the golden balances', async () => {
    const dir = await dirs.make();
    const zip = await sampleZip(dir);
    const workbook = await sampleWorkbook(dir);
    const out = join(dir, 'out');
    const r = await runCli(['reconcile', '--earnings', zip, '--claims', workbook, '--programs', workbook, '--payments', 'samples/payments.csv', '--as-of', '2022-02-10', '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(await readFile(join(out, 'balances.csv'), 'utf8')).toBe(await golden());
    const findings = await readFile(join(out, 'findings.csv'), 'utf8');
    expect(findings).toContain('earnings.zip!earnings_2021-11_2022-02.csv');
    expect(findings).toMatch(/coop\.xlsx!Claims,14,/); // CLM-1013 on row 14 of the sheet, as in the CSV
  });

  test('the same export passed twice counts once', async () => {
    const dir = await dirs.make();
    const out = join(dir, 'out');
    const r = await runCli(['reconcile', '--earnings', 'samples/earnings', '--earnings', 'samples/earnings', '--payments', 'samples/payments.csv', '--claims', 'samples/claims.csv', '--programs', 'samples/programs.json', '--as-of', '2022-02-10', '--out', out, '--quiet']);
    expect(r.code).toBe(1);
    expect(await readFile(join(out, 'balances.csv'), 'utf8')).toBe(await golden());
  });
});
