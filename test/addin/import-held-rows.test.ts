/**
 * A newer download rewrites the row that holds its earning, wherever blank rows sit in the
 * Earnings table: the rows read leave blank ones out, so a row's place among them is not its place
 * in the table; writing there put the newer version on the blank row and kept the old one (two rows
 * of one earning), or wrote over another earning.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { parseExportText } from '../../addin/import/parse-export.js';
import { importExports, setUpWorkbook } from '../../addin/taskpane/workbook-ops.js';
import { EARNINGS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { fake } from './fake-excel.js';

const COLUMNS = 'paymentDate,earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,paymentId,paymentStatus';
const download = (name: string, rows: string[]) => parseExportText(name, [COLUMNS, ...rows].join('\r\n') + '\r\n');
const E1 = ',E1,P1,Hosting,Co-op,10.00,11.30,2021-02-10,EUR,,Upcoming';
const E2 = ',E2,P1,Hosting,Co-op,20.00,22.60,2021-03-10,EUR,,Upcoming';
const E2_PAID = '2021-08-15,E2,P1,Hosting,Co-op,20.00,22.60,2021-03-10,EUR,PAY-1,Sent';

describe('a newer download of an earning the Earnings table holds below a blank row', () => {
  beforeEach(() => fake.reset());

  test('rewrites that earning\'s row and leaves the earning above it as it was', async () => {
    await setUpWorkbook();
    await importExports([download('first.csv', [E1])], () => undefined);
    // The user leaves a blank row in the table, then the next download lands below it.
    fake.appendRows(TABLES.earnings, [EARNINGS_COLUMNS.map(() => '')]);
    await importExports([download('second.csv', [E2])], () => undefined);
    const id = EARNINGS_COLUMNS.findIndex((c) => c.name === 'earningId');
    const status = EARNINGS_COLUMNS.findIndex((c) => c.name === 'paymentStatus');
    expect(fake.tableValues(TABLES.earnings)!.rows.map((r) => [r[id], r[status]])).toEqual([['E1', 'Upcoming'], ['', ''], ['E2', 'Upcoming']]);

    const paid = await importExports([download('paid.csv', [E2_PAID])], () => undefined);
    expect(paid.plan.updates.map((u) => u.earningId)).toEqual(['E2']);
    expect(fake.tableValues(TABLES.earnings)!.rows.map((r) => [r[id], r[status]])).toEqual([['E1', 'Upcoming'], ['', ''], ['E2', 'Sent']]);
  });
});

describe('a problem with an earning the Earnings table holds names that row by its sheet row', () => {
  beforeEach(() => fake.reset());

  /** An Earnings table the user set up at A3, below a title, holding E1 on row 4, a blank row 5 and E2 on row 6. */
  async function tableAtA3(): Promise<void> {
    const id = EARNINGS_COLUMNS.findIndex((c) => c.name === 'earningId');
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.add(TABLES.earnings);
      sheet.getRangeByIndexes(0, 0, 1, 1).values = [['Co-op earnings']];
      sheet.getRangeByIndexes(2, 0, 1, EARNINGS_COLUMNS.length).values = [EARNINGS_COLUMNS.map((c) => c.name)];
      const table = sheet.tables.add(sheet.getRangeByIndexes(2, 0, 1, EARNINGS_COLUMNS.length), true);
      table.name = TABLES.earnings;
      await context.sync();
    });
    await setUpWorkbook();
    await importExports([download('first.csv', [E1])], () => undefined);
    fake.appendRows(TABLES.earnings, [EARNINGS_COLUMNS.map(() => '')]);
    await importExports([download('second.csv', [E2])], () => undefined);
    expect(fake.tableValues(TABLES.earnings)!.rows.map((r) => r[id])).toEqual(['E1', '', 'E2']);
  }

  test('a row that conflicts with E2 names Earnings row 6', async () => {
    await tableAtA3();
    const conflicting = ',E2,P1,Hosting,Co-op,25.00,28.25,2021-03-10,EUR,,Upcoming';
    const { plan } = await importExports([download('third.csv', [conflicting, E2.replace('E2', 'E3')])], () => undefined);
    expect(plan.conflicts.map((c) => [c.line, c.earningId, c.heldIn, c.heldRow])).toEqual([[2, 'E2', 'workbook', 6]]);
  });

  test('a row that repeats E2 names Earnings row 6 too', async () => {
    await tableAtA3();
    const { plan } = await importExports([download('third.csv', [E2.replace('E2', 'E3'), E2])], () => undefined);
    expect(plan.skipped.map((s) => [s.line, s.code, s.heldIn, s.heldRow])).toEqual([[3, 'duplicate_earning', 'workbook', 6]]);
  });
});
