import { BUILTIN_POLICIES } from '../../core/policy/builtin-policies.js';
import { policyEntryToRow } from '../../core/policy/parse-policy-rows.js';
import type { ProgramPolicyEntry } from '../../core/policy/program-policy.js';
import { PROGRAMS_COLUMNS } from '../../core/workbook-layout.js';
import type { CellValue } from '../excel/cell-values.js';
import { recordToCells } from '../excel/record-cells.js';

/**
 * A policy entry as a Programs row's cells (PROGRAMS_COLUMNS order): core writes the row
 * (`policyEntryToRow`), this only makes its text Excel's cells, as every other table's rows are made.
 * No Programs column is a date, so no date system is asked for.
 */
export function policyEntryToCells(entry: ProgramPolicyEntry): CellValue[] {
  return recordToCells(policyEntryToRow(entry), PROGRAMS_COLUMNS);
}

/** What a new workbook's Programs table starts with: the built-in catalog, editable. */
export function defaultProgramRows(): CellValue[][] {
  return BUILTIN_POLICIES.map(policyEntryToCells);
}
