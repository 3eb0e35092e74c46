import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_SETTINGS, MAX_EXPIRY_DAYS, readSettings, settingsRefusing, storeSettings, withSettings } from '../../core/settings.js';
import { addDays, isoDate } from '../../core/calendar/calendar-date.js';
import { numberLocale } from '../../core/money/parse-amount.js';

describe('stored settings', () => {
  test.each([
    ['7', 7],
    [' 1 ', 1],
    ['12', 12],
    [4, 4],
    ['04', 4],
  ] as const)('a fiscal-year start month stored as %j is month %d', (stored, month) => {
    const r = readSettings({ fiscalYearStartMonth: stored });
    expect([r.settings.fiscalYearStartMonth, r.issues]).toEqual([month, []]);
  });

  test.each([undefined, null, '', '  '])('no fiscal-year start month stored (%j) is the default, without an issue', (stored) => {
    expect(readSettings({ fiscalYearStartMonth: stored })).toEqual({ settings: DEFAULT_SETTINGS, asOf: null, numberLocale: null, issues: [] });
  });

  test.each(['0', '13', '7abc', '7.5', '-1', 'July', 7.5, 13, true])('a fiscal-year start month stored as %j is invalid_setting, and the default is used beside it', (stored) => {
    const r = readSettings({ fiscalYearStartMonth: stored });
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    expect(r.issues.map((i) => [i.code, i.path.join('.'), i.input])).toEqual([['invalid_setting', 'fiscalYearStartMonth', String(stored).trim()]]);
  });

  test('a month outside 1–12 given by a program (not read from a store) is a bug and throws', () => {
    expect(() => withSettings({ fiscalYearStartMonth: 13 })).toThrow(RangeError);
  });

  test.each([
    ['30, 60', [30, 60]],
    ['60;30', [30, 60]],
    ['7 30 7', [7, 30]],
    [' 14 ', [14]],
    [90, [90]],
    ['0,366', [0, 366]],
  ] as const)('expiry horizons stored as %j are %j: whole days, each once, shortest first', (stored, days) => {
    const r = readSettings({ expiryDays: stored });
    expect([r.settings.expiryDays, r.issues]).toEqual([days, []]);
  });

  test('no expiry horizons stored are the default, 30 and 60 days', () => {
    expect(readSettings({ expiryDays: '  ' }).settings.expiryDays).toEqual([30, 60]);
    expect(DEFAULT_SETTINGS.expiryDays).toEqual([30, 60]);
  });

  test.each(['30,sixty', '-5', '7.5', '367', '30,,x', ',', 45.5, true])('expiry horizons stored as %j are invalid_setting, and the default is used beside it', (stored) => {
    const r = readSettings({ expiryDays: stored });
    expect(r.settings.expiryDays).toEqual(DEFAULT_SETTINGS.expiryDays);
    expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['invalid_setting', 'expiryDays']]);
  });

  test('horizons given by a program out of order, repeated or negative are a bug and throw', () => {
    for (const expiryDays of [[60, 30], [30, 30], [-1], [], [7.5]]) expect(() => withSettings({ expiryDays })).toThrow(RangeError);
  });

  test.each(['2022-02-10', ' 2022-02-10 '])('an as-of date stored as %j is that day', (stored) => {
    expect(readSettings({ asOf: stored })).toMatchObject({ asOf: '2022-02-10', issues: [] });
  });

  test.each([
    ['02/10/2022', 'format'],
    ['2022-02-10T00:00', 'format'],
    ['10.02.2022', 'format'],
    ['2022-02-30', 'no_such_day'],
  ])('an as-of date stored as %j is invalid_date (%s): only yyyy-MM-dd, so no office reads another day', (stored, reason) => {
    const r = readSettings({ asOf: stored });
    expect(r.asOf).toBeNull();
    expect(r.issues.map((i) => [i.code, i.path.join('.'), i.input, i.params?.reason])).toEqual([['invalid_date', 'asOf', stored, reason]]);
  });

  test('every refused value is reported, each beside the default used for it', () => {
    const r = readSettings({ fiscalYearStartMonth: '13', expiryDays: 'x', asOf: 'soon', numberLocale: 'xx-YY' });
    expect(r.issues.map((i) => i.path[0])).toEqual(['fiscalYearStartMonth', 'expiryDays', 'asOf', 'numberLocale']);
    expect([r.settings, r.asOf, r.numberLocale]).toEqual([DEFAULT_SETTINGS, null, null]);
  });

  test('a refused as-of date, start month or horizons refuse the calculation; a refused number locale refuses imports only', () => {
    const r = readSettings({ fiscalYearStartMonth: '13', expiryDays: 'x', asOf: '2022-02-30', numberLocale: 'xx-YY' });
    expect(settingsRefusing(r.issues, 'calculation').map((i) => i.path[0])).toEqual(['fiscalYearStartMonth', 'expiryDays', 'asOf']);
    expect(settingsRefusing(r.issues, 'import').map((i) => i.path[0])).toEqual(['numberLocale']);
    expect(settingsRefusing(readSettings({ asOf: '2022-02-10', fiscalYearStartMonth: '1' }).issues, 'calculation')).toEqual([]);
  });

  test.each([
    ['nl-NL', ',', '.'],
    [' de-DE ', ',', '.'],
    ['en-US', '.', ','],
    ['sv-SE', ',', '\u00a0'],
  ])('a number locale stored as %j reads decimals with %j and groups with %j', (stored, decimal, group) => {
    const r = readSettings({ numberLocale: stored });
    expect(r.issues).toEqual([]);
    expect([r.numberLocale?.tag, r.numberLocale?.decimal, r.numberLocale?.groups.includes(group)]).toEqual([stored.trim(), decimal, true]);
  });

  test.each([undefined, null, '', '  '])('no number locale stored (%j) is the invariant form only, without an issue', (stored) => {
    expect(readSettings({ numberLocale: stored })).toMatchObject({ numberLocale: null, issues: [] });
  });

  test.each(['xx-YY', 'klingon', 'nl_NL', '--', 7, true])('a number locale stored as %j is invalid_setting at numberLocale (unknown_locale), and the invariant form is used beside it', (stored) => {
    const r = readSettings({ numberLocale: stored });
    expect(r.numberLocale).toBeNull();
    expect(r.issues.map((i) => [i.code, i.path.join('.'), i.input, i.params?.['reason']])).toEqual([['invalid_setting', 'numberLocale', String(stored), 'unknown_locale']]);
  });

  describe('stored as core stores them', () => {
    const tags = ['nl-NL', 'de-DE', 'de-CH', 'en-US', 'en-IN', 'fr-FR', 'sv-SE'];
    const toStore = fc.record({
      settings: fc.record({
        fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }),
        expiryDays: fc.uniqueArray(fc.integer({ min: 0, max: MAX_EXPIRY_DAYS }), { minLength: 1, maxLength: 8 }).map((days) => days.sort((a, b) => a - b)),
      }).map((s) => withSettings(s)),
      // Any day of years 0001 to 9999: the four-digit years yyyy-MM-dd holds.
      asOf: fc.option(fc.integer({ min: 0, max: 3_652_058 }).map((n) => addDays(isoDate('0001-01-01'), n))),
      numberLocale: fc.option(fc.constantFrom(...tags).map((tag) => {
        const locale = numberLocale(tag);
        if (!locale.ok) throw new Error(tag);
        return locale.value;
      })),
    });

    test('settings saved read back as the same settings, without an issue', () => {
      fc.assert(
        fc.property(toStore, (values) => {
          expect(readSettings(storeSettings(values))).toEqual({ ...values, issues: [] });
        }),
        { numRuns: 500 },
      );
    });

    test('what is stored is text in the form a person types it, and nothing for no as-of date or number locale', () => {
      const nl = numberLocale('nl-NL');
      if (!nl.ok) throw new Error('nl-NL');
      expect(storeSettings({ settings: withSettings({ fiscalYearStartMonth: 1, expiryDays: [7, 90] }), asOf: isoDate('2022-02-10'), numberLocale: nl.value }))
        .toEqual({ fiscalYearStartMonth: '1', expiryDays: '7, 90', asOf: '2022-02-10', numberLocale: 'nl-NL' });
      expect(storeSettings({ settings: DEFAULT_SETTINGS, asOf: null, numberLocale: null })).toEqual({ fiscalYearStartMonth: '7', expiryDays: '30, 60', asOf: '', numberLocale: '' });
    });

    test.each([
      ['a claim offset', { claimOffset: { months: 2, days: 0 } }],
      ['a retention', { retentionMonths: 36 }],
      ['a month outside 1–12', { fiscalYearStartMonth: 13 }],
      ['horizons out of order', { expiryDays: [60, 30] }],
    ])('settings with %s no store can hold are a bug, and throw rather than being saved as some other settings', (_, change) => {
      expect(() => storeSettings({ settings: { ...DEFAULT_SETTINGS, ...change }, asOf: null, numberLocale: null })).toThrow(RangeError);
    });
  });
});
