import type { Change } from '../../core/changes/change.js';
import type { ReportColumn, ReportRow } from './cell-value.js';

/**
 * changes.csv. `before` and `after` hold an amount (in the row's currency, formatted as every
 * amount is), a status or other text, or nothing.
 */
export const CHANGES_REPORT_COLUMNS: readonly ReportColumn[] = [
  { name: 'change', kind: 'text' },
  { name: 'severity', kind: 'text' },
  { name: 'code', kind: 'text' },
  { name: 'participantId', kind: 'text' },
  { name: 'programName', kind: 'text' },
  { name: 'earningPeriod', kind: 'text' },
  { name: 'currency', kind: 'text' },
  { name: 'claimId', kind: 'text' },
  { name: 'field', kind: 'text' },
  { name: 'before', kind: 'amount', currencyColumn: 'currency' },
  { name: 'after', kind: 'amount', currencyColumn: 'currency' },
];

/** Each property named rather than `{ ...c }`, for the reason given at `journalRow`. */
export function changeRow(c: Change): ReportRow {
  return {
    change: c.change,
    severity: c.severity,
    code: c.code,
    participantId: c.participantId,
    programName: c.programName,
    earningPeriod: c.earningPeriod,
    currency: c.currency,
    claimId: c.claimId,
    field: c.field,
    before: c.before,
    after: c.after,
  };
}
