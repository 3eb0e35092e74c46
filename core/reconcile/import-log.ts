/**
 * The import log (docs/RULES.md, "Import log"): what the add-in's import read and did not append
 * as a row of its own, kept in the workbook so that the workbook's findings say it on every
 * recalculation, as the batch job's findings say it on every run over the same downloads. The
 * batch job reads every download each run and finds each repeat again; the workbook holds each
 * earning once, so the import is the only moment a repeat, an update or a restatement is seen.
 *
 * Which rows are repeats, updates or restatements is core's duplicate decision (`importOutcome`),
 * and which cannot be read core's acceptance rule; this file says how an import counts them
 * (`ImportLogTally`), how a log row is written and read back, and what it comes to (`importLogFindings`).
 */
import { parseDate, type IsoDate } from '../calendar/calendar-date.js';
import { inputSeverity, type Severity } from '../codes.js';
import { fail, issue, ok, type Issue, type Result } from '../issues.js';
import type { Finding } from './finding.js';
import type { ImportOutcome, SkipCode } from './import-action.js';
import type { RowLocation } from './earning-record.js';
import { wholeNumberFromOne } from '../text/whole-number.js';
import { zipEntrySourceName, zipRefusedWhole, type ZipProblemCode } from '../tables/zip-entries.js';

/**
 * The codes an import logs: those of the batch job's findings on rows that are not counted as they
 * are read, `rows_quarantined` for rows core cannot read, which the import leaves out as the batch
 * job leaves them out with `--skip-bad-rows`, `duplicate_payment` for a Payments row that repeats
 * a payment of its own report, and `no_rows` for a download with a header and no row and
 * `zip_entry_not_csv` for a zip's entry that is no export, which the batch job warns about on
 * every run.
 */
export type ImportLogCode = SkipCode | 'duplicate_payment' | 'rows_quarantined' | 'no_rows' | 'zip_entry_not_csv';

export const IMPORT_LOG_CODES: readonly ImportLogCode[] = ['duplicate_earning', 'earning_updated', 'earning_restated', 'duplicate_payment', 'rows_quarantined', 'no_rows', 'zip_entry_not_csv'];

/**
 * The severity of each logged code, which the findings of that code have wherever they are found
 * (in the downloads the batch job reads, or in the log): a repeat and a restatement (it moves
 * thresholds) are warnings, an update of payment or descriptive fields is information, a payment a
 * report states twice is a warning (which row the check reads is the report's last, not a fact),
 * rows left out are an error, since every total lacks them, and a download without rows and a
 * zip entry that is no export are the warnings every input problem of their code is.
 */
export const IMPORT_LOG_SEVERITY: Readonly<Record<ImportLogCode, Severity>> = {
  duplicate_earning: 'warning',
  earning_updated: 'info',
  earning_restated: 'warning',
  duplicate_payment: 'warning',
  rows_quarantined: 'error',
  no_rows: inputSeverity('no_rows'),
  zip_entry_not_csv: inputSeverity('zip_entry_not_csv'),
};

/**
 * What one import logs of one download and code: `count` rows read and not appended as rows of
 * their own, the first at `line` with `earningId` ('' for a row that could not be read). An
 * identical repeat (`duplicate_earning`), a row whose earning another download's version updated
 * or restated (the row was skipped, an older download's version, or rewrote the version held, a
 * newer download's: both are one update, as the batch job counts one per row in both cases), a
 * Payments row whose paymentId a row above it in the same report has (`duplicate_payment`), a
 * row core refused (`rows_quarantined`), a download with no row (`no_rows`, at its header), or a
 * zip's entry that is no export (`zip_entry_not_csv`, named `zip!entry`, no line).
 */
export interface ImportLogCount {
  readonly file: string;
  readonly code: ImportLogCode;
  readonly count: number;
  readonly line: number;
  readonly earningId: string;
}

/** A row of the import log: a count, and the day of the import that made it. */
export interface ImportLogEntry extends ImportLogCount {
  /** The day the import ran (the adapter's clock; core has none); null where a hand cleared the cell. */
  readonly importedOn: IsoDate | null;
}

/**
 * The log rows of one import, as the rows come (`note`), in the order first met: repeats, updates
 * and rows left out counted per download and code (importing a 100,000-row download twice adds one
 * row, not 100,000), a restatement one row per earning, as the batch job says each (a USD amount
 * that moved moves a threshold).
 */
