import type { FindingCode } from '../codes.js';
import { VersionMet, VERSION_EVENT } from './meet-version.js';

/**
 * What importing a row does to the Earnings table, from what meeting it did to the version of its
 * earningId counted so far (`meetVersion`, the ledger's rule: docs/RULES.md, "Repeated
 * earningIds"), the workbook's rows met before the files:
 * - `append`: the id's first version, or other facts than the version counted (a conflict): the
 *   row counts now, in a row of its own, so that the table holds both versions of a conflict and
 *   the ledger's recalculation reports it (`conflicting_duplicate`) as the batch job does;
 * - `skip`: an identical repeat (importing the same export twice adds nothing), or an update or
 *   restatement from an older download than the version counted; `restamp`, an identical repeat in
 *   a newer download, which now holds the version counted (its row records that download's date);
 * - `rewrite`: an update or restatement from a newer download: its cells replace the version counted;
 *   or (`replaced`) the first version of an earningId that only a row core cannot read names.
 */
export type ImportOutcome =
  | { readonly action: 'append'; readonly code: 'conflicting_duplicate' | null }
  | { readonly action: 'skip'; readonly code: SkipCode; readonly restamp: boolean }
  | { readonly action: 'rewrite'; readonly kind: 'updated' | 'restated' | 'replaced' };

/**
 * Why a row is skipped, in the codes the batch job's finding would carry: `duplicate_earning`, an
 * identical repeat; `earning_updated` or `earning_restated`, the same earning changed, the version
 * counted being from a newer download.
 */
export type SkipCode = Extract<FindingCode, 'duplicate_earning' | 'earning_updated' | 'earning_restated'>;

const FIRST: ImportOutcome = { action: 'append', code: null };
const CONFLICT: ImportOutcome = { action: 'append', code: 'conflicting_duplicate' };
const DUPLICATE: ImportOutcome = { action: 'skip', code: 'duplicate_earning', restamp: false };
const RESTAMP: ImportOutcome = { action: 'skip', code: 'duplicate_earning', restamp: true };
const OLDER_UPDATE: ImportOutcome = { action: 'skip', code: 'earning_updated', restamp: false };
const OLDER_RESTATEMENT: ImportOutcome = { action: 'skip', code: 'earning_restated', restamp: false };
const UPDATE: ImportOutcome = { action: 'rewrite', kind: 'updated' };
const RESTATEMENT: ImportOutcome = { action: 'rewrite', kind: 'restated' };
const REPLACEMENT: ImportOutcome = { action: 'rewrite', kind: 'replaced' };

/**
 * The import's outcome for a row, from `meetVersion`'s result (or `VersionResolver.meet`'s).
 * `overRefused`: the workbook holds the earningId only on rows core cannot read (a problem naming
 * its row, no version). The first version an import brings then rewrites the row
 * `unreadRowToRewrite` names rather than being appended beside it, so that the table never holds
 * the earning twice (docs/RULES.md, "Rows the add-in cannot read"); every later version meets it as usual.
 */
export function importOutcome(met: number, overRefused = false): ImportOutcome {
  const counts = (met & VersionMet.Counts) !== 0;
  switch (met & VERSION_EVENT) {
    case VersionMet.Conflict:
      return CONFLICT;
    case VersionMet.Duplicate:
      return (met & VersionMet.Holds) !== 0 ? RESTAMP : DUPLICATE;
    case VersionMet.Updated:
      return counts ? UPDATE : OLDER_UPDATE;
    case VersionMet.Restated:
      return counts ? RESTATEMENT : OLDER_RESTATEMENT;
    default:
      return overRefused ? REPLACEMENT : FIRST;
  }
}

/**
 * Of a table's rows that name one id, in the order core reads them, the row an import writes the
 * id's first version over when core reads none of them: the first (docs/RULES.md, "Rows the
 * add-in cannot read"). None when core reads one of them: a row that reads holds the version, and
 * the rows beside it that do not stay problems naming their rows.
 */
export function unreadRowToRewrite<R>(rows: readonly R[], holdsVersion: (row: R) => boolean): R | undefined {
  return rows.some(holdsVersion) ? undefined : rows[0];
}
