/**
 * Other facts under one earningId in two downloads (docs/RULES.md, "Repeated earningIds"): the row
 * read later counts and the conflict is an error finding that names both rows, in the batch job's
 * report and in the workbook alike, whether the files are imported together or one at a time.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { addinOutcome, batchOutcome, type Outcome } from './paths.js';
import type { DataSet } from './data-sets.js';
import { scratchFolder } from './scratch.js';

const scratch = scratchFolder('contract-conflicting-facts-');

const HEADER = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,transactionId,lever';

/** a.csv has E1 at 2000.00; b.csv, named later, has E1 at 1000.00 (other facts) and E2, which makes b the newer download. */
function conflictingDownloads(): DataSet {
  const folder = mkdtempSync(join(scratch, 'set-'));
  const a = join(folder, 'a.csv');
  const b = join(folder, 'b.csv');
  writeFileSync(a, `${HEADER}\r\nE1,P1,Hosting,Co-op,2000.00,2000.00,2021-01-05,USD,T1,L\r\n`);
  writeFileSync(b, `${HEADER}\r\nE1,P1,Hosting,Co-op,1000.00,1000.00,2021-01-05,USD,T1,L\r\nE2,P1,Hosting,Co-op,1.00,1.00,2021-02-20,USD,T2,L\r\n`);
  return { name: 'conflicting facts', earnings: [a, b], asOf: '2021-08-10' };
}

const poolP1 = (o: Outcome) => [...o.balances].find(([key]) => key.includes('P1'))![1];
const figure = (row: readonly string[], column: string) => row.find((cell) => cell.startsWith(`${column}=`));

describe('one earningId with other facts in two downloads', () => {
  const set = conflictingDownloads();
  const [a, b] = set.earnings as [string, string];

  test.each([
    ['imported together', [[a, b]]],
    ['imported one at a time', [[a], [b]]],
  ] as const)('%s: the workbook counts the row read later and shows the conflict, as the batch job does', async (_how, imports) => {
    const batch = await batchOutcome(set);
    const addin = await addinOutcome(set, imports);
    // b's E1 (1000.00) counts: 1001.00 earned in all, below the threshold, so the pool is converted.
    expect(figure(poolP1(batch), 'coopEarnedUSD')).toBe('coopEarnedUSD=1001.00');
    expect(figure(poolP1(batch), 'available')).toBe('available=0.00');
    expect(figure(poolP1(batch), 'convertedToRebate')).toBe('convertedToRebate=1001.00');
    expect(Object.fromEntries(addin.balances)).toEqual(Object.fromEntries(batch.balances));
    // One error each, on E1: b's row counted, a's row replaced. The workbook holds both rows,
    // the one imported first above (Earnings line 2) and b's below it (line 3).
    expect(batch.conflicts).toEqual([{ earningId: 'E1', at: `${b}:2`, expected: `${a}:2` }]);
    expect(addin.conflicts).toEqual([{ earningId: 'E1', at: 'Earnings:3', expected: 'Earnings:2' }]);
  });
});
