import { Dec, ZERO } from '../money/decimal.js';
import type { CurrencyCode } from '../money/currency.js';
import type { IsoDate } from '../calendar/calendar-date.js';
import { fiscalHalfOf, formatHalf, type FiscalHalf } from '../calendar/fiscal-half.js';
import { DEFAULT_SETTINGS, type LedgerSettings } from '../settings.js';
import { poolKeyString, thresholdGroupKey, type PoolKey } from './pool-key.js';

/** A co-op earning as the ledger needs it; rollover rows are evidence and never fed here. */
export interface CoopEarning {
  readonly participantId: string;
  readonly programName: string;
  readonly earningDate: IsoDate;
  readonly currency: CurrencyCode;
  readonly amount: Dec;
  /** The export's USD amount; null when the export has none for this row. */
  readonly amountUSD: Dec | null;
}

import type { DrawKind } from '../claims/draw-kind.js';
import { approvedAmount } from '../claims/claim.js';

export type { DrawKind };

export interface ClaimDraw {
  readonly participantId: string;
  readonly programName: string;
  /** The claim's funding period (the half before the usage half of its activity). */
  readonly earningPeriod: FiscalHalf;
  readonly currency: CurrencyCode;
  readonly kind: DrawKind;
  readonly amountClaimed: Dec;
  readonly amountApproved: Dec | null;
  /**
   * For an approved claim whose payment was seen in the earnings (`Claim` rows with its id): what
   * those rows paid, summed in the claim's currency; null while unpaid.
   */
  readonly amountPaid: Dec | null;
}

/** Running totals of one pool; constant size however many rows feed it. */
export interface PoolTotals {
  readonly key: PoolKey;
  readonly earningPeriod: FiscalHalf;
  coopEarned: Dec;
  coopEarnedUSD: Dec;
  coopRows: number;
  claimsDraft: Dec;
  claimsPending: Dec;
  claimsApproved: Dec;
  claimsPaid: Dec;
  claimCount: number;
  /** Co-op moved in (+) or out (−) by Microsoft's transfers between periods; not earned here. */
  transferred: Dec;
  /** What transfers moved in (+) or out (−), by the date of their rollover rows: the journal dates them. */
  readonly transfers: Map<IsoDate, Dec>;
}

/** The USD sum a threshold is compared with, per participant, program and period. */
export interface ThresholdGroup {
  usd: Dec;
  /** Co-op rows without a USD amount: while any exist the comparison is unknown. */
  rowsWithoutUSD: number;
}

export interface PoolLedger {
  readonly settings: LedgerSettings;
  readonly pools: Map<string, PoolTotals>;
  readonly groups: Map<string, ThresholdGroup>;
}

export function createPoolLedger(settings: LedgerSettings = DEFAULT_SETTINGS): PoolLedger {
  return { settings, pools: new Map(), groups: new Map() };
}

/**
 * A ledger of its own with the same totals: claims and transfers are recorded on a copy, so the
 * earnings' totals can be settled again (as of another date, against edited claims) without being
 * read again.
 */
export function copyPoolLedger(ledger: PoolLedger): PoolLedger {
  const pools = new Map<string, PoolTotals>();
  for (const [id, pool] of ledger.pools) pools.set(id, { ...pool, transfers: new Map(pool.transfers) });
  const groups = new Map<string, ThresholdGroup>();
  for (const [id, group] of ledger.groups) groups.set(id, { ...group });
  return { settings: ledger.settings, pools, groups };
}

function poolFor(ledger: PoolLedger, key: PoolKey, earningPeriod: FiscalHalf): PoolTotals {
  const id = poolKeyString(key);
  let pool = ledger.pools.get(id);
  if (!pool) {
    pool = {
      key,
      earningPeriod,
      coopEarned: ZERO,
      coopEarnedUSD: ZERO,
      coopRows: 0,
      claimsDraft: ZERO,
      claimsPending: ZERO,
      claimsApproved: ZERO,
      claimsPaid: ZERO,
      claimCount: 0,
      transferred: ZERO,
      transfers: new Map(),
    };
    ledger.pools.set(id, pool);
  }
  return pool;
}

function groupFor(ledger: PoolLedger, key: PoolKey): ThresholdGroup {
  const id = thresholdGroupKey(key);
  let group = ledger.groups.get(id);
  if (!group) {
    group = { usd: ZERO, rowsWithoutUSD: 0 };
    ledger.groups.set(id, group);
  }
  return group;
}

/** The key of the pool of a participant's program in one half, in one currency. */
function keyIn(period: FiscalHalf, of: Pick<PoolKey, 'participantId' | 'programName' | 'currency'>): PoolKey {
  return { participantId: of.participantId, programName: of.programName, earningPeriod: formatHalf(period), currency: of.currency };
}

/** Adds one co-op row to the pool of its earning date's fiscal half, in its own currency. */
export function addCoopEarning(ledger: PoolLedger, e: CoopEarning): PoolKey {
  const period = fiscalHalfOf(e.earningDate, ledger.settings);
  const key = keyIn(period, e);
  const pool = poolFor(ledger, key, period);
  pool.coopEarned = pool.coopEarned.plus(e.amount);
  pool.coopRows += 1;
  // A USD row's own amount is its USD amount even when the export leaves the USD column empty.
  const usd = e.amountUSD ?? (e.currency === 'USD' ? e.amount : null);
  const group = groupFor(ledger, key);
  if (usd === null) group.rowsWithoutUSD += 1;
  else {
    pool.coopEarnedUSD = pool.coopEarnedUSD.plus(usd);
    group.usd = group.usd.plus(usd);
  }
  return key;
}

/** Many co-op rows of one pool, summed by the caller (exactly: see ExactSum). */
export interface CoopEarningsTotal {
  readonly participantId: string;
  readonly programName: string;
  readonly earningPeriod: FiscalHalf;
  readonly currency: CurrencyCode;
  /** Sum of the rows' amounts. */
  readonly amount: Dec;
  /** Sum of the USD amounts of the rows that have one (a USD row's own amount counts as its USD amount). */
  readonly amountUSD: Dec;
  readonly rows: number;
  /** Rows without a USD amount: while any exist the threshold comparison is unknown. */
  readonly rowsWithoutUSD: number;
}

/**
 * Adds the sum of many co-op rows of one pool at once: the same totals as `addCoopEarning` per
 * row, for callers that sum millions of rows in integers first (the batch job).
 */
export function addCoopEarnings(ledger: PoolLedger, t: CoopEarningsTotal): PoolKey {
  const key = keyIn(t.earningPeriod, t);
  const pool = poolFor(ledger, key, t.earningPeriod);
  pool.coopEarned = pool.coopEarned.plus(t.amount);
  pool.coopRows += t.rows;
  pool.coopEarnedUSD = pool.coopEarnedUSD.plus(t.amountUSD);
  const group = groupFor(ledger, key);
  group.usd = group.usd.plus(t.amountUSD);
  group.rowsWithoutUSD += t.rowsWithoutUSD;
  return key;
}

/**
 * Moves co-op between two pools of one participant, program and currency (docs/RULES.md,
 * "Rollover rows"): the source loses `amount`, the destination gains it. A transfer is not an
 * earning, so it stays out of `coopEarned` and of the threshold sum; the destination pool is made
 * when it has no earnings of its own.
 */
export function addTransfer(ledger: PoolLedger, from: { key: PoolKey; earningPeriod: FiscalHalf }, to: { key: PoolKey; earningPeriod: FiscalHalf }, amount: Dec, date: IsoDate): void {
  for (const [end, signed] of [
    [from, amount.negated()],
    [to, amount],
  ] as const) {
    const pool = poolFor(ledger, end.key, end.earningPeriod);
    groupFor(ledger, end.key);
    pool.transferred = pool.transferred.plus(signed);
    pool.transfers.set(date, (pool.transfers.get(date) ?? ZERO).plus(signed));
  }
}

/** Records a claim's draw on its pool; a claim can create a pool that has no earnings (overdraw). */
export function addClaimDraw(ledger: PoolLedger, claim: ClaimDraw): PoolKey {
  const key = keyIn(claim.earningPeriod, claim);
  const pool = poolFor(ledger, key, claim.earningPeriod);
  groupFor(ledger, key);
  pool.claimCount += 1;
  switch (claim.kind) {
    case 'draft':
      pool.claimsDraft = pool.claimsDraft.plus(claim.amountClaimed);
      break;
    case 'pending':
      pool.claimsPending = pool.claimsPending.plus(claim.amountClaimed);
      break;
    case 'approved': {
      const approved = approvedAmount(claim);
      pool.claimsApproved = pool.claimsApproved.plus(approved);
      // Paid is what the payment rows say was received, not the approved amount (docs/RULES.md, "Paid claims").
      if (claim.amountPaid !== null) pool.claimsPaid = pool.claimsPaid.plus(claim.amountPaid);
      break;
    }
    case 'none':
      break;
  }
  return key;
}

export function getPool(ledger: PoolLedger, key: PoolKey): PoolTotals | undefined {
  return ledger.pools.get(poolKeyString(key));
}

export function getThresholdGroup(ledger: PoolLedger, key: PoolKey): ThresholdGroup | undefined {
  return ledger.groups.get(thresholdGroupKey(key));
}
