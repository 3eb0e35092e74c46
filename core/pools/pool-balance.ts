import { Dec, ZERO } from '../money/decimal.js';
import { daysBetween, type IsoDate } from '../calendar/calendar-date.js';
import { lastDay, type DateInterval } from '../calendar/date-interval.js';
import type { FiscalHalf } from '../calendar/fiscal-half.js';
import { windowsOf } from '../calendar/windows.js';
import { comparePoolKeys, type PoolKey } from './pool-key.js';
import { getThresholdGroup, type PoolLedger, type PoolTotals } from './pool-ledger.js';

/**
 * Where a pool stands on the as-of date (`POOL_STATUSES`, in the order a partner acts on them):
 * - `accruing`: its earning period has not ended; co-op still accrues.
 * - `converted`: the period ended below the threshold; the co-op became rebate.
 * - `open`: inside the usage window; activities can run and be claimed.
 * - `claim-only`: usage ended; claims for activities already run can still be filed.
 * - `closed`: the claim window ended; whatever was unused is forfeited.
 */
export const POOL_STATUSES = ['open', 'claim-only', 'accruing', 'closed', 'converted'] as const;
export type PoolStatus = (typeof POOL_STATUSES)[number];

/**
 * A pool past anything a partner can do (docs/RULES.md, "Pools and balances"): its co-op became
 * rebate, or its claim window ended. Lists show current pools first and these folded away.
 */
export function isSettledStatus(status: PoolStatus): boolean {
  return status === 'closed' || status === 'converted';
}

/** What core needs of a program's policy to settle a pool. */
export interface ThresholdPolicy {
  readonly thresholdUSD: Dec | null;
}

export interface BalanceOptions {
  readonly asOf: IsoDate;
  /** The policy in force for a program and earning period; null for an unknown program. */
  readonly policyFor: (programName: string, earningPeriod: FiscalHalf) => ThresholdPolicy | null;
}

export interface PoolBalance {
  readonly key: PoolKey;
  readonly earning: DateInterval;
  readonly usage: DateInterval;
  readonly claiming: DateInterval;
  readonly status: PoolStatus;
  readonly coopEarned: Dec;
  readonly coopEarnedUSD: Dec;
  /** The USD sum the threshold is compared with (all currencies of participant, program, period). */
  readonly groupEarnedUSD: Dec | null;
  readonly thresholdUSD: Dec | null;
  /** null when unknown: no policy threshold, or co-op rows without a USD amount. */
  readonly belowThreshold: boolean | null;
  /**
   * How much more USD co-op the group needs to reach its threshold and keep its co-op: only while
   * accruing and below it (docs/RULES.md, "Distance to the threshold"); null otherwise, so a
   * reader shows it exactly when it is not null.
   */
  readonly distanceToThresholdUSD: Dec | null;
  readonly convertedToRebate: Dec;
  /** Co-op moved in (+) or out (−) by transfers between periods; not part of `coopEarned`. */
  readonly transferred: Dec;
  /** `transferred` by the date of the rollover rows that moved it. */
  readonly transfers: ReadonlyMap<IsoDate, Dec>;
  readonly claimsDraft: Dec;
  readonly claimsPending: Dec;
  readonly claimsApproved: Dec;
  readonly claimsPaid: Dec;
  readonly available: Dec;
  readonly forfeited: Dec;
  /** Days from as-of to the last day of usage (0 = today is the last day; negative after). */
  readonly daysToUsageEnd: number;
  /** Days from as-of to the last day a claim can be submitted. */
  readonly daysToClaimDeadline: number;
}

/** Settles one pool as of a date (docs/RULES.md, "Pools and balances"). */
export function balanceOf(ledger: PoolLedger, pool: PoolTotals, options: BalanceOptions): PoolBalance {
  const { asOf } = options;
  const w = windowsOf(pool.earningPeriod, ledger.settings);
  const policy = options.policyFor(pool.key.programName, pool.earningPeriod);
  const thresholdUSD = policy?.thresholdUSD ?? null;
  const group = getThresholdGroup(ledger, pool.key);
  const groupEarnedUSD = group && group.rowsWithoutUSD === 0 ? group.usd : null;
  // Equal to the threshold is not below it.
  const belowThreshold = thresholdUSD !== null && groupEarnedUSD !== null ? groupEarnedUSD.lt(thresholdUSD) : null;
  const earningEnded = asOf >= w.earning.end;
  const converted = earningEnded && belowThreshold === true;
  const convertedToRebate = converted ? pool.coopEarned : ZERO;
  // Conversion takes what was earned; co-op transferred in was earned in a period that met its threshold.
  const open = pool.coopEarned.minus(convertedToRebate).plus(pool.transferred).minus(pool.claimsPending).minus(pool.claimsApproved);
  const deadlinePassed = asOf >= w.claiming.end;
  const status: PoolStatus = !earningEnded
    ? 'accruing'
    : converted
      ? 'converted'
      : asOf < w.usage.end
        ? 'open'
        : deadlinePassed
          ? 'closed'
          : 'claim-only';
  return {
    key: pool.key,
    earning: w.earning,
    usage: w.usage,
    claiming: w.claiming,
    status,
    coopEarned: pool.coopEarned,
    coopEarnedUSD: pool.coopEarnedUSD,
    groupEarnedUSD,
    thresholdUSD,
    belowThreshold,
    distanceToThresholdUSD:
      status === 'accruing' && thresholdUSD !== null && groupEarnedUSD !== null && groupEarnedUSD.lt(thresholdUSD) ? thresholdUSD.minus(groupEarnedUSD) : null,
    convertedToRebate,
    transferred: pool.transferred,
    transfers: new Map(pool.transfers),
    claimsDraft: pool.claimsDraft,
    claimsPending: pool.claimsPending,
    claimsApproved: pool.claimsApproved,
    claimsPaid: pool.claimsPaid,
    // After the deadline, unused funds are forfeited; an overdraft stays visible as negative.
    available: deadlinePassed ? Dec.min(open, ZERO) : open,
    forfeited: deadlinePassed ? Dec.max(open, ZERO) : ZERO,
    daysToUsageEnd: daysBetween(asOf, lastDay(w.usage)),
    daysToClaimDeadline: daysBetween(asOf, lastDay(w.claiming)),
  };
}

/** Every pool's balance, sorted by participantId, programName, earningPeriod, currency. */
export function computeBalances(ledger: PoolLedger, options: BalanceOptions): PoolBalance[] {
  return [...ledger.pools.values()]
    .sort((a, b) => comparePoolKeys(a.key, b.key))
    .map((pool) => balanceOf(ledger, pool, options));
}
