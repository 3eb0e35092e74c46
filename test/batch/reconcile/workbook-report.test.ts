import { afterAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { FINDINGS_PER_CODE_IN_XLSX, writeWorkbookReport } from '../../../batch/reconcile/workbook-report.js';
import { isoDate } from '../../../core/calendar/calendar-date.js';
import { PER_ROW_FINDING_CODES } from '../../../core/codes.js';
import type { Finding } from '../../../core/reconcile/finding.js';
import { DEFAULT_SETTINGS } from '../../../core/settings.js';
import { tempDirs } from '../../support/temp-dir.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

/** The Findings sheet's rows, as code and severity, counted by both. */
async function findingsSheet(findings: readonly Finding[]): Promise<Map<string, number>> {
  const path = join(await dirs.make(), 'reconciliation.xlsx');
  await writeWorkbookReport(path, { asOf: isoDate('2022-02-10'), settings: DEFAULT_SETTINGS, inputs: [], balances: [], findings, claims: [], journal: [] });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheet = wb.getWorksheet('Findings')!;
  const names = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const counts = new Map<string, number>();
  for (let i = 2; i <= sheet.rowCount; i++) {
    const cells = (sheet.getRow(i).values as unknown[]).slice(1);
    const key = `${String(cells[names.indexOf('severity')])} ${String(cells[names.indexOf('code')])}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

const many = (code: Finding['code'], n: number): Finding[] =>
  Array.from({ length: n }, (_, i) => ({ severity: 'warning', code, message: 'm', file: 'a.csv', line: i + 2 }));

describe('the Findings sheet of reconciliation.xlsx', () => {
  test.each([...PER_ROW_FINDING_CODES])('lists the first findings of %s, a code core says comes one per row, and counts the rest in one info row', async (code) => {
    const counts = await findingsSheet(many(code, FINDINGS_PER_CODE_IN_XLSX + 3));
    expect(counts.get(`warning ${code}`)).toBe(FINDINGS_PER_CODE_IN_XLSX);
    expect(counts.get(`info ${code}`)).toBe(1);
  });

  test('lists every finding of a code said once per pool, however many there are', async () => {
    const counts = await findingsSheet(many('funds_expiring', FINDINGS_PER_CODE_IN_XLSX + 3));
    expect(counts.get('warning funds_expiring')).toBe(FINDINGS_PER_CODE_IN_XLSX + 3);
    expect(counts.get('info funds_expiring')).toBeUndefined();
  });
});
