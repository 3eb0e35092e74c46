import { describe, expect, test } from 'vitest';
import { BALANCES_REPORT, CLAIMS_REPORT, FINDINGS_REPORT, findingRow, JOURNAL_REPORT, readReportRecord, requiredColumns, type ReportFile } from '../../../core/reports/report-files.js';
import { reportCells, type ReportCellProblem } from '../../../core/reports/report-cells.js';

const REPORTS: [string, ReportFile<unknown>][] = [FINDINGS_REPORT, BALANCES_REPORT, CLAIMS_REPORT, JOURNAL_REPORT].map((r) => [r.file, r as ReportFile<unknown>]);

describe("the previous run's reports, read back by the lists they were written with", () => {
  test.each(REPORTS)('%s reads back only columns it is written with, and requires all of them but those a set may lack', (_file, report) => {
    const written = report.columns.map((c) => c.name);
    expect(report.readBack.filter((c) => !written.includes(c))).toEqual([]);
    expect(report.mayLack.filter((c) => !report.readBack.includes(c))).toEqual([]);
    expect(requiredColumns(report)).toEqual(report.readBack.filter((c) => !report.mayLack.includes(c)));
  });

  test('a balances.csv from before transfers may lack its transferred column, and reads as nothing moved', () => {
    expect(requiredColumns(BALANCES_REPORT)).not.toContain('transferred');
    const record = { participantId: 'P1', programName: 'X', earningPeriod: 'FY22 H1', currency: 'EUR', status: 'open' };
    const amounts = Object.fromEntries(['coopEarned', 'convertedToRebate', 'claimsDraft', 'claimsPending', 'claimsApproved', 'claimsPaid', 'available', 'forfeited'].map((c) => [c, '1,50']));
    const read = readReportRecord(BALANCES_REPORT, { ...record, ...amounts }, ',');
    expect(read.ok && [read.value.transferred.toFixed(), read.value.available.toFixed()]).toEqual(['0', '1.5']);
  });

  test('every cell of a record that cannot be read back is told, each with its code, column and text', () => {
    const record = { claimId: 'C1', participantId: 'P1', programName: 'X', currency: 'EUR', status: 'Paid', amountClaimed: '1 000.00', amountApproved: '', paid: 'yes', amountPaid: '12.5.0', findings: '', fundingPeriod: '' };
    const read = readReportRecord(CLAIMS_REPORT, record, '.');
    expect(read.ok ? [] : read.problems).toEqual([
      { code: 'invalid_amount', column: 'amountClaimed', raw: '1 000.00' },
      { code: 'malformed_csv', column: 'paid', raw: 'yes' },
      { code: 'invalid_amount', column: 'amountPaid', raw: '12.5.0' },
    ]);
  });

  test.each([
    ['an amount that must be there, empty', 'debit', '', 'missing_field'],
    ['a date not written as yyyy-MM-dd', 'date', '10/02/2022', 'invalid_date'],
    ['an event not in the journal', 'event', 'coop_stolen', 'malformed_csv'],
  ])('a journal line with %s is not read back', (_what, column, raw, code) => {
    const line = { date: '2022-02-10', reference: 'r', description: 'd', participantId: 'P1', programName: 'X', earningPeriod: 'FY22 H1', currency: 'EUR', event: 'coop_accrued', claimId: '', account: 'a', debit: '0.00', credit: '1.00' };
    const read = readReportRecord(JOURNAL_REPORT, { ...line, [column]: raw }, '.');
    expect(read.ok ? [] : read.problems).toEqual([{ code, column, raw }]);
  });

  test('reading a column as another kind than its list gives it, or a column the list lacks, is a programming error', () => {
    const problems: ReportCellProblem[] = [];
    const cells = reportCells(CLAIMS_REPORT.columns, { paid: 'true', amountPaid: '1.00' }, '.', problems);
    expect(() => cells.amount('paid')).toThrow(TypeError);
    expect(() => cells.text('amountPaid')).toThrow(TypeError);
    expect(() => cells.text('earningId')).toThrow(TypeError);
    expect(cells.boolean('paid')).toBe(true);
  });
});

describe('findings.csv', () => {
  test('a finding that gives every field fills every column, each with its own field', () => {
    const columns = FINDINGS_REPORT.columns.map((c) => c.name);
    // Each field its own value, so a column filled from another field shows.
    const finding = Object.fromEntries(columns.map((name) => [name, name === 'line' ? 7 : `value of ${name}`]));
    const row = findingRow(finding as unknown as Parameters<typeof findingRow>[0]);
    expect(Object.keys(row).sort()).toEqual([...columns].sort());
    for (const name of columns) expect(row[name], name).toBe(finding[name]);
  });
});