export class ImportLogTally {
  private readonly counts: { -readonly [K in keyof ImportLogCount]: ImportLogCount[K] }[] = [];
  /** The open count of each grouped code, by download. */
  private readonly open: Record<Exclude<ImportLogCode, 'earning_restated'>, Map<string, { count: number }>> = {
    duplicate_earning: new Map(),
    earning_updated: new Map(),
    duplicate_payment: new Map(),
    rows_quarantined: new Map(),
    no_rows: new Map(),
    zip_entry_not_csv: new Map(),
  };

  /** `rows` rows of `file` from `line` on (one, but for rows left out: `noteLeftOut`). */
  note(file: string, line: number, earningId: string, code: ImportLogCode, rows = 1): void {
    if (code !== 'earning_restated') {
      const open = this.open[code].get(file);
      if (open !== undefined) {
        open.count += rows;
        return;
      }
    }
    const count = { file, code, count: rows, line, earningId };
    this.counts.push(count);
    if (code !== 'earning_restated') this.open[code].set(file, count);
  }

  /**
   * A file's rows left out (`rows_quarantined`), given the lines of its refused rows' problems
   * (a row with two problems is one row): the rows refused in a file whose other rows are imported,
   * as the batch job leaves them out with --skip-bad-rows, from the first such line. A file refused
   * as a whole logs nothing: nothing of it is imported, the import says so, and the batch job
   * stops on it.
   */
  noteLeftOut(file: string, refusedWhole: boolean, lines: readonly number[]): void {
    if (refusedWhole || lines.length === 0) return;
    const rows = new Set(lines);
    let first = Number.POSITIVE_INFINITY;
    for (const line of rows) first = Math.min(first, line);
    this.note(file, first, '', 'rows_quarantined', rows.size);
  }

  /**
   * A warning about a file the import reads (`no_rows` at its header's line): logged when its code
   * is one the log keeps, as the batch job says it among its findings on every run.
   */
  noteWarning(file: string, line: number, code: string): void {
    if (code === 'no_rows') this.note(file, line, '', code);
  }

  /**
   * The entries of the zips an import read that it did not read as exports, each with the code
   * core gave it (`zipEntryDecision`): each entry that is no export is one log row under the name
   * the batch job's warning on it gives it (`zipEntrySourceName`: `zip!entry`), as the batch job
   * warns of each on every run, so the two name the same entry alike. A zip refused whole
   * (`zipRefusedWhole`) logs nothing: nothing of it is imported, the import says so, and the batch
   * job stops on it.
   */
  noteZipEntries(skipped: readonly { readonly file: string; readonly entry: string; readonly code: ZipProblemCode }[]): void {
    const byZip = new Map<string, { readonly entry: string; readonly code: ZipProblemCode }[]>();
    for (const { file, entry, code } of skipped) {
      const entries = byZip.get(file);
      if (entries === undefined) byZip.set(file, [{ entry, code }]);
      else entries.push({ entry, code });
    }
    for (const [zip, entries] of byZip) {
      if (zipRefusedWhole(entries.map((e) => e.code))) continue;
      for (const { entry, code } of entries) if (code === 'zip_entry_not_csv') this.note(zipEntrySourceName(zip, entry), 0, '', code);
    }
  }

  /** The log rows so far. */
  entries(): ImportLogCount[] {
    return this.counts.map((c) => ({ ...c }));
  }
}

/**
 * The code an import logs a row under, by what importing it does (`importOutcome`): a skipped row
 * the code the batch job's finding on it carries, a rewrite an update or restatement; null for a
 * row appended, the first version of its earningId or a conflict, which the Earnings table shows
 * by itself (`conflicting_duplicate`), and for the first version written over a row core could
 * not read (`replaced`): to the ledger it is the earning's first version, and the problem that
 * named the row is gone with the row's old cells.
 */
export function importLogCode(outcome: ImportOutcome): ImportLogCode | null {
  if (outcome.action === 'skip') return outcome.code;
  if (outcome.action === 'rewrite' && outcome.kind !== 'replaced') return outcome.kind === 'restated' ? 'earning_restated' : 'earning_updated';
  return null;
}

/** The findings the log's rows come to, each at its row of the log (`at`), where the user finds and may delete it. */
export function importLogFindings(rows: readonly { readonly entry: ImportLogEntry; readonly at: RowLocation }[]): Finding[] {
  return rows.map(({ entry, at }) => ({
    severity: IMPORT_LOG_SEVERITY[entry.code],
    code: entry.code,
    message: importLogMessage(entry),
    file: at.file,
    line: at.line,
    ...(entry.earningId === '' ? {} : { earningId: entry.earningId }),
    expected: entry.line === 0 ? entry.file : `${entry.file}:${entry.line}`,
    actual: String(entry.count),
  }));
}

