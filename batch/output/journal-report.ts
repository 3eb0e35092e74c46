import type { JournalLine } from '../../core/journal/journal-line.js';
import type { ReportColumn, ReportRow } from './cell-value.js';

/** journal.csv and journal-delta.csv: one line per account movement, the lines of an entry sharing a reference. */
export const JOURNAL_REPORT_COLUMNS: readonly ReportColumn[] = [
  { name: 'date', kind: 'date' },
  { name: 'reference', kind: 'text' },
  { name: 'description', kind: 'text' },
  { name: 'participantId', kind: 'text' },
  { name: 'programName', kind: 'text' },
  { name: 'earningPeriod', kind: 'text' },
  { name: 'currency', kind: 'text' },
  { name: 'event', kind: 'text' },
  { name: 'claimId', kind: 'text' },
  { name: 'account', kind: 'text' },
  { name: 'debit', kind: 'amount' },
  { name: 'credit', kind: 'amount' },
];

export function journalRow(l: JournalLine): ReportRow {
  return { ...l };
}
