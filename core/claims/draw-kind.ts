import type { ClaimStatus } from './claim-status.js';

/**
 * How a claim in a status draws on its fund pool (docs/RULES.md, "Claims"): a draft is shown but not reserved;
 * a pending claim reserves the amount claimed; an approved one consumes the amount approved; a
 * rejected one draws nothing.
 */
export type DrawKind = 'draft' | 'pending' | 'approved' | 'none';

const DRAW_KIND: Readonly<Record<ClaimStatus, DrawKind>> = {
  Editing: 'draft',
  Submitted: 'pending',
  'Under review': 'pending',
  'Action required': 'pending',
  Disputed: 'pending',
  Approved: 'approved',
  Rejected: 'none',
};

export function drawKind(status: ClaimStatus): DrawKind {
  return DRAW_KIND[status];
}
