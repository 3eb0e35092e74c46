import { describe, expect, test } from 'vitest';
import { Dec } from '../../core/money/decimal.js';
import { isoDate } from '../../core/calendar/calendar-date.js';
import { half } from '../../core/calendar/fiscal-half.js';
import { policyCatalog } from '../../core/policy/policy-catalog.js';
import { createPoolLedger, addCoopEarning, addClaimDraw } from '../../core/pools/pool-ledger.js';
import { computeBalances } from '../../core/pools/pool-balance.js';
import { claimContext } from '../../core/claims/claim-context.js';
import { DEFAULT_SETTINGS } from '../../core/settings.js';
import type { Claim } from '../../core/claims/claim.js';

const catalog = policyCatalog([{ name: 'CSP Indirect Reseller', aliases: ['CSP - Indirect Reseller'] }]);
const asOf = isoDate('2022-02-10');

function claim(over: Partial<Claim>): Claim {
  return {
    claimId: 'C1', participantId: 'P1', programName: 'CSP Indirect Reseller', earningPeriod: null,
    activityType: 'Event', activityName: 'X', activityStart: isoDate('2022-01-10'), activityEnd: isoDate('2022-01-20'),
    currency: 'EUR', amountClaimed: new Dec(300), amountApproved: null, status: 'Submitted', submittedDate: null,
    decisionDate: null, documents: { invoices: [], csrs: [], proofs: [] }, notes: '', ...over,
  };
}

/** P1's FY22 H1 pools of CSP Indirect Reseller: EUR 1,000 (300 of it reserved by C1) and USD 50. */
function balances() {
  const ledger = createPoolLedger();
  const base = { participantId: 'P1', programName: 'CSP Indirect Reseller' };
  addCoopEarning(ledger, { ...base, currency: 'EUR', earningDate: isoDate('2021-09-01'), amount: new Dec(1000), amountUSD: new Dec(20000) });
  addCoopEarning(ledger, { ...base, currency: 'USD', earningDate: isoDate('2021-09-01'), amount: new Dec(50), amountUSD: new Dec(50) });
  addClaimDraw(ledger, { ...base, currency: 'EUR', earningPeriod: half('FY22 H1'), kind: 'pending', amountClaimed: new Dec(300), amountApproved: null, amountPaid: null });
  return computeBalances(ledger, { asOf, policyFor: () => ({ thresholdUSD: new Dec(10000) }) });
}

describe('what a claim being edited is checked against', () => {
  const ledger = { balances: balances(), catalog, settings: DEFAULT_SETTINGS };

  test('a new claim sees what its pool has available, and the currencies of the pools of its program and period', () => {
    const c = claimContext(claim({ claimId: 'NEW' }), ledger, asOf, null);
    expect(c.available!.toFixed(2)).toBe('700.00');
    expect([...c.poolCurrencies!].sort()).toEqual(['EUR', 'USD']);
    expect(c.policy).not.toBeNull();
    expect(c.asOf).toBe(asOf);
  });

  test('a claim the register already holds does not count against itself', () => {
    const saved = claim({});
    expect(claimContext(claim({ amountClaimed: new Dec(900) }), ledger, asOf, saved).available!.toFixed(2)).toBe('1000.00');
    // Another claim selected in the register changes nothing.
    expect(claimContext(claim({ claimId: 'NEW' }), ledger, asOf, saved).available!.toFixed(2)).toBe('700.00');
    // A draft reserves nothing, so there is nothing to give back.
    expect(claimContext(claim({}), ledger, asOf, claim({ status: 'Editing' })).available!.toFixed(2)).toBe('700.00');
  });

  test('an alias finds the canonical program\'s pool; a claim of another period finds none', () => {
    expect(claimContext(claim({ claimId: 'NEW', programName: 'csp - indirect reseller' }), ledger, asOf, null).available!.toFixed(2)).toBe('700.00');
    const later = claimContext(claim({ claimId: 'NEW', activityStart: isoDate('2022-08-01'), activityEnd: isoDate('2022-08-02') }), ledger, asOf, null);
    expect(later.available!.isZero()).toBe(true);
    expect(later.poolCurrencies).toEqual([]);
  });
});
