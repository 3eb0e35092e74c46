import { ZERO } from '../money/decimal.js';
import { formatAmount } from '../money/round.js';
import { lastDay } from '../calendar/date-interval.js';
import type { PoolBalance } from '../pools/pool-balance.js';
import { poolAlerts, type AlertSettings } from '../pools/pool-alerts.js';
import type { PoolKey } from '../pools/pool-key.js';
import type { Finding } from './finding.js';

export function poolFields(k: PoolKey) {
  return { participantId: k.participantId, programName: k.programName, earningPeriod: k.earningPeriod, currency: k.currency };
}

/**
 * Expiring and forfeited funds, and pools that convert (or will) to rebate. Expiring funds are
 * core's pool alerts with the ledger's horizons, the same the pane and report.html show: a
 * `funds_expiring` within the shortest horizon is a warning, within a longer one it is info
 * (docs/RULES.md, "Alerts").
 */
export function poolFindings(balances: readonly PoolBalance[], settings: AlertSettings): Finding[] {
  const out: Finding[] = [];
  const shortest = settings.expiryDays[0];
  for (const alert of poolAlerts(balances, settings)) {
    if (alert.kind !== 'expiring') continue;
    const c = alert.pool.key.currency;
    const available = formatAmount(alert.amount, c);
    const what = alert.deadline === 'usageEnd' ? 'usage ends' : 'the claim window closes';
    out.push({
      ...poolFields(alert.pool.key),
      severity: alert.withinDays === shortest ? 'warning' : 'info',
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
    // A pool with no co-op earned (only claims or a transfer in) has nothing to convert.
    if (!b.coopEarned.isZero() && (b.status === 'converted' || (b.status === 'accruing' && b.belowThreshold === true))) {
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
