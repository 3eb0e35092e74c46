/**
 * Which tables stop a computation when core refuses them (docs/RULES.md, "A refused table"): the
 * Programs table (the policies every pool is judged by), the Earnings (what every pool holds) and
 * the Claims register (what every pool has drawn), and the Payments table (what the payments check
 * compares). Computing without any of them would show balances or findings the report never had, so neither adapter computes: the batch job stops, the add-in
 * computes nothing, keeps its Balances table as it was and says why.
 */
import type { TableHeader } from './table-header.js';
import type { TABLES } from '../workbook-layout.js';

export type RefusedTable = (typeof TABLES)['programs' | 'earnings' | 'claims' | 'payments'];

/**
 * A header refuses its table as a whole when a required column is missing (no row can be read) or
 * a column is repeated (which of the two the team means cannot be known): the verdict of both
 * adapters on a Claims register, a Programs table, and an export or the Earnings table, none of
 * whose rows is then read.
 */
export function headerRefusesTable(header: TableHeader): boolean {
  return header.missing.length > 0 || header.repeats.length > 0;
}
