import { ZERO, type Dec } from '../money/decimal.js';
import { roundToMinor } from '../money/round.js';
import { addDays, addMonths, isoDate, type IsoDate } from '../calendar/calendar-date.js';
import { lastDay } from '../calendar/date-interval.js';
import type { Claim } from '../claims/claim.js';
import { drawKind } from '../claims/draw-kind.js';
import { claimDraw } from '../claims/validate-claim.js';
import { comparePoolKeys, poolKeyString, type PoolKey } from '../pools/pool-key.js';
import type { PoolBalance } from '../pools/pool-balance.js';
import { DEFAULT_ACCOUNTS, type JournalAccounts } from './journal-accounts.js';
import type { JournalEvent, JournalLine } from './journal-line.js';
import { journalReference } from './journal-reference.js';

/** A pool's co-op earned in one calendar month (`2021-07`), summed exactly. */
export interface MonthlyAccrual {
  readonly month: string;
  readonly amount: Dec;
}

/** A claim of the register with the pool it draws on (null: none) and the date Microsoft paid it. */
export interface JournalClaim {
  readonly claim: Claim;
  readonly pool: PoolKey | null;
  /** The date of the payment row of a paid claim; null while unpaid. */
  readonly paidOn: IsoDate | null;
}

export interface JournalInput {
  readonly balances: readonly PoolBalance[];
  /** Per pool (`poolKeyString`), its co-op by month; the months add up to the pool's `coopEarned`. */
  readonly accruals: ReadonlyMap<string, readonly MonthlyAccrual[]>;
  readonly claims: readonly JournalClaim[];
  /** The run's date: an approval without a decision date is dated as of it. */
  readonly asOf: IsoDate;
  readonly accounts?: JournalAccounts;
}

const EVENT_ORDER: Readonly<Record<Exclude<JournalEvent, 'reversal'>, number>> = {
  coop_accrued: 0,
  coop_transferred: 1,
  converted_to_rebate: 2,
  claim_approved: 3,
  claim_paid: 4,
  forfeited: 5,
};

/** One event of a pool before rounding: its exact amount and the account pairs it moves. */
interface PoolEvent {
  readonly date: IsoDate;
  readonly event: Exclude<JournalEvent, 'reversal'>;
  readonly detail: string;
  readonly claimId: string;
  readonly description: string;
  /** The exact amount, positive in the direction of `pairs`. */
  readonly amount: Dec;
  /** How the event moves deferred co-op income: +1 credits it, -1 debits it, 0 leaves it. */
  readonly deferred: 1 | -1 | 0;
  /** [debit account, credit account] for a positive amount; a negative amount swaps the sides. */
  readonly pairs: readonly (readonly [string, string])[];
}

/**
 * The full journal as of a date (docs/RULES.md, Journal): every event of every pool, dated with
 * the event's date, in date order. Each entry debits and credits the same rounded amount, so
 * debits equal credits per currency by construction.
 *
 * Rounding happens once per line, on the running balance of deferred co-op income: a line moving
 * it carries round(balance after) − round(balance before). The lines therefore add up to the
 * rounded exact balance, and a pool's deferred co-op income equals its rounded available plus
 * pending funds even where the export's amounts have more decimals than the currency.
 */
export function journalOf(input: JournalInput): JournalLine[] {
  const accounts = input.accounts ?? DEFAULT_ACCOUNTS;
  const claimsByPool = new Map<string, JournalClaim[]>();
  for (const c of input.claims) {
    if (c.pool === null || drawKind(c.claim.status) !== 'approved') continue;
    const id = poolKeyString(c.pool);
    const list = claimsByPool.get(id) ?? [];
    list.push(c);
    claimsByPool.set(id, list);
  }
  const entries: { key: PoolKey; event: PoolEvent; lines: JournalLine[] }[] = [];
  for (const balance of input.balances) {
    const id = poolKeyString(balance.key);
    const events = poolEvents(balance, input.accruals.get(id) ?? [], claimsByPool.get(id) ?? [], input.asOf, accounts);
    let exact = ZERO;
    let rounded = ZERO;
    for (const e of events) {
      let amount: Dec;
      if (e.deferred === 0) amount = roundToMinor(e.amount, balance.key.currency);
      else {
        exact = exact.plus(e.amount.times(e.deferred));
        const next = roundToMinor(exact, balance.key.currency);
        amount = next.minus(rounded).times(e.deferred);
        rounded = next;
      }
      if (amount.isZero()) continue;
      entries.push({ key: balance.key, event: e, lines: entryLines(balance.key, e, amount) });
    }
  }
  entries.sort(
    (a, b) =>
      cmp(a.event.date, b.event.date) ||
      comparePoolKeys(a.key, b.key) ||
      EVENT_ORDER[a.event.event] - EVENT_ORDER[b.event.event] ||
      cmp(a.event.detail, b.event.detail),
  );
  return entries.flatMap((e) => e.lines);
}

