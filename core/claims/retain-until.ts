import { addMonths, type IsoDate } from '../calendar/calendar-date.js';
import { DEFAULT_SETTINGS, type LedgerSettings } from '../settings.js';
import type { Claim } from './claim.js';

/** Originals must be kept this long: activity end + retentionMonths (docs/RULES.md, "Claims": 24 months). */
export function retainUntil(claim: Pick<Claim, 'activityEnd'>, settings: LedgerSettings = DEFAULT_SETTINGS): IsoDate {
  return addMonths(claim.activityEnd, settings.retentionMonths);
}
