import { BUILTIN_POLICIES } from '../../core/policy/builtin-policies.js';
import type { ProgramPolicyEntry } from '../../core/policy/program-policy.js';
import { formatHalf } from '../../core/calendar/fiscal-half.js';
import { PROGRAMS_COLUMNS } from '../../core/workbook-layout.js';
import { decimalToCell, textToCell, type CellValue } from '../excel/cell-values.js';

/** A policy entry as a Programs row (PROGRAMS_COLUMNS order); unset fields stay empty. */
export function policyEntryToCells(entry: ProgramPolicyEntry): CellValue[] {
  const values: Record<string, CellValue> = {
    name: textToCell(entry.name),
    aliases: textToCell(entry.aliases.join('; ')),
    coopShare: entry.coopShare ? decimalToCell(entry.coopShare) : '',
    thresholdUSD: entry.thresholdUSD ? decimalToCell(entry.thresholdUSD) : '',
    coopClaims: entry.coopClaims === undefined ? '' : entry.coopClaims,
    from: entry.from ? formatHalf(entry.from) : '',
    until: entry.until ? formatHalf(entry.until) : '',
  };
  return PROGRAMS_COLUMNS.map((c) => values[c.name] ?? '');
}

/** What a new workbook's Programs table starts with: the built-in catalog, editable. */
export function defaultProgramRows(): CellValue[][] {
  return BUILTIN_POLICIES.map(policyEntryToCells);
}
