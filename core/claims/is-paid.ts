import type { Claim } from './claim.js';

/**
 * `Paid` is derived, never set by hand: an approved claim is paid once an earnings row of type
 * `Claim` carries its claimId. The caller collects those ids from the export.
 */
export function isPaid(claim: Pick<Claim, 'claimId' | 'status'>, paidClaimIds: ReadonlySet<string>): boolean {
  return claim.status === 'Approved' && paidClaimIds.has(claim.claimId);
}
