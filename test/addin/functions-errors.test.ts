/**
 * A COOP.* cell that gives no value says why in the user's language, in the pane's words: an
 * argument core refuses by its issue's message, a refused setting or table as the pane says it,
 * and the functions' own reasons from the same catalogue (docs/RULES.md, "Workbook cells").
 */
import { DATE_FORMATS_EXPECTED } from '../../core/calendar/calendar-date.js';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { available, claimEnd, period, split, usageEnd } from '../../addin/functions/functions.js';
import { refusalText } from '../../addin/functions/coop-functions.js';
import { invalidateLedger } from '../../addin/functions/ledger-cache.js';
import { computeLedger, type Ledger } from '../../addin/ledger/workbook-ledger.js';
import { createLocale } from '../../addin/i18n/locale.js';
import { issueMessageKey, LANGUAGES, message, messageTable, type Language, type MessageKey } from '../../addin/i18n/messages.js';
import { errorText } from '../../addin/taskpane/error-text.js';
import { RefusedSettingError, RefusedTableError } from '../../addin/taskpane/workbook-ops.js';
import { SETTING_KEYS } from '../../addin/ledger/ledger-settings-store.js';
import { DEFAULT_SETTINGS } from '../../core/settings.js';
import { issue } from '../../core/issues.js';
import { isoDate, toExcelSerial } from '../../core/calendar/calendar-date.js';
import { EARNINGS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { fake, run } from './fake-excel.js';
import { streaming } from './streaming-invocation.js';

const TAGS: Readonly<Record<Language, string>> = { en: 'en-US', nl: 'nl-NL', de: 'de-DE', fr: 'fr-FR', sv: 'sv-SE' };

const headers = EARNINGS_COLUMNS.map((c) => c.name);
const row = (values: Record<string, unknown>) => headers.map((h) => values[h] ?? '');
const earnings = {
  name: 'Earnings',
  headers,
  rows: [row({ earningId: 'E1', participantId: 'P1', programName: 'Hosting', earningType: 'Co-op', earningAmount: 2000, earningAmountUSD: 2000, earningDate: toExcelSerial(isoDate('2020-08-01'), '1900'), transactionCurrency: 'USD' })],
  rowNumbers: [2],
  dateSystem: '1900' as const,
};
const ledger: Ledger = computeLedger({ earnings, programs: null, claims: null }, { asOf: isoDate('2021-03-01'), settings: DEFAULT_SETTINGS });
const refusedMonth = issue('invalid_setting', ['fiscalYearStartMonth'], '13', { expected: '1–12' });
const claimsProblems = [{ table: TABLES.claims, row: 0, issues: [issue('missing_column', [TABLES.claims, 'amountClaimed'], 'amountClaimed')] }];

/** What a cell shows: a value, or an Excel error and its text. */
async function shown(cell: () => unknown): Promise<[string, string]> {
  let value: unknown;
  try {
    value = await cell();
  } catch (error) {
    value = error;
  }
  expect(value).toBeInstanceOf(CustomFunctions.Error);
  const error = value as CustomFunctions.Error;
  return [error.code, error.message ?? ''];
}

/** The first value a streaming function sets, once the workbook or ledger it reads is in place. */
function first<A extends unknown[]>(fn: (...args: [...A, CustomFunctions.StreamingInvocation<never>]) => void, ...args: A): () => Promise<unknown> {
  return async () => {
    const cell = streaming(fn, ...args);
    try {
      return await cell.nth(1);
    } finally {
      cell.cancel();
    }
  };
}

/** Where the cell reads from: nothing (COOP.SPLIT), the workbook's settings, or a ledger. */
type Source = { readonly settings: Readonly<Record<string, string>> } | { readonly ledger: Ledger } | null;

interface ErrorCase {
  readonly name: string;
  readonly source: Source;
  readonly cell: () => unknown;
  readonly code: '#VALUE!' | '#N/A';
  /** The catalogue's message and what fills it, in the user's language. */
  readonly key: MessageKey;
  readonly params: (language: Language) => Readonly<Record<string, string>>;
  /** The pane's text for the same refusal, where the pane has one. */
  readonly pane?: (language: Language) => string;
}

const argument = (code: string, column: string, input?: string, reason?: string, more: Readonly<Record<string, string>> = {}) => ({ key: issueMessageKey(code, reason) as MessageKey, params: () => ({ column, input: input ?? '', ...more }) });

const CASES: readonly ErrorCase[] = [
  { name: 'COOP.SPLIT of a share over 1', source: null, cell: () => split(100, 1.5), code: '#VALUE!', ...argument('invalid_share', 'share', '1.5') },
  { name: 'COOP.SPLIT of text that is no amount', source: null, cell: () => split('abc' as unknown as number, 0.4), code: '#VALUE!', ...argument('invalid_amount', 'amount', 'abc') },
  { name: 'COOP.SPLIT without a share', source: null, cell: () => split(100, null as unknown as number), code: '#VALUE!', ...argument('missing_field', 'share') },
  { name: 'COOP.SPLIT in a currency that is no code', source: null, cell: () => split(100, 0.4, 'EURO'), code: '#VALUE!', ...argument('invalid_currency', 'currency', 'EURO') },
  { name: 'COOP.SPLIT in a currency that is a number', source: null, cell: () => split(100, 0.4, 978 as unknown as string), code: '#VALUE!', ...argument('invalid_currency', 'currency', '978') },
  { name: 'COOP.PERIOD of text that is no date', source: { settings: {} }, cell: first(period, 'soon'), code: '#VALUE!', ...argument('invalid_date', 'date', 'soon', 'format', { expected: DATE_FORMATS_EXPECTED }) },
  { name: 'COOP.PERIOD of nothing', source: { settings: {} }, cell: first(period, '' as string), code: '#VALUE!', ...argument('missing_field', 'date') },
  { name: 'COOP.USAGEEND of no fiscal half', source: { settings: {} }, cell: first(usageEnd, 'FY21 H3'), code: '#VALUE!', ...argument('invalid_period_label', 'period', 'FY21 H3') },
  {
    name: 'COOP.CLAIMEND with a start month core refuses',
    source: { settings: { [SETTING_KEYS.fiscalYearStartMonth]: '13' } },
    cell: first(claimEnd, 'FY21 H1'),
    code: '#N/A',
    key: 'issue.invalid_setting',
    params: (language) => ({ column: message(language, 'settings.fiscalStart'), input: '13', expected: '1–12' }),
    pane: (language) => errorText(createLocale(TAGS[language]), new RefusedSettingError([refusedMonth])),
  },
  {
    name: 'COOP.AVAILABLE with a stored setting core refuses',
    source: { ledger: { ...ledger, balances: [], refusedSettings: [refusedMonth] } },
    cell: first(available, 'P1', 'Hosting', 'FY21 H1', 'USD'),
    code: '#N/A',
    key: 'issue.invalid_setting',
    params: (language) => ({ column: message(language, 'settings.fiscalStart'), input: '13', expected: '1–12' }),
    pane: (language) => errorText(createLocale(TAGS[language]), new RefusedSettingError([refusedMonth])),
  },
  {
    name: 'COOP.AVAILABLE with the Claims table refused',
    source: { ledger: { ...ledger, balances: [], refusedTable: TABLES.claims, problems: claimsProblems } },
    cell: first(available, 'P1', 'Hosting', 'FY21 H1', 'USD'),
    code: '#N/A',
    key: 'error.claimsRefused',
    params: () => ({}),
    pane: (language) => errorText(createLocale(TAGS[language]), new RefusedTableError(TABLES.claims, claimsProblems)),
  },
  {
    name: 'COOP.AVAILABLE of a pool there is none of',
    source: { ledger },
    cell: first(available, 'P2', ' Hosting ', 'fy21 h1', 'usd'),
    code: '#N/A',
    key: 'function.noPool',
    params: () => ({ participant: 'P2', program: 'Hosting', period: 'FY21 H1', currency: 'USD' }),
  },
  { name: 'COOP.AVAILABLE for no participant', source: { ledger }, cell: first(available, ' ', 'Hosting', 'FY21 H1', 'USD'), code: '#VALUE!', ...argument('missing_field', 'participant') },
  { name: 'COOP.AVAILABLE in a currency that is no code', source: { ledger }, cell: first(available, 'P1', 'Hosting', 'FY21 H1', 'US$'), code: '#VALUE!', ...argument('invalid_currency', 'currency', 'US$') },
];

async function prepare(language: Language, source: Source): Promise<void> {
  fake.reset(TAGS[language]);
  if (source !== null && 'settings' in source) {
    await run(async (context) => {
      for (const [key, value] of Object.entries(source.settings)) context.workbook.settings.add(key, value);
      await context.sync();
    });
    // Nothing read yet: the functions ask the workbook.
    invalidateLedger();
  }
  if (source !== null && 'ledger' in source) invalidateLedger(source.ledger);
}

afterEach(() => fake.reset('en-US'));

describe.each(LANGUAGES)('in %s', (language) => {
  test.each(CASES)('$name: the error and the catalogue\'s text', async ({ source, cell, code, key, params, pane }) => {
    await prepare(language, source);
    const [shownCode, text] = await shown(cell);
    expect(shownCode).toBe(code);
    expect(text).toBe(message(language, key, params(language)));
    if (pane) expect(text).toBe(pane(language));
  });

  test('a failure of Excel itself is said as the pane says it', async () => {
    fake.reset(TAGS[language]);
    invalidateLedger();
    const failing = vi.spyOn(Excel, 'run').mockRejectedValueOnce(new Error('GeneralException'));
    try {
      const text = await shown(first(available, 'P1', 'Hosting', 'FY21 H1', 'USD'));
      expect(text).toEqual(['#N/A', message(language, 'error.generic', { message: 'GeneralException' })]);
    } finally {
      failing.mockRestore();
    }
  });

  test('a window\'s date that the workbook\'s date system cannot hold', () => {
    const locale = createLocale(TAGS[language]);
    const date = isoDate('1903-12-31');
    expect(refusalText(locale, { reason: 'date_before_system', date, dateSystem: '1904' })).toBe(
      message(language, 'function.dateBeforeSystem', { date: locale.date(date), system: '1904' }),
    );
  });
});

test('every message a COOP.* error uses is in all five languages, every placeholder filled', () => {
  const keys: MessageKey[] = [...CASES.map((c) => c.key), 'function.dateBeforeSystem', 'error.generic', 'error.dateSystem'];
  for (const language of LANGUAGES) {
    const table: Readonly<Record<string, unknown>> = messageTable(language);
    for (const key of keys) expect(table[key], `${language} ${key}`).toBeDefined();
    for (const { key, params, name } of CASES) expect(message(language, key, params(language)), `${language} ${name}`).not.toMatch(/\{\w+\}/);
  }
});
