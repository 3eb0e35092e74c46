/**
 * How the batch job's reports guard text against formula injection (CWE-1236), and how they are
 * read back (docs/RULES.md, "Formula injection"): text that a spreadsheet would run as a formula
 * (`opensFormula`: a leading `=`, `+`, `-`, `@`, tab or CR) gets a quote prefix. The rule and its
 * inverse live together here, in core, so that the writer and the previous-run reader cannot
 * drift apart: every TEXT cell the batch job writes goes through `neutraliseFormula`; numbers,
 * amounts and dates never do, so a negative amount stays `-12.50`.
 *
 * The choice: prefix a single quote `'`, the OWASP recommendation, in CSV AND in XLSX.
 * - CSV has no cell types, so the quote is the only thing that stops a spreadsheet evaluating.
 * - In XLSX the batch job writes a string cell, which Excel never evaluates anyway; it still writes
 *   the same quoted text so that (a) the CSV and the XLSX of one run show the same characters
 *   (golden tests and finance staff can compare them), and (b) a user who presses F2 + Enter on the
 *   cell, or saves the sheet back as CSV, does not revive the formula (Excel reads a typed leading
 *   `'` as "this is text").
 *
 * The prefix is reversible: a text that already starts with quotes followed by a trigger gets one
 * more, so `restoreNeutralisedText(neutraliseFormula(t)) === t` for every `t` (the CSV round trip
 * the previous-run reader relies on), and a value that genuinely starts with `'=` survives.
 */
import { opensFormula } from './formula-trigger.js';

/** How many quotes `text` starts with. */
function leadingQuotes(text: string): number {
  let n = 0;
  while (text.charCodeAt(n) === 39) n++;
  return n;
}

/** `=1+1` → `'=1+1`, `-12.50` (as text) → `'-12.50`; anything else unchanged. The triggers are core's (`opensFormula`). */
export function neutraliseFormula(text: string): string {
  return opensFormula(text, leadingQuotes(text)) ? `'${text}` : text;
}

/** The inverse of `neutraliseFormula`, for reading back files this project wrote. */
export function restoreNeutralisedText(text: string): string {
  const quotes = leadingQuotes(text);
  return quotes > 0 && opensFormula(text, quotes) ? text.slice(1) : text;
}
