/**
 * Rows core cannot read (docs/RULES.md, "Import log"): the batch job leaves them out with
 * --skip-bad-rows and says so in one `rows_quarantined` error; the add-in's import always leaves
 * them out, and its import log says so on every recalculation, with the same count, so the
 * workbook never looks complete when its totals lack rows.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { addinOutcome, batchCommandLineOutcome, batchOutcome } from './paths.js';
import { expectAgreement } from './agreement.js';
import type { DataSet } from './data-sets.js';
import { scratchFolder } from './scratch.js';
import { makeZip } from '../support/make-zip.js';

const scratch = scratchFolder('contract-rows-left-out-');

const HEADER = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,customerName';

/**
 * Three downloads and a Payments report: January with an amount that is none, a row one cell short, a quoted name with
 * a comma and a cell with stray quotes; February repeating a row and with a date that is none;
 * March with a header and no row; a Payments report with an amount that is none.
 */
function downloads(): DataSet {
  const folder = mkdtempSync(join(scratch, 'set-'));
  const jan = join(folder, 'earnings-jan.csv');
  const feb = join(folder, 'earnings-feb.csv');
  writeFileSync(
    jan,
    [
      HEADER,
      'E1,P1,Hosting,Co-op,2000.00,2000.00,2021-01-05,USD,"Contoso, Ltd"',
      'E2,P1,Hosting,Co-op,twelve,12.00,2021-01-06,USD,Fabrikam',
      'E3,P1,Hosting,Co-op,300.00,300.00,2021-01-07,USD',
      'E4,P1,Hosting,Co-op,40.00,40.00,2021-01-08,USD,Tailspin',
      // Stray quotes inside a cell: the parser finds several faults in the one record, which is one row left out.
      'E7,P1,"Ho"s"t"ing",Co-op,7.00,7.00,2021-01-09,USD,Tailspin',
    ].join('\r\n') + '\r\n',
  );
  writeFileSync(
    feb,
    [HEADER, 'E4,P1,Hosting,Co-op,40.00,40.00,2021-01-08,USD,Tailspin', 'E5,P1,Hosting,Co-op,5.00,5.00,2021-02-31,USD,Wingtip', 'E6,P1,Hosting,Co-op,6.00,6.00,2021-02-20,USD,Wingtip'].join('\r\n') + '\r\n',
  );
  // A Payments report with a line whose amount is none: left out as well.
  const payments = join(folder, 'payments.csv');
  writeFileSync(
    payments,
    [
      'participantId,programName,earned,earnedUSD,totalPayment,earnedCurrencyCode,paymentCurrencyCode,paymentId,paymentStatus,paymentDate',
      'P1,Hosting,6.00,6.00,6.00,USD,USD,PAY-6,Sent,2021-03-15',
      'P1,Hosting,lots,7.00,7.00,USD,USD,PAY-7,Sent,2021-03-15',
    ].join('\r\n') + '\r\n',
  );
  // A download with its header and no row: a warning in both, on every run and every recalculation.
  const empty = join(folder, 'earnings-mar.csv');
  writeFileSync(empty, `${HEADER}\r\n`);
  return { name: 'rows left out', earnings: [feb, jan, empty].sort(), payments: [payments], asOf: '2021-08-10', skipBadRows: true };
}

describe('rows core cannot read', () => {
  const set = downloads();

  test.each([
    ['imported together', [[...set.earnings, ...set.payments!]]],
    ['imported one at a time', [...set.earnings.map((f) => [f]), [...set.payments!]]],
  ] as const)('%s: left out by both, and counted as the batch job counts them', async (_how, imports) => {
    const batch = await batchOutcome(set);
    expect(batch.logged).toEqual({ rows_quarantined: 5, duplicate_earning: 1, no_rows: 1 });
    expectAgreement(await addinOutcome(set, imports), batch);
  });

  test('the batch job from its command line, with --skip-bad-rows, says the same', async () => {
    expectAgreement(await addinOutcome(set), await batchCommandLineOutcome(set));
  });
});

// A zip as a team sends it: the exports, and a readme and a proof of execution beside them. The
// batch job warns of each entry that is no export on every run; the workbook's log keeps them.
describe('entries of a zip that are no export', () => {
  const folder = mkdtempSync(join(scratch, 'zip-'));
  const zip = join(folder, 'earnings-q1.zip');
  writeFileSync(
    zip,
    makeZip([
      { name: 'earnings-jan.csv', data: [HEADER, 'E1,P1,Hosting,Co-op,2000.00,2000.00,2021-01-05,USD,Contoso'].join('\r\n') + '\r\n' },
      { name: 'README.txt', data: 'Exported from Partner Center' },
      { name: 'proof/flyer.pdf', data: '%PDF-1.4' },
    ]),
  );
  const set: DataSet = { name: 'a zip with a readme', earnings: [zip], asOf: '2021-08-10' };

  test('are named and counted alike: one warning per entry in the batch job, one log row per entry in the workbook, each named zip!entry', async () => {
    const batch = await batchOutcome(set);
    expect(batch.logged).toEqual({ zip_entry_not_csv: 2 });
    // The name core gives an entry read as a source of its own (zipEntrySourceName), in both.
    expect(batch.notExports).toEqual([`${zip}!README.txt`, `${zip}!proof/flyer.pdf`]);
    const addin = await addinOutcome(set);
    expectAgreement(addin, batch);
    expect(addin.logged).toEqual({ zip_entry_not_csv: 2 });
    expect(addin.notExports).toEqual(batch.notExports);
  });
});
