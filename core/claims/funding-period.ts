import type { IsoDate } from '../calendar/calendar-date.js';
import { fiscalHalfOf, formatHalf, previousHalf, sameHalf, type FiscalHalf } from '../calendar/fiscal-half.js';
import { DEFAULT_SETTINGS, type LedgerSettings } from '../settings.js';
import { issue, ok, fail, type Result } from '../issues.js';

/**
 * The earning period that pays for an activity (docs/RULES.md, "Claims"): the activity must lie inside one usage
 * period, a fiscal half, and is funded by the half before it. An end before the start, or an
 * activity spanning two halves, is `claim_dates_invalid` (params.reason says which).
 */
export function fundingPeriodOf(
  activityStart: IsoDate,
  activityEnd: IsoDate,
  settings: LedgerSettings = DEFAULT_SETTINGS,
): Result<FiscalHalf> {
  if (activityEnd < activityStart) {
    return fail(issue('claim_dates_invalid', ['activityEnd'], activityEnd, { reason: 'end_before_start', activityStart, activityEnd }));
  }
  const usage = fiscalHalfOf(activityStart, settings);
  const endHalf = fiscalHalfOf(activityEnd, settings);
  if (!sameHalf(usage, endHalf)) {
    return fail(
      issue('claim_dates_invalid', ['activityEnd'], activityEnd, {
        reason: 'spans_usage_periods',
        activityStart,
        activityEnd,
        startPeriod: formatHalf(usage),
        endPeriod: formatHalf(endHalf),
      }),
    );
  }
  return ok(previousHalf(usage));
}
