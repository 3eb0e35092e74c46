/**
 * Which download is newer is read from its dates (docs/RULES.md, "Repeated earningIds"): the
 * paymentDate and calculationDate columns count however the header spells them (`PaymentDate`,
 * `Payment Date`, `payment_date`), as every column does (docs/RULES.md, "Column headers"), in the
 * batch job and the add-in alike.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { addinOutcome, batchOutcome } from './paths.js';
import type { DataSet } from './data-sets.js';
import { scratchFolder } from './scratch.js';

const scratch = scratchFolder('contract-recency-headers-');

const HEADER = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,transactionId,lever';

describe.each(['PaymentDate', 'Payment Date', 'payment_date', 'CALCULATION DATE'])('a download dated by its %s column', (column) => {
  test('is newer than one without, named later: its version counts in both', async () => {
    const folder = mkdtempSync(join(scratch, 'set-'));
    // a.csv restates E1 to USD 2000 and is dated 2021-04-01 by its extra column; b.csv, named later, ends on 2021-02-01.
    const a = join(folder, 'a.csv');
    const b = join(folder, 'b.csv');
    writeFileSync(a, `${HEADER},${column}\r\nE1,P1,Hosting,Co-op,1000.00,2000.00,2021-01-05,USD,T1,L,2021-04-01\r\n`);
    writeFileSync(b, `${HEADER},${column}\r\nE1,P1,Hosting,Co-op,1000.00,1000.00,2021-01-05,USD,T1,L,\r\nE2,P2,Hosting,Co-op,10.00,10.00,2021-02-01,USD,T2,L,\r\n`);
    const set: DataSet = { name: column, earnings: [a, b], asOf: '2021-08-10' };
    const batch = await batchOutcome(set);
    const addin = await addinOutcome(set);
    const p1 = (balances: Map<string, string[]>) => [...balances].find(([key]) => key.includes('P1'))![1];
    // USD 2000 is over the threshold: the pool stays open with its co-op available.
    expect(p1(batch.balances)).toContain('coopEarnedUSD=2000.00');
    expect(Object.fromEntries(addin.balances)).toEqual(Object.fromEntries(batch.balances));
  });
});
