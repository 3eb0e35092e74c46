import { describe, expect, test } from 'vitest';
import { createLocale, languageOf } from '../../addin/i18n/locale.js';
import { LANGUAGES, message, messageTable, type MessageKey } from '../../addin/i18n/messages.js';
import { Dec } from '../../core/money/decimal.js';
import { isoDate } from '../../core/calendar/calendar-date.js';
import { issue, ISSUE_PARAM_KINDS, type IssueParamKind, type IssueParamName } from '../../core/issues.js';
import { MAX_SIGNIFICANT_DIGITS, parseAmount } from '../../core/money/parse-amount.js';

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

  test('every message of every language uses the same placeholders as English, in every plural form', () => {
    const keys = Object.keys(messageTable('en')) as MessageKey[];
    expect(keys.length).toBeGreaterThan(150);
    for (const language of LANGUAGES) {
      expect(Object.keys(messageTable(language)).sort(), language).toEqual([...keys].sort());
      for (const key of keys) {
        for (const count of [0, 1, 2, 5, 1_000_000]) {
          expect(placeholders(message(language, key, {}, count)), `${language} ${key} ${count}`).toEqual(placeholders(message('en', key, {}, 2)));
        }
      }
    }
  });

  test.each([
    ['en-US', 1, 'in 1 day'],
    ['en-US', 5, 'in 5 days'],
    ['en-US', 0, 'today'],
    ['en-US', -1, '1 day ago'],
    ['nl-NL', 1, 'over 1 dag'],
    ['nl-NL', 30, 'over 30 dagen'],
    ['de-DE', 1, 'in 1 Tag'],
    ['de-DE', 5, 'in 5 Tagen'],
    ['fr-FR', 1, 'dans 1 jour'],
    ['fr-FR', 2, 'dans 2 jours'],
    ['sv-SE', 1, 'om 1 dag'],
    ['sv-SE', 5, 'om 5 dagar'],
  ])('%s says %i days from now as "%s"', (tag, days, text) => {
    expect(createLocale(tag).when(days)).toBe(text);
  });

  test('no English text is left in a translation where English has words (apart from names)', () => {
    const same = (language: (typeof LANGUAGES)[number]) =>
      (Object.keys(messageTable('en')) as MessageKey[]).filter((k) => /[a-z]{4,}/.test(message('en', k, {}, 2)) && message(language, k, {}, 2) === message('en', k, {}, 2));
    // Words the languages share with English: program and status names, "Claim", "Status".
    const allowed = new Set(['title', 'status.open', 'field.notes', 'settings.programRow', 'field.programName', 'claims.filterStatus', 'filter.status', 'claims.col.status', 'field.status', 'filter.program', 'sort.program', 'programColumn.name', 'balances.status', 'tab.import', 'claims.col.claim', 'claims.formEdit', 'claims.caption', 'tab.claims', 'filter.participant', 'sort.participant']);
    for (const language of ['nl', 'de', 'fr', 'sv'] as const) expect(same(language).filter((k) => !allowed.has(k)), language).toEqual([]);
  });

  test.each([
    ['de-DE', '1.000,00', '1000'],
    ['nl-NL', '1.234,5', '1234.5'],
    ['fr-FR', '1 234,50', '1234.5'],
    ['sv-SE', '1 234,50', '1234.5'],
    ['en-US', '1,234.50', '1234.5'],
    ['de-DE', '1234.56', '1234.56'],
  ])('%s reads a typed amount %s as %s', (tag, typed, value) => {
    const parsed = createLocale(tag).parseAmount(typed);
    expect(parsed.ok && parsed.value.toString()).toBe(value);
  });

  test('an amount that reads two ways in the user’s locale is refused, never guessed', () => {
    const parsed = createLocale('de-DE').parseAmount('1.234');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]).toMatchObject({ code: 'invalid_amount', params: { reason: 'ambiguous' } });
  });

  test.each([['de-DE'], ['nl-NL'], ['fr-FR'], ['sv-SE'], ['en-US']])('%s reads back the amounts it fills a form with', (tag) => {
    const locale = createLocale(tag);
    // Every digit the claim holds: a form saved unchanged must not round the amount (1234.567 EUR, 1000.4 JPY).
    for (const text of ['1234.5', '1000', '0.05', '1000000', '1234.567', '1000.4', '-0.004', '1234567890123.95']) {
      const parsed = locale.parseAmount(locale.amountInput(new Dec(text)));
      expect(parsed.ok && parsed.value.toString(), `${tag} ${text}`).toBe(text);
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

  test.each([['en-US'], ['de-DE'], ['fr-FR']])('%s shows an amount that rounds to zero as core does, without a minus sign', (tag) => {
    const locale = createLocale(tag);
    const zero = createLocale(tag).amount(new Dec(0), 'USD');
    expect(locale.amount(new Dec('-0.004'), 'USD')).toBe(zero);
    expect(locale.amount(new Dec('-0.005'), 'USD')).toBe(`-${zero.slice(0, -1)}1`);
  });
});

describe('a problem said with core\'s reason', () => {
  test.each([['en-US', 'en'], ['nl-NL', 'nl'], ['de-DE', 'de'], ['fr-FR', 'fr'], ['sv-SE', 'sv']] as const)('%s: a currency that conflicts is said so where there is a message for the reason, else as the code', (tag, language) => {
    const locale = createLocale(tag);
    const conflicting = issue('invalid_currency', ['Payments', 3, 'currencyCode'], 'USD', { reason: 'conflicting', expected: 'EUR' });
    expect(locale.issue(conflicting)).toBe(message(language, 'issue.invalid_currency.conflicting', { column: 'currencyCode', input: 'USD', expected: 'EUR' }));
    expect(locale.issue(conflicting)).toContain('EUR');
    expect(locale.issue(conflicting)).not.toBe(message(language, 'issue.invalid_currency', { column: 'currencyCode', input: 'USD' }));
    // A reason the pane has no words for is said as the code's message.
    const other = issue('invalid_currency', ['Payments', 3, 'currencyCode'], 'EURO', { reason: 'unheard_of' });
    expect(locale.issue(other)).toBe(message(language, 'issue.invalid_currency', { column: 'currencyCode', input: 'EURO' }));
  });
});

describe('an issue\'s parameters, shown by the kind core declares for each', () => {
  const SAMPLE: Readonly<Record<IssueParamKind, string>> = { amount: '1234.5', date: '2022-02-15', count: '12345', text: 'FY22 H1' };

  test.each([['en-US'], ['de-DE'], ['sv-SE']])('%s: every parameter core declares is shown its kind\'s way', (tag) => {
    const locale = createLocale(tag);
    const shownAs: Readonly<Record<IssueParamKind, string>> = {
      amount: locale.amount(new Dec(SAMPLE.amount), 'EUR'),
      date: locale.date(isoDate(SAMPLE.date)),
      count: locale.integer(Number(SAMPLE.count)),
      text: SAMPLE.text,
    };
    for (const [name, kind] of Object.entries(ISSUE_PARAM_KINDS) as [IssueParamName, IssueParamKind][]) {
      if (name === 'currency') continue;
      expect(locale.issueParams({ [name]: SAMPLE[kind], currency: 'EUR' })[name], `${name} (${kind})`).toBe(shownAs[kind]);
    }
  });

  test.each([['en-US'], ['de-DE'], ['fr-FR'], ['nl-NL'], ['sv-SE']])('%s: an amount with too many digits is refused with core\'s limit, whatever it is', (tag) => {
    const locale = createLocale(tag);
    const refused = parseAmount('1499.9999999999999');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(locale.issue(refused.issues[0]!, 'earningAmount')).toContain(` ${MAX_SIGNIFICANT_DIGITS} `);
    // The words hold no limit of their own: another limit in the issue is the one said.
    const other = locale.issue(issue('invalid_amount', ['earningAmount'], '1.5', { reason: 'too_precise', maxSignificantDigits: '7' }));
    expect(other).toContain(' 7 ');
    expect(other).not.toContain(String(MAX_SIGNIFICANT_DIGITS));
  });
});
