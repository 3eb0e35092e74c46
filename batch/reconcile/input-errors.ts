import type { InputIssue } from '../input/input-issue.js';
import type { ReportColumn, ReportRow } from '../output/cell-value.js';

export const QUARANTINE_FILE = 'quarantine.csv';

/** input-errors.csv: every problem that rejected (or would have rejected) the input. */
export const INPUT_ERROR_COLUMNS: readonly ReportColumn[] = [
  { name: 'severity', kind: 'text' },
  { name: 'file', kind: 'text' },
  { name: 'line', kind: 'integer' },
  { name: 'column', kind: 'integer' },
  { name: 'columnName', kind: 'text' },
  { name: 'code', kind: 'text' },
  { name: 'message', kind: 'text' },
  { name: 'hint', kind: 'text' },
  { name: 'raw', kind: 'text' },
];

export function inputErrorRow(i: InputIssue): ReportRow {
  return {
    severity: i.severity,
    file: i.file,
    line: i.line ?? null,
    column: i.column ?? null,
    columnName: i.columnName ?? '',
    code: i.code,
    message: i.message,
    hint: i.hint,
    raw: i.raw ?? '',
  };
}
