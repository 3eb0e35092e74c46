/**
 * Which copy of a repeated claimId draws on a pool: the same whatever the order of the register's
 * rows (docs/RULES.md, "A repeated claimId"), so sorting the add-in's Claims table, or a claims CSV
 * written in another order, moves no draw.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Dec } from '../../../core/money/decimal.js';
import { isoDate } from '../../../core/calendar/calendar-date.js';
import { policyCatalog } from '../../../core/policy/policy-catalog.js';
import { createPoolLedger } from '../../../core/pools/pool-ledger.js';
import { drawClaims } from '../../../core/pools/claim-draws.js';
import { poolKeyString } from '../../../core/pools/pool-key.js';
import { DEFAULT_SETTINGS } from '../../../core/settings.js';
import type { Claim } from '../../../core/claims/claim.js';
import type { ClaimStatus } from '../../../core/claims/claim-status.js';

const catalog = policyCatalog([{ name: 'CSP Indirect Reseller', aliases: [] }]);

function claim(over: Partial<Claim>): Claim {
  return {
    claimId: 'C1', participantId: 'P1', programName: 'CSP Indirect Reseller', earningPeriod: null,
    activityType: 'Event', activityName: 'X', activityStart: isoDate('2022-01-10'), activityEnd: isoDate('2022-01-20'),
    currency: 'EUR', amountClaimed: new Dec(300), amountApproved: null, status: 'Submitted', submittedDate: null,
    decisionDate: null, documents: { invoices: [], csrs: [], proofs: [] }, notes: '', ...over,
  };
}

/** Each pool's claim totals after the draws, and which claims (by content) drew. */
function drawn(claims: readonly Claim[]) {
  const ledger = createPoolLedger();
  const drawings = drawClaims(ledger, claims, catalog, DEFAULT_SETTINGS, () => null);
  const pools = [...ledger.pools.values()]
    .map((p) => [poolKeyString(p.key), p.claimCount, p.claimsDraft.toFixed(), p.claimsPending.toFixed(), p.claimsApproved.toFixed()].join(' '))
    .sort();
  return { pools, drawings };
}

describe('a claimId the register holds more than once', () => {
  test('the copy that reserves the most draws, wherever it is: a pending copy over a rejected one above it', () => {
    const rejected = claim({ status: 'Rejected', amountClaimed: new Dec(500) });
    const pending = claim({ status: 'Submitted', amountClaimed: new Dec(300) });
    for (const order of [[rejected, pending], [pending, rejected]]) {
      const { pools, drawings } = drawn(order);
      expect(pools).toEqual([expect.stringMatching(/ 1 0 300 0$/)]);
      const drew = drawings.findIndex((d) => !d.duplicate);
      expect(order[drew]).toBe(pending);
      // The other copy names the one that draws.
      expect(drawings.map((d) => d.drawingCopy)).toEqual(order.map((c) => (c === pending ? null : drew)));
    }
  });

  test('an approved copy reserves its amount approved; a copy with no pool to draw on never draws', () => {
    const approved = claim({ status: 'Approved', amountClaimed: new Dec(900), amountApproved: new Dec(200) });
    const pending = claim({ status: 'Submitted', amountClaimed: new Dec(250) });
    expect(drawn([approved, pending]).pools).toEqual([expect.stringMatching(/ 1 0 250 0$/)]);
    // Dates that span two halves: no funding period, so no pool, however much it claims.
    const noPool = claim({ status: 'Submitted', amountClaimed: new Dec(5000), activityStart: isoDate('2021-12-20'), activityEnd: isoDate('2022-01-20') });
    const { pools, drawings } = drawn([noPool, pending]);
    expect(pools).toEqual([expect.stringMatching(/ 1 0 250 0$/)]);
    expect(drawings.map((d) => d.duplicate)).toEqual([true, false]);
  });

  test('copies that say the same: the first listed is the one named, and every other one is a duplicate', () => {
    const { drawings } = drawn([claim({}), claim({ amountClaimed: new Dec('300.00') }), claim({ claimId: 'C2' })]);
    expect(drawings.map((d) => [d.duplicate, d.drawingCopy])).toEqual([[false, null], [true, 0], [false, null]]);
  });

  test('property: any order of the same rows draws the same amounts on the same pools, from copies that say the same', () => {
    const statuses: ClaimStatus[] = ['Editing', 'Submitted', 'Approved', 'Rejected', 'Disputed'];
    const row = fc.record({
      id: fc.constantFrom('C1', 'C2', 'C3'),
      participant: fc.constantFrom('P1', 'P2'),
      status: fc.constantFrom(...statuses),
      claimed: fc.integer({ min: 0, max: 5 }).map((n) => new Dec(n * 100)),
      approved: fc.option(fc.integer({ min: 0, max: 5 }).map((n) => new Dec(n * 100)), { nil: null }),
      currency: fc.constantFrom('EUR', 'USD'),
      month: fc.constantFrom('2022-01', '2022-03', '2022-08'),
      spansHalves: fc.boolean(),
    });
    const claimOf = (r: typeof row extends fc.Arbitrary<infer T> ? T : never) =>
      claim({
        claimId: r.id, participantId: r.participant, status: r.status, amountClaimed: r.claimed, amountApproved: r.approved, currency: r.currency,
        activityStart: isoDate(r.spansHalves ? '2021-12-20' : `${r.month}-05`), activityEnd: isoDate(`${r.month}-20`),
      });
    const drewContent = (claims: readonly Claim[]) => {
      const { drawings } = drawn(claims);
      return claims.filter((_, i) => !drawings[i]!.duplicate).map((c) => JSON.stringify(c)).sort();
    };
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), fc.infiniteStream(fc.nat()), (rows, randoms) => {
        const claims = rows.map(claimOf);
        // A shuffle by a drawn key for each row.
        const keys = claims.map(() => randoms.next().value);
        const shuffled = claims.map((c, i) => [keys[i]!, i, c] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , c]) => c);
        expect(drawn(shuffled).pools).toEqual(drawn(claims).pools);
        expect(drewContent(shuffled)).toEqual(drewContent(claims));
        // One copy of each id is the one that draws (or would, where it has no pool).
        expect(drawn(claims).drawings.filter((d) => !d.duplicate).length).toBe(new Set(claims.map((c) => c.claimId)).size);
      }),
      { numRuns: 300 },
    );
  });
});
