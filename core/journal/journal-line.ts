import type { Dec } from '../money/decimal.js';
import type { IsoDate } from '../calendar/calendar-date.js';
import type { PoolKey } from '../pools/pool-key.js';

/**
 * What a journal entry records (docs/RULES.md, Journal):
 * - `coop_accrued`: a calendar month's co-op of a pool, deferred until its use is known;
 * - `coop_transferred`: Microsoft moved deferred co-op between two periods of a participant's program;
 * - `converted_to_rebate`: the pool fell below the threshold; deferred co-op becomes rebate income;
 * - `claim_approved`: a claim consumed funds; the deferred co-op it used becomes co-op income;
 * - `claim_paid`: Microsoft paid an approved claim;
 * - `forfeited`: the claim deadline passed with funds unused; the deferral is reversed;
 * - `reversal`: (journal-delta.csv only) takes back a line posted by an earlier run.
 * The list is what a journal read back (a previous run's journal.csv) may hold.
 */
export const JOURNAL_EVENTS = ['coop_accrued', 'coop_transferred', 'converted_to_rebate', 'claim_approved', 'claim_paid', 'forfeited', 'reversal'] as const;

export type JournalEvent = (typeof JOURNAL_EVENTS)[number];

export interface JournalLine extends PoolKey {
  /** The date of the event the line records. */
  readonly date: IsoDate;
  /** Stable across runs: pool key + event + claimId or month; the lines of one entry share it. */
  readonly reference: string;
  readonly description: string;
  readonly event: JournalEvent;
  /** The claim of a claim event; empty otherwise. */
  readonly claimId: string;
  readonly account: string;
  /** Rounded to the currency's minor unit; one of debit and credit is zero, neither is negative. */
  readonly debit: Dec;
  readonly credit: Dec;
}
