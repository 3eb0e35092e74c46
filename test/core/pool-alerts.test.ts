import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Dec } from '../../core/money/decimal.js';
import { addDays, isoDate, type IsoDate } from '../../core/calendar/calendar-date.js';
import { half } from '../../core/calendar/fiscal-half.js';
import { createPoolLedger, addCoopEarning, addClaimDraw, addTransfer, type DrawKind } from '../../core/pools/pool-ledger.js';
import { computeBalances, isSettledStatus, type PoolBalance } from '../../core/pools/pool-balance.js';
import { hasForfeited, isOverdrawn, isSpendable, nextDeadline, poolAlerts, poolDeadlines, poolFlags } from '../../core/pools/pool-alerts.js';
import { poolKeyString } from '../../core/pools/pool-key.js';
import { currencySummaries } from '../../core/pools/currency-summary.js';
import { DEFAULT_SETTINGS, withSettings } from '../../core/settings.js';

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
      addClaimDraw(ledger, { ...base, earningPeriod: half(period), kind, amountClaimed: new Dec(claimed), amountApproved: approved ? new Dec(approved) : null, amountPaid: null });
    }
  }
  return computeBalances(ledger, { asOf: isoDate(asOf), policyFor });
}

describe('a pool\'s deadlines', () => {
  test.each([
    ['2022-06-29', [1, false], [47, false]],
    ['2022-06-30', [0, false], [46, false]],
    ['2022-07-01', [-1, true], [45, false]],
    ['2022-08-15', [-46, true], [0, false]],
    ['2022-08-16', [-47, true], [-1, true]],
  ] as const)('as of %s, usage ends in %j and the claim window closes in %j ([days, passed]): the last day itself has not passed', (asOf, usage, claiming) => {
    // FY22 H1 pool: usage ends 2022-06-30, the claim window 2022-08-15.
    const [pool] = settle([{ date: '2021-09-01', amount: '20000' }], asOf);
    const [u, c] = poolDeadlines(pool!);
    expect([u.deadline, u.date, u.days, u.passed]).toEqual(['usageEnd', '2022-06-30', ...usage]);
    expect([c.deadline, c.date, c.days, c.passed]).toEqual(['claimDeadline', '2022-08-15', ...claiming]);
  });
});

