/**
 * A stored setting core refuses (a mistyped as-of date, a start month of 13, horizons that are no
 * days) refuses the calculation in the workbook, as the batch job stops on such an option
 * (docs/RULES.md, "Stored settings"): nothing is computed with a default in its place (today for
 * the as-of date), Recalculate leaves the Balances table as it was and says which setting, and
 * COOP.AVAILABLE is not available.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { fake } from './fake-excel.js';
import { importExports, loadWorkbook, RefusedSettingError, saveSettings, setUpWorkbook, writeBalances } from '../../addin/taskpane/workbook-ops.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import { SETTING_KEYS } from '../../addin/ledger/ledger-settings-store.js';
import { availableIn, FunctionInputError } from '../../addin/functions/coop-functions.js';
import { errorText } from '../../addin/taskpane/error-text.js';
import { createLocale } from '../../addin/i18n/locale.js';
import { message } from '../../addin/i18n/messages.js';
import { DEFAULT_SETTINGS } from '../../core/settings.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { TABLES } from '../../core/workbook-layout.js';

const EXPORT = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency\nE1,P1,Hosting,Co-op,2000.00,2000.00,2021-02-10,USD\n';

async function store(key: string, value: string): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.settings.add(key, value);
    await context.sync();
  });
}

describe('a stored setting core refuses', () => {
  beforeEach(async () => {
    fake.reset();
    await setUpWorkbook();
    await saveSettings({ asOf: '2021-08-10' as IsoDate, fiscalYearStartMonth: 7, expiryDays: DEFAULT_SETTINGS.expiryDays, user: 'test' });
    await importExports([parseExportText('e.csv', EXPORT)], () => undefined);
    await writeBalances((await loadWorkbook()).ledger);
  });

  test.each([
    [SETTING_KEYS.asOf, '2022-02-30', 'asOf', 'settings.asOf'],
    [SETTING_KEYS.fiscalYearStartMonth, '13', 'fiscalYearStartMonth', 'settings.fiscalStart'],
    [SETTING_KEYS.expiryDays, '30, soon', 'expiryDays', 'settings.expiryDays'],
  ] as const)('%s stored as %j: nothing computed, Balances kept, the setting named', async (key, value, path, label) => {
    const balancesBefore = fake.tableValues(TABLES.balances)!.rows;
    expect(balancesBefore.length).toBe(1);
    await store(key, value);
    const { ledger } = await loadWorkbook();
    expect(ledger.refusedSettings.map((i) => i.path[0])).toEqual([path]);
    expect([ledger.balances, ledger.findings, ledger.claims]).toEqual([[], [], []]);
    const refused = await writeBalances(ledger).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RefusedSettingError);
    expect(errorText(createLocale('nl-NL'), refused)).toContain(message('nl', label));
    expect(fake.tableValues(TABLES.balances)!.rows).toEqual(balancesBefore);
    expect(() => availableIn(ledger, 'P1', 'Hosting', 'FY21 H2', 'USD')).toThrow(FunctionInputError);
  });

  test('a refused number locale refuses imports only: the ledger is computed', async () => {
    await store(SETTING_KEYS.numberLocale, 'xx-YY');
    const { ledger } = await loadWorkbook();
    expect(ledger.refusedSettings).toEqual([]);
    expect(ledger.balances.length).toBe(1);
  });
});
