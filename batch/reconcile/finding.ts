/** A reconciliation finding: one line of findings.csv. Codes are a public contract. */
export type FindingCode =
  | 'duplicate_earning'
  | 'conflicting_duplicate'
  | 'split_mismatch'
  | 'unknown_program'
  | 'threshold_conversion_expected'
  | 'rollover_mismatch'
  | 'claim_program_not_eligible'
  | 'claim_dates_invalid'
  | 'claim_period_mismatch'
  | 'claim_submitted_outside_window'
  | 'claim_missing_documents'
  | 'claim_overdraws_pool'
  | 'claim_currency_mismatch'
  | 'claim_amount_invalid'
  | 'claim_invalid'
  | 'claim_paid_amount_mismatch'
  | 'claim_approved_unpaid'
  | 'claim_payment_unknown_claim'
  | 'duplicate_claim'
  | 'funds_expiring'
  | 'funds_forfeited'
  | 'payment_mismatch'
  | 'rows_quarantined';

export type FindingSeverity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Readonly<Record<FindingSeverity, number>> = { info: 0, warning: 1, error: 2 };

export interface Finding {
  readonly severity: FindingSeverity;
  readonly code: FindingCode;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly participantId?: string;
  readonly programName?: string;
  readonly earningPeriod?: string;
  readonly currency?: string;
  readonly earningId?: string;
  readonly transactionId?: string;
  readonly claimId?: string;
  readonly paymentId?: string;
  readonly expected?: string;
  readonly actual?: string;
}

/** Findings in a stable order: by severity (errors first), code, then where they point. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    cmp(a.code, b.code) ||
    cmp(a.file ?? '', b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    cmp(a.participantId ?? '', b.participantId ?? '') ||
    cmp(a.programName ?? '', b.programName ?? '') ||
    cmp(a.earningPeriod ?? '', b.earningPeriod ?? '') ||
    cmp(a.currency ?? '', b.currency ?? '') ||
    cmp(a.claimId ?? '', b.claimId ?? '') ||
    cmp(a.paymentId ?? '', b.paymentId ?? '') ||
    cmp(a.earningId ?? '', b.earningId ?? '') ||
    cmp(a.transactionId ?? '', b.transactionId ?? '')
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
