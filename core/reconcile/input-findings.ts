import type { InputIssueCode, Severity } from '../codes.js';
import type { Finding } from './finding.js';

/** An input problem as an adapter found it: where, which code, and its text for people. */
export interface InputProblem {
  readonly severity: Exclude<Severity, 'info'>;
  readonly code: InputIssueCode;
  /** The adapter's message (and hint), shown as the finding's message. */
  readonly message: string;
  readonly file: string;
  readonly line?: number;
}

export interface InputOutcome {
  /** Every input problem of a run that went on (errors on rows left out, warnings). */
  readonly problems: readonly InputProblem[];
  /** Rows left out because they could not be read (`--skip-bad-rows`), and where they were copied. */
  readonly quarantinedRows: number;
  readonly quarantinedTo: string;
}

/**
 * The findings a run's input adds to the reconciliation (docs/RULES.md, "Input that does not stop
 * the run"): each warning is a warning finding under its own code, at its place; rows left out
 * are one `rows_quarantined` error, with their count, because totals without them are incomplete.
 * The errors on those rows are not findings one by one: they are what was quarantined.
 */
export function inputFindings(input: InputOutcome): Finding[] {
  const findings: Finding[] = [];
  if (input.quarantinedRows > 0) {
    findings.push({
      severity: 'error',
      code: 'rows_quarantined',
      message: `${input.quarantinedRows} unparsable row(s) were left out and copied to ${input.quarantinedTo}`,
      actual: String(input.quarantinedRows),
    });
  }
  for (const p of input.problems) {
    if (p.severity !== 'warning') continue;
    findings.push({ severity: 'warning', code: p.code, message: p.message, file: p.file, ...(p.line ? { line: p.line } : {}) });
  }
  return findings;
}
