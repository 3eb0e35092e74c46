import { approvedAmount, type Claim } from '../claims/claim.js';
import { ZERO, type Dec } from '../money/decimal.js';
import { claimFunding, type ClaimFunding } from '../claims/claim-funding.js';
import { drawKind } from '../claims/draw-kind.js';
import { formatHalf } from '../calendar/fiscal-half.js';
import type { PolicyCatalog } from '../policy/policy-catalog.js';
import type { LedgerSettings } from '../settings.js';
import type { PoolKey } from './pool-key.js';
import { addClaimDraw, type PoolLedger } from './pool-ledger.js';

export interface ClaimDrawing extends ClaimFunding {
  /** The pool the claim draws on; null when it draws on none. */
  readonly pool: PoolKey | null;
  /** Another copy of its claimId draws instead (`drawingCopies`). */
  readonly duplicate: boolean;
  /** With `duplicate`: the index in the list of the copy that draws. */
  readonly drawingCopy: number | null;
}

/**
 * Records every claim's draw on its pool: the one rule the batch job and the add-in share.
 * `amountPaid` says what the payment rows carrying the claim's id paid (null: unpaid). Of the
 * copies of a repeated claimId, only the one `drawingCopies` chooses draws.
 */
export function drawClaims(
  ledger: PoolLedger,
  claims: readonly Claim[],
  catalog: PolicyCatalog,
  settings: LedgerSettings,
  amountPaid: (claim: Claim) => Dec | null,
): ClaimDrawing[] {
  const fundings = claims.map((claim) => claimFunding(claim, catalog, settings));
  const drawing = drawingCopies(claims, (i) => fundings[i]!.drawsFrom !== null);
  return claims.map((claim, i) => {
    const funding = fundings[i]!;
    const copy = drawing.get(claim.claimId);
    const duplicate = copy !== undefined && copy !== i;
    const pool =
      funding.drawsFrom && !duplicate
        ? addClaimDraw(ledger, {
            participantId: claim.participantId,
            programName: funding.programName,
            earningPeriod: funding.drawsFrom,
            currency: claim.currency,
            kind: drawKind(claim.status),
            amountClaimed: claim.amountClaimed,
            amountApproved: claim.amountApproved,
            amountPaid: amountPaid(claim),
          })
        : null;
    // Fields named one by one: spreading `funding` costs a runtime copy per claim.
    return { programName: funding.programName, fundingPeriod: funding.fundingPeriod, policy: funding.policy, drawsFrom: funding.drawsFrom, pool, duplicate, drawingCopy: duplicate ? copy : null };
  });
}

/**
 * For each claimId the list holds more than once, the index of the copy that draws on a pool
 * (docs/RULES.md, "A repeated claimId"). The choice never depends on the order of the rows, so
 * sorting a register moves no draw: of the copies that have a pool to draw on (`hasPool`), the
 * one that reserves the most on it (`reserved`), so that the pool shows no more available than any
 * copy would leave; among those, the first by their content (`claimContent`); identical copies
 * draw the same whichever does, and the first listed is named.
 */
export function drawingCopies(claims: readonly Claim[], hasPool: (index: number) => boolean): Map<string, number> {
  const copies = new Map<string, number[]>();
  claims.forEach((claim, i) => {
    const of = copies.get(claim.claimId);
    if (of === undefined) copies.set(claim.claimId, [i]);
    else of.push(i);
  });
  const out = new Map<string, number>();
  for (const [claimId, indexes] of copies) {
    if (indexes.length < 2) continue;
    const content = new Map(indexes.map((i) => [i, claimContent(claims[i]!)]));
    const first = [...indexes].sort(
      (a, b) =>
        (hasPool(a) === hasPool(b) ? 0 : hasPool(a) ? -1 : 1) ||
        reserved(claims[b]!).comparedTo(reserved(claims[a]!)) ||
        compareText(content.get(a)!, content.get(b)!) ||
        a - b,
    )[0]!;
    out.set(claimId, first);
  }
  return out;
}

/** What a claim holds back from its pool's available funds: a pending claim its amount claimed, an approved one its amount approved; a draft or a rejected claim nothing. */
export function reserved(claim: Claim): Dec {
  switch (drawKind(claim.status)) {
    case 'pending':
      return claim.amountClaimed;
    case 'approved':
      return approvedAmount(claim);
    default:
      return ZERO;
  }
}

/** A claim's fields as one text, the same for two copies that say the same (amounts by value: `100` and `100.00` are one). */
function claimContent(claim: Claim): string {
  return JSON.stringify([
    claim.participantId,
    claim.programName,
    claim.earningPeriod === null ? null : formatHalf(claim.earningPeriod),
    claim.activityType,
    claim.activityName,
    claim.activityStart,
    claim.activityEnd,
    claim.currency,
    claim.amountClaimed.toString(),
    claim.amountApproved?.toString() ?? null,
    claim.status,
    claim.submittedDate,
    claim.decisionDate,
    claim.documents,
    claim.notes,
  ]);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
