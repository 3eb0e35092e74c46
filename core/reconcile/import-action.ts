import type { FindingCode, InputIssueCode } from '../codes.js';
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

/**
 * Why a row is skipped, in the codes of its duplicate decision: `duplicate_earning`, an identical
 * repeat; `earning_updated` or `earning_restated`, the same earning changed, the version held
 * being from a newer download.
 */
export type SkipCode = Extract<FindingCode, 'duplicate_earning' | 'earning_updated' | 'earning_restated'>;

/** The action with the code the row is reported under (a replaced row is not a problem: no code). */
export type ImportOutcome =
  | { readonly action: 'reject'; readonly code: Extract<InputIssueCode, 'duplicate_differs'> }
  | { readonly action: 'skip'; readonly code: SkipCode }
  | { readonly action: 'replace' };

const SKIP_CODE: Readonly<Record<Exclude<DuplicateDecision, 'conflicting'>, SkipCode>> = {
  identical: 'duplicate_earning',
  updated: 'earning_updated',
  restated: 'earning_restated',
};

/**
 * The action for a row, from core's duplicate decision and whether its download is newer than the
 * version held (`isNewerDownload`), with the code the import reports the row under.
 */
export function importOutcome(decision: DuplicateDecision, newerDownload: boolean): ImportOutcome {
  if (decision === 'conflicting') return { action: 'reject', code: 'duplicate_differs' };
  if (decision === 'identical' || !newerDownload) return { action: 'skip', code: SKIP_CODE[decision] };
  return { action: 'replace' };
}
