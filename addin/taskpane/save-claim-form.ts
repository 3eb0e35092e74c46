/**
 * Saving the claim form over a claim the register holds: core decides what changed and whether it
 * may (`editClaimAs`: the fields, then each document added or removed, each its own history
 * entry; refused once the claim is no longer editable), and the pane writes the claim and those
 * entries back by claimId. Nothing the form shows is dropped on the way: a document taken out of
 * the form is removed from the claim and recorded, or the save is refused with core's issue.
 */
import { editClaimAs } from '../../core/claims/claim-edits.js';
import type { Claim } from '../../core/claims/claim.js';
import type { ChangeMeta, ClaimChanges } from '../../core/claims/claim-history.js';
import type { Result } from '../../core/issues.js';
import { updateClaim } from './workbook-ops.js';

/** Writes what `editClaimAs` makes of `form` over `held`; nothing when it refuses or nothing changed. */
export async function saveClaimForm(held: Claim, form: Claim, meta: ChangeMeta): Promise<Result<ClaimChanges>> {
  const changes = editClaimAs(held, form, meta);
  if (changes.ok && changes.value.entries.length > 0) await updateClaim(changes.value.claim, changes.value.entries);
  return changes;
}
