/**
 * Formula injection (CWE-1236): a text cell that starts with `=`, `+`, `-` or `@` is run as a
 * formula by Excel, LibreOffice and Google Sheets when a CSV is opened, and a leading tab or CR
 * can hide such a character from a reviewer while some importers strip it. Every TEXT cell this
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

/** Characters that make a spreadsheet treat a leading cell text as a formula (or hide one). */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];

const NEEDS_PREFIX = /^'*[=+\-@\t\r]/;
const PREFIXED = /^'+[=+\-@\t\r]/;

/** `=1+1` → `'=1+1`, `-12.50` (as text) → `'-12.50`; anything else unchanged. */
export function neutraliseFormula(text: string): string {
  return NEEDS_PREFIX.test(text) ? `'${text}` : text;
}

/** The inverse of `neutraliseFormula`, for reading back files this project wrote. */
export function restoreNeutralisedText(text: string): string {
  return PREFIXED.test(text) ? text.slice(1) : text;
}
