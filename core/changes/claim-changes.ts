import type { Dec } from '../money/decimal.js';
import { roundToMinor } from '../money/round.js';
import type { Change, ChangeValue } from './change.js';
import { same } from './pool-changes.js';
import { formatHalf } from '../calendar/fiscal-half.js';
import type { ClaimReport } from '../reconcile/claims-check.js';

/** What a comparison needs of a claim (a claim of the run, or a row of a previous claims.csv). */
export interface ComparableClaim {
  readonly claimId: string;
  readonly participantId: string;
  readonly programName: string;
  /** The pool's earning period it draws on (its funding period), or empty. */
  readonly earningPeriod: string;
  readonly currency: string;
  readonly status: string;
  readonly amountClaimed: Dec | null;
  readonly amountApproved: Dec | null;
  readonly paid: boolean;
  readonly amountPaid: Dec | null;
  /** The finding codes on the claim, `;`-separated. */
  readonly findings: string;
}

/**
 * A claim of the run as the comparison sees it, as the claims report writes it: its pool's earning
 * period is its funding period (empty where it has none), and its findings are their codes.
 */
export function comparableClaim(r: ClaimReport): ComparableClaim {
  return {
    claimId: r.claim.claimId,
    participantId: r.claim.participantId,
    programName: r.programName,
    earningPeriod: r.fundingPeriod ? formatHalf(r.fundingPeriod) : '',
    currency: r.claim.currency,
    status: r.claim.status,
    amountClaimed: r.claim.amountClaimed,
    amountApproved: r.claim.amountApproved,
    paid: r.paid,
    amountPaid: r.amountPaid,
    findings: r.findingCodes.join(';'),
  };
}

export const CLAIM_FIELDS = ['status', 'amountClaimed', 'amountApproved', 'paid', 'amountPaid', 'findings'] as const satisfies readonly (keyof ComparableClaim)[];

/**
 * One `claim_changed` per field that differs, by claimId; a claim new to the register, or gone
 * from it, is one `claim_changed` of field `claim`. A claimId the register holds twice is
 * compared in the order of its rows.
 */
export function claimChanges(previous: readonly ComparableClaim[], current: readonly ComparableClaim[]): Change[] {
  const before = keyed(previous);
  const now = keyed(current);
  const changes: Change[] = [];
  for (const [id, claim] of now) {
    const old = before.get(id);
    if (!old) {
      changes.push(claimChange(claim, 'claim', null, claim.status));
      continue;
    }
    for (const field of CLAIM_FIELDS) {
      const a = shown(old[field], old.currency);
      const b = shown(claim[field], claim.currency);
      if (!same(a, b)) changes.push(claimChange(claim, field, a, b));
    }
  }
  for (const [id, old] of before) {
    if (!now.has(id)) changes.push(claimChange(old, 'claim', old.status, null));
  }
  return changes;
}

function keyed(claims: readonly ComparableClaim[]): Map<string, ComparableClaim> {
  const map = new Map<string, ComparableClaim>();
  const seen = new Map<string, number>();
  for (const c of [...claims].sort((a, b) => (a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0))) {
    const n = (seen.get(c.claimId) ?? 0) + 1;
    seen.set(c.claimId, n);
    map.set(n === 1 ? c.claimId : `${c.claimId}\u001f${n}`, c);
  }
  return map;
}

function shown(value: Dec | string | boolean | null, currency: string): ChangeValue {
  if (value === null || typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return /^[A-Z]{3}$/.test(currency) ? roundToMinor(value, currency) : value;
}

function claimChange(c: ComparableClaim, field: string, before: ChangeValue, after: ChangeValue): Change {
  return {
    change: 'claim_changed',
    severity: '',
    code: '',
    participantId: c.participantId,
    programName: c.programName,
    earningPeriod: c.earningPeriod,
    currency: c.currency,
    claimId: c.claimId,
    field,
    before,
    after,
  };
}
