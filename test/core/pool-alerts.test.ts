import { describe, expect, test } from 'vitest';
import { fc, test as prop } from '@fast-check/vitest';
import { Dec } from '../../core/money/decimal.js';
import { addDays, isoDate, type IsoDate } from '../../core/calendar/calendar-date.js';
import { half } from '../../core/calendar/fiscal-half.js';
import { createPoolLedger, addCoopEarning, addClaimDraw, type DrawKind } from '../../core/pools/pool-ledger.js';
import { computeBalances, type PoolBalance } from '../../core/pools/pool-balance.js';
import { poolAlerts } from '../../core/pools/pool-alerts.js';
import { currencySummaries } from '../../core/pools/currency-summary.js';

const policyFor = (program: string) => ({ thresholdUSD: new Dec(program === 'Small' ? '1500' : '10000') });

interface Pool {
  readonly participant?: string;
  readonly program?: string;
  readonly date: string;
  readonly amount: string;
  readonly currency?: string;
  readonly usd?: string;
  readonly claims?: readonly [DrawKind, string, string?][];
}

function settle(pools: readonly Pool[], asOf: string): PoolBalance[] {
  const ledger = createPoolLedger();
  for (const p of pools) {
    const currency = p.currency ?? 'USD';
    const base = { participantId: p.participant ?? 'P1', programName: p.program ?? 'CSP', currency };
    addCoopEarning(ledger, { ...base, earningDate: isoDate(p.date), amount: new Dec(p.amount), amountUSD: new Dec(p.usd ?? p.amount) });
    for (const [kind, claimed, approved] of p.claims ?? []) {
      const period = computeBalances(ledger, { asOf: isoDate(asOf), policyFor }).find((b) => b.key.participantId === base.participantId)!.key.earningPeriod;
      addClaimDraw(ledger, { ...base, earningPeriod: half(period), kind, amountClaimed: new Dec(claimed), amountApproved: approved ? new Dec(approved) : null, paid: false });
    }
  }
  return computeBalances(ledger, { asOf: isoDate(asOf), policyFor });
}

describe('pool alerts', () => {
  test('an open pool with money left is flagged against the end of usage, in the smallest horizon that holds it', () => {
    // FY22 H1 pool: usage ends 2022-06-30, claim window ends 2022-08-15.
    const [alert, ...rest] = poolAlerts(settle([{ date: '2021-09-01', amount: '20000' }], '2022-06-25'));
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ kind: 'expiring', deadline: 'usageEnd', date: '2022-06-30', days: 5, withinDays: 30 });
    expect(alert!.amount.toString()).toBe('20000');
  });

  test('after usage ends, the claim deadline is the one that counts; 45 days left is within 60, not 30', () => {
    const [alert] = poolAlerts(settle([{ date: '2021-09-01', amount: '20000' }], '2022-07-01'));
    expect(alert).toMatchObject({ kind: 'expiring', deadline: 'claimDeadline', date: '2022-08-15', days: 45, withinDays: 60 });
  });

  test('with a single 30-day horizon (the batch job), 45 days left raises nothing', () => {
    expect(poolAlerts(settle([{ date: '2021-09-01', amount: '20000' }], '2022-07-01'), { expiryDays: [30] })).toEqual([]);
  });

  test('a pool whose money is all claimed, a closed pool and a converted pool raise no expiry alert', () => {
    const balances = settle(
      [
        { participant: 'A', date: '2021-09-01', amount: '20000', claims: [['pending', '20000']] },
        { participant: 'B', date: '2021-03-01', amount: '20000' },
        { participant: 'C', date: '2021-09-01', amount: '100' },
      ],
      '2022-06-25',
    );
    expect(balances.map((b) => b.status)).toEqual(['open', 'closed', 'converted']);
    expect(poolAlerts(balances)).toEqual([]);
  });

  test('an overdraft is reported as a positive amount, before every other alert', () => {
    const alerts = poolAlerts(
      settle(
        [
          { participant: 'A', date: '2021-09-01', amount: '20000' },
          { participant: 'B', date: '2021-09-01', amount: '12000', claims: [['approved', '12600', '12600']] },
        ],
        '2022-06-29',
      ),
    );
    expect(alerts.map((a) => [a.kind, a.pool.key.participantId, a.amount.toString()])).toEqual([
      ['overdrawn', 'B', '600'],
      ['expiring', 'A', '20000'],
    ]);
  });

  test('a pool below the threshold while accruing will convert at the end of its earning period', () => {
    const [alert] = poolAlerts(settle([{ program: 'Small', date: '2021-09-01', amount: '1000' }], '2021-12-21'));
    expect(alert).toMatchObject({ kind: 'willConvert', deadline: 'earningEnd', date: '2021-12-31', days: 10 });
  });

  test('alerts come most urgent first', () => {
    const alerts = poolAlerts(
      settle(
        [
          { participant: 'A', date: '2021-03-01', amount: '20000' }, // FY21 H2: claim deadline 2022-02-15
          { participant: 'B', date: '2021-09-01', amount: '20000' }, // FY22 H1: usage ends 2022-06-30 (far)
          { participant: 'C', program: 'Small', date: '2022-01-10', amount: '100' }, // accruing, ends 2022-06-30
        ],
        '2022-02-10',
      ),
      { expiryDays: [30, 60, 365] },
    );
    expect(alerts.map((a) => [a.pool.key.participantId, a.days])).toEqual([
      ['A', 5],
      ['B', 140],
      ['C', 140],
    ]);
  });

  prop.prop([fc.integer({ min: 0, max: 800 }), fc.nat({ max: 30000 }), fc.nat({ max: 30000 }), fc.constantFrom<DrawKind>('draft', 'pending', 'approved')])(
    'every pool adds up: earned = converted + approved + pending + available + forfeited',
    (offset, earned, claimed, kind) => {
      const asOf = addDays(isoDate('2021-07-01'), offset) as IsoDate;
      for (const b of settle([{ date: '2021-09-01', amount: String(earned), claims: [[kind, String(claimed), String(claimed)]] }], asOf)) {
        const parts = b.convertedToRebate.plus(b.claimsApproved).plus(b.claimsPending).plus(b.available).plus(b.forfeited);
        expect(parts.toString()).toBe(b.coopEarned.toString());
      }
    },
  );
});

describe('per-currency summary', () => {
  test('sums available, money expiring within each horizon, forfeiture of this fiscal year and overdrafts, per currency', () => {
    const balances = settle(
      [
        { participant: 'A', date: '2021-03-01', amount: '5000', currency: 'EUR', usd: '11000' }, // FY21 H2, deadline 2022-02-15
        { participant: 'B', date: '2021-09-01', amount: '4000', currency: 'EUR', usd: '12000' }, // FY22 H1, usage ends 2022-06-30
        { participant: 'C', date: '2020-09-01', amount: '3000', currency: 'EUR', usd: '12000' }, // FY21 H1, closed 2021-08-15 (FY22)
        { participant: 'D', date: '2021-09-01', amount: '12000', claims: [['approved', '12600', '12600']] },
      ],
      '2022-02-10',
    );
    const [eur, usd] = currencySummaries(balances, isoDate('2022-02-10'));
    expect(eur!.currency).toBe('EUR');
    expect(eur!.available.toString()).toBe('9000');
    expect(eur!.expiringWithin.get(30)!.toString()).toBe('5000');
    expect(eur!.expiringWithin.get(60)!.toString()).toBe('5000');
    expect(eur!.forfeitedThisFiscalYear.toString()).toBe('3000');
    expect(usd!.overdrawn.toString()).toBe('600');
    expect(usd!.available.toString()).toBe('0');
  });
});
