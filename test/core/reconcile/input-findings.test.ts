import { describe, expect, test } from 'vitest';
import { inputFindings, type InputProblem } from '../../../core/reconcile/input-findings.js';

const warning: InputProblem = { severity: 'warning', code: 'zip_entry_not_csv', message: 'm', file: 'a.csv', line: 7 };
const rowError: InputProblem = { severity: 'error', code: 'ragged_row', message: 'm', file: 'a.csv', line: 9 };

describe('findings from the input of a run that went on', () => {
  test('rows left out are one rows_quarantined error carrying their count', () => {
    const findings = inputFindings({ problems: [rowError, rowError], quarantinedRows: 2, quarantinedTo: 'quarantine.csv' });
    expect(findings.map((f) => [f.severity, f.code, f.actual])).toEqual([['error', 'rows_quarantined', '2']]);
  });

  test('each input warning is a warning finding under its own code at its file and line', () => {
    const { line: _, ...onTheFile } = warning;
    const findings = inputFindings({ problems: [warning, onTheFile], quarantinedRows: 0, quarantinedTo: 'q.csv' });
    expect(findings.map((f) => [f.severity, f.code, f.file, f.line])).toEqual([
      ['warning', 'zip_entry_not_csv', 'a.csv', 7],
      ['warning', 'zip_entry_not_csv', 'a.csv', undefined],
    ]);
  });

  test('no quarantined rows and no warnings add no finding, whatever errors there were', () => {
    expect(inputFindings({ problems: [rowError], quarantinedRows: 0, quarantinedTo: 'q.csv' })).toEqual([]);
  });
});
