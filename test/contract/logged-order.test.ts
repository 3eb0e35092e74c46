/**
 * What the import log counts goes by the order downloads are read in, as the batch job's findings
 * do (docs/RULES.md, "Import log"): a repeat or an update is counted against the versions read
 * before it. A backlog imported out of order counts as the batch job counts the downloads named in
 * that order, not by name.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { addinOutcome, batchOutcome } from './paths.js';
import type { DataSet } from './data-sets.js';
import { scratchFolder } from './scratch.js';

const scratch = scratchFolder('contract-logged-order-');

const HEADER = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,paymentId,paymentStatus,paymentDate';

describe('one earning in three downloads: unchanged in January and February, paid in March', () => {
  const folder = mkdtempSync(join(scratch, 'set-'));
  const write = (name: string, row: string, other: string) => {
    const path = join(folder, name);
    writeFileSync(path, `${HEADER}\r\n${row}\r\n${other}\r\n`);
    return path;
  };
  const unpaid = 'E1,P1,Hosting,Co-op,100.00,100.00,2021-01-10,USD,,Upcoming,';
  const jan = write('earnings-1-jan.csv', unpaid, 'E2,P1,Hosting,Co-op,1.00,1.00,2021-01-31,USD,,Upcoming,');
  const feb = write('earnings-2-feb.csv', unpaid, 'E3,P1,Hosting,Co-op,2.00,2.00,2021-02-28,USD,,Upcoming,');
  const mar = write('earnings-3-mar.csv', 'E1,P1,Hosting,Co-op,100.00,100.00,2021-01-10,USD,PAY-1,Sent,2021-03-20', 'E4,P1,Hosting,Co-op,3.00,3.00,2021-03-31,USD,,Upcoming,');
  const set = (earnings: string[]): DataSet => ({ name: 'logged order', earnings, asOf: '2021-08-10' });

  test('read by name: one repeat and one update, in both', async () => {
    const batch = await batchOutcome(set([jan, feb, mar]));
    expect(batch.logged).toEqual({ duplicate_earning: 1, earning_updated: 1 });
    expect((await addinOutcome(set([jan, feb, mar]), [[jan], [feb], [mar]])).logged).toEqual(batch.logged);
  });

  test('a backlog imported January, March, February: two updates, as the batch job counts the downloads named in that order', async () => {
    const batch = await batchOutcome(set([jan, mar, feb]));
    expect(batch.logged).toEqual({ earning_updated: 2 });
    const addin = await addinOutcome(set([jan, mar, feb]), [[jan], [mar], [feb]]);
    expect(addin.logged).toEqual(batch.logged);
    // The balances do not depend on the order: March's paid version counts either way.
    expect(Object.fromEntries(addin.balances)).toEqual(Object.fromEntries((await batchOutcome(set([jan, feb, mar]))).balances));
  });
});
