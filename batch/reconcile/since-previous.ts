import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import type { ClaimReport } from '../../core/reconcile/claims-check.js';
import type { PoolBalance } from '../../core/pools/pool-balance.js';
import { journalDelta } from '../../core/journal/journal-delta.js';
import type { JournalLine } from '../../core/journal/journal-line.js';
import type { Change } from '../../core/changes/change.js';
import { findingChanges, type ComparableFinding } from '../../core/changes/finding-changes.js';
import { poolChanges } from '../../core/changes/pool-changes.js';
import { claimChanges, comparableClaim } from '../../core/changes/claim-changes.js';
import { recoverInterruptedOutput } from '../output/atomic-output.js';
import { readPreviousReports, NO_PREVIOUS_REPORTS, type PreviousReports } from '../input/read-previous-reports.js';
import { inputIssue, type InputIssue } from '../input/input-issue.js';

/**
 * The previous run's report set: `--previous DIR` when given (one folder per run), else what
 * `--out` holds before this run replaces it. An --out that does not exist yet is a first run.
 */
export async function loadPreviousReports(previous: string | undefined, out: string, issues: InputIssue[]): Promise<PreviousReports> {
  const dir = previous ?? out;
  // A run killed while swapping its files into --out is finished (or undone) first, so the set
  // read is a whole one.
  if (previous === undefined || resolve(previous) === resolve(out)) await recoverInterruptedOutput(out);
  // summary.json is what marks a folder as a report set: a folder without it (a first run, a new
  // folder, files of some other origin) has no previous run to compare with.
  if (!(await isFile(join(dir, 'summary.json')))) {
    if (previous !== undefined) {
      issues.push(
        inputIssue('file_not_found', {
          file: join(previous, 'summary.json'),
          message: 'The folder named by --previous holds no report set (no summary.json).',
          hint: 'Name the folder of the previous run (e.g. reports/2022-01), or leave --previous out on a first run.',
        }),
      );
    }
    return NO_PREVIOUS_REPORTS;
  }
  return readPreviousReports(dir, issues);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

export interface SincePrevious {
  readonly changes: readonly Change[];
  readonly journalDelta: readonly JournalLine[];
}

/** What changed since the previous set, and what of the journal to post. */
export function sincePrevious(
  previous: PreviousReports,
  current: { findings: readonly ComparableFinding[]; balances: readonly PoolBalance[]; claims: readonly ClaimReport[]; journal: readonly JournalLine[] },
  asOf: IsoDate,
): SincePrevious {
  const changes = [
    ...findingChanges(previous.findings ?? [], current.findings),
    ...poolChanges(previous.pools ?? [], current.balances),
    ...claimChanges(previous.claims ?? [], current.claims.map(comparableClaim)),
  ];
  return { changes, journalDelta: journalDelta(previous.journal ?? [], current.journal, asOf) };
}

