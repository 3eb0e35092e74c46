import { describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS, readSettings, withSettings } from '../../core/settings.js';

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
    expect(readSettings({ fiscalYearStartMonth: stored })).toEqual({ settings: DEFAULT_SETTINGS, issues: [] });
  });

  test.each(['0', '13', '7abc', '7.5', '-1', 'July', 7.5, 13, true])('a fiscal-year start month stored as %j is invalid_setting, and the default is used beside it', (stored) => {
    const r = readSettings({ fiscalYearStartMonth: stored });
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    expect(r.issues.map((i) => [i.code, i.path.join('.'), i.input])).toEqual([['invalid_setting', 'fiscalYearStartMonth', String(stored).trim()]]);
  });

  test('a month outside 1–12 given by a program (not read from a store) is a bug and throws', () => {
    expect(() => withSettings({ fiscalYearStartMonth: 13 })).toThrow(RangeError);
  });
});
