import { issue, ok, fail, type Result } from '../issues.js';

/** Partner Center's claim statuses (SPEC §5). `Paid` is not one of them: it is derived (isPaid). */
export const CLAIM_STATUSES = ['Editing', 'Submitted', 'Under review', 'Approved', 'Rejected', 'Action required', 'Disputed'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

function statusKey(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

const STATUS_BY_KEY: ReadonlyMap<string, ClaimStatus> = new Map(CLAIM_STATUSES.map((s) => [statusKey(s), s]));

/** Reads a status case-insensitively, with `_` or `-` for spaces: `UNDER_REVIEW`, `action-required`. */
export function parseClaimStatus(text: string): Result<ClaimStatus> {
  const status = STATUS_BY_KEY.get(statusKey(text));
  return status ? ok(status) : fail(issue('invalid_claim_status', [], text));
}

/** A claim's content can change only while Partner Center lets the partner edit it. */
export function isEditable(status: ClaimStatus): boolean {
  return status === 'Editing' || status === 'Action required';
}
