/**
 * A user sorts the Earnings table (Data > Sort) between imports and before Recalculate: the
 * workbook still counts what the batch job counts on the same files, since the ledger reads the
 * table in the order the import numbered its rows, not in the table's order (docs/RULES.md,
 * "Reading order"). Which of two conflicting versions counts, and which rows the split check
 * pairs within its window, depend on that order.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SAMPLES, coopVariants, generatedExport, type DataSet } from './data-sets.js';
import { addinOutcome, batchOutcome } from './paths.js';
import { expectAgreement } from './agreement.js';
import { SPLIT_WINDOW } from '../../core/reconcile/split-window.js';
import { TABLES } from '../../core/workbook-layout.js';
import { fake } from '../addin/fake-excel.js';
import { scratchFolder } from './scratch.js';

const scratch = scratchFolder('contract-sorted-');

const HEADER = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,transactionId,lever';

const SORTS = [
  { column: 'earningAmount', descending: false },
  { column: 'earningId', descending: true },
] as const;

describe.each([
  SAMPLES,
  generatedExport(scratch, '1', 3_000, '2021-09-30'),
  { ...generatedExport(scratch, 'variants', 3_000, '2022-02-10', coopVariants), name: 'Co_op, Adjustment-Co-op and misspelt Cooop variants' },
])('$name', (set) => {
  test.each(SORTS)('the Earnings table sorted by $column (descending: $descending) after each import counts what the batch job counts', async (sort) => {
    const batch = await batchOutcome(set);
    // One file at a time, the table sorted after each: the next import meets the sorted table.
    const imports = [...set.earnings.map((file) => [file]), ...(set.payments ? [set.payments] : [])];
    expectAgreement(await addinOutcome(set, imports, { sortEarnings: sort }), batch);
  });
});

describe('which of two conflicting versions counts', () => {
  test('the row imported later, wherever a sort put it', async () => {
    const folder = mkdtempSync(join(scratch, 'conflict-'));
    const a = join(folder, 'a.csv');
    const b = join(folder, 'b.csv');
    writeFileSync(a, `${HEADER}\r\nE1,P1,Hosting,Co-op,2000.00,2000.00,2021-01-05,USD,T1,L\r\n`);
    writeFileSync(b, `${HEADER}\r\nE1,P1,Hosting,Co-op,1000.00,1000.00,2021-01-05,USD,T1,L\r\nE2,P1,Hosting,Co-op,1.00,1.00,2021-02-20,USD,T2,L\r\n`);
    const set: DataSet = { name: 'conflicting facts', earnings: [a, b], asOf: '2021-08-10' };
    const batch = await batchOutcome(set);
    // Sorted by amount, a's E1 (2000.00) is below b's (1000.00): read in the table's order, a's would count.
    const addin = await addinOutcome(set, [[a], [b]], { sortEarnings: { column: 'earningAmount', descending: false } });
    expectAgreement(addin, batch);
    expect(batch.conflicts).toEqual([{ earningId: 'E1', at: `${b}:2`, expected: `${a}:2` }]);
    // b's E1 counts, on the row the sort moved it to (3), and a's row (4) is the one it replaced.
    expect(addin.conflicts).toEqual([{ earningId: 'E1', at: 'Earnings:3', expected: 'Earnings:4' }]);
  });

  test('a later import meets the version that counts, wherever a sort put it', async () => {
    const folder = mkdtempSync(join(scratch, 'conflict-then-repeat-'));
    const [a, b, c] = ['a.csv', 'b.csv', 'c.csv'].map((name) => join(folder, name)) as [string, string, string];
    // a and b are downloads of one day (E0 and E2): of their two E1, the one named later counts, by order alone.
    writeFileSync(a, `${HEADER}\r\nE1,P1,Hosting,Co-op,2000.00,2000.00,2021-01-05,USD,T1,L\r\nE0,P1,Hosting,Co-op,1.00,1.00,2021-02-20,USD,T0,L\r\n`);
    writeFileSync(b, `${HEADER}\r\nE1,P1,Hosting,Co-op,1000.00,1000.00,2021-01-05,USD,T1,L\r\nE2,P1,Hosting,Co-op,1.00,1.00,2021-02-20,USD,T2,L\r\n`);
    // c repeats b's E1 unchanged: a repeat of the version that counts, not another conflict.
    writeFileSync(c, `${HEADER}\r\nE1,P1,Hosting,Co-op,1000.00,1000.00,2021-01-05,USD,T1,L\r\nE3,P1,Hosting,Co-op,1.00,1.00,2021-03-20,USD,T3,L\r\n`);
    const set: DataSet = { name: 'conflict, then a repeat', earnings: [a, b, c], asOf: '2021-08-10' };
    const batch = await batchOutcome(set);
    const addin = await addinOutcome(set, [[a], [b], [c]], { sortEarnings: { column: 'earningAmount', descending: false } });
    expectAgreement(addin, batch);
    expect(addin.conflicts).toHaveLength(1);
    // c's E1 was skipped as the repeat it is: meeting a's row last, as the sorted table lists it, the import appended it as a conflict with a.
    const earnings = fake.tableValues(TABLES.earnings)!;
    expect(earnings.rows.filter((r) => r[earnings.headers.indexOf('earningId')] === 'E1')).toHaveLength(2);
  });
});

describe('the split check on a sorted table', () => {
  test(`pairs a transaction's rows the export wrote together, though a sort puts more than ${SPLIT_WINDOW} transactions between them`, async () => {
    const folder = mkdtempSync(join(scratch, 'split-'));
    const path = join(folder, 'earnings.csv');
    const row = (id: string, type: string, amount: string, tx: string) => `${id},P1,CSP Direct Bill Partner,${type},${amount},${amount},2021-01-05,USD,${tx},Core`;
    const matching = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => [row(`M${from + k}R`, 'Rebate', '60.00', `T${from + k}`), row(`M${from + k}C`, 'Co-op', '40.00', `T${from + k}`)]).flat();
    const count = SPLIT_WINDOW + 100;
    // The one mismatch (30 of 100 where the share is 40 %), written together mid-file; its ids sort to the table's two ends.
    const lines = [HEADER, ...matching(0, count / 2), row('A-REBATE', 'Rebate', '70.00', 'TX'), row('Z-COOP', 'Co-op', '30.00', 'TX'), ...matching(count / 2, count)];
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    const set: DataSet = { name: 'one split mismatch', earnings: [path], asOf: '2021-08-10' };
    const batch = await batchOutcome(set);
    expect([...batch.codesByPool.values()].flat()).toContain('split_mismatch');
    const addin = await addinOutcome(set, [[path]], { sortEarnings: { column: 'earningId', descending: true } });
    expectAgreement(addin, batch);
  });
});
