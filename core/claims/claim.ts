import type { Dec } from '../money/decimal.js';
import type { IsoDate } from '../calendar/calendar-date.js';
import type { FiscalHalf } from '../calendar/fiscal-half.js';
import type { ClaimStatus } from './claim-status.js';

export type DocumentKind = 'invoice' | 'csr' | 'proof';

/**
 * The documents attached to a claim, by name. A register that records only a count (`3`) is read
 * as placeholder names `#1`, `#2`, `#3`, so there is one shape; claimToRow writes such a list
 * back as the count.
 */
export interface ClaimDocuments {
  /** Third-party invoices. */
  readonly invoices: readonly string[];
  /** Certification Statements and Reports, for work done in house. */
  readonly csrs: readonly string[];
  /** Proofs of execution. */
  readonly proofs: readonly string[];
}

/** A co-op claim (docs/RULES.md, "Claims"): the register's record. Its history is kept apart (ClaimHistoryEntry). */
export interface Claim {
  readonly claimId: string;
  readonly participantId: string;
  readonly programName: string;
  /** The earning period the claim says it draws on, as given; null when the register leaves it empty. */
  readonly earningPeriod: FiscalHalf | null;
  readonly activityType: string;
  readonly activityName: string;
  readonly activityStart: IsoDate;
  /** The last day of the activity (inclusive, as people write it). */
  readonly activityEnd: IsoDate;
  readonly currency: string;
  readonly amountClaimed: Dec;
  /** Set when the claim is approved; may be less than claimed. */
  readonly amountApproved: Dec | null;
  readonly status: ClaimStatus;
  readonly submittedDate: IsoDate | null;
  readonly decisionDate: IsoDate | null;
  readonly documents: ClaimDocuments;
  readonly notes: string;
}

/**
 * The amount an approved claim is approved at: its amount approved, else, where the register
 * leaves that empty or an approval names none, the amount claimed (docs/RULES.md, "Claims",
 * "Approved at").
 */
export function approvedAmount(claim: { readonly amountApproved: Dec | null | undefined; readonly amountClaimed: Dec }): Dec {
  return claim.amountApproved ?? claim.amountClaimed;
}

export const DOCUMENT_LISTS = { invoice: 'invoices', csr: 'csrs', proof: 'proofs' } as const satisfies Record<DocumentKind, keyof ClaimDocuments>;
