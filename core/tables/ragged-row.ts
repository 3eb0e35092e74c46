/**
 * When a record of an export has the wrong number of cells, for both adapters (docs/RULES.md,
 * "Ragged rows"): the batch job's reader and the add-in's import refuse it with the same problem,
 * at the same column.
 *
 * A record must have exactly the header's number of cells, one short or one over alike, an empty
 * cell over too. A delimiter added or lost anywhere in a row moves every cell after it one column,
 * and such a row can end in an empty cell as well as a row with a stray delimiter at its end;
 * reading either would put an amount under another column without a word. So the row is refused,
 * on its line, and the user mends it.
 */
import { inputSeverity, type InputSeverity } from '../codes.js';

/** A record of the wrong width, as a problem: what both adapters report. */
export interface RaggedRow {
  readonly code: 'ragged_row';
  readonly severity: InputSeverity;
  /**
   * 1-based: for a short record the first column it has no cell for, for a long one the first cell
   * past the header's last column (no header names it).
   */
  readonly column: number;
  /** The record's number of cells, as text (the problem's input). */
  readonly input: string;
  /** The header's number of cells, as text. */
  readonly expected: string;
}

/** The problem of a record of `cells` cells under a header of `width`, or null when the widths agree. */
export function raggedRow(cells: number, width: number): RaggedRow | null {
  if (cells === width) return null;
  return { code: 'ragged_row', severity: inputSeverity('ragged_row'), column: Math.min(cells, width) + 1, input: String(cells), expected: String(width) };
}
