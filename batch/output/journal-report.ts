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
  { name: 'debit', kind: 'amount', currencyColumn: 'currency' },
  { name: 'credit', kind: 'amount', currencyColumn: 'currency' },
];

/**
 * Each property named rather than `{ ...l }`: a journal line is built with spreads, which leaves
 * V8 a slow object whose copy by spread costs several µs, and the journal (some 18,000 lines for
 * 1,440 pools) is written three times (journal.csv, journal-delta.csv, the workbook).
 */
export function journalRow(l: JournalLine): ReportRow {
  return {
    date: l.date,
    reference: l.reference,
    description: l.description,
    participantId: l.participantId,
    programName: l.programName,
    earningPeriod: l.earningPeriod,
    currency: l.currency,
    event: l.event,
    claimId: l.claimId,
    account: l.account,
    debit: l.debit,
    credit: l.credit,
  };
}
