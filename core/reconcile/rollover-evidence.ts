import type { IsoDate } from '../calendar/calendar-date.js';
import type { FiscalHalf } from '../calendar/fiscal-half.js';
import { Dec, ZERO } from '../money/decimal.js';
import { poolKeyString, type PoolKey } from '../pools/pool-key.js';
import { detach } from '../text/detach.js';
import type { EarningRecord, RowLocation } from './earning-record.js';
import type { PeriodOf, ProgramInPeriod } from './program-periods.js';

/**
 * The `Co-op rollover` rows of one pool (the pool of their own earning half) and one earningDate,
 * summed by kind: Microsoft's record of a conversion (co-op −X, rebate +X) or of a move to another
 * period (co-op −X, co-op +X). Amounts are magnitudes; retracting a row takes it out again.
 */
export interface RolloverDay {
  readonly key: PoolKey;
  readonly half: FiscalHalf;
  readonly date: IsoDate;
  /** What the negative co-op rows take out of the pool. */
  coopOut: Dec;
  /** What positive co-op rows put in (the destination half of a transfer). */
  coopIn: Dec;
  /** What positive rebate rows put in (the rebate half of a conversion). */
  rebateIn: Dec;
  /** What negative rebate rows take out (never part of a pair: reported, not guessed). */
  rebateOut: Dec;
  /** Rows counted (a retraction takes one off), for the findings' wording only. */
  rows: number;
  readonly first: RowLocation;
}

type Side = 'coopOut' | 'coopIn' | 'rebateIn' | 'rebateOut';

/**
 * Rollover rows aggregated per (pool, date, kind) (docs/RULES.md, "Rollover rows"): they are rare,
 * but memory must not grow with rows, so no row is kept, only sums and the first row's place.
 */
export class RolloverRows {
  readonly byPoolAndDate = new Map<string, RolloverDay>();

  add(row: EarningRecord, program: ProgramInPeriod, period: PeriodOf, negate: boolean): void {
    const key: PoolKey = { participantId: detach(row.participantId), programName: program.program, earningPeriod: period.label, currency: row.currency };
    const id = `${poolKeyString(key)}\u001f${row.earningDate}`;
    let day = this.byPoolAndDate.get(id);
    if (!day) {
      day = { key, half: period.half, date: row.earningDate, coopOut: ZERO, coopIn: ZERO, rebateIn: ZERO, rebateOut: ZERO, rows: 0, first: row.location };
      this.byPoolAndDate.set(id, day);
    }
    const side: Side = row.kind === 'coop' ? (row.amount.isNegative() ? 'coopOut' : 'coopIn') : row.amount.isNegative() ? 'rebateOut' : 'rebateIn';
    const magnitude = negate ? row.amount.abs().negated() : row.amount.abs();
    day[side] = day[side].plus(magnitude);
    day.rows += negate ? -1 : 1;
  }
}
