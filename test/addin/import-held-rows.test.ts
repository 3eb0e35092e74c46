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
