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
  if (Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) && year >= 1 && year <= 9999) {
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
    return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}` as IsoDate;
  }
  const d = DateTime.fromObject({ year, month, day }, ZONE);
  return d.isValid ? iso(d) : null;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const US_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?)?$/i;

/** The forms a date may be written in (`parseDate`), as an `invalid_date` issue names them (`expected`), so every message says what core reads. */
export const DATE_FORMATS_EXPECTED = 'yyyy-MM-dd, M/d/yyyy';

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
  if (!parts) return fail(issue('invalid_date', [], text, { expected: DATE_FORMATS_EXPECTED, reason: 'format' }));
  const [y, mo, d] = parts.map((p) => Number.parseInt(p!, 10)) as [number, number, number];
  const date = dateFromParts(y, mo, d);
  return date ? ok(date) : fail(issue('invalid_date', [], text, { expected: DATE_FORMATS_EXPECTED, reason: 'no_such_day' }));
}

/** For trusted literals in code and tests; throws on a bad date (misuse, not data). */
export function isoDate(text: string): IsoDate {
  const r = parseDate(text);
  if (!r.ok || !/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new RangeError(`not a yyyy-MM-dd date: ${text}`);
  return r.value;
}

/*
 * Day arithmetic on plain integers (days since 1970-01-01 in the proleptic Gregorian calendar,
 * H. Hinnant's civil-date algorithms): reports do it a few times per pool, and luxon objects
 * cost far more than the arithmetic. Years outside 1–9999 (not four digits) go through luxon.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): IsoDate | null {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1 || year > 9999) return null;
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}` as IsoDate;
}

function isFourDigitYear(date: IsoDate): boolean {
  return date.length === 10 && !date.startsWith('0000');
}

function dayNumber(date: IsoDate): number {
  const { year, month, day } = dateParts(date);
  return daysFromCivil(year, month, day);
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (isFourDigitYear(date) && Number.isInteger(days)) {
    const r = civilFromDays(dayNumber(date) + days);
    if (r !== null) return r;
  }
  return iso(dt(date).plus({ days }));
}

/** Calendar months: 31 Jan + 1 month = 28/29 Feb (end of month clamps, as luxon does). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (isFourDigitYear(date) && Number.isInteger(months)) {
    const { year, month, day } = dateParts(date);
    const index = year * 12 + (month - 1) + months;
    const y = Math.floor(index / 12);
    const m = index - y * 12 + 1;
    if (y >= 1 && y <= 9999) return civilFromDays(daysFromCivil(y, m, Math.min(day, daysInMonth(y, m))))!;
  }
  return iso(dt(date).plus({ months }));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  if (isFourDigitYear(from) && isFourDigitYear(to)) return dayNumber(to) - dayNumber(from);
  return Math.round(dt(to).diff(dt(from), 'days').days);
}

export function dateParts(date: IsoDate): { year: number; month: number; day: number } {
  return { year: digitsAt(date, 0, 4), month: digitsAt(date, 5, 7), day: digitsAt(date, 8, 10) };
}

/**
 * `Number.parseInt(text.slice(from, to), 10)` without the slice: settling a ledger reads the
 * parts of thousands of dates. Anything but digits goes to parseInt, so the value is the same.
 */
function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return Number.parseInt(text.slice(from, to), 10);
    n = n * 10 + digit;
  }
  return n;
}

/**
 * Excel's two date systems (docs/RULES.md, "Workbook cells"): in the 1900 system (Excel's default)
 * serial 1 is 1900-01-01; in the 1904 system (old Mac workbooks, Excel's "Use 1904 date system")
 * serial 0 is 1904-01-01. A date cell holds only the serial, so the workbook's system says which
 * date it is.
 */
export type DateSystem = '1900' | '1904';

/** Days from the 1900 system's day 0 to the 1904 system's: a date's 1900 serial is its 1904 serial + 1462. */
export const DATE_1904_OFFSET = 1462;

/** Excel's last date, 9999-12-31: a larger number is no date in Excel (it shows `####`). */
const LAST_EXCEL_SERIAL = 2_958_465;

/**
 * The 1900 system's serial of 1900-03-01. Excel counts a 1900-02-29 that never was (serial 60, kept
 * from Lotus 1-2-3), so the days before it are one serial lower than a count from 1899-12-30 gives:
 * serial 1 is 1900-01-01 and 59 is 1900-02-28.
 */
const FIRST_SERIAL_AFTER_1900_02_29 = 61;

/**
 * Serial number Excel uses for a date in a date system: 2021-01-01 → 44197 (1900), 42735 (1904).
 * Null for a date the system has no serial for (docs/RULES.md, "Workbook cells"): before
 * 1904-01-01 in the 1904 system, whose serials start at 0, or before 1900-01-01 (serial 1) in the
 * 1900 system. Such a serial would not read back as the date (`fromExcelSerial` refuses it) and
 * Excel would show it as no date, so each caller says what it does instead.
 */
export function toExcelSerial(date: IsoDate, system: DateSystem): number | null {
  const days = daysBetween('1899-12-30' as IsoDate, date);
  if (!(days >= (system === '1900' ? 2 : DATE_1904_OFFSET) && days <= LAST_EXCEL_SERIAL)) return null;
  if (system === '1904') return days - DATE_1904_OFFSET;
  return days >= FIRST_SERIAL_AFTER_1900_02_29 ? days : days - 1;
}

/** Days from the 1900 system's day 0 (1899-12-30) to 1970-01-01, where a millisecond count starts. */
const UNIX_EPOCH_SERIAL = 25_569;
const MS_PER_DAY = 86_400_000;

/**
 * The serial in a date system, time of day as its fraction, of a wall time given as milliseconds
 * since 1970-01-01 00:00 with the wall time read as UTC: how a workbook reader that turns a date
 * cell into a `Date` hands it over (exceljs), so that no time zone moves it. It undoes that
 * reader's own conversion, which counts every serial from 1899-12-30, so it gives back the serial
 * the cell holds, which `fromExcelSerial` then reads (the 1900 system's first two months included).
 */
export function serialOfWallTime(ms: number, system: DateSystem): number {
  return ms / MS_PER_DAY + UNIX_EPOCH_SERIAL - (system === '1904' ? DATE_1904_OFFSET : 0);
}

/**
 * The calendar date of an Excel serial in a date system, its time of day (the
 * fraction) dropped; null for a number Excel shows as no date: below 1 in the 1900 system, below 0
 * in the 1904 system, after 9999-12-31 in either, and the 1900 system's 60 (Excel's 1900-02-29).
 */
export function fromExcelSerial(serial: number, system: DateSystem): IsoDate | null {
  if (system === '1904') {
    // The 1904 system's day 0 is the 1900 system's day 1462, and both end on 9999-12-31. The day
    // is taken before the offset is added, so no fraction can round it into the next.
    return serial >= 0 && serial < LAST_EXCEL_SERIAL + 1 - DATE_1904_OFFSET ? fromExcelSerial(Math.floor(serial) + DATE_1904_OFFSET, '1900') : null;
  }
  if (!Number.isFinite(serial) || serial < 1 || serial >= LAST_EXCEL_SERIAL + 1) return null;
  const day = Math.floor(serial);
  if (day >= FIRST_SERIAL_AFTER_1900_02_29) return addDays('1899-12-30' as IsoDate, day);
  // Serial 60 is Excel's 1900-02-29, a day no calendar has: no date.
  return day === FIRST_SERIAL_AFTER_1900_02_29 - 1 ? null : addDays('1899-12-31' as IsoDate, day);
}
