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

export function withSettings(overrides: Partial<LedgerSettings> = {}): LedgerSettings {
  const s = { ...DEFAULT_SETTINGS, ...overrides };
  if (!Number.isInteger(s.fiscalYearStartMonth) || s.fiscalYearStartMonth < 1 || s.fiscalYearStartMonth > 12) {
    throw new RangeError(`fiscalYearStartMonth must be 1..12, got ${s.fiscalYearStartMonth}`);
  }
  return s;
}
