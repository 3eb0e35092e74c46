import { inputSeverity, type InputIssueCode, type InputPlace, type InputSeverity } from '../../core/codes.js';

/**
 * Everything the batch job's input layer can find wrong with a file, as a value. Codes are part of
 * the public contract (input-errors.csv, the bad-input corpus; the list is core/codes.ts) and never
 * change; `message` and `hint` are for people and may.
 */
export type { InputIssueCode, InputSeverity };

export interface InputIssue {
  readonly severity: InputSeverity;
  readonly code: InputIssueCode;
  /** The source's name, e.g. `exports/jan.zip!Earnings_2021-01.csv`. */
  readonly file: string;
  /** Physical line in the file, 1-based (a quoted field with newlines spans several). */
  readonly line?: number;
  /** Column, 1-based, and its header name as written in the file, when known. */
  readonly column?: number;
  readonly columnName?: string;
  /** The offending text, verbatim (a cell, a header line, a zip entry name). */
  readonly raw?: string;
  readonly message: string;
  /** What the person who owns the file can do about it. */
  readonly hint: string;
  /** Numbers and values that explain the problem (`expected`, `actual`, `missing`, `reason`, ...). */
  readonly params?: Readonly<Record<string, string>>;
}

type IssueFields = Omit<InputIssue, 'severity' | 'code'>;

/**
 * An input problem at core's severity for its code and where it was found (docs/RULES.md,
 * "Severity of input problems"); `place` is `beside` only for a file a folder or zip holds beside
 * the exports under another name.
 */
export function inputIssue(code: InputIssueCode, fields: IssueFields, place: InputPlace = 'read'): InputIssue {
  return { severity: inputSeverity(code, place), code, ...fields };
}

/**
 * Carries an issue through a stream or a generator, where returning a value is not possible (a zip
 * entry that inflates past its cap, bytes that are not UTF-8). Readers catch it and report the issue.
 */
export class InputIssueError extends Error {
  readonly issue: InputIssue;

  constructor(issue: InputIssue) {
    super(`${issue.file}${issue.line === undefined ? '' : `:${issue.line}`}: ${issue.message}`);
    this.name = 'InputIssueError';
    this.issue = issue;
  }
}

/** Keeps long raw text (a 10,000-column header, a 200 MB field) readable in a report. */
export function clip(text: string, max = 500): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
