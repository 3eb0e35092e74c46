import type { Claim } from './claim.js';

/**
 * `Paid` is derived, never set by hand: an approved claim is paid once an earnings row of type
 * `Claim` carries its claimId. The caller collects those ids from the export (a set of ids, or
 * the payments summed by claimId).
 */
export function isPaid(claim: Pick<Claim, 'claimId' | 'status'>, paidClaimIds: { has(claimId: string): boolean }): boolean {
  return claim.status === 'Approved' && paidClaimIds.has(claim.claimId);
}
