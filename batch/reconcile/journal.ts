import { ZERO, type Dec } from '../../core/money/decimal.js';
import { roundToMinor } from '../../core/money/round.js';
import type { PoolBalance } from '../../core/pools/pool-balance.js';

/** Account names of the journal; a finance team maps them to its chart of accounts. */
export interface JournalAccounts {
  readonly coopFunds: string;
  readonly coopDeferredIncome: string;
  readonly rebateReceivable: string;
  readonly claimsReceivable: string;
  readonly cash: string;
}

export const DEFAULT_ACCOUNTS: JournalAccounts = {
  coopFunds: 'Co-op funds receivable',
  coopDeferredIncome: 'Deferred co-op income',
  rebateReceivable: 'Rebate receivable',
  claimsReceivable: 'Co-op claims receivable',
  cash: 'Cash - co-op claim payments',
};

export type JournalEvent = 'coop_accrued' | 'converted_to_rebate' | 'claims_approved' | 'claims_paid' | 'forfeited';

export interface JournalLine {
  readonly participantId: string;
  readonly programName: string;
  readonly earningPeriod: string;
  readonly currency: string;
  readonly entry: number;
  readonly event: JournalEvent;
  readonly account: string;
  readonly debit: Dec;
  readonly credit: Dec;
}

/**
 * Balanced entries per pool: each event is one entry with a debit and a credit of the same
 * rounded amount, so debits equal credits per currency by construction (and a test checks it).
 * A negative amount (a clawback) swaps the sides, so no line carries a negative figure.
 */
export function journalOf(balances: readonly PoolBalance[], accounts: JournalAccounts = DEFAULT_ACCOUNTS): JournalLine[] {
  const lines: JournalLine[] = [];
  let entry = 0;
  for (const b of balances) {
    const events: [JournalEvent, Dec, string, string][] = [
      ['coop_accrued', b.coopEarned, accounts.coopFunds, accounts.coopDeferredIncome],
      ['converted_to_rebate', b.convertedToRebate, accounts.rebateReceivable, accounts.coopFunds],
      ['claims_approved', b.claimsApproved, accounts.claimsReceivable, accounts.coopFunds],
      ['claims_paid', b.claimsPaid, accounts.cash, accounts.claimsReceivable],
      // Forfeiture writes the receivable off against the income deferred for it.
      ['forfeited', b.forfeited, accounts.coopDeferredIncome, accounts.coopFunds],
    ];
    for (const [event, raw, debitAccount, creditAccount] of events) {
      const amount = roundToMinor(raw, b.key.currency);
      if (amount.isZero()) continue;
      entry += 1;
      const [dr, cr] = amount.isNegative() ? [creditAccount, debitAccount] : [debitAccount, creditAccount];
      const abs = amount.abs();
      const base = { ...b.key, entry, event };
      lines.push({ ...base, account: dr, debit: abs, credit: ZERO });
      lines.push({ ...base, account: cr, debit: ZERO, credit: abs });
    }
  }
  return lines;
}
