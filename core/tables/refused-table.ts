/**
 * Which tables stop a computation when core refuses them (docs/RULES.md, "A refused table"): the
 * Programs table (the policies every pool is judged by) and the Claims register (what every pool
 * has drawn). Computing without either would show balances the report never had, so neither
 * adapter computes: the batch job stops, the add-in computes nothing and says why.
 */
import type { TableHeader } from './table-header.js';

export type RefusedTable = 'Programs' | 'Claims';

/**
 * A header refuses its table as a whole when a required column is missing (no row can be read) or
 * a column is repeated (which of the two the team means cannot be known): the verdict of both
 * adapters on a Claims register and a Programs table, none of whose rows is then read.
 */
export function headerRefusesTable(header: TableHeader): boolean {
  return header.missing.length > 0 || header.repeats.length > 0;
}
