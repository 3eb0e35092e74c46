import { dateFromParts, type IsoDate } from './calendar-date.js';

/**
 * The calendar date a clock reading falls on where the user is (the host's local time zone): the
 * default as-of date of both adapters, the batch job's run and the add-in's pane (docs/RULES.md,
 * "Calendar"). Core reads no clock: each adapter reads its own and passes the reading here. Local
 * parts, never `toISOString`, whose UTC date is a day off for an evening in New York or a morning
 * in Sydney. A reading that is no date (`new Date(NaN)`) is a mistake of the caller, and throws.
 */
export function localCalendarDate(reading: Date): IsoDate {
  const date = Number.isNaN(reading.getTime()) ? null : dateFromParts(reading.getFullYear(), reading.getMonth() + 1, reading.getDate());
  if (date === null) throw new RangeError(`No calendar date for the clock reading ${String(reading)}`);
  return date;
}

/**
 * The date a ledger is settled as of: the one set (the batch job's `--as-of`, a workbook's stored
 * as-of date), else the calendar date of the clock reading where it runs (docs/RULES.md, "The
 * as-of date is the workbook's today").
 */
export function asOfDate(set: IsoDate | null | undefined, reading: Date): IsoDate {
  return set ?? localCalendarDate(reading);
}
