import { Dec, ZERO } from '../money/decimal.js';
import { poolKeyString, type PoolKey } from '../pools/pool-key.js';
import { detach } from '../text/detach.js';
import type { EarningRecord, RowLocation } from './earning-record.js';
import type { PeriodOf, ProgramInPeriod } from './program-periods.js';

/** The `Co-op rollover` rows of one pool: Microsoft's record of a conversion or a move. */
export interface RolloverEvidence {
  readonly key: PoolKey;
  amount: Dec;
  readonly first: RowLocation;
  rows: number;
}

/** Rollover rows per pool, summed (docs/RULES.md, "Rollover rows"). */
export class RolloverRows {
  readonly byPool = new Map<string, RolloverEvidence>();

  add(row: EarningRecord, program: ProgramInPeriod, period: PeriodOf, negate: boolean): void {
    const amount = negate ? row.amount.negated() : row.amount;
    const key: PoolKey = { participantId: detach(row.participantId), programName: program.program, earningPeriod: period.label, currency: row.currency };
    const id = poolKeyString(key);
    const r = this.byPool.get(id) ?? { key, amount: ZERO, first: row.location, rows: 0 };
    r.amount = r.amount.plus(amount);
    r.rows += negate ? -1 : 1;
    this.byPool.set(id, r);
  }
}
