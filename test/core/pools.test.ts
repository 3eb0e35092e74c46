import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Dec, sum } from '../../core/money/decimal.js';
import { isoDate, type IsoDate } from '../../core/calendar/calendar-date.js';
import { half } from '../../core/calendar/fiscal-half.js';
import { createPoolLedger, addCoopEarning, addClaimDraw, type DrawKind } from '../../core/pools/pool-ledger.js';
import { computeBalances, type PoolBalance } from '../../core/pools/pool-balance.js';

const csp = { thresholdUSD: new Dec('10000') };
const policyFor = (program: string) => (program === 'Unknown' ? null : csp);

function earn(ledger = createPoolLedger(), rows: [string, string, string, string?, string?][]) {
  // [date, amount, currency, usd, program]
  for (const [date, amount, currency, usd, program] of rows) {
    addCoopEarning(ledger, {
      participantId: 'P1',
      programName: program ?? 'CSP Indirect Reseller',
      earningDate: isoDate(date),
      currency,
      amount: new Dec(amount),
      amountUSD: usd === undefined ? null : new Dec(usd),
    });
  }
  return ledger;
}

function balances(ledger: ReturnType<typeof createPoolLedger>, asOf: string): PoolBalance[] {
  return computeBalances(ledger, { asOf: isoDate(asOf), policyFor });
}

function only(ledger: ReturnType<typeof createPoolLedger>, asOf: string): PoolBalance {
  const b = balances(ledger, asOf);
  expect(b).toHaveLength(1);
  return b[0]!;
}

