import { ZERO } from '../money/decimal.js';
import { formatAmount } from '../money/round.js';
import { lastDay } from '../calendar/date-interval.js';
import { formatHalf, half, previousHalf } from '../calendar/fiscal-half.js';
import type { PoolBalance } from '../pools/pool-balance.js';
import { poolAlerts, type AlertSettings } from '../pools/pool-alerts.js';
import { poolKeyString, type PoolKey } from '../pools/pool-key.js';
import type { Finding } from './finding.js';
import type { RolloverEvidence } from './rollover-evidence.js';

/** Days before a deadline from which the report flags unused funds (`funds_expiring`; docs/RULES.md, "Alerts"). */
export const EXPIRY_WARNING_DAYS = 30;

/** The report's alert horizons: one, `EXPIRY_WARNING_DAYS`. */
export const REPORT_ALERT_SETTINGS: AlertSettings = Object.freeze({ expiryDays: Object.freeze([EXPIRY_WARNING_DAYS]) });

function poolFields(k: PoolKey) {
  return { participantId: k.participantId, programName: k.programName, earningPeriod: k.earningPeriod, currency: k.currency };
}

/** Expiring and forfeited funds, and pools that convert (or will) to rebate. */
export function poolFindings(balances: readonly PoolBalance[], alertSettings: AlertSettings = REPORT_ALERT_SETTINGS): Finding[] {
  const out: Finding[] = [];
  // Expiring funds are core's pool alerts: the pane shows the same alerts, with its own horizons.
  for (const alert of poolAlerts(balances, alertSettings)) {
    if (alert.kind !== 'expiring') continue;
    const c = alert.pool.key.currency;
    const available = formatAmount(alert.amount, c);
    const what = alert.deadline === 'usageEnd' ? 'usage ends' : 'the claim window closes';
    out.push({
      ...poolFields(alert.pool.key),
      severity: 'warning',
      code: 'funds_expiring',
      message: `${available} ${c} unused; ${what} on ${alert.date} (in ${alert.days} days)`,
      expected: alert.date,
      actual: `${available} ${c}`,
    });
  }
  for (const b of balances) {
    const c = b.key.currency;
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
 * Microsoft records a conversion as `Co-op rollover` rows that take the co-op out of a pool
 * (negative amounts), usually dated after the period they convert (docs/RULES.md, "Rollover
 * rows"). The candidates are the pools of the same participant, program and currency in the row's
 * own half and the two halves before it whose period has ended below the threshold: the one whose
 * computed conversion equals the rows' amount, else the only one. Its conversion must equal the
 * rows' amount (`rollover_mismatch`, with both figures); rows that match no candidate are
 * `rollover_unmatched`. Nothing is skipped silently.
 */
export function rolloverFindings(balances: readonly PoolBalance[], rollovers: Iterable<RolloverEvidence>): Finding[] {
  const byId = new Map(balances.map((b) => [poolKeyString(b.key), b]));
  const out: Finding[] = [];
  for (const r of rollovers) {
    const own = half(r.key.earningPeriod);
    const candidates = [own, previousHalf(own), previousHalf(previousHalf(own))]
      .map((h) => byId.get(poolKeyString({ ...r.key, earningPeriod: formatHalf(h) })))
      .filter((b): b is PoolBalance => b !== undefined && b.belowThreshold === true && b.status !== 'accruing');
    const moved = r.amount.negated();
    const chosen = candidates.find((b) => b.convertedToRebate.eq(moved)) ?? (candidates.length === 1 ? candidates[0]! : null);
    const c = r.key.currency;
    const where = { file: r.first.file, line: r.first.line };
    if (chosen === null) {
      out.push({
        ...poolFields(r.key),
        ...where,
        severity: 'warning',
        code: 'rollover_unmatched',
        message: `Co-op rollover rows move ${formatAmount(moved, c)} ${c}, but no pool of this participant, program and currency in ${r.key.earningPeriod} or the two halves before it is below its threshold`,
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
      message: `Co-op rollover rows move ${formatAmount(moved, c)} ${c} out of the pool, but the threshold rule converts ${formatAmount(chosen.convertedToRebate, c)} ${c}`,
      expected: `${formatAmount(chosen.convertedToRebate, c)} ${c}`,
      actual: `${formatAmount(moved, c)} ${c}`,
    });
  }
  return out;
}
