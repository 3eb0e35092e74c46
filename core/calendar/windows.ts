import { addDays, addMonths } from './calendar-date.js';
import type { DateInterval } from './date-interval.js';
import { halfInterval, nextHalf, type FiscalHalf } from './fiscal-half.js';
import { DEFAULT_SETTINGS, type LedgerSettings } from '../settings.js';

/** The three windows of an earning period (docs/RULES.md, "Calendar"), each half-open. */
export interface PeriodWindows {
  /** The earning period itself: co-op accrues here. */
  readonly earning: DateInterval;
  /** The next fiscal half: activities paid by these funds must run inside it. */
  readonly usage: DateInterval;
  /** Claims for these funds are submitted inside it; unused funds are forfeited at its end. */
  readonly claiming: DateInterval;
}

/** The readable rule: the three windows of a period, computed from the calendar. */
export function computeWindows(earningPeriod: FiscalHalf, settings: LedgerSettings = DEFAULT_SETTINGS): PeriodWindows {
  const earning = halfInterval(earningPeriod, settings);
  const usage = halfInterval(nextHalf(earningPeriod), settings);
  const { months, days } = settings.claimOffset;
  // Both ends move by the same offset, so consecutive claim windows tile time exactly.
  const shift = (d: typeof usage.start) => addDays(addMonths(d, months), days);
  return { earning, usage, claiming: { start: shift(usage.start), end: shift(usage.end) } };
}

/** Windows already computed, per settings and half: thousands of claims and pools share a few halves. */
const computed = new WeakMap<LedgerSettings, Map<number, PeriodWindows>>();

/** `computeWindows`, computed once per half and settings (a property test holds the two together). */
export function windowsOf(earningPeriod: FiscalHalf, settings: LedgerSettings = DEFAULT_SETTINGS): PeriodWindows {
  let byHalf = computed.get(settings);
  if (byHalf === undefined) computed.set(settings, (byHalf = new Map()));
  const id = earningPeriod.fiscalYear * 2 + earningPeriod.half;
  let windows = byHalf.get(id);
  if (windows === undefined) byHalf.set(id, (windows = computeWindows(earningPeriod, settings)));
  return windows;
}
