import { ExactSum } from '../money/scaled-amount.js';
import { formatHalf, type FiscalHalf } from '../calendar/fiscal-half.js';
import { poolKeyString } from '../pools/pool-key.js';
import type { MonthlyAccrual } from '../journal/journal-of.js';
import { addCoopEarnings, createPoolLedger, type PoolLedger } from '../pools/pool-ledger.js';
import type { LedgerSettings } from '../settings.js';
import { detach } from '../text/detach.js';
import type { EarningRecord } from './earning-record.js';

/** The co-op rows of one pool, summed exactly as scaled integers. */
export interface PoolSums {
  readonly participantId: string;
  readonly programName: string;
  readonly earningPeriod: FiscalHalf;
  readonly currency: string;
  readonly amount: ExactSum;
  readonly amountUSD: ExactSum;
  /**
   * The amount per calendar month (`2021-07`): the journal accrues co-op monthly. By the month's
   * place in the half (0-5), so a row finds its month without a lookup by text.
   */
  readonly months: ({ readonly month: string; readonly sum: ExactSum } | undefined)[];
  rows: number;
  rowsWithoutUSD: number;
}

/** The period of a row as the pool sums need it (`PeriodOf` of program-periods.ts has these fields). */
export interface RowPeriod {
  readonly half: FiscalHalf;
  /** The calendar month, `2021-07`. */
  readonly month: string;
  /** The month's place in the half, 0-5. */
  readonly monthOfHalf: number;
}

/** Pool sums of one program and period, by participantId, then currency. */
export type PoolsOfProgram = Map<string, Map<string, PoolSums>>;

/**
 * Co-op earnings per pool, summed in integers (a Decimal per pool only at the end, in
 * `toPoolLedger`): the fast path of core's `addCoopEarning` per row, which the property test of
 * the ledger holds it to.
 */
export class PoolSumsTable {
  /** Every pool, in order of appearance. */
  private readonly list: PoolSums[] = [];

  /**
   * Adds (negate: retracts) one co-op row that is not a rollover, to the pool of its participant and
   * currency among `pools` (those of its canonical program and `period`, the row's own, kept with the program).
   */
  add(row: EarningRecord, pools: PoolsOfProgram, programName: string, period: RowPeriod, negate: boolean): void {
    const sign = negate ? -1 : 1;
    let byCurrency = pools.get(row.participantId);
    if (!byCurrency) pools.set(detach(row.participantId), (byCurrency = new Map()));
    let pool = byCurrency.get(row.currency);
    if (!pool) {
      pool = {
        participantId: detach(row.participantId),
        programName,
        earningPeriod: period.half,
        currency: row.currency,
        amount: new ExactSum(),
        amountUSD: new ExactSum(),
        months: [],
        rows: 0,
        rowsWithoutUSD: 0,
      };
      byCurrency.set(row.currency, pool);
      this.list.push(pool);
    }
    pool.amount.add(row.amountScaled, negate);
    const month = (pool.months[period.monthOfHalf] ??= { month: period.month, sum: new ExactSum() });
    month.sum.add(row.amountScaled, negate);
    pool.rows += sign;
    // A USD row's own amount is its USD amount even when the export leaves the USD column empty.
    const usd = row.amountUSDScaled ?? (row.currency === 'USD' ? row.amountScaled : null);
    if (usd === null) pool.rowsWithoutUSD += sign;
    else pool.amountUSD.add(usd, negate);
  }

  /** Each pool's co-op per calendar month, by `poolKeyString`, months in order, empty months left out. */
  accrualsByMonth(): Map<string, MonthlyAccrual[]> {
    const out = new Map<string, MonthlyAccrual[]>();
    for (const p of this.list) {
      const key = poolKeyString({ participantId: p.participantId, programName: p.programName, earningPeriod: formatHalf(p.earningPeriod), currency: p.currency });
      // In the order of the half, which is the order of the months.
      const months = p.months
        .filter((m) => m !== undefined)
        .map(({ month, sum }) => ({ month, amount: sum.toDec() }))
        .filter((m) => !m.amount.isZero());
      out.set(key, months);
    }
    return out;
  }

  /** core's pool ledger, fed each pool's sums once. */
  toPoolLedger(settings: LedgerSettings): PoolLedger {
    const pools = createPoolLedger(settings);
    for (const p of this.list) {
      addCoopEarnings(pools, {
        participantId: p.participantId,
        programName: p.programName,
        earningPeriod: p.earningPeriod,
        currency: p.currency,
        amount: p.amount.toDec(),
        amountUSD: p.amountUSD.toDec(),
        rows: p.rows,
        rowsWithoutUSD: p.rowsWithoutUSD,
      });
    }
    return pools;
  }
}
