/**
 * Formula injection (CWE-1236): text that a spreadsheet would run as a formula when a CSV is opened
 * (core's `opensFormula`: a leading `=`, `+`, `-`, `@`, tab or CR; docs/RULES.md, "Formula
 * injection") is guarded here by a quote prefix. Every TEXT cell this
 * project writes goes through `neutraliseFormula`; numbers, amounts and dates never do, so a
 * negative amount stays `-12.50`.
 *
 * The choice: prefix a single quote `'`, the OWASP recommendation, in CSV AND in XLSX.
 * - CSV has no cell types, so the quote is the only thing that stops a spreadsheet evaluating.
 * - In XLSX we write a string cell, which Excel never evaluates anyway; we still write the same
 *   quoted text so that (a) the CSV and the XLSX of one run show the same characters (golden
 *   tests and finance staff can compare them), and (b) a user who presses F2 + Enter on the cell,
 *   or saves the sheet back as CSV, does not revive the formula (Excel reads a typed leading `'`
 *   as "this is text").
 *
 * The prefix is reversible: a text that already starts with quotes followed by a trigger gets one
 * more, so `restoreNeutralisedText(neutraliseFormula(t)) === t` for every `t` (the CSV round trip
 * the previous-run reader relies on), and a value that genuinely starts with `'=` survives.
 */
import { opensFormula } from '../../core/text/formula-trigger.js';

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
