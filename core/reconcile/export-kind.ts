/**
 * Which Partner Center report a file is, told by its header (docs/RULES.md, "Payments report"):
 * the add-in's import takes both kinds from one file picker, as the batch job takes them from
 * `--earnings` and `--payments`.
 */
import type { ColumnRequirement, HeaderSearch } from '../tables/header-row.js';
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

/**
 * The kind of a file, from core's header search for each kind over its first lines (`searches`, in
 * `EXPORT_KINDS` order): the first kind whose header is found; else the kind whose closest line
 * lacks the fewest of its required columns, so that a Payments report without `earned` is told it
 * lacks `earned`, not the earnings export's columns; on a tie, or with no line close to any, an
 * earnings export, as the import said before it read Payments reports.
 */
export function exportKindOf(searches: readonly { readonly kind: ExportKind; readonly search: HeaderSearch }[]): ExportKind {
  const found = searches.find((s) => s.search.found !== null);
  if (found) return found.kind;
  let best: { kind: ExportKind; missing: number } | null = null;
  for (const { kind, search } of searches) {
    const missing = search.closest?.missing.length;
    if (missing !== undefined && (best === null || missing < best.missing)) best = { kind, missing };
  }
  return best?.kind ?? DEFAULT_EXPORT_KIND;
}
