import { describe, expect, test } from 'vitest';
import { Dec } from '../../core/money/decimal.js';
import { isoDate } from '../../core/calendar/calendar-date.js';
import { half } from '../../core/calendar/fiscal-half.js';
import { policyCatalog } from '../../core/policy/policy-catalog.js';
import { createPoolLedger, addCoopEarning } from '../../core/pools/pool-ledger.js';
import { computeBalances } from '../../core/pools/pool-balance.js';
import { findPool } from '../../core/pools/find-pool.js';

const catalog = policyCatalog([{ name: 'CSP Indirect Reseller', aliases: ['CSP - Indirect Reseller'] }]);

function balances() {
  const ledger = createPoolLedger();
  const base = { participantId: 'P1', programName: 'CSP Indirect Reseller', earningDate: isoDate('2021-09-01') };
  addCoopEarning(ledger, { ...base, currency: 'EUR', amount: new Dec(1000), amountUSD: new Dec(20000) });
  addCoopEarning(ledger, { ...base, currency: 'USD', amount: new Dec(50), amountUSD: new Dec(50) });
  return computeBalances(ledger, { asOf: isoDate('2022-02-10'), policyFor: () => ({ thresholdUSD: new Dec(10000) }) });
}

describe('finding the pool a worksheet function names', () => {
  const pools = balances();
  const named = { participantId: 'P1', programName: 'CSP Indirect Reseller', period: half('FY22 H1'), currency: 'EUR' } as const;

  test('by its canonical name, by an alias, and with stray spaces around the participant', () => {
    for (const n of [named, { ...named, programName: 'csp - indirect reseller' }, { ...named, participantId: ' P1 ' }]) {
      expect(findPool(pools, catalog, n)?.coopEarned.toFixed(2)).toBe('1000.00');
    }
  });

  test('another currency, period or participant is another pool, or none', () => {
    expect(findPool(pools, catalog, { ...named, currency: 'USD' })?.coopEarned.toFixed(2)).toBe('50.00');
    expect(findPool(pools, catalog, { ...named, currency: 'GBP' })).toBeNull();
    expect(findPool(pools, catalog, { ...named, period: half('FY22 H2') })).toBeNull();
    expect(findPool(pools, catalog, { ...named, participantId: 'P2' })).toBeNull();
  });
});
