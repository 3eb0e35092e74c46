import { issue, ok, fail, type Issue, type Result } from './issues.js';
import { parseDate, type IsoDate } from './calendar/calendar-date.js';
import { numberLocale, type NumberLocale } from './money/parse-amount.js';

/** Settings that vary per vendor program or per team; defaults are Microsoft's (docs/RULES.md, "Calendar", "Alerts"). */
export interface LedgerSettings {
  /** Month (1–12) in which a fiscal year starts; Microsoft: 7 (July). */
  readonly fiscalYearStartMonth: number;
  /** Claim window = usage window shifted by this much (docs/RULES.md, "Calendar": 1 month + 15 days). */
  readonly claimOffset: { readonly months: number; readonly days: number };
  /** Originals are kept this many months after the activity (docs/RULES.md, "Claims": 24). */
  readonly retentionMonths: number;
  /**
   * The horizons, in days before a pool's next deadline, within which unused money is flagged as
   * expiring: whole days, each once, shortest first (docs/RULES.md, "Alerts"). Every output uses
   * these: the findings, the xlsx shading, report.html and the task pane.
   */
  readonly expiryDays: readonly number[];
}

export const DEFAULT_SETTINGS: LedgerSettings = Object.freeze({
  fiscalYearStartMonth: 7,
  claimOffset: Object.freeze({ months: 1, days: 15 }),
  retentionMonths: 24,
  expiryDays: Object.freeze([30, 60]),
});

/** The one rule for a fiscal-year start: a whole month number, 1 (January) to 12 (December). */
function isMonth(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 12;
}

/** The longest horizon a team can ask for: a year. Longer would flag every pool that has money. */
export const MAX_EXPIRY_DAYS = 366;

/** The one rule for expiry horizons: at least one, each a whole number of days from 0 to a year, each once, shortest first. */
function isHorizonList(days: readonly number[]): boolean {
  return days.length > 0 && days.every((d, i) => Number.isInteger(d) && d >= 0 && d <= MAX_EXPIRY_DAYS && (i === 0 || d > days[i - 1]!));
}

/** Settings from values a program already checked; a value outside the rules here is a bug of the caller, so it throws. */
export function withSettings(overrides: Partial<LedgerSettings> = {}): LedgerSettings {
  const s = { ...DEFAULT_SETTINGS, ...overrides };
  if (!isMonth(s.fiscalYearStartMonth)) {
    throw new RangeError(`fiscalYearStartMonth must be 1..12, got ${s.fiscalYearStartMonth}`);
  }
  if (!isHorizonList(s.expiryDays)) {
    throw new RangeError(`expiryDays must be whole days 0..${MAX_EXPIRY_DAYS}, each once, shortest first; got ${s.expiryDays.join(',')}`);
  }
  return s;
}

/** Settings as a store holds them (a workbook's settings, a command line): text typed or saved by someone, or a number, or nothing. */
export interface StoredSettingValues {
  readonly fiscalYearStartMonth?: unknown;
  readonly expiryDays?: unknown;
  readonly asOf?: unknown;
  readonly numberLocale?: unknown;
}

export interface ReadSettings {
  readonly settings: LedgerSettings;
  /** A fixed as-of date, or null when none is stored (the caller then uses today). */
  readonly asOf: IsoDate | null;
  /**
   * How numbers are written in imported text files when not invariantly (`1.234,56`), or null for
   * the invariant form only. Beside the settings, not in them: it says how to read a file, not
   * how the ledger counts, and no rule of core's ledger looks at it.
   */
  readonly numberLocale: NumberLocale | null;
  readonly issues: readonly Issue[];
}

/**
 * Reads stored settings (docs/RULES.md, "Calendar", "Alerts"): a missing or empty value is the
 * default. Each value has one rule, the same for the batch job's command line and the workbook:
 * - a fiscal-year start month is a whole number 1–12 written as such (`7`, ` 7 `; not `7.5`,
 *   `7abc` or `13`), else `invalid_setting` at `fiscalYearStartMonth`;
 * - expiry horizons are whole days 0–366 separated by commas, semicolons or spaces (`30, 60`), or
 *   one number; repeats and order do not matter; else `invalid_setting` at `expiryDays`;
 * - an as-of date is written `yyyy-MM-dd` and exists, else `invalid_date` at `asOf`. A date is
 *   not read in a regional form here: `03/04/2022` is a different day in different offices;
 * - a number locale is a tag Intl knows (`nl-NL`), else `invalid_setting` at `numberLocale` with
 *   the reason core's `numberLocale` gives (`unknown_locale`). Intl would quietly fall back to
 *   its own default for a tag it does not know, and amounts would be read with separators nobody
 *   asked for (docs/RULES.md, "Money").
 * Settings come back with the default in place of a refused value, beside the issue, so a caller
 * can go on with them while it reports the issue: a bad stored value is never dropped in silence.
 */
export function readSettings(values: StoredSettingValues): ReadSettings {
  const issues: Issue[] = [];
  const overrides: { fiscalYearStartMonth?: number; expiryDays?: readonly number[] } = {};
  const month = readFiscalYearStartMonth(values.fiscalYearStartMonth);
  if (month?.ok) overrides.fiscalYearStartMonth = month.value;
  else if (month) issues.push(...month.issues);
  const days = readExpiryDays(values.expiryDays);
  if (days?.ok) overrides.expiryDays = days.value;
  else if (days) issues.push(...days.issues);
  const asOf = readAsOf(values.asOf);
  if (asOf && !asOf.ok) issues.push(...asOf.issues);
  const locale = readNumberLocale(values.numberLocale);
  if (locale && !locale.ok) issues.push(...locale.issues);
  const settings = Object.keys(overrides).length === 0 ? DEFAULT_SETTINGS : withSettings(overrides);
  return { settings, asOf: asOf?.ok ? asOf.value : null, numberLocale: locale?.ok ? locale.value : null, issues };
}

