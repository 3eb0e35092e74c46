import { SEVERITY_RANK, type FindingCode, type InputIssueCode, type Severity } from '../codes.js';

export { SEVERITY_RANK };
export type { FindingCode };

/**
 * A reconciliation finding: one line of findings.csv, one entry in the pane. Input warnings (a
 * file with no rows, a zip entry that is not an export) are reported among the findings with their
 * own code.
 */
export interface Finding {
  readonly severity: Severity;
  readonly code: FindingCode | InputIssueCode;
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

/**
 * The ids a finding names and the figures it gives (expected and found), in the order reports list
 * them: every report of findings shows each under its own name, findings.csv as its columns
 * (`FINDINGS_COLUMNS`) and the pane as a finding's fields, so a field added here reaches both
 * (docs/RULES.md, "Findings as shown"). A finding's severity, code and message, its file and line
 * and its pool are said apart from these.
 */
export const FINDING_DETAIL_FIELDS = ['earningId', 'transactionId', 'claimId', 'paymentId', 'expected', 'actual'] as const satisfies readonly (keyof Finding)[];

export type FindingDetailField = (typeof FINDING_DETAIL_FIELDS)[number];

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
