import { parseDate, type IsoDate } from '../calendar/calendar-date.js';
import type { InputIssueCode } from '../codes.js';
import { Dec, ZERO } from '../money/decimal.js';
import { columnKind, type ColumnKind, type ColumnSpec } from '../workbook-layout.js';

/**
 * How a cell of a report this project wrote is read back by the next run (docs/RULES.md, "Changes
 * since the previous run"): by its column's kind in the report's one column list, as the batch job
 * writes that kind, so that what a run wrote reads back as what it compared.
 * - `amount`: a plain decimal (`-1234.50`), with the CSV dialect's decimal mark, never grouped;
 * - `date`: `yyyy-MM-dd`;
 * - `boolean`: `true` or `false`;
 * - `integer`: digits;
 * - `text`: as written (the adapter has taken off the quote that guards it against formula injection).
 */

/** Why a cell of a previous report cannot be read back: a damaged set, which rejects the run. */
export type ReportCellCode = Extract<InputIssueCode, 'invalid_amount' | 'invalid_date' | 'missing_field' | 'malformed_csv'>;

export interface ReportCellProblem {
  readonly code: ReportCellCode;
  readonly column: string;
  /** The cell as written. */
  readonly raw: string;
}

/** The cells of one record of a previous report, each read by its column's kind. */
export interface ReportCells {
  text(column: string): string;
  /** An amount that must be there (an empty cell is `missing_field`). */
  amount(column: string): Dec;
  /** An amount that may be empty (null). */
  optionalAmount(column: string): Dec | null;
  date(column: string): IsoDate;
  boolean(column: string): boolean;
  /** A count that may be empty (null). */
  optionalInteger(column: string): number | null;
  /** A text that must be one of `values`. */
  oneOf<T extends string>(column: string, values: readonly T[]): T;
}

const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DIGITS = /^\d+$/;

/**
 * The cells of `record` (cell text by column name; an absent column reads as empty) as `columns`
 * types them. A bad cell is added to `problems` and reads as a stand-in value, so that every bad
 * cell of a record is told at once; a record with a problem is not to be used. Reading a column
 * as another kind than its list gives it, or a column the list lacks, is a programming error and
 * throws: the reading cannot drift from the columns written.
 */
export function reportCells(columns: readonly ColumnSpec[], record: Readonly<Record<string, string>>, decimalMark: '.' | ',', problems: ReportCellProblem[]): ReportCells {
  const cell = (column: string, kinds: readonly ColumnKind[]): string => {
    const kind = columnKind(columns, column);
    if (kind === undefined || !kinds.includes(kind)) throw new TypeError(`column ${column} is not read as ${kinds.join(' or ')} (it is ${kind ?? 'not a column of the report'})`);
    return record[column] ?? '';
  };
  const bad = <T>(code: ReportCellCode, column: string, raw: string, standIn: T): T => {
    problems.push({ code, column, raw });
    return standIn;
  };
  const amount = (column: string, required: boolean): Dec | null => {
    const raw = cell(column, ['amount', 'amountUSD']);
    if (raw === '') return required ? bad('missing_field', column, raw, ZERO) : null;
    const plain = decimalMark === ',' ? raw.replace(',', '.') : raw;
    return PLAIN_DECIMAL.test(plain) ? new Dec(plain) : bad('invalid_amount', column, raw, ZERO);
  };
  return {
    text: (column) => cell(column, ['text']),
    amount: (column) => amount(column, true) ?? ZERO,
    optionalAmount: (column) => amount(column, false),
    date(column) {
      const raw = cell(column, ['date']);
      const parsed = parseDate(raw);
      return parsed.ok && ISO_DATE.test(raw) ? parsed.value : bad('invalid_date', column, raw, '1970-01-01' as IsoDate);
    },
    boolean(column) {
      const raw = cell(column, ['boolean']);
      return raw === 'true' || raw === 'false' ? raw === 'true' : bad('malformed_csv', column, raw, false);
    },
    optionalInteger(column) {
      const raw = cell(column, ['integer']);
      if (raw === '') return null;
      return DIGITS.test(raw) ? Number.parseInt(raw, 10) : bad('malformed_csv', column, raw, null);
    },
    oneOf(column, values) {
      const raw = cell(column, ['text']);
      return (values as readonly string[]).includes(raw) ? (raw as (typeof values)[number]) : bad('malformed_csv', column, raw, values[0]!);
    },
  };
}