function poolEvents(balance: PoolBalance, accruals: readonly MonthlyAccrual[], claims: readonly JournalClaim[], asOf: IsoDate, accounts: JournalAccounts): PoolEvent[] {
  const pool = balance.key;
  const where = `${pool.participantId} ${pool.programName} ${pool.earningPeriod} ${pool.currency}`;
  const events: PoolEvent[] = [];
  let accrued = ZERO;
  for (const a of accruals) {
    accrued = accrued.plus(a.amount);
    events.push({
      date: monthEnd(a.month),
      event: 'coop_accrued',
      detail: a.month,
      claimId: '',
      description: `Co-op accrued in ${a.month}, deferred until used: ${where}`,
      amount: a.amount,
      deferred: 1,
      pairs: [[accounts.coopFunds, accounts.coopDeferredIncome]],
    });
  }
  if (!accrued.eq(balance.coopEarned)) {
    throw new RangeError(`journalOf: the monthly accruals of ${where} add up to ${accrued.toFixed()}, not its co-op earned ${balance.coopEarned.toFixed()}`);
  }
  for (const [date, amount] of balance.transfers) {
    // The source's funds and deferral leave with the transfer and arrive in the destination: an accrual's lines, signed.
    events.push({
      date,
      event: 'coop_transferred',
      detail: date,
      claimId: '',
      description: `Co-op ${amount.isNegative() ? 'moved out to' : 'moved in from'} another period by a Co-op rollover transfer: ${where}`,
      amount,
      deferred: 1,
      pairs: [[accounts.coopFunds, accounts.coopDeferredIncome]],
    });
  }
  if (!balance.convertedToRebate.isZero()) {
    events.push({
      date: lastDay(balance.earning),
      event: 'converted_to_rebate',
      detail: '',
      claimId: '',
      description: `Co-op converted to rebate, the period ended below the threshold: ${where}`,
      amount: balance.convertedToRebate,
      deferred: -1,
      pairs: [
        [accounts.rebateReceivable, accounts.coopFunds],
        [accounts.coopDeferredIncome, accounts.rebateIncome],
      ],
    });
  }
  for (const { claim, paidOn } of [...claims].sort((a, b) => cmp(a.claim.claimId, b.claim.claimId))) {
    const approved = claimDraw(claim);
    events.push({
      date: claim.decisionDate ?? asOf,
      event: 'claim_approved',
      detail: claim.claimId,
      claimId: claim.claimId,
      description: `Claim ${claim.claimId} approved, deferred co-op released to income: ${where}`,
      amount: approved,
      deferred: -1,
      pairs: [
        [accounts.claimsReceivable, accounts.coopFunds],
        [accounts.coopDeferredIncome, accounts.coopIncome],
      ],
    });
    if (paidOn !== null) {
      events.push({
        date: paidOn,
        event: 'claim_paid',
        detail: claim.claimId,
        claimId: claim.claimId,
        description: `Claim ${claim.claimId} paid: ${where}`,
        amount: approved,
        deferred: 0,
        pairs: [[accounts.cash, accounts.claimsReceivable]],
      });
    }
  }
  if (!balance.forfeited.isZero()) {
    events.push({
      date: lastDay(balance.claiming),
      event: 'forfeited',
      detail: '',
      claimId: '',
      description: `Unused co-op forfeited at the claim deadline, deferral reversed: ${where}`,
      amount: balance.forfeited,
      deferred: -1,
      pairs: [[accounts.coopDeferredIncome, accounts.coopFunds]],
    });
  }
  // The running balance is rounded in the order the events happened.
  return events.sort((a, b) => cmp(a.date, b.date) || EVENT_ORDER[a.event] - EVENT_ORDER[b.event] || cmp(a.detail, b.detail));
}

function entryLines(pool: PoolKey, e: PoolEvent, amount: Dec): JournalLine[] {
  const reference = journalReference(pool, e.event, e.detail);
  const abs = amount.abs();
  return e.pairs.flatMap(([debitAccount, creditAccount]) => {
    // A negative amount (a clawback) swaps the sides, so no line carries a negative figure.
    const [dr, cr] = amount.isNegative() ? [creditAccount, debitAccount] : [debitAccount, creditAccount];
    return [entryLine(pool, e, reference, dr, abs, ZERO), entryLine(pool, e, reference, cr, ZERO, abs)];
  });
}

/**
 * One line of an entry. Every property is written out: V8 builds `{ ...base, account, ... }` on a
 * slow path, and a large journal has tens of thousands of lines.
 */
function entryLine(pool: PoolKey, e: PoolEvent, reference: string, account: string, debit: Dec, credit: Dec): JournalLine {
  return {
    participantId: pool.participantId,
    programName: pool.programName,
    earningPeriod: pool.earningPeriod,
    currency: pool.currency,
    date: e.date,
    reference,
    description: e.description,
    event: e.event,
    claimId: e.claimId,
    account,
    debit,
    credit,
  };
}

/** `2021-02` → `2021-02-28`. */
function monthEnd(month: string): IsoDate {
  return addDays(addMonths(isoDate(`${month}-01`), 1), -1);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
