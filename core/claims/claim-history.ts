import type { IsoDate } from '../calendar/calendar-date.js';
import type { Claim } from './claim.js';

/** What happened to a claim; stable identifiers, as written to the ClaimHistory table. */
export type ClaimAction = 'created' | 'status_changed' | 'edited' | 'document_added' | 'document_removed' | 'comment_added';

/** One line of a claim's history (CLAIM_HISTORY_COLUMNS): who did what, when. */
export interface ClaimHistoryEntry {
  readonly claimId: string;
  readonly at: IsoDate;
  readonly by: string;
  readonly action: ClaimAction;
  readonly detail: string;
}

/** Who and when, given by the caller: core never reads the clock. */
export interface ChangeMeta {
  readonly at: IsoDate;
  readonly by: string;
  /** Free text appended to the entry's detail (a reason, a reference). */
  readonly detail?: string;
}

/** A claim after a change, and the history entry that records the change. */
export interface ClaimChange {
  readonly claim: Claim;
  readonly entry: ClaimHistoryEntry;
}

/** A claim after several changes made together (a form saved once), and their entries in order. */
export interface ClaimChanges {
  readonly claim: Claim;
  readonly entries: readonly ClaimHistoryEntry[];
}

export function historyEntry(claim: Claim, action: ClaimAction, meta: ChangeMeta, parts: readonly string[]): ClaimHistoryEntry {
  const detail = [...parts, ...(meta.detail ? [meta.detail] : [])].join('; ');
  return { claimId: claim.claimId, at: meta.at, by: meta.by, action, detail };
}

/** The entry as a ClaimHistory table row. */
export function historyEntryToRow(entry: ClaimHistoryEntry): Record<string, string> {
  return { claimId: entry.claimId, at: entry.at, by: entry.by, action: entry.action, detail: entry.detail };
}
