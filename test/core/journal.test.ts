import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Dec, ZERO } from '../../core/money/decimal.js';
import { roundToMinor } from '../../core/money/round.js';
import { isoDate, type IsoDate } from '../../core/calendar/calendar-date.js';
import { fiscalHalfOf } from '../../core/calendar/fiscal-half.js';
import type { Claim } from '../../core/claims/claim.js';
import type { ClaimStatus } from '../../core/claims/claim-status.js';
import { drawKind } from '../../core/claims/draw-kind.js';
import { createPoolLedger, addCoopEarning, addClaimDraw } from '../../core/pools/pool-ledger.js';
import { computeBalances, type PoolBalance } from '../../core/pools/pool-balance.js';
import { poolKeyString, type PoolKey } from '../../core/pools/pool-key.js';
import { journalOf, type JournalClaim, type MonthlyAccrual } from '../../core/journal/journal-of.js';
import { ACCOUNT_KEYS, DEFAULT_ACCOUNTS, parseJournalAccounts } from '../../core/journal/journal-accounts.js';
import type { JournalLine } from '../../core/journal/journal-line.js';

const A = DEFAULT_ACCOUNTS;

interface Earning {
  readonly date: string;
  readonly amount: string;
  readonly usd: string;
}
interface ClaimSpec {
  readonly id: string;
  readonly status: ClaimStatus;
  readonly amount: string;
  readonly decided?: string;
  readonly paidOn?: string;
}

function claimOf(spec: ClaimSpec, currency: string): Claim {
  return {
    claimId: spec.id,
    participantId: 'P1',
    programName: 'CSP Indirect Reseller',
    earningPeriod: null,
    activityType: 'Event',
    activityName: 'X',
    activityStart: isoDate('2021-02-01'),
    activityEnd: isoDate('2021-02-10'),
    currency,
    amountClaimed: new Dec(spec.amount),
    amountApproved: spec.status === 'Approved' ? new Dec(spec.amount) : null,
    status: spec.status,
    submittedDate: null,
    decisionDate: spec.decided ? isoDate(spec.decided) : null,
    documents: { invoices: [], csrs: [], proofs: [] },
    notes: '',
  };
}

/** One pool of FY21 H1 (Jul–Dec 2020) in `currency`, settled as of `asOf`, and its journal. */
function journalFor(earnings: readonly Earning[], claims: readonly ClaimSpec[], asOf: string, currency = 'EUR', thresholdUSD = '1000') {
  const ledger = createPoolLedger();
  const months = new Map<string, Dec>();
  let key: PoolKey | undefined;
  for (const e of earnings) {
    key = addCoopEarning(ledger, { participantId: 'P1', programName: 'CSP Indirect Reseller', earningDate: isoDate(e.date), currency, amount: new Dec(e.amount), amountUSD: new Dec(e.usd) });
    months.set(e.date.slice(0, 7), (months.get(e.date.slice(0, 7)) ?? ZERO).plus(e.amount));
  }
  const period = fiscalHalfOf(isoDate('2020-07-01'));
  const journalClaims: JournalClaim[] = [];
  for (const c of claims) {
    const claim = claimOf(c, currency);
    key = addClaimDraw(ledger, {
      participantId: 'P1',
      programName: 'CSP Indirect Reseller',
      earningPeriod: period,
      currency,
      kind: drawKind(c.status),
      amountClaimed: claim.amountClaimed,
      amountApproved: claim.amountApproved,
      amountPaid: c.paidOn !== undefined ? (claim.amountApproved ?? claim.amountClaimed) : null,
    });
    journalClaims.push({ claim, pool: key, paidOn: c.paidOn ? isoDate(c.paidOn) : null });
  }
  const balances = computeBalances(ledger, { asOf: isoDate(asOf), policyFor: () => ({ thresholdUSD: new Dec(thresholdUSD) }) });
  const accruals = new Map<string, MonthlyAccrual[]>();
  if (key) accruals.set(poolKeyString(key), [...months].sort().map(([month, amount]) => ({ month, amount })));
  const journal = journalOf({ balances, accruals, claims: journalClaims, asOf: isoDate(asOf) });
  return { balances, journal };
}

/** Deferred co-op income of a pool: what the journal credited to it minus what it debited. */
function deferredOf(journal: readonly JournalLine[], pool: PoolKey): Dec {
  return journal
    .filter((l) => l.account === A.coopDeferredIncome && poolKeyString(l) === poolKeyString(pool))
    .reduce((s, l) => s.plus(l.credit).minus(l.debit), ZERO);
}

function openFunds(b: PoolBalance): Dec {
  return roundToMinor(b.available.plus(b.claimsPending), b.key.currency);
}

