import type { IsoDate } from '../calendar/calendar-date.js';
import { contains, lastDay } from '../calendar/date-interval.js';
import { formatHalf, sameHalf } from '../calendar/fiscal-half.js';
import { windowsOf } from '../calendar/windows.js';
import { ZERO, type Dec } from '../money/decimal.js';
import { issue, type Issue } from '../issues.js';
import type { ProgramPolicy } from '../policy/program-policy.js';
import type { LedgerSettings } from '../settings.js';
import { approvedAmount, type Claim } from './claim.js';
import { drawKind } from './draw-kind.js';
import { fundingPeriodOf } from './funding-period.js';

export interface ClaimContext {
  /** The claim's program policy for its funding period; null when the program is unknown. */
  readonly policy: ProgramPolicy | null;
  readonly settings: LedgerSettings;
  /** The day the check is made, for claims still being edited; core never reads the clock. */
  readonly asOf?: IsoDate;
  /** What the claim's pool has available without this claim's own draw. */
  readonly available?: Dec;
  /** Currencies the participant's pools for this program and period are held in. */
  readonly poolCurrencies?: readonly string[];
}

/** The amount a claim takes from its pool: approved at the approved amount, a draft as it would once submitted. */
export function claimDraw(claim: Claim): Dec {
  switch (drawKind(claim.status)) {
    case 'none':
      return ZERO;
    case 'approved':
      return approvedAmount(claim);
    default:
      return claim.amountClaimed;
  }
}

export const CPOR_CLAIM = 'customer association (CPOR) claim';

/**
 * Every rule a claim breaks, as issues with stable codes, in a fixed order. Pure: the same claim
 * and context always give the same issues.
 */
export function validateClaim(claim: Claim, context: ClaimContext): Issue[] {
  const issues: Issue[] = [];
  const { policy, settings } = context;

  if (policy && !policy.coopClaims) {
    issues.push(issue('claim_program_not_eligible', ['programName'], claim.programName, { program: policy.name, use: CPOR_CLAIM }));
  }

  if (!claim.amountClaimed.gt(0)) {
    issues.push(issue('claim_amount_invalid', ['amountClaimed'], claim.amountClaimed.toFixed(), { reason: 'not_positive', claimed: claim.amountClaimed.toFixed(), currency: claim.currency }));
  }
  const approved = claim.amountApproved;
  if (approved && (approved.isNegative() || approved.gt(claim.amountClaimed))) {
    issues.push(
      issue('claim_amount_invalid', ['amountApproved'], approved.toFixed(), {
        reason: approved.isNegative() ? 'negative' : 'approved_above_claimed',
        approved: approved.toFixed(),
        claimed: claim.amountClaimed.toFixed(),
        currency: claim.currency,
      }),
    );
  }

  const funding = fundingPeriodOf(claim.activityStart, claim.activityEnd, settings);
  if (!funding.ok) issues.push(...funding.issues);
  else if (claim.earningPeriod && !sameHalf(claim.earningPeriod, funding.value)) {
    issues.push(
      issue('claim_period_mismatch', ['earningPeriod'], formatHalf(claim.earningPeriod), {
        expected: formatHalf(funding.value),
        actual: formatHalf(claim.earningPeriod),
      }),
    );
  }

  // When the dates cannot say which period pays, the period the claim names still has a window.
  const period = funding.ok ? funding.value : claim.earningPeriod;
  if (period) {
    const claiming = windowsOf(period, settings).claiming;
    const window = { earningPeriod: formatHalf(period), windowStart: claiming.start, windowEnd: lastDay(claiming) };
    if (claim.status !== 'Editing' && claim.submittedDate && !contains(claiming, claim.submittedDate)) {
      issues.push(
        issue('claim_submitted_outside_window', ['submittedDate'], claim.submittedDate, {
          ...window,
          reason: claim.submittedDate < claiming.start ? 'before_window' : 'after_window',
          submittedDate: claim.submittedDate,
        }),
      );
    }
    if (claim.status === 'Editing' && context.asOf && context.asOf >= claiming.end) {
      issues.push(issue('claim_submitted_outside_window', ['status'], claim.status, { ...window, reason: 'window_closed', asOf: context.asOf }));
    }
  }

  if (claim.status !== 'Editing') {
    const { invoices, csrs, proofs } = claim.documents;
    if (invoices.length + csrs.length === 0) {
      issues.push(issue('claim_missing_documents', ['invoices'], undefined, { missing: 'invoice_or_csr' }));
    }
    if (proofs.length === 0) {
      issues.push(issue('claim_missing_documents', ['proofs'], undefined, { missing: 'proof_of_execution' }));
    }
  }

  if (context.poolCurrencies && context.poolCurrencies.length > 0 && !context.poolCurrencies.includes(claim.currency)) {
    issues.push(issue('claim_currency_mismatch', ['currency'], claim.currency, { currency: claim.currency, poolCurrencies: context.poolCurrencies.join(',') }));
  }

  if (context.available !== undefined) {
    const needed = claimDraw(claim);
    if (needed.gt(context.available)) {
      issues.push(
        issue('claim_overdraws_pool', ['amountClaimed'], claim.amountClaimed.toFixed(), {
          needed: needed.toFixed(),
          available: context.available.toFixed(),
          shortfall: needed.minus(context.available).toFixed(),
          currency: claim.currency,
        }),
      );
    }
  }
  return issues;
}
