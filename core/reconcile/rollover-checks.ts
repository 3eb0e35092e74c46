import { formatHalf, half, previousHalf, type FiscalHalf } from '../calendar/fiscal-half.js';
import type { Dec } from '../money/decimal.js';
import { formatAmount } from '../money/round.js';
import type { PoolBalance } from '../pools/pool-balance.js';
import { poolKeyString, type PoolKey } from '../pools/pool-key.js';
import type { Finding } from './finding.js';
import { poolFields } from './pool-findings.js';
import type { ConversionEvidence, TransferEvidence } from './rollover-pairs.js';

/** The pools of the same participant, program and currency in `own` half and the two halves before it that exist. */
function candidatesOf(byId: ReadonlyMap<string, PoolBalance>, key: PoolKey, halves: readonly FiscalHalf[]): PoolBalance[] {
  return halves.map((h) => byId.get(poolKeyString({ ...key, earningPeriod: formatHalf(h) }))).filter((b): b is PoolBalance => b !== undefined);
}

function twoHalvesBefore(own: FiscalHalf): FiscalHalf[] {
  const one = previousHalf(own);
  return [one, previousHalf(one)];
}

/**
 * A conversion recorded by Microsoft against the one the ledger computes (docs/RULES.md, "Rollover
 * rows"). The candidates are the pools of the same participant, program and currency in the rows'
 * own half and the two halves before it whose period has ended below the threshold: the one whose
 * computed conversion equals the rows' amount, else the only one. Its conversion must equal the
 * amount (`rollover_mismatch`, with both figures); evidence that matches no candidate is
 * `rollover_unmatched`. Nothing is skipped silently.
 */
export function conversionFindings(balances: readonly PoolBalance[], conversions: Iterable<ConversionEvidence>): Finding[] {
  const byId = new Map(balances.map((b) => [poolKeyString(b.key), b]));
  const out: Finding[] = [];
  for (const r of conversions) {
    const own = half(r.key.earningPeriod);
    const candidates = candidatesOf(byId, r.key, [own, ...twoHalvesBefore(own)]).filter((b) => b.belowThreshold === true && b.status !== 'accruing');
    const moved = r.amount;
    const chosen = candidates.find((b) => b.convertedToRebate.eq(moved)) ?? (candidates.length === 1 ? candidates[0]! : null);
    const c = r.key.currency;
    const where = { file: r.first.file, line: r.first.line };
    const rows = r.paired ? 'Co-op rollover rows (co-op and rebate)' : 'Co-op rollover rows';
    if (chosen === null) {
      out.push({
        ...poolFields(r.key),
        ...where,
        severity: 'warning',
        code: 'rollover_unmatched',
        message: `${rows} of ${r.date} convert ${formatAmount(moved, c)} ${c}, but no pool of this participant, program and currency in ${r.key.earningPeriod} or the two halves before it is below its threshold`,
        actual: `${formatAmount(moved, c)} ${c}`,
      });
      continue;
    }
    if (chosen.convertedToRebate.eq(moved)) continue;
    out.push({
      ...poolFields(chosen.key),
      ...where,
      severity: 'warning',
      code: 'rollover_mismatch',
      message: `${rows} of ${r.date} convert ${formatAmount(moved, c)} ${c} of the pool to rebate, but the threshold rule converts ${formatAmount(chosen.convertedToRebate, c)} ${c}`,
      expected: `${formatAmount(chosen.convertedToRebate, c)} ${c}`,
      actual: `${formatAmount(moved, c)} ${c}`,
    });
  }
  return out;
}

/** A transfer whose source is known: `amount` leaves `from` for `to`. */
export interface ResolvedTransfer {
  readonly from: PoolKey;
  readonly fromHalf: FiscalHalf;
  readonly to: PoolKey;
  readonly toHalf: FiscalHalf;
  readonly amount: Dec;
  readonly date: TransferEvidence['date'];
}

/**
 * Where each transfer comes from (docs/RULES.md, "Rollover rows"). The co-op +X lands in the pool
 * of the rows' own half; the source is the one pool of the same participant, program and currency
 * in the two halves before it that still held funds on the rows' date: not converted (a converted
 * pool has nothing left to move) and its claim window not yet closed on that date (after it, the
 * funds were forfeited). No such pool, or more than one, is `rollover_unmatched`, and nothing
 * moves: the ledger never guesses a source.
 */
export function resolveTransfers(balances: readonly PoolBalance[], transfers: Iterable<TransferEvidence>): { resolved: ResolvedTransfer[]; findings: Finding[] } {
  const byId = new Map(balances.map((b) => [poolKeyString(b.key), b]));
  const resolved: ResolvedTransfer[] = [];
  const findings: Finding[] = [];
  for (const t of transfers) {
    const sources = candidatesOf(byId, t.to, twoHalvesBefore(t.toHalf)).filter((b) => b.belowThreshold !== true && t.date < b.claiming.end);
    if (sources.length === 1) {
      const from = sources[0]!.key;
      resolved.push({ from, fromHalf: half(from.earningPeriod), to: t.to, toHalf: t.toHalf, amount: t.amount, date: t.date });
      continue;
    }
    const c = t.to.currency;
    const why = sources.length === 0 ? 'no pool' : `${sources.length} pools (${sources.map((b) => b.key.earningPeriod).join(', ')})`;
    findings.push({
      ...poolFields(t.to),
      file: t.first.file,
      line: t.first.line,
      severity: 'warning',
      code: 'rollover_unmatched',
      message: `Co-op rollover rows of ${t.date} move ${formatAmount(t.amount, c)} ${c} into ${t.to.earningPeriod}, but ${why} of the two halves before it could be the source (unconverted, claim window open on that date); nothing is moved`,
      expected: sources.length === 0 ? '' : sources.map((b) => b.key.earningPeriod).join(' | '),
      actual: `${formatAmount(t.amount, c)} ${c}`,
    });
  }
  return { resolved, findings };
}
