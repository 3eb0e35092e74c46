import { DateTime } from 'luxon';
import { issue, ok, fail, type Result } from '../issues.js';

/**
 * A calendar date without a time or a zone, as `yyyy-MM-dd`. Strings compare correctly with
 * `<`, and nothing about them can shift with the machine's or the browser's zone. Calendar math
 * goes through luxon in UTC, where every day has 24 hours.
 */
export type IsoDate = string & { readonly __isoDate: unique symbol };

const ZONE = { zone: 'utc' } as const;

function dt(date: IsoDate): DateTime {
  return DateTime.fromISO(date, ZONE);
}

function iso(d: DateTime): IsoDate {
  return d.toISODate() as IsoDate;
}

/** Builds a date from parts; `null` when the day does not exist (2021-02-30). */
export function dateFromParts(year: number, month: number, day: number): IsoDate | null {
  const d = DateTime.fromObject({ year, month, day }, ZONE);
  return d.isValid ? iso(d) : null;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const US_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?)?$/i;

/**
 * Parses a date as exports write it: ISO (`2021-03-15`, optionally with a time, which is
 * ignored: the calendar date written is the date meant) or US `M/d/yyyy`. Anything else, or a
 * day that does not exist, is `invalid_date`.
 */
export function parseDate(text: string): Result<IsoDate> {
  const t = text.trim();
  const m = ISO_RE.exec(t);
  const parts = m ? [m[1], m[2], m[3]] : (() => {
    const u = US_RE.exec(t);
    return u ? [u[3], u[1], u[2]] : null;
  })();
  if (!parts) return fail(issue('invalid_date', [], text, { reason: 'format' }));
  const [y, mo, d] = parts.map((p) => Number.parseInt(p!, 10)) as [number, number, number];
  const date = dateFromParts(y, mo, d);
  return date ? ok(date) : fail(issue('invalid_date', [], text, { reason: 'no_such_day' }));
}

/** For trusted literals in code and tests; throws on a bad date (misuse, not data). */
export function isoDate(text: string): IsoDate {
  const r = parseDate(text);
  if (!r.ok || !/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new RangeError(`not a yyyy-MM-dd date: ${text}`);
  return r.value;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return iso(dt(date).plus({ days }));
}

/** Calendar months: 31 Jan + 1 month = 28/29 Feb (end of month clamps, as luxon does). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  return iso(dt(date).plus({ months }));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(dt(to).diff(dt(from), 'days').days);
}

export function dateParts(date: IsoDate): { year: number; month: number; day: number } {
  return {
    year: Number.parseInt(date.slice(0, 4), 10),
    month: Number.parseInt(date.slice(5, 7), 10),
    day: Number.parseInt(date.slice(8, 10), 10),
  };
}

/** Serial number Excel uses for a date (1900 date system): 2021-01-01 → 44197. */
export function toExcelSerial(date: IsoDate): number {
  return daysBetween('1899-12-30' as IsoDate, date);
}

export function fromExcelSerial(serial: number): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  return addDays('1899-12-30' as IsoDate, Math.floor(serial));
}
