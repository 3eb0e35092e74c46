import type { IsoDate } from '../calendar/calendar-date.js';
import type { FiscalHalf } from '../calendar/fiscal-half.js';
import type { Dec } from '../money/decimal.js';
import { formatAmount } from '../money/round.js';
import type { PoolKey } from '../pools/pool-key.js';
import type { RowLocation } from './earning-record.js';
import type { Finding } from './finding.js';
import type { RolloverDay } from './rollover-evidence.js';

/** Co-op −X of a pool and date: Microsoft's record of a conversion of X to rebate. */
export interface ConversionEvidence {
  readonly key: PoolKey;
  readonly date: IsoDate;
  readonly amount: Dec;
  readonly first: RowLocation;
  /** Whether a rebate +X row of the same date came with it (else a co-op row alone, as older exports have it). */
  readonly paired: boolean;
}

/** Co-op −X paired with co-op +X: X moved into the pool of the rows' own half from an earlier one. */
export interface TransferEvidence {
  readonly to: PoolKey;
  readonly toHalf: FiscalHalf;
  readonly date: IsoDate;
  readonly amount: Dec;
  readonly first: RowLocation;
}

export interface RolloverPairs {
  readonly conversions: ConversionEvidence[];
  readonly transfers: TransferEvidence[];
  /** Rows that pair with nothing: `rollover_unmatched`. */
  readonly unmatched: Finding[];
}

/**
 * Pairs the rollover rows of each pool and date (docs/RULES.md, "Rollover rows"). Partner Center
 * gives the two halves of a pair different transactionIds (`RO-…-C`, `RO-…-R`), so they pair by
 * participant, program, currency and earningDate, in sums:
 * - the co-op taken out equals the rebate put in plus the co-op put in: a conversion of the
 *   rebate part and a transfer of the co-op part (usually one of them is zero);
 * - else, the co-op taken out equals the rebate put in: a conversion; or the co-op put in: a
 *   transfer; what is left over pairs with nothing;
 * - else, co-op taken out alone is still conversion evidence (compared with the conversion the
 *   ledger computes), and rebate or co-op put in is unmatched.
 * A negative rebate rollover row never pairs.
 */
export function pairRollovers(days: Iterable<RolloverDay>): RolloverPairs {
  const out: RolloverPairs = { conversions: [], transfers: [], unmatched: [] };
  for (const d of days) {
    const conversion = (amount: Dec, paired: boolean) => {
      if (!amount.isZero()) out.conversions.push({ key: d.key, date: d.date, amount, first: d.first, paired });
    };
    const transfer = (amount: Dec) => {
      if (!amount.isZero()) out.transfers.push({ to: d.key, toHalf: d.half, date: d.date, amount, first: d.first });
    };
    const unmatched = (amount: Dec, what: string) => {
      if (!amount.isZero()) out.unmatched.push(unmatchedFinding(d, amount, what));
    };
    const { coopOut, coopIn, rebateIn } = d;
    if (!coopOut.isZero() && coopOut.eq(rebateIn.plus(coopIn))) {
      conversion(rebateIn, true);
      transfer(coopIn);
    } else if (!coopOut.isZero() && coopOut.eq(rebateIn)) {
      conversion(rebateIn, true);
      unmatched(coopIn, 'co-op put in by a rollover with no co-op taken out for it on the same date');
    } else if (!coopOut.isZero() && coopOut.eq(coopIn)) {
      transfer(coopIn);
      unmatched(rebateIn, 'rebate put in by a rollover with no co-op taken out for it on the same date');
    } else {
      conversion(coopOut, false);
      unmatched(rebateIn, 'rebate put in by a rollover with no co-op row of the same amount taken out on the same date');
      unmatched(coopIn, 'co-op put in by a rollover with no co-op row of the same amount taken out on the same date');
    }
    unmatched(d.rebateOut, 'rebate taken out by a rollover, which is neither a conversion nor a transfer');
  }
  return out;
}

function unmatchedFinding(d: RolloverDay, amount: Dec, what: string): Finding {
  const c = d.key.currency;
  return {
    participantId: d.key.participantId,
    programName: d.key.programName,
    earningPeriod: d.key.earningPeriod,
    currency: c,
    file: d.first.file,
    line: d.first.line,
    severity: 'warning',
    code: 'rollover_unmatched',
    message: `${formatAmount(amount, c)} ${c} of ${what} (Co-op rollover rows of ${d.date}); nothing is converted or moved for it`,
    actual: `${formatAmount(amount, c)} ${c}`,
  };
}
