/**
 * Every code a problem or a finding can carry, in one list: core's data issues, the
 * reconciliation's findings, the batch job's input issues and the add-in's import problems. Codes
 * are a public contract (findings.csv, input-errors.csv, the pane's messages) and never change;
 * the text that explains them is rendered by the adapters and may.
 */

/**
 * What the claim rules say about one claim: a problem when a claim is checked on its own (the
 * pane's form), a finding when the reconciliation checks the register. One list, used by both.
 */
const CLAIM_RULE_CODES = [
  'claim_program_not_eligible',
  'claim_dates_invalid',
  'claim_period_mismatch',
  'claim_submitted_outside_window',
  'claim_missing_documents',
  'claim_overdraws_pool',
  'claim_currency_mismatch',
  'claim_amount_invalid',
] as const;

/** Problems core finds in single values, policy files and claims. */
export const ISSUE_CODES = [
  // parsing of single values
  'invalid_amount',
  'invalid_date',
  'invalid_period_label',
  'invalid_currency',
  'invalid_share',
  // policy files
  'invalid_policy',
  'unknown_key',
  'missing_field',
  'invalid_type',
  // claims
  'illegal_transition',
  'claim_not_editable',
  'invalid_claim_status',
  ...CLAIM_RULE_CODES,
  // a claim added with an id the register already holds (the finding of the same name, refused before it is written)
  'duplicate_claim',
  'invalid_document_name',
  // table headers, where core reads a table that is not a file (the add-in's Claims and Programs tables)
  'duplicate_header',
  'missing_column',
  // a document taken off a claim that does not hold it
  'document_not_attached',
  // a stored setting outside what core accepts (a fiscal-year start month that is not 1–12)
  'invalid_setting',
] as const;

/** What the reconciliation reports about earnings, pools, claims and payments (docs/RULES.md). */
export const FINDING_CODES = [
  'duplicate_earning',
  'conflicting_duplicate',
  'earning_updated',
  'earning_restated',
  'split_mismatch',
  'unknown_program',
  'unknown_earning_type',
  'missing_usd_amount',
  'threshold_conversion_expected',
  'rollover_mismatch',
  'rollover_unmatched',
  ...CLAIM_RULE_CODES,
  'claim_paid_amount_mismatch',
  'claim_approved_unpaid',
  'claim_payment_unknown_claim',
  'duplicate_claim',
  'funds_expiring',
  'funds_forfeited',
  'payment_mismatch',
  'duplicate_payment',
  'rows_quarantined',
] as const;

/**
 * The findings said once per earnings row (or pair of rows), so that their number grows with the
 * exports: a million repeated rows are a million `duplicate_earning`s (docs/RULES.md, "Findings
 * one per row"). A report that lists findings one by one lists the first of each of these codes
 * and counts the rest; every other code is said once per pool, claim, payment, file or type.
 */
export const PER_ROW_FINDING_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'duplicate_earning',
  'conflicting_duplicate',
  'earning_restated',
  'split_mismatch',
  'missing_usd_amount',
]);

/** Whether findings of this code come one per earnings row (`PER_ROW_FINDING_CODES`). */
export function isPerRowFindingCode(code: string): code is FindingCode {
  return PER_ROW_FINDING_CODES.has(code as FindingCode);
}

/** What can be wrong with a file as a whole, its shape, or a row of it, before any rule runs. */
export const INPUT_CODES = [
  // files and folders
  'file_not_found',
  'read_failed',
  'unsupported_file',
  // zips
  'zip_corrupt',
  'zip_unsafe_path',
  'zip_too_large',
  'zip_too_many_entries',
  'zip_nested',
  // zips as the add-in reads them in the browser
  'zip_entry_not_csv',
  'zip_encrypted',
  'zip_unsupported',
  // a file or zip entry longer than the browser can hold as text (the add-in only: the batch job streams)
  'file_too_large',
  // text and table shape
  'invalid_encoding',
  'empty_file',
  'no_rows',
  'header_not_found',
  'missing_column',
  'duplicate_header',
  'malformed_csv',
  'parse_error',
  'unclosed_quote',
  'ragged_row',
  'record_too_large',
  // values
  'invalid_amount',
  'invalid_date',
  'invalid_currency',
  'missing_field',
  // a workbook given as a file (the batch job's `.xlsx` Claims or Programs): it cannot be opened,
  // it has no table or sheet of that name, or a cell holds a formula Excel never calculated
  'workbook_unreadable',
  'table_not_found',
  'formula_without_result',
] as const;