describe('pool alerts', () => {
  test('an open pool with money left is flagged against the end of usage, in the smallest horizon that holds it', () => {
    // FY22 H1 pool: usage ends 2022-06-30, claim window ends 2022-08-15.
    const [alert, ...rest] = poolAlerts(settle([{ date: '2021-09-01', amount: '20000' }], '2022-06-25'), DEFAULT_SETTINGS);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ kind: 'expiring', deadline: 'usageEnd', date: '2022-06-30', days: 5, withinDays: 30 });
    expect(alert!.amount.toString()).toBe('20000');
  });

  test('after usage ends, the claim deadline is the one that counts; 45 days left is within 60, not 30', () => {
    const [alert] = poolAlerts(settle([{ date: '2021-09-01', amount: '20000' }], '2022-07-01'), DEFAULT_SETTINGS);
    expect(alert).toMatchObject({ kind: 'expiring', deadline: 'claimDeadline', date: '2022-08-15', days: 45, withinDays: 60 });
  });

  test('with a single 30-day horizon, 45 days left raises nothing', () => {
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
    expect(poolAlerts(balances, DEFAULT_SETTINGS)).toEqual([]);
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
      DEFAULT_SETTINGS,
    );
    expect(alerts.map((a) => [a.kind, a.pool.key.participantId, a.amount.toString()])).toEqual([
      ['overdrawn', 'B', '600'],
      ['expiring', 'A', '20000'],
    ]);
  });

  test.each([
    ['100.004', false, []],
    ['100.005', true, [['overdrawn', '0.005']]],
    ['100.01', true, [['overdrawn', '0.01']]],
  ] as const)('claims of %s USD against 100 USD: overdrawn %s, judged on the amount as shown (rounded to the cent)', (claimed, overdrawn, alerts) => {
    const [pool] = settle([{ date: '2021-09-01', amount: '20000', claims: [['approved', '19900'], ['approved', claimed]] }], '2022-02-10');
    expect(pool!.available.toString()).toBe(new Dec(100).minus(claimed).toString());
    expect(isOverdrawn(pool!)).toBe(overdrawn);
    expect(poolAlerts([pool!], DEFAULT_SETTINGS).map((a) => [a.kind, a.amount.toString()])).toEqual(alerts);
    expect(currencySummaries([pool!], isoDate('2022-02-10'))[0]!.overdrawn.toString()).toBe(alerts[0]?.[1] ?? '0');
  });

  test('less than half a cent left is no money left: no expiry alert', () => {
    const [pool] = settle([{ date: '2021-09-01', amount: '20000.004', claims: [['approved', '20000']] }], '2022-06-25');
    expect(pool!.available.toString()).toBe('0.004');
    expect(poolAlerts([pool!], DEFAULT_SETTINGS)).toEqual([]);
  });

  test('money is forfeited when at least half a cent was left at the deadline, as the report shows it', () => {
    const [tiny, half_] = settle(
      [
        { participant: 'A', date: '2020-09-01', amount: '20000.004', claims: [['approved', '20000']] },
        { participant: 'B', date: '2020-09-01', amount: '20000.005', claims: [['approved', '20000']] },
      ],
      '2022-02-10',
    );
    expect([tiny!.status, tiny!.forfeited.toString(), hasForfeited(tiny!)]).toEqual(['closed', '0.004', false]);
    expect([half_!.status, half_!.forfeited.toString(), hasForfeited(half_!)]).toEqual(['closed', '0.005', true]);
  });

  test('each pool\'s one mark: overdrawn before expiring, forfeited where no alert asks for action, nothing for a conversion ahead', () => {
    const pools = [
      ...settle(
        [
          { participant: 'A', date: '2021-09-01', amount: '20000' },
          { participant: 'B', date: '2021-09-01', amount: '12000', claims: [['approved', '12600', '12600']] },
          { participant: 'C', date: '2020-09-01', amount: '20000.005', claims: [['approved', '20000']] },
          { participant: 'D', date: '2020-09-01', amount: '20000.004', claims: [['approved', '20000']] },
        ],
        '2022-06-29',
      ),
      // Still accruing below the threshold: it will convert, which the sheet does not shade.
      ...settle([{ participant: 'E', program: 'Small', date: '2022-06-01', amount: '100' }], '2022-06-29'),
    ];
    expect(poolAlerts(pools, DEFAULT_SETTINGS).map((a) => [a.kind, a.pool.key.participantId])).toContainEqual(['willConvert', 'E']);
    const flags = poolFlags(pools, DEFAULT_SETTINGS);
    expect(pools.map((p) => [p.key.participantId, flags.get(poolKeyString(p.key)) ?? null])).toEqual([
      ['A', 'expiring'],
      ['B', 'overdrawn'],
      ['C', 'forfeited'],
      ['D', null],
      ['E', null],
    ]);
    // The horizons are the settings': 1 day out, A is not expiring, and has no mark.
    expect(poolFlags(pools, withSettings({ expiryDays: [0] })).get(poolKeyString(pools[0]!.key))).toBeUndefined();
  });

  test('co-op transferred out makes a part of the pool negative, not the pool overdrawn', () => {
    const ledger = createPoolLedger();
    const base = { participantId: 'P1', programName: 'CSP', currency: 'USD' };
    addCoopEarning(ledger, { ...base, earningDate: isoDate('2021-09-01'), amount: new Dec(20000), amountUSD: new Dec(20000) });
    addTransfer(ledger, { key: { ...base, earningPeriod: 'FY22 H1' }, earningPeriod: half('FY22 H1') }, { key: { ...base, earningPeriod: 'FY22 H2' }, earningPeriod: half('FY22 H2') }, new Dec(5000), isoDate('2022-03-01'));
    const source = computeBalances(ledger, { asOf: isoDate('2022-03-10'), policyFor }).find((b) => b.key.earningPeriod === 'FY22 H1')!;
    expect([source.transferred.toString(), source.available.toString()]).toEqual(['-5000', '15000']);
    expect(isOverdrawn(source)).toBe(false);
    expect(poolAlerts([source], DEFAULT_SETTINGS).map((a) => a.kind)).not.toContain('overdrawn');
  });

  test('only open and claim-only pools can be spent, and only they have a deadline ahead', () => {
    const balances = settle(
      [
        { participant: 'A', date: '2021-09-01', amount: '20000' }, // open
        { participant: 'B', date: '2021-03-01', amount: '20000' }, // claim-only until 2022-02-15
        { participant: 'C', date: '2020-09-01', amount: '20000' }, // closed
        { participant: 'D', date: '2021-09-01', amount: '100' }, // converted
        { participant: 'E', date: '2022-01-10', amount: '20000' }, // accruing
      ],
      '2022-02-10',
    );
    expect(balances.map((b) => [b.status, isSpendable(b), nextDeadline(b) !== null, isSettledStatus(b.status)])).toEqual([
      ['open', true, true, false],
      ['claim-only', true, true, false],
      ['closed', false, false, true],
      ['converted', false, false, true],
      ['accruing', false, false, false],
    ]);
  });

  test('a pool below the threshold while accruing will convert at the end of its earning period', () => {
    const [alert] = poolAlerts(settle([{ program: 'Small', date: '2021-09-01', amount: '1000' }], '2021-12-21'), DEFAULT_SETTINGS);
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

  test('every pool adds up: earned = converted + approved + pending + available + forfeited', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.nat({ max: 30000 }), fc.nat({ max: 30000 }), fc.constantFrom<DrawKind>('draft', 'pending', 'approved'), (offset, earned, claimed, kind) => {
        const asOf = addDays(isoDate('2021-07-01'), offset) as IsoDate;
        for (const b of settle([{ date: '2021-09-01', amount: String(earned), claims: [[kind, String(claimed), String(claimed)]] }], asOf)) {
          const parts = b.convertedToRebate.plus(b.claimsApproved).plus(b.claimsPending).plus(b.available).plus(b.forfeited);
          expect(parts.toString()).toBe(b.coopEarned.toString());
        }
      }),
    );
  });
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

  test('has a column for each horizon of the settings, shortest first', () => {
    const balances = settle([{ participant: 'A', date: '2021-03-01', amount: '5000', currency: 'EUR', usd: '11000' }], '2022-02-10');
    const [eur] = currencySummaries(balances, isoDate('2022-02-10'), withSettings({ expiryDays: [3, 7, 90] }));
    expect([...eur!.expiringWithin.keys()]).toEqual([3, 7, 90]);
    // The deadline is 2022-02-15, 5 days away: not within 3, within 7 and 90.
    expect([...eur!.expiringWithin.values()].map(String)).toEqual(['0', '5000', '5000']);
  });
});
