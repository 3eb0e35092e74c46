import { describe, test } from 'vitest';
import { SAMPLES, coopVariants, dataSetsIn, generatedExport, samplesWithRepeatedClaims, type DataSet } from './data-sets.js';
import { addinOutcome, batchOutcome } from './paths.js';
import { expectAgreement } from './agreement.js';
import { scratchFolder } from './scratch.js';

/*
 * The contract between the two adapters: the same files reconciled by the batch job and imported
 * into the workbook and recalculated give the same Balances rows, the same finding codes per
 * pool, the same claim draws and the same payment findings. `COOP_CONTRACT_DATA=DIR` adds every subfolder of DIR.
 */
const scratch = scratchFolder('contract-data-');

const sets: DataSet[] = [
  SAMPLES,
  generatedExport(scratch, '1', 3_000, '2021-09-30'),
  generatedExport(scratch, '2', 3_000, '2022-02-10'),
  generatedExport(scratch, '3', 3_000, '2022-08-20'),
  { ...generatedExport(scratch, 'variants', 3_000, '2022-02-10', coopVariants), name: 'Co_op, Adjustment-Co-op and misspelt Cooop variants' },
  // A workbook whose fiscal year starts in January, and the batch job told so: halves, windows
  // and the claims' funding periods move alike.
  { ...SAMPLES, name: 'samples, fiscal year from January', fiscalYearStartMonth: 1 },
  { ...generatedExport(scratch, '4', 3_000, '2022-02-10'), name: 'generated seed 4, fiscal year from January', fiscalYearStartMonth: 1 },
  // A team that wants a warning two weeks out and a first notice at 90 days: funds_expiring
  // follows the setting in both paths (a path on its own horizons differs on the pools 61-90 days out).
  { ...generatedExport(scratch, '5', 3_000, '2022-04-20'), name: 'generated seed 5, expiry horizons 14 and 90 days', expiryDays: [14, 90] },
  samplesWithRepeatedClaims(scratch),
  ...dataSetsIn(process.env.COOP_CONTRACT_DATA),
];

describe.each(sets)('$name', (set) => {
  test('the workbook and the batch job agree on balances, finding codes per pool, claim draws, which claims are paid, which earningIds conflict and how many rows repeat, update, restate or are left out', async () => {
    const batch = await batchOutcome(set);
    const addin = await addinOutcome(set);
    expectAgreement(addin, batch);
  });
});