function balancedPerCurrency(journal: readonly JournalLine[]): boolean {
  const net = new Map<string, Dec>();
  for (const l of journal) net.set(l.currency, (net.get(l.currency) ?? ZERO).plus(l.debit).minus(l.credit));
  return [...net.values()].every((d) => d.isZero());
}

const EARNINGS: Earning[] = [
  { date: '2020-07-15', amount: '1000', usd: '1200' },
  { date: '2020-08-03', amount: '500.005', usd: '600' },
  { date: '2020-08-20', amount: '250', usd: '300' },
];
const CLAIMS: ClaimSpec[] = [
  { id: 'C1', status: 'Approved', amount: '300', decided: '2021-03-01', paidOn: '2021-04-10' },
  { id: 'C2', status: 'Submitted', amount: '200' },
];

describe('the journal an accountant imports', () => {
  test('co-op accrues per calendar month, dated the last day of the month, with a stable reference', () => {
    const { journal } = journalFor(EARNINGS, [], '2020-10-01');
    const accrued = journal.filter((l) => l.event === 'coop_accrued' && l.account === A.coopDeferredIncome);
    expect(accrued.map((l) => [l.date, l.reference, l.credit.toFixed(2)])).toEqual([
      ['2020-07-31', 'P1/CSP Indirect Reseller/FY21 H1/EUR/coop_accrued/2020-07', '1000.00'],
      ['2020-08-31', 'P1/CSP Indirect Reseller/FY21 H1/EUR/coop_accrued/2020-08', '750.01'],
    ]);
    expect(journal.every((l) => l.description !== '')).toBe(true);
  });

  test('approval releases the deferred co-op it uses to co-op income, dated the decision; payment is dated its payment row', () => {
    const { journal } = journalFor(EARNINGS, CLAIMS, '2021-05-01');
    const approval = journal.filter((l) => l.event === 'claim_approved');
    expect(approval.every((l) => l.date === '2021-03-01' && l.claimId === 'C1')).toBe(true);
    expect(approval.map((l) => [l.account, l.debit.toFixed(2), l.credit.toFixed(2)])).toEqual([
      [A.claimsReceivable, '300.00', '0.00'],
      [A.coopFunds, '0.00', '300.00'],
      [A.coopDeferredIncome, '300.00', '0.00'],
      [A.coopIncome, '0.00', '300.00'],
    ]);
    const paid = journal.filter((l) => l.event === 'claim_paid');
    expect(paid.map((l) => [l.date, l.account, l.debit.toFixed(2)])).toEqual([
      ['2021-04-10', A.cash, '300.00'],
      ['2021-04-10', A.claimsReceivable, '0.00'],
    ]);
  });

  test('forfeiture at the claim deadline reverses the deferral of the unused funds; pending claims stay deferred', () => {
    const { balances, journal } = journalFor(EARNINGS, CLAIMS, '2021-09-01');
    const forfeited = journal.filter((l) => l.event === 'forfeited');
    expect(forfeited.map((l) => [l.date, l.account, l.debit.toFixed(2), l.credit.toFixed(2)])).toEqual([
      ['2021-08-15', A.coopDeferredIncome, '1250.01', '0.00'],
      ['2021-08-15', A.coopFunds, '0.00', '1250.01'],
    ]);
    expect(deferredOf(journal, balances[0]!.key).toFixed(2)).toBe('200.00');
  });

  test('conversion below the threshold releases all deferred co-op to rebate income, dated the end of the earning period', () => {
    const { balances, journal } = journalFor(EARNINGS, [], '2021-01-15', 'EUR', '1000000');
    expect(balances[0]!.status).toBe('converted');
    const converted = journal.filter((l) => l.event === 'converted_to_rebate');
    expect(converted.map((l) => [l.date, l.account, l.debit.toFixed(2), l.credit.toFixed(2)])).toEqual([
      ['2020-12-31', A.rebateReceivable, '1750.01', '0.00'],
      ['2020-12-31', A.coopFunds, '0.00', '1750.01'],
      ['2020-12-31', A.coopDeferredIncome, '1750.01', '0.00'],
      ['2020-12-31', A.rebateIncome, '0.00', '1750.01'],
    ]);
    expect(deferredOf(journal, balances[0]!.key).isZero()).toBe(true);
  });

  test('a clawback month swaps the sides rather than writing a negative figure', () => {
    const { journal } = journalFor([...EARNINGS, { date: '2020-09-02', amount: '-80', usd: '-90' }], [], '2020-10-01');
    const september = journal.filter((l) => l.reference.endsWith('/2020-09'));
    expect(september.map((l) => [l.account, l.debit.toFixed(2), l.credit.toFixed(2)])).toEqual([
      [A.coopDeferredIncome, '80.00', '0.00'],
      [A.coopFunds, '0.00', '80.00'],
    ]);
    expect(journal.every((l) => !l.debit.isNegative() && !l.credit.isNegative())).toBe(true);
  });

  test('lines come in date order', () => {
    const { journal } = journalFor(EARNINGS, CLAIMS, '2021-09-01');
    const dates = journal.map((l) => l.date);
    expect(dates).toEqual([...dates].sort());
  });

  test('monthly accruals that do not add up to the pool are a programming error', () => {
    const ledger = createPoolLedger();
    addCoopEarning(ledger, { participantId: 'P1', programName: 'X', earningDate: isoDate('2020-07-15'), currency: 'EUR', amount: new Dec(10), amountUSD: new Dec(12) });
    const balances = computeBalances(ledger, { asOf: isoDate('2020-10-01'), policyFor: () => null });
    expect(() => journalOf({ balances, accruals: new Map(), claims: [], asOf: isoDate('2020-10-01') })).toThrow(RangeError);
  });

  const amount = fc.integer({ min: -5_000_000, max: 50_000_000 }).map((n) => new Dec(n).div(10_000).toFixed());
  const earning = fc.record({
    date: fc.integer({ min: 0, max: 183 }).map((d) => addDaysText('2020-07-01', d)),
    amount,
    usd: fc.integer({ min: 0, max: 10_000 }).map(String),
  });
  const claim = fc.record({
    status: fc.constantFrom<ClaimStatus>('Approved', 'Submitted', 'Rejected', 'Editing'),
    amount: fc.integer({ min: 1, max: 5_000_000 }).map((n) => new Dec(n).div(1000).toFixed()),
    decided: fc.option(fc.integer({ min: 190, max: 400 }).map((d) => addDaysText('2020-07-01', d)), { nil: undefined }),
    paid: fc.boolean(),
  });

  test('a pool\'s deferred co-op income equals its available plus pending funds, and debits equal credits', () => {
    fc.assert(
      fc.property(fc.array(earning, { minLength: 1, maxLength: 12 }), fc.array(claim, { maxLength: 5 }), fc.integer({ min: 0, max: 800 }), fc.constantFrom('EUR', 'JPY', 'KWD', 'USD'), fc.constantFrom('0', '5000', '1000000'), (earnings, claims, day, currency, threshold) => {
        const specs: ClaimSpec[] = claims.map((c, i) => ({
          id: `C${i}`,
          status: c.status,
          amount: c.amount,
          ...(c.decided ? { decided: c.decided } : {}),
          ...(c.status === 'Approved' && c.paid ? { paidOn: c.decided ?? '2021-06-01' } : {}),
        }));
        const { balances, journal } = journalFor(earnings, specs, addDaysText('2020-07-01', day), currency, threshold);
        for (const b of balances) expect(deferredOf(journal, b.key).eq(openFunds(b)), poolKeyString(b.key)).toBe(true);
        expect(balancedPerCurrency(journal)).toBe(true);
      }),
    );
  });
});