function importLogMessage({ code, count, file, line, importedOn }: ImportLogEntry): string {
  // A line cleared by hand is no line: the row still says how many rows of which download.
  const where = line === 0 ? '' : count === 1 ? ` (line ${line})` : ` (the first on line ${line})`;
  const rows = `${count === 1 ? '1 row' : `${count} rows`} of ${file}${where}`;
  const on = importedOn === null ? '' : `, imported on ${importedOn}`;
  if (code === 'duplicate_earning') return `${rows} repeated an earning already read with identical content${on}; counted once`;
  if (code === 'duplicate_payment') return `${rows} stated a payment again that a row above in the same report states${on}: a report states each payment once; its last row is the one checked`;
  if (code === 'no_rows') return `${file} has a header and no row${on}: check that the download is complete`;
  // An entry is logged by its own name (`zip!entry`); a count past one is a row logged per zip by an
  // older import, or edited by hand.
  if (code === 'zip_entry_not_csv') return `${count === 1 ? file : `${count} entries of ${file}`} ${count === 1 ? 'is' : 'are'} not a CSV or TSV file and ${count === 1 ? 'was' : 'were'} not read${on}: only the exports in a zip are imported`;
  if (code === 'rows_quarantined') return `${rows} could not be read and ${count === 1 ? 'was' : 'were'} not imported${on}: every total lacks ${count === 1 ? 'it' : 'them'}; import the corrected download, then delete this row of the log`;
  if (code === 'earning_updated') return `${rows} updated an earning's payment, descriptive fields or exchange rate${on}; the newer download's version is used`;
  return `${rows} restated an earning's earningAmountUSD or exchange rate${on}; the newer download's version is used`;
}

/** A log row as text by column (`IMPORT_LOG_COLUMNS`), as the adapter writes it and `readImportLogRow` reads it back. */
export function importLogEntryToRow(entry: ImportLogEntry): Record<string, string> {
  return {
    importedOn: entry.importedOn ?? '',
    file: entry.file,
    code: entry.code,
    count: String(entry.count),
    line: entry.line === 0 ? '' : String(entry.line),
    earningId: entry.earningId,
  };
}

/** The columns a log row must fill: without them it says nothing core can count. */
export const REQUIRED_IMPORT_LOG_COLUMNS = ['file', 'code', 'count'] as const;

/**
 * What an import does about the log's columns its rows fill and the table lacks (`missing`), the
 * team having deleted them (docs/RULES.md, "Import log"): a value is never dropped for want of its
 * column, so the others (`line`, `earningId`, `importedOn`) are added back (`add`); a required
 * one missing (`refuse`) refuses the import, as the ledger cannot read the log without it, and the
 * team mends the table.
 */
export function missingLogColumns(missing: readonly string[]): { readonly add: string[]; readonly refuse: string[] } {
  const required = new Set<string>(REQUIRED_IMPORT_LOG_COLUMNS);
  return { add: missing.filter((c) => !required.has(c)), refuse: missing.filter((c) => required.has(c)) };
}

/**
 * A log row from its cells as text by column (`importedOn` as `yyyy-MM-dd`): every problem core
 * finds in what it counts (`file`, `code`, `count`), each in its column, so a row edited by hand
 * into something else is never counted as something it does not say.
 */
export function readImportLogRow(record: Readonly<Record<string, string>>): Result<ImportLogEntry> {
  const issues: Issue[] = [];
  const text = (column: string) => (record[column] ?? '').trim();
  for (const column of REQUIRED_IMPORT_LOG_COLUMNS) if (text(column) === '') issues.push(issue('missing_field', [column]));
  const code = text('code');
  if (code !== '' && !(IMPORT_LOG_CODES as readonly string[]).includes(code)) {
    issues.push(issue('invalid_type', ['code'], code, { expected: IMPORT_LOG_CODES.join(', ') }));
  }
  const count = wholeNumberFromOne(text('count'));
  if (text('count') !== '' && count === null) issues.push(issue('invalid_type', ['count'], text('count'), { expected: 'a whole number from 1' }));
  if (issues.length > 0) return fail(...issues);
  // Where and when say less than what and how many: a line or date edited into something that is
  // none reads as cleared, and the row still counts.
  const date = parseDate(text('importedOn'));
  return ok({
    importedOn: date.ok ? date.value : null,
    file: text('file'),
    code: code as ImportLogCode,
    count: count!,
    line: wholeNumberFromOne(text('line')) ?? 0,
    earningId: text('earningId'),
  });
}
