/**
 * Which text a spreadsheet would run as a formula (CWE-1236), decided once for both adapters
 * (docs/RULES.md, "Formula injection"): text that starts with `=`, `+`, `-` or `@` is evaluated
 * by Excel, LibreOffice and Google Sheets, and a leading tab or carriage return can hide such a
 * character from a reviewer while some importers strip it. The batch job's reports guard such
 * text with a quote prefix that their reader undoes (neutralise-formula.ts, beside this); the
 * add-in puts Excel's quote prefix on a cell it writes.
 */

/** The characters that make a cell's text a formula (or hide one) when they come first. */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];

const TRIGGER_CODES: ReadonlySet<number> = new Set(FORMULA_TRIGGERS.map((c) => c.charCodeAt(0)));

/**
 * Whether the character at `at` (the first by default) is a formula trigger: text that needs
 * guarding when written where a spreadsheet reads it. `at` lets a caller look past a prefix of its
 * own (the batch job's quotes).
 */
export function opensFormula(text: string, at = 0): boolean {
  return at < text.length && TRIGGER_CODES.has(text.charCodeAt(at));
}
