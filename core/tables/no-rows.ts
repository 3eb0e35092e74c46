/**
 * Whether a file with a header has no rows, which both adapters warn about (`no_rows`, a warning:
 * an empty month is fine; docs/RULES.md, "The file as a whole"): no record after the header,
 * neither one read nor one refused. The add-in's import keeps the warning in its log.
 */
export function hasNoRows(recordsRead: number, recordsRefused: number): boolean {
  return recordsRead === 0 && recordsRefused === 0;
}
