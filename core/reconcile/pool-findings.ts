import { ZERO } from '../money/decimal.js';
import { formatAmount } from '../money/round.js';
import { lastDay } from '../calendar/date-interval.js';
import type { PoolBalance } from '../pools/pool-balance.js';
import { poolKeyString, type PoolKey } from '../pools/pool-key.js';
import type { Finding } from './finding.js';
import type { RolloverEvidence } from './rollover-evidence.js';

/** Days before a deadline from which unused funds are flagged (the batch issue: 30). */
export const EXPIRY_WARNING_DAYS = 30;

function poolFields(k: PoolKey) {
  return { participantId: k.participantId, programName: k.programName, earningPeriod: k.earningPeriod, currency: k.currency };
}

/** Expiring and forfeited funds, and pools that convert (or will) to rebate. */
export function poolFindings(balances: readonly PoolBalance[]): Finding[] {
  const out: Finding[] = [];
  for (const b of balances) {
    const c = b.key.currency;
    const available = formatAmount(b.available, c);
    if (b.available.gt(0) && (b.status === 'open' || b.status === 'claim-only')) {
      const deadline =
        b.daysToUsageEnd >= 0 && b.daysToUsageEnd <= EXPIRY_WARNING_DAYS
          ? { what: 'usage ends', date: lastDay(b.usage), days: b.daysToUsageEnd }
          : b.daysToClaimDeadline >= 0 && b.daysToClaimDeadline <= EXPIRY_WARNING_DAYS
            ? { what: 'the claim window closes', date: lastDay(b.claiming), days: b.daysToClaimDeadline }
            : null;
      if (deadline) {
        out.push({
          ...poolFields(b.key),
          severity: 'warning',
          code: 'funds_expiring',
          message: `${available} ${c} unused; ${deadline.what} on ${deadline.date} (in ${deadline.days} days)`,
          expected: deadline.date,
          actual: `${available} ${c}`,
        });
      }
    }
    if (b.forfeited.gt(0)) {
      out.push({
        ...poolFields(b.key),
        severity: 'warning',
        code: 'funds_forfeited',
        message: `${formatAmount(b.forfeited, c)} ${c} forfeited: the claim window closed on ${lastDay(b.claiming)}`,
        actual: `${formatAmount(b.forfeited, c)} ${c}`,
      });
    }
    if (b.status === 'converted' || (b.status === 'accruing' && b.belowThreshold === true)) {
      const usd = b.groupEarnedUSD === null ? '' : formatAmount(b.groupEarnedUSD, 'USD');
      const threshold = b.thresholdUSD === null ? '' : formatAmount(b.thresholdUSD, 'USD');
      out.push({
        ...poolFields(b.key),
        severity: 'info',
        code: 'threshold_conversion_expected',
        message:
          b.status === 'converted'
            ? `co-op of USD ${usd} is below the USD ${threshold} threshold: ${formatAmount(b.convertedToRebate, c)} ${c} converts to rebate`
            : `co-op of USD ${usd} so far is below the USD ${threshold} threshold; it converts to rebate unless USD ${formatAmount(b.distanceToThresholdUSD ?? ZERO, 'USD')} more accrues by ${lastDay(b.earning)}`,
        expected: `>= ${threshold} USD`,
        actual: `${usd} USD`,
      });
    }
  }
  return out;
}

/**
 * Microsoft records a conversion as `Co-op rollover` rows that take the co-op out of the pool
 * (negative amounts). Their total must equal the conversion computed here, once the period ended.
 */
export function rolloverFindings(balances: readonly PoolBalance[], rollovers: Iterable<RolloverEvidence>): Finding[] {
  const byId = new Map(balances.map((b) => [poolKeyString(b.key), b]));
  const out: Finding[] = [];
  for (const r of rollovers) {
    const b = byId.get(poolKeyString(r.key));
    if (b?.status === 'accruing') continue;
    const expected = b ? b.convertedToRebate : ZERO;
    const actual = r.amount.negated();
    if (!actual.eq(expected)) {
      const c = r.key.currency;
      out.push({
        ...poolFields(r.key),
        severity: 'warning',
        code: 'rollover_mismatch',
        message: `Co-op rollover rows move ${formatAmount(actual, c)} ${c} out of the pool, but the threshold rule converts ${formatAmount(expected, c)} ${c}`,
        file: r.first.file,
        line: r.first.line,
        expected: `${formatAmount(expected, c)} ${c}`,
        actual: `${formatAmount(actual, c)} ${c}`,
      });
    }
  }
  return out;
}