/** What a store keeps of the settings: what `readSettings` gives, but its issues. */
export interface SettingsToStore {
  readonly settings: LedgerSettings;
  readonly asOf: IsoDate | null;
  readonly numberLocale: NumberLocale | null;
}

/** Settings as a store is given them: text, `''` for none. */
export interface StoredSettingTexts {
  readonly fiscalYearStartMonth: string;
  readonly expiryDays: string;
  readonly asOf: string;
  readonly numberLocale: string;
}

/**
 * Settings as a store keeps them (docs/RULES.md, "Stored settings"): the inverse of `readSettings`,
 * so what is saved reads back as the same settings, without an issue, in the add-in's workbook and
 * on the batch job's command line alike. Each value is text in the form a person types it: the
 * month as its number (`7`), the horizons shortest first as `30, 60`, the as-of date `yyyy-MM-dd`,
 * the number locale's tag; `''` for no as-of date (today) and no number locale (the invariant
 * form only), as nothing stored reads. The claim window's offset and the retention are in no store:
 * settings that differ from the default in them cannot be saved, and saving them is a bug that
 * throws rather than one that drops them without a sign.
 */
export function storeSettings(values: SettingsToStore): StoredSettingTexts {
  const { settings } = values;
  const unstored = settings.retentionMonths !== DEFAULT_SETTINGS.retentionMonths ||
    settings.claimOffset.months !== DEFAULT_SETTINGS.claimOffset.months ||
    settings.claimOffset.days !== DEFAULT_SETTINGS.claimOffset.days;
  if (unstored) throw new RangeError('only the fiscal-year start and the expiry horizons of the settings are stored; claimOffset and retentionMonths must be the default');
  // The rules a read holds them to (a month 1–12, horizons whole days each once, shortest first), so nothing is saved that reads back refused.
  const checked = withSettings({ fiscalYearStartMonth: settings.fiscalYearStartMonth, expiryDays: settings.expiryDays });
  return {
    fiscalYearStartMonth: String(checked.fiscalYearStartMonth),
    expiryDays: checked.expiryDays.join(', '),
    asOf: values.asOf ?? '',
    numberLocale: values.numberLocale?.tag ?? '',
  };
}

/** What each stored setting is needed for: the calculation, or reading imported files. */
const NEEDED_FOR: Readonly<Record<string, 'calculation' | 'import'>> = {
  asOf: 'calculation',
  fiscalYearStartMonth: 'calculation',
  expiryDays: 'calculation',
  numberLocale: 'import',
};

/**
 * The refused settings (`readSettings`' issues) that refuse `what` (docs/RULES.md, "Stored
 * settings"): a refused as-of date, fiscal-year start or expiry horizons refuses the calculation,
 * since its default would give other balances, deadlines and alerts than the ones asked for (today
 * for a mistyped as-of date); a refused number locale refuses reading files. Nothing is computed
 * (or imported) until the setting is corrected, never with the default in its place. The batch job
 * reads files and calculates in every run, so any refused option stops it.
 */
export function settingsRefusing(issues: readonly Issue[], what: 'calculation' | 'import'): Issue[] {
  return issues.filter((i) => NEEDED_FOR[String(i.path[0])] === what);
}

/** A stored value as text, trimmed; null when nothing is stored. */
function storedText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = typeof value === 'string' ? value.trim() : String(value);
  return text === '' ? null : text;
}

/** A stored fiscal-year start month, or null when none is stored. */
function readFiscalYearStartMonth(value: unknown): Result<number> | null {
  const text = storedText(value);
  if (text === null) return null;
  const month = typeof value !== 'object' && /^\d{1,2}$/.test(text) ? Number.parseInt(text, 10) : Number.NaN;
  if (isMonth(month)) return ok(month);
  return fail(issue('invalid_setting', ['fiscalYearStartMonth'], text, { expected: '1–12' }));
}

/** Stored expiry horizons, or null when none are stored. */
function readExpiryDays(value: unknown): Result<readonly number[]> | null {
  const text = storedText(value);
  if (text === null) return null;
  const parts = typeof value === 'object' ? [] : text.split(/[\s,;]+/).filter((p) => p !== '');
  const days = parts.every((p) => /^\d{1,3}$/.test(p)) ? [...new Set(parts.map((p) => Number.parseInt(p, 10)))].sort((a, b) => a - b) : [];
  if (isHorizonList(days)) return ok(Object.freeze(days));
  return fail(issue('invalid_setting', ['expiryDays'], text, { expected: `0–${MAX_EXPIRY_DAYS}` }));
}

/** A stored as-of date, or null when none is stored. */
function readAsOf(value: unknown): Result<IsoDate> | null {
  const text = storedText(value);
  if (text === null) return null;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseDate(text) : null;
  if (date?.ok) return date;
  return fail(issue('invalid_date', ['asOf'], text, { expected: 'yyyy-MM-dd', reason: date ? 'no_such_day' : 'format' }));
}

/**
 * A stored number locale, or null when none is stored (the invariant form only). A refused tag is
 * a refused *setting*, `invalid_setting`, like the others: `invalid_amount` names a cell of a file.
 */
function readNumberLocale(value: unknown): Result<NumberLocale> | null {
  const text = storedText(value);
  if (text === null) return null;
  const locale = typeof value === 'string' ? numberLocale(text) : null;
  if (locale?.ok) return locale;
  const reason = locale?.issues[0]?.params?.['reason'] ?? 'unknown_locale';
  return fail(issue('invalid_setting', ['numberLocale'], text, { expected: 'nl-NL, de-DE, …', reason }));
}
