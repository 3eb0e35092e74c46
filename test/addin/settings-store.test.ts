/**
 * The workbook's stored settings are read by core's rules: a value core refuses is reported with
 * core's issue (the pane shows it in Settings) and the default is used meanwhile, never a value
 * the store decided on its own.
 */
import { describe, expect, test } from 'vitest';
import { SETTING_KEYS, storedSettingsFrom } from '../../addin/ledger/ledger-settings-store.js';

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
});
