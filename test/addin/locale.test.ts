import { describe, expect, test } from 'vitest';
import { createLocale, languageOf } from '../../addin/i18n/locale.js';
import { LANGUAGES, message, type MessageKey } from '../../addin/i18n/messages.js';
import { Dec } from '../../core/money/decimal.js';
import { isoDate } from '../../core/calendar/calendar-date.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the pane’s languages', () => {
  test.each([
    ['nl-NL', 'nl'],
    ['de-AT', 'de'],
    ['fr-CA', 'fr'],
    ['sv-SE', 'sv'],
    ['en-GB', 'en'],
    ['ja-JP', 'en'],
    ['', 'en'],
  ])('Office language %s shows %s', (display, language) => {
    expect(languageOf(display)).toBe(language);
  });

  test('every translation uses the same placeholders as English', () => {
    for (const language of LANGUAGES) {
      for (const key of ['import.summary', 'alert.expiring30', 'issue.claim_overdraws_pool', 'balances.deadline', 'claims.retainUntil'] as MessageKey[]) {
        expect(placeholders(message(language, key)), `${language} ${key}`).toEqual(placeholders(message('en', key)));
      }
    }
  });

  test.each([
    ['en-US', '1,234.50', 'Feb 15, 2022'],
    ['nl-NL', '1.234,50', '15 feb 2022'],
    ['de-DE', '1.234,50', '15. Feb. 2022'],
    ['sv-SE', '1\u00a0234,50', '15 feb. 2022'],
  ])('%s formats 1234.5 EUR as %s and 2022-02-15 as %s', (tag, amount, date) => {
    const locale = createLocale(tag);
    expect(locale.amount(new Dec('1234.5'), 'EUR')).toBe(amount);
    expect(locale.date(isoDate('2022-02-15'))).toBe(date);
  });

  test('amounts are rounded half-up from the exact decimal, per currency', () => {
    const en = createLocale('en-US');
    expect(en.amount(new Dec('0.005'), 'USD')).toBe('0.01');
    expect(en.amount(new Dec('12345678901234567.895'), 'USD')).toBe('12,345,678,901,234,567.90');
    expect(en.amount(new Dec('1234.5'), 'JPY')).toBe('1,235');
  });
});
