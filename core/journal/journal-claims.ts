import type { IsoDate } from '../calendar/calendar-date.js';
import type { ClaimPayments } from '../reconcile/claim-payments.js';
import type { ClaimReport } from '../reconcile/claims-check.js';
import type { JournalClaim } from './journal-of.js';

/** The claims as the journal needs them: the pool each draws on and, once paid, its payment date. */
export function journalClaimsOf(claims: readonly ClaimReport[], claimPayments: ClaimPayments): JournalClaim[] {
  return claims.map((r) => ({ claim: r.claim, pool: r.pool, paidOn: r.paid ? paymentDate(claimPayments, r) : null }));
}

/** A paid claim is dated with its payment row in the claim's currency, else the earliest in any (docs/RULES.md, Journal). */
function paymentDate(claimPayments: ClaimPayments, r: ClaimReport): IsoDate | null {
  const byCurrency = claimPayments.get(r.claim.claimId);
  if (!byCurrency) return null;
  const own = byCurrency.get(r.claim.currency);
  if (own) return own.date;
  const dates = [...byCurrency.values()].map((p) => p.date).sort();
  return dates[0] ?? null;
}
