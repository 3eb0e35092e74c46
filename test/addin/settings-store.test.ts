/**
 * The workbook's stored settings are read by core's rules: a value core refuses is reported with
 * core's issue (the pane shows it in Settings), the default in its place in what is read but never
 * calculated with (core's `settingsRefusing`), and never a value the store decided on its own.
 */
import { describe, expect, test } from 'vitest';
import { loadStoredSettings, saveStoredSettings, SETTING_KEYS, storedSettingsFrom } from '../../addin/ledger/ledger-settings-store.js';
import { storeSettings, withSettings } from '../../core/settings.js';
import { isoDate } from '../../core/calendar/calendar-date.js';
import { numberLocale } from '../../core/money/parse-amount.js';
import { fake, run } from './fake-excel.js';

describe('the stored settings', () => {
  test('a valid month, as-of date and user are read as stored, with no issue', () => {
    const s = storedSettingsFrom({ [SETTING_KEYS.fiscalYearStartMonth]: '10', [SETTING_KEYS.asOf]: '2022-02-10', [SETTING_KEYS.user]: 'ana' });
    expect([s.settings.fiscalYearStartMonth, s.asOf, s.user, s.issues]).toEqual([10, '2022-02-10', 'ana', []]);
  });

  test.each(['13', '7abc', '0'])('a fiscal-year start month stored as %j is core\'s invalid_setting, and July is used meanwhile', (stored) => {
    const s = storedSettingsFrom({ [SETTING_KEYS.fiscalYearStartMonth]: stored });
    expect(s.settings.fiscalYearStartMonth).toBe(7);
    expect(s.issues.map((i) => [i.code, i.path[0], i.input])).toEqual([['invalid_setting', 'fiscalYearStartMonth', stored]]);
  });

  test('an as-of date that is no date is core\'s invalid_date, and today is used meanwhile', () => {
    const s = storedSettingsFrom({ [SETTING_KEYS.asOf]: '2022-02-30' });
    expect(s.asOf).toBeNull();
    expect(s.issues.map((i) => [i.code, i.path[0], i.input])).toEqual([['invalid_date', 'asOf', '2022-02-30']]);
  });

  test('nothing stored is the defaults, without an issue', () => {
    const s = storedSettingsFrom({});
    expect([s.settings.fiscalYearStartMonth, s.asOf, s.user, s.issues]).toEqual([7, null, '', []]);
  });

  test('expiry horizons are read as stored, and saved ones come back alike', () => {
    const s = storedSettingsFrom({ [SETTING_KEYS.expiryDays]: '14, 90' });
    expect([s.settings.expiryDays, s.issues]).toEqual([[14, 90], []]);
  });

  test('expiry horizons core refuses are invalid_setting at expiryDays, and 30 and 60 days are used meanwhile', () => {
    const s = storedSettingsFrom({ [SETTING_KEYS.expiryDays]: 'soon' });
    expect(s.settings.expiryDays).toEqual([30, 60]);
    expect(s.issues.map((i) => [i.code, i.path[0], i.input])).toEqual([['invalid_setting', 'expiryDays', 'soon']]);
  });

  test('an as-of date in a regional form is refused as the batch job\'s --as-of refuses it, not read as some day', () => {
    const s = storedSettingsFrom({ [SETTING_KEYS.asOf]: '2/10/2022' });
    expect(s.asOf).toBeNull();
    expect(s.issues.map((i) => [i.code, i.path[0]])).toEqual([['invalid_date', 'asOf']]);
  });

  test('a number locale is read as stored, with the tag as saved', () => {
    const s = storedSettingsFrom({ [SETTING_KEYS.numberLocale]: 'nl-NL' });
    expect([s.numberLocale?.decimal, s.numberLocaleTag, s.issues]).toEqual([',', 'nl-NL', []]);
  });

  test('a number locale core refuses is invalid_setting at numberLocale, kept as stored for the pane to show, and none is used meanwhile', () => {
    const s = storedSettingsFrom({ [SETTING_KEYS.numberLocale]: 'xx-YY' });
    expect([s.numberLocale, s.numberLocaleTag]).toEqual([null, 'xx-YY']);
    expect(s.issues.map((i) => [i.code, i.path[0], i.input])).toEqual([['invalid_setting', 'numberLocale', 'xx-YY']]);
  });

  test('what the pane saves is core\'s stored form of the settings, under the workbook\'s keys, and reads back as saved', async () => {
    fake.reset();
    const nl = numberLocale('de-CH');
    if (!nl.ok) throw new Error('de-CH');
    const values = { asOf: isoDate('2021-09-01'), fiscalYearStartMonth: 1, expiryDays: [7, 90], numberLocale: nl.value, user: 'ana' };
    await run((context) => saveStoredSettings(context, values));
    const core = storeSettings({ settings: withSettings({ fiscalYearStartMonth: 1, expiryDays: [7, 90] }), asOf: values.asOf, numberLocale: nl.value });
    const saved = (key: keyof typeof core) => fake.model.settings.get(SETTING_KEYS[key]);
    expect({ fiscalYearStartMonth: saved('fiscalYearStartMonth'), expiryDays: saved('expiryDays'), asOf: saved('asOf'), numberLocale: saved('numberLocale') }).toEqual(core);
    const read = await run((context) => loadStoredSettings(context));
    expect([read.settings.fiscalYearStartMonth, read.settings.expiryDays, read.asOf, read.numberLocale, read.user, read.issues]).toEqual([1, [7, 90], '2021-09-01', nl.value, 'ana', []]);
  });

  test('a month core would refuse on reading is never saved: the save throws before it writes', async () => {
    fake.reset();
    await expect(run((context) => saveStoredSettings(context, { asOf: null, fiscalYearStartMonth: 13, expiryDays: [30, 60], user: 'ana' }))).rejects.toThrow(RangeError);
    expect(fake.model.settings.size).toBe(0);
  });
});
