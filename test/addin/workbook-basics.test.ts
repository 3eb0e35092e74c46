/**
 * What the pane's load, the import and the COOP.* functions' read of the ledger learn first, in
 * one sync shared with nothing else to wait for: the tables' names, the stored settings and the
 * workbook's date system.
 */
import { describe, expect, test } from 'vitest';
import { fake, run } from './fake-excel.js';
import { queueWorkbookBasics } from '../../addin/ledger/workbook-basics.js';
import { loadWorkbook, setUpWorkbook } from '../../addin/taskpane/workbook-ops.js';
import { currentLedger, invalidateLedger } from '../../addin/functions/ledger-cache.js';
import { DateSystemError } from '../../addin/excel/date-system.js';
import { TABLES } from '../../core/workbook-layout.js';

async function workbook(date1904: boolean): Promise<void> {
  fake.reset();
  fake.setDate1904(date1904);
  await setUpWorkbook();
  await run(async (context) => {
    context.workbook.settings.add('coopLedger.asOf', '2022-02-10');
    context.workbook.settings.add('coopLedger.fiscalYearStartMonth', '1');
    await context.sync();
  });
}

describe('queueWorkbookBasics', () => {
  test.each([[false, '1900'], [true, '1904']] as const)('gives the names, the stored settings and the date system after one sync (1904: %s)', async (date1904, system) => {
    await workbook(date1904);
    // Read after the caller's one sync: nothing it queued needs a sync of its own (read() throws otherwise).
    const basics = await run(async (context) => {
      const queued = queueWorkbookBasics(context);
      await context.sync();
      return queued.read();
    });
    expect(basics.names.tables).toContain(TABLES.earnings);
    expect(basics.stored.asOf).toBe('2022-02-10');
    expect(basics.stored.settings.fiscalYearStartMonth).toBe(1);
    expect(basics.dateSystem).toBe(system);
  });

  test('an answer that tells no date system is DateSystemError when read', async () => {
    await workbook(false);
    fake.setDateAnswer({ error: '#VALUE!' });
    await expect(run(async (context) => {
      const queued = queueWorkbookBasics(context);
      await context.sync();
      return queued.read();
    })).rejects.toBeInstanceOf(DateSystemError);
  });

  test('the pane and the COOP.* functions read a workbook alike, in as many syncs', async () => {
    await workbook(true);
    let before = fake.model.syncs;
    const pane = await loadWorkbook({ reread: true });
    const paneSyncs = fake.model.syncs - before;
    invalidateLedger();
    before = fake.model.syncs;
    const functions = await currentLedger();
    expect(fake.model.syncs - before).toBe(paneSyncs);
    expect(pane.dateSystem).toBe('1904');
    expect(JSON.stringify(functions.balances)).toBe(JSON.stringify(pane.ledger.balances));
  });
});
