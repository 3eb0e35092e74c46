/**
 * What each of the co-op workbook's tables must have in its header, by the table's name, for both
 * adapters' readers of a sheet that stands for a table (`core/tables/table-location.ts` finds the
 * sheet and its header by them; docs/RULES.md, "Where a table is"). Kept beside the layout, not in
 * the table locator, which knows no table of its own.
 */
import type { ColumnRequirement } from './tables/header-row.js';
import { REQUIRED_EARNINGS_COLUMNS, REQUIRED_PROGRAMS_COLUMNS, TABLES } from './workbook-layout.js';
import { REQUIRED_CLAIMS_COLUMNS } from './claims/claim-row.js';
import { REQUIRED_PAYMENTS_COLUMNS } from './reconcile/payments-layout.js';
import { REQUIRED_IMPORT_LOG_COLUMNS } from './reconcile/import-log.js';

/**
 * The columns the header of each co-op table must have, by the layout's table name: what the header
 * search of a sheet standing for the table looks for (`sheetHeaderIndex`), so a title above the
 * header is passed over, and what an optional table's sheet must name one of
 * (`sheetHoldsOptionalTable`). One map for every reader of both adapters (docs/RULES.md, "Where a
 * table is"): the batch job's `--claims` and `--programs` workbooks, the add-in's ledger and its
 * import, which used to pass each its own list, or none.
 */
const SHEET_HEADER_COLUMNS: Readonly<Record<string, readonly ColumnRequirement[]>> = {
  [TABLES.earnings]: REQUIRED_EARNINGS_COLUMNS,
  [TABLES.programs]: REQUIRED_PROGRAMS_COLUMNS,
  [TABLES.claims]: REQUIRED_CLAIMS_COLUMNS,
  [TABLES.payments]: REQUIRED_PAYMENTS_COLUMNS,
  [TABLES.importLog]: REQUIRED_IMPORT_LOG_COLUMNS,
};

/**
 * The columns table `wanted`'s header must have (`SHEET_HEADER_COLUMNS`), its name in any case as
 * `locateTable` takes it; none for a table the add-in only writes (Balances, ClaimHistory), whose
 * sheet's first filled row is its header.
 */
export function sheetHeaderColumns(wanted: string): readonly ColumnRequirement[] {
  const key = wanted.toLowerCase();
  const name = Object.keys(SHEET_HEADER_COLUMNS).find((n) => n.toLowerCase() === key);
  return name === undefined ? [] : SHEET_HEADER_COLUMNS[name]!;
}