/**
 * Where an input problem was found, the one thing that changes its severity (docs/RULES.md,
 * "Severity of input problems"): `read`, a file taken to be read as an export (the user named it,
 * or a folder or zip holds it under an export's name); `beside`, a file a folder or zip holds
 * beside the exports under another name (a README, a subfolder), which is passed over.
 */
export type InputPlace = 'read' | 'beside';

/** Input problems stop a run or warn; they are never only information. */
export type InputSeverity = Exclude<Severity, 'info'>;

/**
 * The input codes that are warnings wherever they are found; every other input code is an error,
 * save those of `BESIDE_WARNINGS` found beside the exports. A warning loses nothing: a file with a
 * header and no rows holds no earnings, and an entry that is not an export is no export.
 */
const ALWAYS_WARNINGS: ReadonlySet<InputIssueCode> = new Set<InputIssueCode>(['no_rows', 'zip_entry_not_csv']);

/**
 * Codes that are errors for a file taken to be read and warnings for one found beside the exports:
 * a workbook the user named may hold the earnings the run needs, a `readme.pdf` in the folder does not.
 */
const BESIDE_WARNINGS: ReadonlySet<InputIssueCode> = new Set<InputIssueCode>(['unsupported_file']);

/**
 * The severity of an input problem, decided once for both adapters (docs/RULES.md, "Severity of
 * input problems"): an error rejects the batch job's run and the add-in's import of that file; a
 * warning is reported and the rest is read.
 */
export function inputSeverity(code: InputIssueCode, place: InputPlace = 'read'): InputSeverity {
  if (ALWAYS_WARNINGS.has(code)) return 'warning';
  if (place === 'beside' && BESIDE_WARNINGS.has(code)) return 'warning';
  return 'error';
}

/**
 * The input errors of one row (docs/RULES.md, "Severity of input problems"): that row is refused
 * and the rest of its file read. The batch job quarantines such a row with `--skip-bad-rows`, and
 * the add-in's import always leaves it out.
 */
const ROW_ERRORS: ReadonlySet<InputIssueCode> = new Set<InputIssueCode>([
  'malformed_csv',
  'ragged_row',
  'invalid_amount',
  'invalid_date',
  'invalid_currency',
  'missing_field',
]);

const INPUT_CODE_SET: ReadonlySet<string> = new Set<string>(INPUT_CODES);

/**
 * Whether an input problem is an error of the file as a whole: a quote never closed, a record past
 * the size cap, text that is not valid UTF-8, a header that lacks a column. Nothing of that file is
 * used, by either adapter: the batch job rejects the run, even with `--skip-bad-rows`, and the
 * add-in imports none of its rows, so a truncated download never passes for a whole one. A code
 * of a cell's value that is no input code (a claim's status, its documents) is the row's: core's
 * row reader refused that row alone.
 */
export function refusesWholeFile(code: InputIssueCode | IssueCode, place: InputPlace = 'read'): boolean {
  if (!INPUT_CODE_SET.has(code)) return false;
  return inputSeverity(code as InputIssueCode, place) === 'error' && !ROW_ERRORS.has(code as InputIssueCode);
}

export type IssueCode = (typeof ISSUE_CODES)[number];
export type FindingCode = (typeof FINDING_CODES)[number];
export type InputIssueCode = (typeof INPUT_CODES)[number];
/** Any code at all. */
export type Code = IssueCode | FindingCode | InputIssueCode;

/** The one severity scale, most severe first: of findings, of input problems, of what the pane shows. */
export const SEVERITIES = ['error', 'warning', 'info'] as const;

export type Severity = (typeof SEVERITIES)[number];

/** Whether text read back (a report's severity column) is a severity of the scale. */
export function isSeverity(text: string): text is Severity {
  return (SEVERITIES as readonly string[]).includes(text);
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };
