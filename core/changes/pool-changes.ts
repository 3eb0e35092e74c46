import { ZERO, type Dec } from '../money/decimal.js';
import { roundToMinor } from '../money/round.js';
import { comparePoolKeys, poolKeyString, type PoolKey } from '../pools/pool-key.js';
import type { Change, ChangeValue } from './change.js';

/** What a comparison needs of a pool (a balance of the run, or a row of a previous balances.csv). */
export interface ComparablePool {
  readonly key: PoolKey;
  readonly status: string;
  readonly coopEarned: Dec;
  readonly convertedToRebate: Dec;
  /** Co-op moved in (+) or out (−) by a rollover transfer (docs/RULES.md, "Rollover rows"). */
  readonly transferred: Dec;
  readonly claimsDraft: Dec;
  readonly claimsPending: Dec;
  readonly claimsApproved: Dec;
  readonly claimsPaid: Dec;
  readonly available: Dec;
  readonly forfeited: Dec;
}

/**
 * A previous balances.csv's `transferred`, as read (null: no such column). A set written before
 * transfers were applied has none, and nothing was moved then (docs/RULES.md, "Changes since the
 * previous run").
 */
export function previousTransferred(read: Dec | null): Dec {
  return read ?? ZERO;
}

/** The fields compared, in the order changes are listed. The countdowns change daily and are left out. */
export const POOL_FIELDS = [
  'status',
  'coopEarned',
  'convertedToRebate',
  'transferred',
  'claimsDraft',
  'claimsPending',
  'claimsApproved',
  'claimsPaid',
  'available',
  'forfeited',
] as const satisfies readonly (keyof ComparablePool)[];

/**
 * New pools, and one `pool_changed` per field that differs. Amounts are compared as the reports
 * show them, rounded to the currency's minor unit, since the previous run is read back from them.
 */
export function poolChanges(previous: readonly ComparablePool[], current: readonly ComparablePool[]): Change[] {
  const before = new Map(previous.map((p) => [poolKeyString(p.key), p]));
  const changes: Change[] = [];
  const now = new Set<string>();
  for (const pool of [...current].sort((a, b) => comparePoolKeys(a.key, b.key))) {
    const id = poolKeyString(pool.key);
    now.add(id);
    const old = before.get(id);
    if (!old) {
      changes.push(poolChange('new_pool', pool.key, '', null, pool.status));
      continue;
    }
    for (const field of POOL_FIELDS) {
      const a = shown(old[field], pool.key.currency);
      const b = shown(pool[field], pool.key.currency);
      if (!same(a, b)) changes.push(poolChange('pool_changed', pool.key, field, a, b));
    }
  }
  for (const old of [...previous].sort((a, b) => comparePoolKeys(a.key, b.key))) {
    if (!now.has(poolKeyString(old.key))) changes.push(poolChange('pool_changed', old.key, 'pool', old.status, null));
  }
  return changes;
}

function shown(value: Dec | string, currency: string): ChangeValue {
  return typeof value === 'string' ? value : roundToMinor(value, currency);
}

/** Two values as the reports show them. */
export function same(a: ChangeValue, b: ChangeValue): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' || typeof b === 'string') return typeof a === typeof b && a === b;
  return a.eq(b);
}

function poolChange(change: 'new_pool' | 'pool_changed', key: PoolKey, field: string, before: ChangeValue, after: ChangeValue): Change {
  return { change, severity: '', code: '', ...key, claimId: '', field, before, after };
}
