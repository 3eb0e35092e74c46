import type { Dec } from '../money/decimal.js';
import { roundToMinor } from '../money/round.js';
import { daysBetween, type IsoDate } from '../calendar/calendar-date.js';
import { lastDay } from '../calendar/date-interval.js';
import type { PoolBalance } from './pool-balance.js';
import { comparePoolKeys, poolKeyString } from './pool-key.js';
import type { LedgerSettings } from '../settings.js';

/**
 * What a pool asks of its owner on the as-of date (docs/RULES.md, "Alerts"):
 * - `expiring`: money is still available and the pool's next deadline is near. The next deadline
 *   is the end of usage while usage runs (no new activity can be paid for after it), then the last
 *   day of the claim window (the money is forfeited after it).
 * - `overdrawn`: claims take more than the pool holds.
 * - `willConvert`: the pool is still accruing and its group is below the threshold, so unless more
 *   co-op accrues it becomes rebate at the end of the earning period.
 */
export type PoolAlertKind = 'expiring' | 'overdrawn' | 'willConvert';

export type PoolDeadline = 'usageEnd' | 'claimDeadline' | 'earningEnd';

export interface PoolAlert {
  readonly kind: PoolAlertKind;
  readonly pool: PoolBalance;
  /** The money concerned: available (expiring), the overdraft as a positive amount, or the co-op that would convert. */
  readonly amount: Dec;
  /** Which date the alert is about, and that date (its last day, inclusive). */
  readonly deadline: PoolDeadline;
  readonly date: IsoDate;
  /** Days from as-of to `date`: 0 means today is the last day; negative means it has passed. */
  readonly days: number;
  /** For `expiring`: the shortest horizon of the settings that holds `days` (30 of 30/60); else null. */
  readonly withinDays: number | null;
}

/** The settings alerts read: the expiry horizons, one setting for every output (docs/RULES.md, "Alerts"). */
export type AlertSettings = Pick<LedgerSettings, 'expiryDays'>;

/** Money in the pool can still be claimed: usage runs (`open`) or the claim window is still open (`claim-only`). */
export function isSpendable(pool: PoolBalance): boolean {
  return pool.status === 'open' || pool.status === 'claim-only';
}

/**
 * Claims take more than the pool holds: its available amount is below zero as every report shows
 * it, rounded to the currency's minor unit (docs/RULES.md, "Alerts"). An overdraft of less than
 * half a minor unit (−0.004 USD, shown 0.00) is none; a negative part of the pool, such as co-op
 * transferred out, never is one.
 */
export function isOverdrawn(pool: PoolBalance): boolean {
  return roundToMinor(pool.available, pool.key.currency).lt(0);
}

/** Money was forfeited as reports show it: at least half a minor unit (docs/RULES.md, "Pools and balances"). */
export function hasForfeited(pool: PoolBalance): boolean {
  return roundToMinor(pool.forfeited, pool.key.currency).gt(0);
}

/** Money is left in the pool as reports show it: at least half a minor unit. */
function hasMoneyLeft(pool: PoolBalance): boolean {
  return roundToMinor(pool.available, pool.key.currency).gt(0);
}

/** One of a pool's two deadlines as of the date. */
export interface PoolDeadlineDay {
  readonly deadline: 'usageEnd' | 'claimDeadline';
  /** The deadline's last day, inclusive. */
  readonly date: IsoDate;
  /** Days from as-of to `date`: 0 means today is the last day. */
  readonly days: number;
  /** The last day is behind the as-of date; on the last day itself the deadline has not passed. */
  readonly passed: boolean;
}

/** A pool's end of usage and last day of the claim window, in that order, as of the ledger's date (docs/RULES.md, "Alerts"). */
export function poolDeadlines(pool: PoolBalance): readonly [PoolDeadlineDay, PoolDeadlineDay] {
  return [
    { deadline: 'usageEnd', date: lastDay(pool.usage), days: pool.daysToUsageEnd, passed: pool.daysToUsageEnd < 0 },
    { deadline: 'claimDeadline', date: lastDay(pool.claiming), days: pool.daysToClaimDeadline, passed: pool.daysToClaimDeadline < 0 },
  ];
}

