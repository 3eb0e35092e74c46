import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { localCalendarDate } from '../../core/calendar/local-date.js';

/**
 * Today's calendar date where the user is: the adapter reads the clock, core turns the reading
 * into the date (`localCalendarDate`, as the batch job does) and takes it as an argument (asOf).
 */
export function todayIso(now: Date = new Date()): IsoDate {
  return localCalendarDate(now);
}
