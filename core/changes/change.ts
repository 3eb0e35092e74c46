import type { Dec } from '../money/decimal.js';

/**
 * One line of changes.csv (docs/RULES.md, Changes since the previous run):
 * - `new_finding` / `resolved_finding`: a finding that the previous run did not have / no longer has;
 * - `new_pool`: a pool the previous run did not have;
 * - `pool_changed`: one field of a pool (`available`, `forfeited`, `status`, `claimsApproved`…);
 *   `pool` when the pool itself vanished;
 * - `claim_changed`: one field of a claim (`status`, `amountApproved`, `paid`…); `claim` when
 *   the claim is new to the register or left it.
 */
export type ChangeKind = 'new_finding' | 'resolved_finding' | 'new_pool' | 'pool_changed' | 'claim_changed';

/** A value before or after: an amount (in the change's currency), a text, or nothing. */
export type ChangeValue = Dec | string | null;

export interface Change {
  readonly change: ChangeKind;
  /** The finding's severity; empty for pool and claim changes. */
  readonly severity: string;
  /** The finding's code; empty for pool and claim changes. */
  readonly code: string;
  readonly participantId: string;
  readonly programName: string;
  readonly earningPeriod: string;
  readonly currency: string;
  readonly claimId: string;
  /** The field that changed; empty for findings and new pools. */
  readonly field: string;
  readonly before: ChangeValue;
  readonly after: ChangeValue;
}

export const CHANGE_KINDS: readonly ChangeKind[] = ['new_finding', 'resolved_finding', 'new_pool', 'pool_changed', 'claim_changed'];
