import type { Dec } from '../money/decimal.js';
import { issue, ok, fail, type Result } from '../issues.js';
import { approvedAmount, type Claim } from './claim.js';
import type { ClaimStatus } from './claim-status.js';
import { historyEntry, type ChangeMeta, type ClaimChange } from './claim-history.js';
import { validateClaim, type ClaimContext } from './validate-claim.js';

/** The status machine of docs/RULES.md, "Claims"; nothing else is a legal move. */
export const CLAIM_TRANSITIONS: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  Editing: ['Submitted'],
  Submitted: ['Under review'],
  'Under review': ['Approved', 'Rejected', 'Action required'],
  'Action required': ['Submitted'],
  Rejected: ['Disputed'],
  Disputed: ['Approved', 'Rejected', 'Action required'],
  Approved: [],
};

export function canTransition(from: ClaimStatus, to: ClaimStatus): boolean {
  return CLAIM_TRANSITIONS[from].includes(to);
}

export interface TransitionMeta extends ChangeMeta {
  /** Used only when entering Approved; defaults to the amount claimed. */
  readonly amountApproved?: Dec;
}

/**
 * Moves a claim to another status. Entering `Submitted` records the submission date; entering
 * `Approved` or `Rejected` records the decision date, and approval sets the approved amount
 * (default: the amount claimed; never negative nor above the amount claimed, which is
 * `claim_amount_invalid`). An undeclared move is `illegal_transition` and changes nothing.
 *
 * A claim is submitted only as Partner Center accepts one (docs/RULES.md, "Claims"): the claim as
 * submitted, dated `meta.at`, must break no rule of `validateClaim` against `context` (documents,
 * the claim window, the pool's funds, ...); else the move is refused with those issues.
 */
export function transitionClaim(claim: Claim, to: ClaimStatus, meta: TransitionMeta, context: ClaimContext): Result<ClaimChange> {
  const from = claim.status;
  if (!canTransition(from, to)) return fail(issue('illegal_transition', ['status'], from, { from, to }));
  const parts = [`${from} → ${to}`];
  let next: Claim = { ...claim, status: to };
  if (to === 'Submitted') {
    next = { ...next, submittedDate: meta.at };
    const issues = validateClaim(next, context);
    if (issues.length > 0) return fail(...issues);
  }
  if (to === 'Rejected') next = { ...next, decisionDate: meta.at, amountApproved: null };
  if (to === 'Approved') {
    const approved = approvedAmount({ amountApproved: meta.amountApproved, amountClaimed: claim.amountClaimed });
    if (approved.isNegative() || approved.gt(claim.amountClaimed)) {
      const reason = approved.isNegative() ? 'negative' : 'approved_above_claimed';
      return fail(
        issue('claim_amount_invalid', ['amountApproved'], approved.toFixed(), {
          reason,
          approved: approved.toFixed(),
          claimed: claim.amountClaimed.toFixed(),
          currency: claim.currency,
        }),
      );
    }
    next = { ...next, decisionDate: meta.at, amountApproved: approved };
    parts.push(`amountApproved ${approved.toFixed()} ${claim.currency}`);
  }
  return ok({ claim: next, entry: historyEntry(claim, 'status_changed', meta, parts) });
}
