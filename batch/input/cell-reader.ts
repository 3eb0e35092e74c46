import type { Dec } from '../../core/money/decimal.js';
import { parseAmount, type NumberLocale } from '../../core/money/parse-amount.js';
import { parseDate, type IsoDate } from '../../core/calendar/calendar-date.js';
import { parseCurrency, type CurrencyCode } from '../../core/money/currency.js';
import type { Issue } from '../../core/issues.js';
import type { CsvColumn, CsvHeader } from './csv-header.js';
import type { RecordLocation } from './csv-records.js';
import { inputError, clip, type InputIssue } from './input-issue.js';

const AMOUNT_HINTS: Readonly<Record<string, string>> = {
  malformed_or_locale_formatted:
    'Write amounts invariantly (1234.56); if the file went through a European Excel, run with --number-locale (e.g. nl-NL).',
  ambiguous: 'The amount reads differently invariantly and in the number locale; write it without group separators (1234.56).',
};

/** What to do about a value core cannot read; shared with the earnings reader, whose rows core's acceptance rule checks. */
export function hintFor(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_amount':
      return AMOUNT_HINTS[issue.params?.['reason'] ?? ''] ?? 'Write the amount as a number such as 1234.56, -12.50 or (12.50).';
    case 'invalid_date':
      return 'Write dates as yyyy-MM-dd (2021-03-15) or M/d/yyyy (3/15/2021), and check that the day exists.';
    case 'invalid_currency':
      return 'Use the three-letter ISO 4217 code, such as EUR or USD.';
    default:
      return 'Correct the value in the file.';
  }
}

/** Column positions by record key, from a header, so value issues can name their column. */
export function columnsByKey(header: CsvHeader): Map<string, CsvColumn> {
  return new Map(header.columns.map((c) => [c.key, c]));
}

/**
 * Reads typed values out of one record with the core parsers, collecting a located issue (file,
 * line, column, raw cell) for every value that is missing or does not parse. Absent optional
 * columns read as empty.
 */
export class CellReader {
  readonly issues: InputIssue[] = [];

  constructor(
    private readonly record: Readonly<Record<string, string>>,
    private readonly location: RecordLocation,
    private readonly columns: ReadonlyMap<string, CsvColumn>,
    private readonly locale?: NumberLocale,
  ) {}

  private where(key: string): { file: string; line: number; column?: number; columnName?: string } {
    const column = this.columns.get(key);
    return { file: this.location.file, line: this.location.line, ...(column ? { column: column.index, columnName: column.name } : {}) };
  }

  private missing(key: string): null {
    this.issues.push(
      inputError('missing_value', {
        ...this.where(key),
        raw: this.record[key] ?? '',
        message: `${key} is empty.`,
        hint: `Every row needs a ${key}; download the export again or fill it in.`,
      }),
    );
    return null;
  }

  private invalid(key: string, issue: Issue): null {
    const raw = this.record[key] ?? '';
    this.issues.push(
      inputError(issue.code as 'invalid_amount' | 'invalid_date' | 'invalid_currency', {
        ...this.where(key),
        raw: clip(raw),
        message: `${key} "${clip(raw, 60)}" is not a valid ${issue.code.replace('invalid_', '')}.`,
        hint: hintFor(issue),
        ...(issue.params ? { params: issue.params } : {}),
      }),
    );
    return null;
  }

  /** Trimmed text; '' when the column is absent or empty (an issue if required). */
  text(key: string, required = false): string {
    const value = (this.record[key] ?? '').trim();
    if (value === '' && required) this.missing(key);
    return value;
  }

  /** The cell as written, untrimmed (pass-through columns). */
  verbatim(key: string): string {
    return this.record[key] ?? '';
  }

  amount(key: string, required = false): Dec | null {
    const value = this.text(key, required);
    if (value === '') return null;
    const r = parseAmount(value, this.locale ? { locale: this.locale } : {});
    return r.ok ? r.value : this.invalid(key, r.issues[0]!);
  }

  date(key: string, required = false): IsoDate | null {
    const value = this.text(key, required);
    if (value === '') return null;
    const r = parseDate(value);
    return r.ok ? r.value : this.invalid(key, r.issues[0]!);
  }

  currency(key: string, required = false): CurrencyCode | null {
    const value = this.text(key, required);
    if (value === '') return null;
    const r = parseCurrency(value);
    return r.ok ? r.value : this.invalid(key, r.issues[0]!);
  }

  get failed(): boolean {
    return this.issues.some((i) => i.severity === 'error');
  }
}
