import { describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import { fake } from './fake-excel.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import { importExports, loadWorkbook, saveSettings, setUpWorkbook, writeBalances } from '../../addin/taskpane/workbook-ops.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { EARNINGS_COLUMNS, TABLES } from '../../core/workbook-layout.js';

const HEADER = EARNINGS_COLUMNS.map((c) => c.name);
const row = (id: string, currency: string, amount: string) =>
  HEADER.map((h) => ({ earningId: id, participantId: 'P1', programName: 'CSP Indirect Reseller', earningType: 'Co-op', earningAmount: amount, earningAmountUSD: '20000', earningDate: '2021-08-01', transactionCurrency: currency })[h] ?? '');

describe('the Balances table shows each pool to its currency’s minor unit', () => {
  test('JPY without decimals, KWD with three, USD with two; the USD columns with two in every row', async () => {
    fake.reset();
    await setUpWorkbook();
    await saveSettings({ asOf: '2022-02-10' as IsoDate, fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 'formats' });
    const text = Papa.unparse([HEADER, row('E1', 'JPY', '2000000'), row('E2', 'KWD', '6000.125'), row('E3', 'USD', '20000')], { newline: '\n' });
    await importExports([parseExportText('a.csv', text)], () => undefined);
    await writeBalances((await loadWorkbook({ reread: true })).ledger);

    const table = fake.tableValues(TABLES.balances)!;
    const formats = fake.tableFormats(TABLES.balances);
    const at = (name: string) => table.headers.indexOf(name);
    const shown = table.rows.map((r, i) => [r[at('currency')], formats[i]![at('available')], formats[i]![at('coopEarned')], formats[i]![at('coopEarnedUSD')]]);
    expect(shown.sort()).toEqual([
      ['JPY', '#,##0', '#,##0', '#,##0.00'],
      ['KWD', '#,##0.000', '#,##0.000', '#,##0.00'],
      ['USD', '#,##0.00', '#,##0.00', '#,##0.00'],
    ]);
  });
});
