/**
 * A version the Earnings table holds is ranked by the download it came from, as the batch job
 * ranks it (docs/RULES.md, "Repeated earningIds"), not by its own row's dates: importing the files
 * one at a time then keeps the version the batch job keeps on all of them at once.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { parseExportText } from '../../addin/import/parse-export.js';
import { importExports, setUpWorkbook } from '../../addin/taskpane/workbook-ops.js';
import { fromExcelSerial } from '../../core/calendar/calendar-date.js';
import { DOWNLOAD_LATEST_COLUMN, TABLES } from '../../core/workbook-layout.js';
import { fake } from './fake-excel.js';

// No paymentDate or calculationDate: each download's recency is its latest earningDate.
const COLUMNS = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency';
const download = (name: string, rows: string[]) => parseExportText(name, [COLUMNS, ...rows].join('\r\n') + '\r\n');
// Feb's recency is 2021-02-20; it restates E1 at USD 45.00.
const FEB = download('Feb.csv', ['E1,P1,Hosting,Co-op,40.00,45.00,2021-01-05,USD', 'E2,P1,Hosting,Co-op,20.00,20.00,2021-02-20,USD']);
// Jan's recency is 2021-01-31, older than Feb's, though later than E1's own date.
const JAN = download('Jan.csv', ['E1,P1,Hosting,Co-op,40.00,40.00,2021-01-05,USD', 'E3,P1,Hosting,Co-op,10.00,10.00,2021-01-31,USD']);

function earningsById(): Map<string, { usd: unknown; downloadLatest: string | null }> {
  const table = fake.tableValues(TABLES.earnings)!;
  const at = (name: string) => table.headers.indexOf(name);
  return new Map(
    table.rows.map((r) => [String(r[at('earningId')]), { usd: r[at('earningAmountUSD')], downloadLatest: fromExcelSerial(r[at(DOWNLOAD_LATEST_COLUMN)] as number, '1900') }]),
  );
}

describe('an older download imported after a newer one', () => {
  beforeEach(() => fake.reset());

  test('keeps the newer download\'s version of an earning the table holds, though the older download is later than that row\'s own date', async () => {
    await setUpWorkbook();
    await importExports([FEB], () => undefined);
    const jan = await importExports([JAN], () => undefined);
    expect(jan.plan.updates).toEqual([]);
    expect(jan.plan.skipped.map((s) => [s.earningId, s.code, s.heldIn])).toEqual([['E1', 'earning_restated', 'workbook']]);
    const rows = earningsById();
    expect(rows.get('E1')!.usd).toBe(45);
    // Each row remembers the recency of the download it came from.
    expect([...rows].map(([id, r]) => [id, r.downloadLatest])).toEqual([
      ['E1', '2021-02-20'],
      ['E2', '2021-02-20'],
      ['E3', '2021-01-31'],
    ]);
  });

  test('a newer download imported after an older one still rewrites the row, and the row then remembers the newer download', async () => {
    await setUpWorkbook();
    await importExports([JAN], () => undefined);
    const feb = await importExports([FEB], () => undefined);
    expect(feb.plan.updates.map((u) => [u.earningId, u.kind])).toEqual([['E1', 'restated']]);
    const rows = earningsById();
    expect(rows.get('E1')).toEqual({ usd: 45, downloadLatest: '2021-02-20' });
  });

  test('a row without the download\'s date (typed by hand, or imported before the column) is ranked by its own dates', async () => {
    await setUpWorkbook();
    await importExports([FEB], () => undefined);
    // Clear the remembered dates, as in a table written before the column existed.
    const table = fake.tableValues(TABLES.earnings)!;
    const col = table.headers.indexOf(DOWNLOAD_LATEST_COLUMN);
    fake.reset();
    await setUpWorkbook();
    fake.appendRows(TABLES.earnings, table.rows.map((r) => r.map((v, i) => (i === col ? '' : v))));
    const jan = await importExports([JAN], () => undefined);
    // E1's own date (2021-01-05) is older than Jan's recency: Jan's version counts.
    expect(jan.plan.updates.map((u) => u.earningId)).toEqual(['E1']);
    expect(earningsById().get('E1')).toEqual({ usd: 40, downloadLatest: '2021-01-31' });
  });
});

describe('a newer download that repeats a held version unchanged', () => {
  beforeEach(() => fake.reset());
  // a: E1 at USD 45 (01-05); b: E1 restated at USD 40 (01-31); c: E1 at USD 45 again (02-20).
  const A = () => download('a.csv', ['E1,P1,Hosting,Co-op,45.00,45.00,2021-01-05,USD']);
  const B = () => download('b.csv', ['E1,P1,Hosting,Co-op,45.00,40.00,2021-01-05,USD', 'E3,P1,Hosting,Co-op,10.00,10.00,2021-01-31,USD']);
  const C = () => download('c.csv', ['E1,P1,Hosting,Co-op,45.00,45.00,2021-01-05,USD', 'E2,P1,Hosting,Co-op,20.00,20.00,2021-02-20,USD']);

  test.each([
    ['a, b, c', [A, B, C]],
    ['a, c, b', [A, C, B]],
    ['c, b, a', [C, B, A]],
  ])('makes the held row that download\'s, so an older one met later changes nothing: imported %s, E1 is USD 45 from 2021-02-20', async (_order, files) => {
    await setUpWorkbook();
    for (const file of files) await importExports([file()], () => undefined);
    expect(earningsById().get('E1')).toEqual({ usd: 45, downloadLatest: '2021-02-20' });
  });

  test('in one import of a, c, b too: E1 is USD 45 from 2021-02-20, as the batch job keeps it', async () => {
    await setUpWorkbook();
    await importExports([A(), C(), B()], () => undefined);
    expect(earningsById().get('E1')).toEqual({ usd: 45, downloadLatest: '2021-02-20' });
  });
});
