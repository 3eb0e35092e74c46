import { describe, expect, test } from 'vitest';
import { Dec } from '../../core/money/decimal.js';
import { isoDate } from '../../core/calendar/calendar-date.js';
import { formatHalf, half } from '../../core/calendar/fiscal-half.js';
import { policyCatalog } from '../../core/policy/policy-catalog.js';
import { claimFunding } from '../../core/claims/claim-funding.js';
import { DEFAULT_SETTINGS } from '../../core/settings.js';
import type { Claim } from '../../core/claims/claim.js';

const catalog = policyCatalog([{ name: 'CSP Indirect Reseller', aliases: ['CSP - Indirect Reseller'] }]);

function claim(over: Partial<Claim>): Claim {
  return {
    claimId: 'C1', participantId: 'P1', programName: 'CSP Indirect Reseller', earningPeriod: null,
    activityType: 'Event', activityName: 'X', activityStart: isoDate('2022-01-10'), activityEnd: isoDate('2022-01-20'),
    currency: 'USD', amountClaimed: new Dec(100), amountApproved: null, status: 'Submitted', submittedDate: null,
    decisionDate: null, documents: { invoices: [], csrs: [], proofs: [] }, notes: '', ...over,
  };
}

describe('which pool a claim draws on (shared by the batch job and the add-in)', () => {
  test.each([
    ['dates in Jan 2022 are funded by FY22 H1', {}, 'FY22 H1', 'FY22 H1'],
    ['a matching named period draws', { earningPeriod: half('FY22 H1') }, 'FY22 H1', 'FY22 H1'],
    ['a contradicting named period draws on nothing', { earningPeriod: half('FY21 H2') }, 'FY22 H1', null],
    ['dates across two halves draw on nothing; the named period stays the funding period', { activityEnd: isoDate('2022-07-02'), earningPeriod: half('FY22 H1') }, 'FY22 H1', null],
    ['an end before the start draws on nothing', { activityEnd: isoDate('2022-01-01') }, null, null],
    ['an excluded program draws on nothing', { programName: 'OSU - Microsoft 365' }, 'FY22 H1', null],
  ])('%s', (_title, over, funding, draws) => {
    const f = claimFunding(claim(over), catalog, DEFAULT_SETTINGS);
    expect(f.fundingPeriod ? formatHalf(f.fundingPeriod) : null).toBe(funding);
    expect(f.drawsFrom ? formatHalf(f.drawsFrom) : null).toBe(draws);
  });

  test('an alias resolves to the canonical program name, which keys the pool', () => {
    expect(claimFunding(claim({ programName: 'csp - indirect reseller' }), catalog, DEFAULT_SETTINGS).programName).toBe('CSP Indirect Reseller');
  });
});
