import { lastDay } from '../calendar/date-interval.js';
import type { IsoDate } from '../calendar/calendar-date.js';
import type { Dec } from '../money/decimal.js';
import type { PoolBalance } from './pool-balance.js';

/** A value of a Balances row: text, a date, an exact amount, a day count, a flag, or nothing. */
export type BalanceValue = string | IsoDate | Dec | number | boolean | null;

/**
 * What each column of the Balances layout (`BALANCES_COLUMNS`) holds for a pool, one rule for balances.csv, the report
 * workbook and the add-in's Balances table (docs/RULES.md, "Calendar"): a window's end is its last
 * day, inclusive; amounts are exact, in the pool's currency but for the USD columns, rounded by
 * each writer to the currency of its column's kind.
 *
 * Every property is named in one literal rather than spread: V8 builds `{ ...a, x, y, … }` with
 * twenty properties after the spread on a slow path (about 70 µs a row against well under one).
 */
export function balanceRow(b: PoolBalance): Readonly<Record<string, BalanceValue>> {
  return {
    participantId: b.key.participantId,
    programName: b.key.programName,
    earningPeriod: b.key.earningPeriod,
    currency: b.key.currency,
    earningStart: b.earning.start,
    earningEnd: lastDay(b.earning),
    usageStart: b.usage.start,
    usageEnd: lastDay(b.usage),
    claimStart: b.claiming.start,
    claimEnd: lastDay(b.claiming),
    status: b.status,
    coopEarned: b.coopEarned,
    coopEarnedUSD: b.coopEarnedUSD,
    thresholdUSD: b.thresholdUSD,
    belowThreshold: b.belowThreshold,
    convertedToRebate: b.convertedToRebate,
    transferred: b.transferred,
    claimsDraft: b.claimsDraft,
    claimsPending: b.claimsPending,
    claimsApproved: b.claimsApproved,
    claimsPaid: b.claimsPaid,
    available: b.available,
    forfeited: b.forfeited,
    daysToUsageEnd: b.daysToUsageEnd,
    daysToClaimDeadline: b.daysToClaimDeadline,
  };
}
