/** Steps a team takes in the fake workbook, shared by the add-in's tests. */
import { appendClaim, setUpWorkbook } from '../../addin/taskpane/workbook-ops.js';
import { isoDate } from '../../core/calendar/calendar-date.js';
import { historyEntry } from '../../core/claims/claim-history.js';
import { parseClaimRow } from '../../core/claims/claim-row.js';
import { fake, run } from './fake-excel.js';

/** A fresh workbook in either date system, set up, with its as-of date stored. */
export async function freshWorkbook(asOf: string, date1904 = false): Promise<void> {
  fake.reset();
  fake.setDate1904(date1904);
  await setUpWorkbook();
  await run(async (context) => {
    context.workbook.settings.add('coopLedger.asOf', asOf);
    await context.sync();
  });
}

/** A claim typed as a register row (core reads it) and saved from the pane, created on `on`. */
export async function addClaim(row: Readonly<Record<string, string>>, on: string): Promise<void> {
  const claim = parseClaimRow(row);
  if (!claim.ok) throw new Error(JSON.stringify(claim.issues));
  await appendClaim(claim.value, historyEntry(claim.value, 'edited', { at: isoDate(on), by: 't' }, ['created']));
}
