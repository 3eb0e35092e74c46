import { DATE_FORMATS_EXPECTED } from '../../core/calendar/calendar-date.js';
import type { Issue, IssueParams } from '../../core/issues.js';
import type { CsvColumn, CsvHeader } from './csv-header.js';
import type { RecordLocation } from './csv-records.js';
import { clip, inputIssue, type InputIssue } from './input-issue.js';

/** By core's reason; the limit an amount broke is core's parameter, never written out here. */
const AMOUNT_HINTS: Readonly<Record<string, (p: IssueParams) => string>> = {
  malformed_or_locale_formatted: () =>
    'Write amounts invariantly (1234.56); if the file went through a European Excel, run with --number-locale (e.g. nl-NL).',
  ambiguous: () => 'The amount reads differently invariantly and in the number locale; write it without group separators (1234.56).',
  too_precise: (p) =>
    `The amount has more than ${p.maxSignificantDigits} significant digits, more than a workbook cell holds, so the workbook would count another amount; round it in the file.`,
};

/** What to do about a value core's acceptance rules cannot read (the earnings and the Payments readers). */
export function hintFor(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_amount':
      return AMOUNT_HINTS[issue.params?.reason ?? '']?.(issue.params ?? {}) ?? 'Write the amount as a number such as 1234.56, -12.50 or (12.50).';
    case 'invalid_date':
      return `Write dates in one of the forms ${issue.params?.expected ?? DATE_FORMATS_EXPECTED} (2021-03-15), and check that the day exists.`;
    case 'invalid_currency':
      return issue.params?.['reason'] === 'conflicting'
        ? `A report states the earned currency once: correct the row, or leave ${String(issue.path[0])} empty (earnedCurrencyCode is the currency of earned).`
        : 'Use the three-letter ISO 4217 code, such as EUR or USD.';
    default:
      return 'Correct the value in the file.';
  }
}

/** Column positions by record key, from a header, so value issues can name their column. */
export function columnsByKey(header: CsvHeader): Map<string, CsvColumn> {
  return new Map(header.columns.map((c) => [c.key, c]));
}

/**
 * A problem core's row rule found (`readEarningRow`, `readPaymentRow`), located in the file: its
 * column, the header's name and `raw`, the cell as written. The code is core's, as the add-in
 * reports it for the same row.
 */
export function locatedProblem(problem: Issue, raw: string, columns: ReadonlyMap<string, CsvColumn>, location: RecordLocation): InputIssue {
  const key = String(problem.path[0]);
  const column = columns.get(key);
  const where = { file: location.file, line: location.line, ...(column ? { column: column.index, columnName: column.name } : {}) };
  if (problem.code === 'missing_field') {
    return inputIssue('missing_field', { ...where, raw, message: `${key} is empty.`, hint: `Every row needs a ${key}; download the export again or fill it in.` });
  }
  const conflicting = problem.code === 'invalid_currency' && problem.params?.['reason'] === 'conflicting';
  return inputIssue(problem.code as 'invalid_amount' | 'invalid_date' | 'invalid_currency', {
    ...where,
    raw: clip(raw),
    message: conflicting
      ? `${key} "${clip(raw, 60)}" is another currency than earnedCurrencyCode (${problem.params?.['expected'] ?? ''}) on the same row.`
      : `${key} "${clip(raw, 60)}" is not a valid ${problem.code.replace('invalid_', '')}.`,
    hint: hintFor(problem),
    ...(problem.params ? { params: problem.params } : {}),
  });
}
