import type { DuplicateDecision } from './earning-identity.js';

/**
 * What importing a row does to the Earnings table when the table (or a file read earlier in the
 * same import) already has a version of its earningId (docs/RULES.md, "Repeated earningIds"):
 * - `reject`: other facts under one id; the workbook holds one version per earningId, so the row
 *   is refused (`duplicate_differs`) rather than counted, as the batch job counts it, beside it;
 * - `skip`: an identical repeat (importing the same export twice adds nothing), or an update or
 *   restatement from an older download than the version held;
 * - `replace`: an update or restatement from a newer download; its cells replace the version held.
 */
export type ImportAction = 'reject' | 'skip' | 'replace';

/** The action for a row, from core's duplicate decision and whether its download is newer than the version held (`isNewerDownload`). */
export function importAction(decision: DuplicateDecision, newerDownload: boolean): ImportAction {
  if (decision === 'conflicting') return 'reject';
  if (decision === 'identical' || !newerDownload) return 'skip';
  return 'replace';
}
