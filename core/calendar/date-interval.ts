import { addDays, type IsoDate } from './calendar-date.js';

/** A half-open range of days `[start, end)`. Inclusive ends exist only when printing. */
export interface DateInterval {
  readonly start: IsoDate;
  /** The first day after the interval. */
  readonly end: IsoDate;
}

export function contains(interval: DateInterval, date: IsoDate): boolean {
  return interval.start <= date && date < interval.end;
}

/** The last day inside the interval, for printing ("1 Jul – 31 Dec"). */
export function lastDay(interval: DateInterval): IsoDate {
  return addDays(interval.end, -1);
}

/** `2021-02-16 – 2021-08-15`: inclusive, as people read it. */
export function formatInterval(interval: DateInterval): string {
  return `${interval.start} – ${lastDay(interval)}`;
}
