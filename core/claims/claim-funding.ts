import { formatHalf, sameHalf, type FiscalHalf } from '../calendar/fiscal-half.js';
import { canonicalProgramName, resolvePolicy, type PolicyCatalog } from '../policy/policy-catalog.js';
import type { ProgramPolicy } from '../policy/program-policy.js';
import type { LedgerSettings } from '../settings.js';
import type { Claim } from './claim.js';
import { fundingPeriodOf } from './funding-period.js';

export interface ClaimFunding {
  /** The program's canonical name (aliases resolved), or the name as given when unknown. */
  readonly programName: string;
  /** The period the claim's dates are funded by, or the one it names when the dates cannot say. */
  readonly fundingPeriod: FiscalHalf | null;
  readonly policy: ProgramPolicy | null;
  /**
   * The earning period whose pool the claim draws on; null when it draws on none: dates that name
   * no single usage half, a named period that contradicts them, or a program without co-op
   * claims. (validateClaim reports each of these; both adapters apply this one rule.)
   */
  readonly drawsFrom: FiscalHalf | null;
}

export function claimFunding(claim: Claim, catalog: PolicyCatalog, settings: LedgerSettings): ClaimFunding {
  const programName = canonicalProgramName(catalog, claim.programName) ?? claim.programName;
  const funding = fundingPeriodOf(claim.activityStart, claim.activityEnd, settings);
  const fundingPeriod = funding.ok ? funding.value : claim.earningPeriod;
  const policy = fundingPeriod ? resolvePolicy(catalog, programName, fundingPeriod) : null;
  const contradicts = funding.ok && claim.earningPeriod !== null && !sameHalf(claim.earningPeriod, funding.value);
  const excluded = policy !== null && !policy.coopClaims;
  return { programName, fundingPeriod, policy, drawsFrom: funding.ok && !contradicts && !excluded ? funding.value : null };
}

/** `participant|program|FY22 H1` for grouping claims with the pools of their funding period. */
export function fundingGroupKey(participantId: string, programName: string, period: FiscalHalf): string {
  return [participantId, programName, formatHalf(period)].join('\u001f');
}