describe('fund pools', () => {
  test('co-op rows pool by participant, program, earning half and currency', () => {
    const ledger = earn(undefined, [
      ['2021-07-05', '6000', 'EUR', '7000'],
      ['2021-12-31', '1000', 'EUR', '1200'],
      ['2021-08-01', '3000', 'USD', '3000'],
      ['2022-01-01', '10', 'EUR', '12'],
    ]);
    const b = balances(ledger, '2022-02-01');
    expect(b.map((x) => [x.key.earningPeriod, x.key.currency, x.coopEarned.toString()])).toEqual([
      ['FY22 H1', 'EUR', '7000'],
      ['FY22 H1', 'USD', '3000'],
      ['FY22 H2', 'EUR', '10'],
    ]);
  });

  test.each([
    ['2021-06-30', 'accruing'],
    ['2021-12-31', 'accruing'],
    ['2022-01-01', 'open'],
    ['2022-06-30', 'open'],
    ['2022-07-01', 'claim-only'],
    ['2022-08-15', 'claim-only'],
    ['2022-08-16', 'closed'],
  ])('a FY22 H1 pool above the threshold is %s → %s', (asOf, status) => {
    const ledger = earn(undefined, [['2021-09-01', '20000', 'USD', '20000']]);
    expect(only(ledger, asOf).status).toBe(status);
  });

  test('below the threshold, the co-op converts to rebate once the earning period has ended', () => {
    const ledger = earn(undefined, [['2021-09-01', '9999.99', 'USD', '9999.99']]);
    const during = only(ledger, '2021-12-31');
    expect(during.status).toBe('accruing');
    expect(during.belowThreshold).toBe(true);
    expect(during.convertedToRebate.toString()).toBe('0');
    expect(during.distanceToThresholdUSD?.toString()).toBe('0.01');
    const after = only(ledger, '2022-01-01');
    expect(after.status).toBe('converted');
    expect(after.convertedToRebate.toString()).toBe('9999.99');
    expect(after.available.toString()).toBe('0');
    expect(after.distanceToThresholdUSD).toBeNull();
  });

  test('equal to the threshold is not below it', () => {
    const ledger = earn(undefined, [['2021-09-01', '10000.00', 'USD', '10000.00']]);
    const b = only(ledger, '2022-01-10');
    expect(b.belowThreshold).toBe(false);
    expect(b.status).toBe('open');
    expect(b.available.toString()).toBe('10000');
  });

  test.each([
    ['below the threshold', [['2021-09-01', '9000.004', 'USD', '9000.004']], '999.996'],
    ['at the threshold', [['2021-09-01', '10000', 'USD', '10000']], null],
    ['above it', [['2021-09-01', '12000', 'USD', '12000']], null],
    ['of unknown USD', [['2021-09-01', '50', 'EUR', undefined]], null],
  ] as const)('an accruing group %s has a distance to its threshold of %s USD', (_, rows, distance) => {
    const ledger = earn(undefined, rows.map((r) => [...r]));
    const b = only(ledger, '2021-11-30');
    expect(b.status).toBe('accruing');
    expect(b.distanceToThresholdUSD?.toString() ?? null).toBe(distance);
  });

  test('the threshold compares the USD sum across currencies, not each currency', () => {
    const ledger = earn(undefined, [
      ['2021-09-01', '5000', 'EUR', '6000'],
      ['2021-09-01', '4500', 'USD', '4500'],
    ]);
    const b = balances(ledger, '2022-01-10');
    expect(b.map((x) => x.belowThreshold)).toEqual([false, false]);
    expect(b.map((x) => x.groupEarnedUSD?.toString())).toEqual(['10500', '10500']);
    expect(b.map((x) => x.coopEarnedUSD.toString())).toEqual(['6000', '4500']);
  });

  test('negative adjustments reduce the pool and can take it below the threshold', () => {
    const ledger = earn(undefined, [
      ['2021-09-01', '10100', 'USD', '10100'],
      ['2021-11-01', '-125.00', 'USD', '-125.00'],
    ]);
    const b = only(ledger, '2022-01-10');
    expect(b.coopEarned.toString()).toBe('9975');
    expect(b.status).toBe('converted');
  });

  test('a non-USD row without a USD amount makes the threshold decision unknown, never a guess', () => {
    const ledger = earn(undefined, [['2021-09-01', '50', 'EUR', undefined]]);
    const b = only(ledger, '2022-01-10');
    expect(b.belowThreshold).toBeNull();
    expect(b.status).toBe('open');
  });

  test('an unknown program has no threshold: belowThreshold is unknown', () => {
    const ledger = earn(undefined, [['2021-09-01', '50', 'USD', '50', 'Unknown']]);
    expect(only(ledger, '2022-01-10').thresholdUSD).toBeNull();
    expect(only(ledger, '2022-01-10').belowThreshold).toBeNull();
  });

  test('claims draw: drafts are shown, pending and approved are reserved, paid is tracked', () => {
    const ledger = earn(undefined, [['2021-09-01', '20000', 'USD', '20000']]);
    const draw = (kind: DrawKind, claimed: string, approved: string | null = null, paid: string | null = null) =>
      addClaimDraw(ledger, {
        participantId: 'P1',
        programName: 'CSP Indirect Reseller',
        earningPeriod: half('FY22 H1'),
        currency: 'USD',
        kind,
        amountClaimed: new Dec(claimed),
        amountApproved: approved === null ? null : new Dec(approved),
        amountPaid: paid === null ? null : new Dec(paid),
      });
    draw('draft', '100');
    draw('pending', '2000');
    draw('approved', '5000', '4500', '4500');
    draw('approved', '1000', null);
    draw('none', '999');
    const b = only(ledger, '2022-03-01');
    expect(b.claimsDraft.toString()).toBe('100');
    expect(b.claimsPending.toString()).toBe('2000');
    expect(b.claimsApproved.toString()).toBe('5500');
    expect(b.claimsPaid.toString()).toBe('4500');
    expect(b.available.toString()).toBe('12500');
  });

  test('after the claim deadline unused funds are forfeited and an overdraft stays negative', () => {
    const ledger = earn(undefined, [['2021-09-01', '20000', 'USD', '20000']]);
    const closed = only(ledger, '2022-08-16');
    expect(closed.forfeited.toString()).toBe('20000');
    expect(closed.available.toString()).toBe('0');

    addClaimDraw(ledger, {
      participantId: 'P1', programName: 'CSP Indirect Reseller', earningPeriod: half('FY22 H1'), currency: 'USD',
      kind: 'approved', amountClaimed: new Dec('25000'), amountApproved: new Dec('25000'), amountPaid: null,
    });
    const over = only(ledger, '2022-08-16');
    expect(over.forfeited.toString()).toBe('0');
    expect(over.available.toString()).toBe('-5000');
  });

  test('a claim on a pool without earnings creates the pool, overdrawn', () => {
    const ledger = createPoolLedger();
    addClaimDraw(ledger, {
      participantId: 'P9', programName: 'Hosting', earningPeriod: half('FY22 H1'), currency: 'EUR',
      kind: 'pending', amountClaimed: new Dec('300'), amountApproved: null, amountPaid: null,
    });
    const b = only(ledger, '2022-03-01');
    expect(b.available.toString()).toBe('-300');
    expect(b.coopEarned.toString()).toBe('0');
  });

  test('countdowns count calendar days to the last day of usage and of the claim window', () => {
    const ledger = earn(undefined, [['2021-09-01', '20000', 'USD', '20000']]);
    const b = only(ledger, '2022-06-01');
    expect(b.daysToUsageEnd).toBe(29);
    expect(b.daysToClaimDeadline).toBe(75);
    expect(only(ledger, '2022-06-30').daysToUsageEnd).toBe(0);
  });

  test('windows in a balance are those of its earning period', () => {
    const ledger = earn(undefined, [['2020-08-01', '1', 'USD', '1']]);
    const b = only(ledger, '2021-01-01');
    expect([b.claiming.start, b.claiming.end]).toEqual(['2021-02-16', '2021-08-16']);
  });

  const row = fc.record({
    day: fc.integer({ min: 0, max: 1500 }),
    cents: fc.bigInt({ min: -100000n, max: 10000000n }),
    currency: fc.constantFrom('USD', 'EUR', 'JPY'),
    participant: fc.constantFrom('P1', 'P2'),
  });

  test('pool balances equal the sum of their parts, and available + forfeited + reserved + converted = earned', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.integer({ min: 0, max: 2000 }), (rows, asOfDay) => {
        const ledger = createPoolLedger();
        const dayOf = (n: number) => new Date(Date.UTC(2020, 6, 1 + n)).toISOString().slice(0, 10) as IsoDate;
        for (const r of rows) {
          const amount = new Dec(r.cents.toString()).div(100);
          addCoopEarning(ledger, {
            participantId: r.participant, programName: 'CSP Indirect Reseller', earningDate: dayOf(r.day),
            currency: r.currency, amount, amountUSD: amount,
          });
        }
        const bs = computeBalances(ledger, { asOf: dayOf(asOfDay), policyFor });
        for (const b of bs) {
          const mine = rows.filter((r) => r.participant === b.key.participantId && r.currency === b.key.currency);
          const expected = sum(
            mine
              .filter((r) => b.earning.start <= dayOf(r.day) && dayOf(r.day) < b.earning.end)
              .map((r) => new Dec(r.cents.toString()).div(100)),
          );
          expect(b.coopEarned.eq(expected)).toBe(true);
          const parts = b.available.plus(b.forfeited).plus(b.claimsPending).plus(b.claimsApproved).plus(b.convertedToRebate);
          expect(parts.eq(b.coopEarned)).toBe(true);
        }
        const total = sum(bs.map((b) => b.coopEarned));
        expect(total.eq(sum(rows.map((r) => new Dec(r.cents.toString()).div(100))))).toBe(true);
      }),
    );
  });
});
