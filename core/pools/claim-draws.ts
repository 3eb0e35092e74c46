import type { Claim } from '../claims/claim.js';
import type { Dec } from '../money/decimal.js';
import { claimFunding, type ClaimFunding } from '../claims/claim-funding.js';
import { drawKind } from '../claims/draw-kind.js';
import type { PolicyCatalog } from '../policy/policy-catalog.js';
import type { LedgerSettings } from '../settings.js';
import type { PoolKey } from './pool-key.js';
import { addClaimDraw, type PoolLedger } from './pool-ledger.js';

export interface ClaimDrawing extends ClaimFunding {
  /** The pool the claim draws on; null when it draws on none. */
  readonly pool: PoolKey | null;
  /** A claimId seen earlier in the list: only the first draws. */
  readonly duplicate: boolean;
}

/**
 * Records every claim's draw on its pool, in list order: the one rule the batch job and the
 * add-in share. `amountPaid` says what the payment rows carrying the claim's id paid (null: unpaid).
 */
export function drawClaims(
  ledger: PoolLedger,
  claims: readonly Claim[],
  catalog: PolicyCatalog,
  settings: LedgerSettings,
  amountPaid: (claim: Claim) => Dec | null,
): ClaimDrawing[] {
  const seen = new Set<string>();
  return claims.map((claim) => {
    const funding = claimFunding(claim, catalog, settings);
    const duplicate = seen.has(claim.claimId);
    seen.add(claim.claimId);
    const pool =
      funding.drawsFrom && !duplicate
        ? addClaimDraw(ledger, {
            participantId: claim.participantId,
            programName: funding.programName,
            earningPeriod: funding.drawsFrom,
            currency: claim.currency,
            kind: drawKind(claim.status),
            amountClaimed: claim.amountClaimed,
            amountApproved: claim.amountApproved,
            amountPaid: amountPaid(claim),
          })
        : null;
    // Fields named one by one: spreading `funding` costs a runtime copy per claim.
    return { programName: funding.programName, fundingPeriod: funding.fundingPeriod, policy: funding.policy, drawsFrom: funding.drawsFrom, pool, duplicate };
  });
}
