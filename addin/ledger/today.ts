import { dateFromParts, type IsoDate } from '../../core/calendar/calendar-date.js';

/**
 * Today's calendar date where the user is. The adapter reads the clock; core takes the date as
 * an argument (asOf). Local parts, not toISOString, so the date never shifts by the zone offset.
 */
export function todayIso(now: Date = new Date()): IsoDate {
  return dateFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate())!;
}
