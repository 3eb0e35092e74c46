/**
 * When the COOP.* functions learn that a workbook was switched between the 1900 and the 1904 date
 * system (docs/RULES.md, "Workbook cells"): Excel raises no event for the switch, so a cell
 * keeps the system it last read until the workbook is read again, by the pane, or by
 * COOP.AVAILABLE after an edit of a table it watches.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { available, claimEnd } from '../../addin/functions/functions.js';
import { invalidateLedger } from '../../addin/functions/ledger-cache.js';
import { importExports, loadWorkbook } from '../../addin/taskpane/workbook-ops.js';
import { watchTables } from '../../addin/excel/table-changes.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import { isoDate, toExcelSerial } from '../../core/calendar/calendar-date.js';
import { TABLES } from '../../core/workbook-layout.js';
import { fake } from './fake-excel.js';
import { streaming } from './streaming-invocation.js';
import { freshWorkbook } from './workbook-session.js';

/** Lets pending events run: the switch alone raises none, so no value may follow it. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
// FY21 H1's claims close on 2021-08-15 (fiscal year from July).
const in1900 = toExcelSerial(isoDate('2021-08-15'), '1900');
const in1904 = toExcelSerial(isoDate('2021-08-15'), '1904');

async function workbook(): Promise<void> {
  await freshWorkbook('2022-02-10');
  // Nothing read yet: as when the workbook has just been opened.
  invalidateLedger();
}

describe('a workbook switched to the 1904 date system while the functions run', () => {
  test('moves no COOP.* cell by itself; the next time the pane reads the workbook, every cell follows', async () => {
    await workbook();
    const end = streaming(claimEnd, 'FY21 H1');
    expect(await end.nth(1)).toBe(in1900);
    fake.setDate1904(true);
    await settle();
    expect(end.results).toEqual([in1900]);
    await loadWorkbook();
    expect(await end.nth(2)).toBe(in1904);
    end.cancel();
  });

  test('with COOP.AVAILABLE on a sheet, an edit of a table it watches is enough, without the pane', async () => {
    await workbook();
    await importExports([parseExportText('e.csv', readFileSync('samples/earnings/earnings_2020-07_2021-06.csv', 'utf8'))], () => undefined);
    await watchTables([TABLES.earnings, TABLES.programs, TABLES.claims]);
    invalidateLedger();
    const end = streaming(claimEnd, 'FY21 H1');
    const cell = streaming(available, '4410021', 'CSP Indirect Reseller', 'FY21 H1', 'EUR');
    expect(await end.nth(1)).toBe(in1900);
    await cell.nth(1);
    fake.setDate1904(true);
    await settle();
    expect(end.results).toEqual([in1900]);
    // A user's edit of the Earnings table: COOP.AVAILABLE reads the workbook again, its date system with it.
    fake.setCell(TABLES.earnings, 0, 'participantName', 'Contoso');
    expect(await end.nth(2)).toBe(in1904);
    end.cancel();
    cell.cancel();
  });
});
