/**
 * Which Partner Center report a file is, told by its header (docs/RULES.md, "Payments report"):
 * the add-in's import takes both kinds from one file picker, as the batch job takes them from
 * `--earnings` and `--payments`. A header with every required column of the earnings export is an
 * earnings export; else one with every required column of the Payments report is a Payments
 * report; else it is read as an earnings export, whose missing columns are then its problem (the
 * import's files were exports before it read Payments reports, and say so as before).
 */
import type { ColumnRequirement } from '../tables/header-row.js';
import { REQUIRED_EARNINGS_COLUMNS } from '../workbook-layout.js';
import { REQUIRED_PAYMENTS_COLUMNS } from './payments-layout.js';

export type ExportKind = 'earnings' | 'payments';

/** The kinds in the order a header is tried, each with the columns its header must have. */
export const EXPORT_KINDS: readonly { readonly kind: ExportKind; readonly required: readonly ColumnRequirement[] }[] = [
  { kind: 'earnings', required: REQUIRED_EARNINGS_COLUMNS },
  { kind: 'payments', required: REQUIRED_PAYMENTS_COLUMNS },
];

/** The kind read when no line is either kind's header: the earnings export, whose problem the file then has. */
export const DEFAULT_EXPORT_KIND: ExportKind = 'earnings';
