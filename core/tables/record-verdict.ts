/**
 * What a record after an export's header is reported as, for both adapters (docs/RULES.md, "The
 * file as a whole", "Blank rows", "Ragged rows"): a record may have more than one thing wrong with
 * it, and which one is said decides whether the file is read on, whether the row is refused, and
 * on which line. The batch job's reader and the add-in's import find what they find with their own
 * CSV parsers; which of it counts, in which order, is decided here.
 */

/** What a reader found in one record after the header. */
export interface RecordFindings {
  /** A quote still open where the text ends: the rest of the file is in this record. */
  readonly unclosedQuote: boolean;
  /** Text after a closing quote (papaparse's `InvalidQuotes`). */
  readonly invalidQuote: boolean;
  /** Every cell empty once trimmed (`isBlankRow`). */
  readonly blank: boolean;
  /** The record's number of cells, and the header's. */
  readonly cells: number;
  readonly width: number;
}

/**
 * A row to read; a blank row, skipped; or the code of the one problem the record is reported with
 * (`unclosed_quote` refuses the file, `malformed_csv` and `ragged_row` the row).
 */
export type RecordVerdict = 'row' | 'blank' | 'unclosed_quote' | 'malformed_csv' | 'ragged_row';

/**
 * The order, first match wins:
 * - a quote never closed, blank or not: it swallowed the rest of the file, and what looked like
 *   text after a closing quote was the start of it;
 * - a blank row holds nothing, so it is skipped whatever its quotes or width (`"" ,,` is blank);
 * - text after a closing quote: the cells cannot be trusted, so neither can their number;
 * - the wrong number of cells (`raggedRow` gives its column and numbers);
 * - else a row, whose cells are then read.
 */
export function recordVerdict(found: RecordFindings): RecordVerdict {
  if (found.unclosedQuote) return 'unclosed_quote';
  if (found.blank) return 'blank';
  if (found.invalidQuote) return 'malformed_csv';
  if (found.cells !== found.width) return 'ragged_row';
  return 'row';
}
