/**
 * The display language and number/date formats, from Office's display language (`nl-NL`,
 * `de-DE`…). Amounts are rounded by core (`formatAmount`: half-up to the currency's minor unit,
 * `-0.004` USD is `0.00`) and only their digits are laid out by Intl, from that exact decimal
 * text, so no float ever touches money on the way to the screen. Dates are calendar dates
 * formatted in UTC so the browser's zone cannot move them.
 */
import { Dec } from '../../core/money/decimal.js';
import { minorUnits } from '../../core/money/currency.js';
import { formatAmount } from '../../core/money/round.js';
import { dateParts, type IsoDate } from '../../core/calendar/calendar-date.js';
import { LANGUAGES, message, type Language, type MessageKey } from './messages.js';
import { issueParamKind, type Issue, type IssueParams, type Result } from '../../core/issues.js';
import { INVARIANT, numberLocale, parseAmount } from '../../core/money/parse-amount.js';
import { hasMessage, issueMessageKey } from './messages.js';

export interface Locale {
  readonly language: Language;
  /** BCP 47 tag used for Intl formatting. */
  readonly tag: string;
  t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string;
  amount(value: Dec, currency: string): string;
  date(value: IsoDate): string;
  integer(value: number): string;
  /** "today", "in 3 days", "2 days ago": a day count relative to the as-of date, in the right plural. */
  when(days: number): string;
  /** An amount typed the user's way or invariantly; core's rules refuse ambiguous input. */
  parseAmount(text: string): Result<Dec>;
  /** An amount as the user types it back (no grouping, every digit it holds), for filling a form field. */
  amountInput(value: Dec): string;
  issue(issue: Issue, column?: string): string;
  /** Core's parameters of an issue, each shown the user's way by the kind core declares for it. */
  issueParams(params: IssueParams | undefined): Record<string, string>;
}

export function languageOf(displayLanguage: string): Language {
  const primary = displayLanguage.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return (LANGUAGES as readonly string[]).includes(primary) ? (primary as Language) : 'en';
}

export function createLocale(displayLanguage: string): Locale {
  const language = languageOf(displayLanguage);
  const tag = language === 'en' ? (displayLanguage || 'en-US') : displayLanguage;
  const safeTag = Intl.NumberFormat.supportedLocalesOf([tag]).length > 0 ? tag : language;
  const amountFormats = new Map<number, Intl.NumberFormat>();
  const dateFormat = new Intl.DateTimeFormat(safeTag, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
  const integerFormat = new Intl.NumberFormat(safeTag, { maximumFractionDigits: 0 });
  // A numeric `count` picks the plural form and is shown in the locale's digits.
  const t = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => {
    const count = params?.count;
    return typeof count === 'number' ? message(language, key, { ...params, count: integerFormat.format(count) }, count) : message(language, key, params);
  };
  const typed = numberLocale(safeTag);
  const typedLocale = typed.ok ? typed.value : INVARIANT;
  return {
    language,
    tag: safeTag,
    t,
    amount(value, currency) {
      const digits = minorUnits(currency);
      let format = amountFormats.get(digits);
      if (!format) {
        format = new Intl.NumberFormat(safeTag, { minimumFractionDigits: digits, maximumFractionDigits: digits });
        amountFormats.set(digits, format);
      }
      // Intl formats a decimal string exactly (no conversion to a double).
      return format.format(formatAmount(value, currency) as unknown as number);
    },
    date(value) {
      const { year, month, day } = dateParts(value);
      return dateFormat.format(Date.UTC(year, month - 1, day));
    },
    integer(value) {
      return integerFormat.format(value);
    },
    when(days) {
      if (days === 0) return t('when.today');
      return days > 0 ? t('when.inDays', { count: days }) : t('when.daysAgo', { count: -days });
    },
    parseAmount(text) {
      return parseAmount(text, { locale: typedLocale });
    },
    amountInput(value) {
      // Every digit the claim holds, never rounded: a form saved unchanged must not change the
      // amount (1234.567 stays 1234.567; rounding is for display only, docs/RULES.md "Money").
      // Written with the user's decimal mark. Three decimals (`1234,567`) could also be read as a
      // group of thousands, which core refuses as ambiguous: a trailing zero is the same amount
      // and reads one way only.
      const text = value.toFixed().replace('.', typedLocale.decimal);
      return parseAmount(text, { locale: typedLocale }).ok ? text : `${text}0`;
    },
    issue(issue, column) {
      const key = issueMessageKey(issue.code, issue.params?.reason);
      const params: Record<string, string> = {
        column: column ?? String(issue.path[issue.path.length - 1] ?? ''),
        input: issue.input ?? '',
        ...this.issueParams(issue.params),
      };
      return hasMessage(key) ? t(key, params) : `${issue.code} ${JSON.stringify(params)}`;
    },
    issueParams(given) {
      const shown: Record<string, string> = {};
      if (!given) return shown;
      // Core gives amounts as plain decimals in the issue's currency, dates as yyyy-MM-dd and counts
      // as digits, and declares which parameter is which (docs/RULES.md, "Issue parameters").
      const currency = given.currency;
      for (const [name, value] of Object.entries(given)) {
        if (value === undefined) continue;
        const kind = issueParamKind(name);
        if (kind === 'amount' && currency && /^-?\d+(\.\d+)?$/.test(value)) shown[name] = this.amount(new Dec(value), currency);
        else if (kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) shown[name] = this.date(value as IsoDate);
        else if (kind === 'count' && /^\d+$/.test(value)) shown[name] = integerFormat.format(Number.parseInt(value, 10));
        else shown[name] = value;
      }
      return shown;
    },
  };
}