function addDaysText(date: string, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d.toISOString().slice(0, 10));
}

describe('parseJournalAccounts: a team names the journal accounts', () => {
  test('a key left out keeps its default; names are trimmed', () => {
    const r = parseJournalAccounts({ cash: ' 1010 Bank ' });
    expect(r.ok && r.value).toEqual({ ...DEFAULT_ACCOUNTS, cash: '1010 Bank' });
  });

  test('every problem at once, at its key: unknown, inherited, not text, blank', () => {
    const r = parseJournalAccounts({ csh: 'Bank', toString: 'x', cash: 1010, coopIncome: '  ', rebateIncome: null });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['unknown_key', 'csh'],
      ['unknown_key', 'toString'],
      ['invalid_type', 'cash'],
      ['missing_field', 'coopIncome'],
      ['invalid_type', 'rebateIncome'],
    ]);
  });

  test.each([[[]], [null], ['cash'], [3]])('%j is not a mapping', (json) => {
    const r = parseJournalAccounts(json);
    expect(r.ok || r.issues.map((i) => [i.code, i.path.length])).toEqual([['invalid_type', 0]]);
  });

  test('ACCOUNT_KEYS are exactly the accounts the journal posts to', () => {
    expect([...ACCOUNT_KEYS].sort()).toEqual(Object.keys(DEFAULT_ACCOUNTS).sort());
    expect(ACCOUNT_KEYS).toHaveLength(7);
  });
});
