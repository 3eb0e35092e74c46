import { addMonths, dateFromParts, dateParts, type IsoDate } from './calendar-date.js';
import type { DateInterval } from './date-interval.js';
import { DEFAULT_SETTINGS, type LedgerSettings } from '../settings.js';
import { issue, ok, fail, type Result } from '../issues.js';

/**
 * A fiscal half: `FY21 H1`. `fiscalYear` is the full year in which the fiscal year ends (FY21 =
 * 2021, which for Microsoft runs 1 Jul 2020 – 30 Jun 2021).
 */
export interface FiscalHalf {
  readonly fiscalYear: number;
  readonly half: 1 | 2;
}

/** The fiscal half a calendar date falls in. */
export function fiscalHalfOf(date: IsoDate, settings: LedgerSettings = DEFAULT_SETTINGS): FiscalHalf {
  const { year, month } = dateParts(date);
  const start = settings.fiscalYearStartMonth;
  // A fiscal year is named after the calendar year it ends in; with a January start that is
  // the calendar year itself.
  const monthsIn = (month - start + 12) % 12; // 0..11 months since the fiscal year began
  const fiscalYear = start === 1 ? year : month >= start ? year + 1 : year;
  return { fiscalYear, half: monthsIn < 6 ? 1 : 2 };
}

/** `[first day, first day of the next half)` of a fiscal half. */
export function halfInterval(half: FiscalHalf, settings: LedgerSettings = DEFAULT_SETTINGS): DateInterval {
  const startMonth = settings.fiscalYearStartMonth;
  const firstYear = startMonth === 1 ? half.fiscalYear : half.fiscalYear - 1;
  const fyStart = dateFromParts(firstYear, startMonth, 1)!;
  const start = addMonths(fyStart, half.half === 1 ? 0 : 6);
  return { start, end: addMonths(start, 6) };
}

export function nextHalf(h: FiscalHalf): FiscalHalf {
  return h.half === 1 ? { fiscalYear: h.fiscalYear, half: 2 } : { fiscalYear: h.fiscalYear + 1, half: 1 };
}

export function previousHalf(h: FiscalHalf): FiscalHalf {
  return h.half === 2 ? { fiscalYear: h.fiscalYear, half: 1 } : { fiscalYear: h.fiscalYear - 1, half: 2 };
}

/** Negative, zero or positive, like a comparator; returns 0 only for the same half. */
export function compareHalves(a: FiscalHalf, b: FiscalHalf): number {
  return a.fiscalYear - b.fiscalYear || a.half - b.half;
}

export function sameHalf(a: FiscalHalf, b: FiscalHalf): boolean {
  return compareHalves(a, b) === 0;
}

/** The canonical label, `FY21 H1`. */
export function formatHalf(h: FiscalHalf): string {
  return `FY${String(h.fiscalYear % 100).padStart(2, '0')} H${h.half}`;
}

const LABEL_RE = /^FY\s*(\d{2}|\d{4})\s*[-_/ ]?\s*H\s*([12])$/i;

/**
 * Reads a fiscal-half label tolerantly: `FY21 H1`, `FY21H1`, `FY2021 H1`, `fy21-h1`. Two-digit
 * years are 20nn. Anything else (`FY21 H3`, `2021 H1`) is `invalid_period_label`.
 */
export function parseHalf(text: string): Result<FiscalHalf> {
  const m = LABEL_RE.exec(text.trim());
  if (!m) return fail(issue('invalid_period_label', [], text));
  const digits = m[1]!;
  const fiscalYear = digits.length === 2 ? 2000 + Number.parseInt(digits, 10) : Number.parseInt(digits, 10);
  if (fiscalYear < 2000 || fiscalYear > 2099) return fail(issue('invalid_period_label', [], text));
  return ok({ fiscalYear, half: m[2] === '1' ? 1 : 2 });
}

/** For trusted literals in code and tests; throws on misuse. */
export function half(label: string): FiscalHalf {
  const r = parseHalf(label);
  if (!r.ok) throw new RangeError(`not a fiscal-half label: ${label}`);
  return r.value;
}
