import { expect } from 'vitest';
import type { Outcome } from './paths.js';

/**
 * What the contract holds the two adapters to: the same Balances rows, finding codes per pool,
 * claim draws, paid claims and payment findings, the same number of rows repeated, updated,
 * restated and left out (the batch job's findings of the downloads, the workbook's import log), the
 * same names for a zip's entries that are no export, the same earningIds in conflict (their rows
 * are the files' in the batch job's report, the Earnings table's in the workbook).
 */
export function expectAgreement(addin: Outcome, batch: Outcome): void {
  expect(batch.balances.size).toBeGreaterThan(0);
  expect([...addin.balances.keys()].sort()).toEqual([...batch.balances.keys()].sort());
  for (const [pool, row] of batch.balances) expect(addin.balances.get(pool), pool).toEqual(row);
  expect(Object.fromEntries(addin.codesByPool)).toEqual(Object.fromEntries(batch.codesByPool));
  expect(Object.fromEntries(addin.draws)).toEqual(Object.fromEntries(batch.draws));
  expect(addin.paid).toEqual(batch.paid);
  expect(addin.payments).toEqual(batch.payments);
  expect(addin.conflicts.map((c) => c.earningId)).toEqual(batch.conflicts.map((c) => c.earningId));
  expect(addin.logged).toEqual(batch.logged);
  expect(addin.notExports).toEqual(batch.notExports);
}