/** The deadline an unused, spendable pool runs into next, or null when it has none ahead. */
export function nextDeadline(pool: PoolBalance): { deadline: PoolDeadline; date: IsoDate; days: number } | null {
  if (!isSpendable(pool)) return null;
  const next = poolDeadlines(pool).find((d) => !d.passed);
  return next ? { deadline: next.deadline, date: next.date, days: next.days } : null;
}

/** Every alert of every pool, with the horizons of the ledger's settings. */
export function poolAlerts(balances: readonly PoolBalance[], settings: AlertSettings): PoolAlert[] {
  const horizons = settings.expiryDays;
  const longest = horizons.length > 0 ? horizons[horizons.length - 1]! : -1;
  const alerts: PoolAlert[] = [];
  for (const pool of balances) {
    if (isOverdrawn(pool)) {
      const next = nextDeadline(pool);
      alerts.push({
        kind: 'overdrawn',
        pool,
        amount: pool.available.negated(),
        deadline: next?.deadline ?? 'claimDeadline',
        date: next?.date ?? lastDay(pool.claiming),
        days: next?.days ?? pool.daysToClaimDeadline,
        withinDays: null,
      });
    }
    const next = hasMoneyLeft(pool) ? nextDeadline(pool) : null;
    if (next && next.days <= longest) {
      alerts.push({ kind: 'expiring', pool, amount: pool.available, ...next, withinDays: horizons.find((h) => next.days <= h)! });
    }
    if (pool.status === 'accruing' && pool.belowThreshold === true) {
      alerts.push({ kind: 'willConvert', pool, amount: pool.coopEarned, deadline: 'earningEnd', date: lastDay(pool.earning), days: daysToEarningEnd(pool), withinDays: null });
    }
  }
  return alerts.sort(byUrgency);
}

/** Days from as-of to the last day of the earning period, from the pool's own countdown to the end of usage. */
function daysToEarningEnd(pool: PoolBalance): number {
  return pool.daysToUsageEnd - daysBetween(lastDay(pool.earning), lastDay(pool.usage));
}

const KIND_RANK: Readonly<Record<PoolAlertKind, number>> = { overdrawn: 0, expiring: 1, willConvert: 2 };

/** Most urgent first: an overdraft before anything, then the fewest days left, then the pool's key. */
function byUrgency(a: PoolAlert, b: PoolAlert): number {
  if ((a.kind === 'overdrawn') !== (b.kind === 'overdrawn')) return a.kind === 'overdrawn' ? -1 : 1;
  return a.days - b.days || KIND_RANK[a.kind] - KIND_RANK[b.kind] || comparePoolKeys(a.pool.key, b.pool.key);
}

/** The one mark a pool gets where a report marks each pool once (the xlsx Balances sheet's shading). */
export type PoolFlag = 'overdrawn' | 'expiring' | 'forfeited';

/**
 * Each pool's mark, by `poolKeyString` (docs/RULES.md, "Alerts"): its first alert that asks for
 * action, with the settings' horizons, as the findings and report.html have them (overdrawn before
 * expiring; a conversion ahead is no alarm), else `forfeited` where money was forfeited as reports
 * show it (`hasForfeited`); a pool with none is not in the map.
 */
export function poolFlags(balances: readonly PoolBalance[], settings: AlertSettings): Map<string, PoolFlag> {
  const flags = new Map<string, PoolFlag>();
  for (const alert of poolAlerts(balances, settings)) {
    const key = poolKeyString(alert.pool.key);
    if (alert.kind !== 'willConvert' && !flags.has(key)) flags.set(key, alert.kind);
  }
  for (const pool of balances) {
    const key = poolKeyString(pool.key);
    if (!flags.has(key) && hasForfeited(pool)) flags.set(key, 'forfeited');
  }
  return flags;
}
