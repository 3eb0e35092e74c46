import { ZERO, type Dec } from '../money/decimal.js';
import type { CurrencyCode } from '../money/currency.js';
import type { IsoDate } from '../calendar/calendar-date.js';
import { lastDay } from '../calendar/date-interval.js';
import { fiscalHalfOf } from '../calendar/fiscal-half.js';
import { DEFAULT_SETTINGS, type LedgerSettings } from '../settings.js';
import type { PoolBalance } from './pool-balance.js';
import { poolAlerts } from './pool-alerts.js';

/** What a finance team reads first, per currency (amounts in different currencies are never added). */
export interface CurrencySummary {
  readonly currency: CurrencyCode;
  /** Money that can still be claimed (open, claim-only and accruing pools; never negative parts). */
  readonly available: Dec;
  /** Available money whose next deadline falls within each horizon (cumulative: 60 includes 30). */
  readonly expiringWithin: ReadonlyMap<number, Dec>;
  /** Forfeited by pools whose claim window closed in the fiscal year of the as-of date. */
  readonly forfeitedThisFiscalYear: Dec;
  /** Sum of overdrafts, as a positive amount. */
  readonly overdrawn: Dec;
  readonly pools: number;
}

/** Per currency, in code-unit order of the currency code (docs/RULES.md, "Alerts"). */
export function currencySummaries(
  balances: readonly PoolBalance[],
  asOf: IsoDate,
  settings: LedgerSettings = DEFAULT_SETTINGS,
): CurrencySummary[] {
  const fiscalYear = fiscalHalfOf(asOf, settings).fiscalYear;
  const horizons = settings.expiryDays;
  const byCurrency = new Map<string, { available: Dec; expiring: Map<number, Dec>; forfeited: Dec; overdrawn: Dec; pools: number }>();
  const entry = (currency: string) => {
    let e = byCurrency.get(currency);
    if (!e) byCurrency.set(currency, (e = { available: ZERO, expiring: new Map(horizons.map((h) => [h, ZERO])), forfeited: ZERO, overdrawn: ZERO, pools: 0 }));
    return e;
  };
  for (const b of balances) {
    const e = entry(b.key.currency);
    e.pools += 1;
    if (b.available.gt(0)) e.available = e.available.plus(b.available);
    if (b.forfeited.gt(0) && fiscalHalfOf(lastDay(b.claiming), settings).fiscalYear === fiscalYear) e.forfeited = e.forfeited.plus(b.forfeited);
  }
  for (const alert of poolAlerts(balances, settings)) {
    const e = entry(alert.pool.key.currency);
    if (alert.kind === 'overdrawn') e.overdrawn = e.overdrawn.plus(alert.amount);
    if (alert.kind === 'expiring') {
      for (const h of horizons) if (alert.days <= h) e.expiring.set(h, e.expiring.get(h)!.plus(alert.amount));
    }
  }
  return [...byCurrency.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((currency) => {
      const e = byCurrency.get(currency)!;
      return { currency, available: e.available, expiringWithin: e.expiring, forfeitedThisFiscalYear: e.forfeited, overdrawn: e.overdrawn, pools: e.pools };
    });
}
