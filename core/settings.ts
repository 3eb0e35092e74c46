import { issue, ok, fail, type Issue, type Result } from './issues.js';

/** Settings that vary per vendor program; defaults are Microsoft's (docs/RULES.md, "Calendar"). */
export interface LedgerSettings {
  /** Month (1–12) in which a fiscal year starts; Microsoft: 7 (July). */
  readonly fiscalYearStartMonth: number;
  /** Claim window = usage window shifted by this much (docs/RULES.md, "Calendar": 1 month + 15 days). */
  readonly claimOffset: { readonly months: number; readonly days: number };
  /** Originals are kept this many months after the activity (docs/RULES.md, "Claims": 24). */
  readonly retentionMonths: number;
}

export const DEFAULT_SETTINGS: LedgerSettings = Object.freeze({
  fiscalYearStartMonth: 7,
  claimOffset: Object.freeze({ months: 1, days: 15 }),
  retentionMonths: 24,
});

/** The one rule for a fiscal-year start: a whole month number, 1 (January) to 12 (December). */
function isMonth(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 12;
}

/** Settings from values a program already checked; a month outside 1–12 here is a bug of the caller, so it throws. */
export function withSettings(overrides: Partial<LedgerSettings> = {}): LedgerSettings {
  const s = { ...DEFAULT_SETTINGS, ...overrides };
  if (!isMonth(s.fiscalYearStartMonth)) {
    throw new RangeError(`fiscalYearStartMonth must be 1..12, got ${s.fiscalYearStartMonth}`);
  }
  return s;
}

/** Settings as a store holds them: text typed or saved by someone, or a number, or nothing. */
export interface StoredSettingValues {
  readonly fiscalYearStartMonth?: unknown;
}

/**
 * Reads stored settings (docs/RULES.md, "Calendar"): a missing or empty value is the default; a
 * fiscal-year start month must be a whole number 1–12 written as such (`7`, ` 7 `; not `7.5`,
 * `7abc` or `13`), else `invalid_setting` at `fiscalYearStartMonth` with what was stored. The
 * settings come back with the default in its place, beside the issue, so a caller can go on with
 * them while it reports the issue: a bad stored value is never dropped in silence.
 */
export function readSettings(values: StoredSettingValues): { readonly settings: LedgerSettings; readonly issues: readonly Issue[] } {
  const month = readFiscalYearStartMonth(values.fiscalYearStartMonth);
  if (month === null) return { settings: DEFAULT_SETTINGS, issues: [] };
  if (!month.ok) return { settings: DEFAULT_SETTINGS, issues: month.issues };
  return { settings: withSettings({ fiscalYearStartMonth: month.value }), issues: [] };
}

/** A stored fiscal-year start month, or null when none is stored. */
function readFiscalYearStartMonth(value: unknown): Result<number> | null {
  if (value === undefined || value === null) return null;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : null;
  if (text === '') return null;
  const month = text !== null && /^\d{1,2}$/.test(text) ? Number.parseInt(text, 10) : Number.NaN;
  if (isMonth(month)) return ok(month);
  return fail(issue('invalid_setting', ['fiscalYearStartMonth'], text ?? String(value), { expected: '1–12' }));
}
