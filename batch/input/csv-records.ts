import Papa from 'papaparse';
import type { Readable } from 'node:stream';
import type { InputSource } from './input-source.js';
import { InputIssueError, inputIssue, clip, type InputIssue } from './input-issue.js';
import { decodeText, type TextEncodingName } from './decode-text.js';
import { canonicalNames, describeRequirement, headerColumns, type ColumnRequirement, type CsvHeader, type Delimiter } from './csv-header.js';
import { headerProblem, searchesAnyLine, seeHeaderLine, startHeaderSearch, type HeaderSearch } from '../../core/tables/header-row.js';
import { EXPORT_KINDS, exportKindOf, type ExportKind } from '../../core/reconcile/export-kind.js';

/** The option of `coop-ledger reconcile` that reads each report. */
export const REPORT_OPTIONS: Readonly<Record<ExportKind, string>> = { earnings: '--earnings', payments: '--payments' };

/** How a message names each report. */
const REPORT_NAMES: Readonly<Record<ExportKind, { readonly one: string; readonly many: string }>> = {
  earnings: { one: 'an earnings export', many: 'earnings exports' },
  payments: { one: 'a Payments report', many: 'Payments reports' },
};
import { isBlankLine, isBlankRow, isBlankText } from '../../core/tables/blank-row.js';
import { hasNoRows } from '../../core/tables/no-rows.js';
import { delimiterCandidates } from '../../core/tables/export-files.js';
import { MAX_RECORD_CHARS, tooLargeRecordPlace } from '../../core/tables/record-size.js';
import { recordVerdict } from '../../core/tables/record-verdict.js';
import { raggedRow, type RaggedRow } from '../../core/tables/ragged-row.js';
import { contentEnd, lastCellText, lineBreakOf, lineBreaksIn, recordTextEnd, withLastLineEnded, type LineBreak } from '../../core/tables/line-breaks.js';
import { headerRecordAt, longSearchLine, type HeaderRecord, type LongSearchLine, type ReadFirstRecord } from '../../core/tables/header-record.js';

export interface RecordLocation {
  readonly file: string;
  /** Physical line the record starts on, 1-based. */
  readonly line: number;
}

export interface RejectedRow {
  readonly location: RecordLocation;
  /** The record's text exactly as in the file, without its line break (quarantine.csv copies it). */
  readonly raw: string;
  readonly issues: readonly InputIssue[];
}

export interface ReadCsvOptions {
  /** Columns that must be in the header; the header is the first line that has them all. */
  readonly required: readonly ColumnRequirement[];
  /** Further columns known by name: records key them by this spelling, whatever the file's casing. */
  readonly known?: readonly string[];
  /**
   * One record: known columns under their canonical names, the others under their header text.
   * Issues returned are reported; an error among them rejects the record (it goes to `onRejectedRow`).
   */
  onRecord?(record: Record<string, string>, location: RecordLocation): readonly InputIssue[] | void;
  /**
   * Instead of `onRecord`, for readers on the hot path: the record's cells by position (the
   * header's `columns` order), with no object built per record. The array is the parser's own:
   * read it during the call, do not keep it. Issues as for `onRecord`.
   */
  onFields?(fields: readonly string[], location: RecordLocation): readonly InputIssue[] | void;
  /**
   * With `onFields`: the columns (record keys) it reads. The cells of other columns may then be
   * given as '' instead of their text (which is not cut out of the line at all). All by default.
   */
  readonly reads?: readonly string[];
  onIssue(issue: InputIssue): void;
  onHeader?(header: CsvHeader): void;
  onRejectedRow?(row: RejectedRow): void;
  /** Lines that may hold the header: core's search depth unless the file is of our own making. */
  readonly headerSearchLines?: number;
  /**
   * The Partner Center report this option reads (`--earnings`, `--payments`): a file whose header
   * is not found is then also searched for the other reports' headers, and a file that is one of
   * them (core's `exportKindOf`) is told so, with the option that reads it.
   */
  readonly report?: { readonly kind: ExportKind; readonly options: Readonly<Record<ExportKind, string>> };
  readonly maxRecordChars?: number;
}

export interface CsvReadSummary {
  readonly file: string;
  readonly encoding?: TextEncodingName;
  readonly header?: CsvHeader;
  /** Records handed to `onRecord` and accepted. */
  readonly records: number;
  /** Records rejected (ragged, malformed, or refused by `onRecord`). */
  readonly rejected: number;
  readonly errors: number;
  readonly warnings: number;
  /** False when a problem stopped the reading before the end of the file. */
  readonly complete: boolean;
}


/** What `quotedRecord` returns when the text ends inside the record (more is coming). */
const NEED_MORE = -1;
/** What `quotedRecord` returns for a record papaparse must read (and report). */
const MALFORMED = -2;
const DOUBLED_QUOTES = /""/g;

const NO_ISSUES: readonly InputIssue[] = [];

interface PapaStep {
  readonly data: string[][];
  readonly errors: readonly { readonly code: string; readonly index?: number }[];
  readonly meta: { readonly cursor: number };
}

/**
 * Reads a delimited-text source record by record, in bounded memory: the header is found by name
 * within the first lines, every record is located by the physical line it starts on, and every
 * problem is reported as a located issue instead of thrown. Records stream out through
 * `onRecord` as they are parsed; nothing is collected.
 */
export async function readCsvRecords(source: InputSource, options: ReadCsvOptions): Promise<CsvReadSummary> {
  const reader = new TableReader(source.name, options);
  let stream: Readable;
  try {
    stream = await source.open();
  } catch (error) {
    reader.report(openFailure(source.name, error));
    return reader.summary(false);
  }
  try {
    const text = decodeText(stream, { file: source.name, onEncoding: (e) => (reader.encoding = e) });
    for await (const chunk of text) {
      if (!reader.push(chunk)) break;
    }
    if (!reader.stopped) reader.end();
  } catch (error) {
    if (error instanceof InputIssueError) reader.report(error.issue);
    else if (isSystemError(error)) reader.report(openFailure(source.name, error));
    else throw error;
    reader.stopped = true;
  } finally {
    stream.destroy();
  }
  return reader.summary(!reader.stopped);
}

function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && 'syscall' in error;
}

function openFailure(file: string, error: unknown): InputIssue {
  if (error instanceof InputIssueError) return error.issue;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return inputIssue('file_not_found', { file, message: 'The file does not exist.', hint: 'Check the path given on the command line.' });
  }
  return inputIssue('read_failed', {
    file,
    message: `The file could not be read${code ? ` (${code})` : ''}.`,
    hint: 'Check that the path is a readable file and not locked by another program.',
    ...(code ? { params: { reason: code } } : {}),
  });
}

/**
 * papaparse's first record of a text, as core's `headerRecordAt` reads a header candidate: split
 * at the file's line break as its rows are, so white space between a closing quote and the break
 * is read as in a row, and in a file of carriage returns a line feed is a character of its cell.
 */
const readFirstRecord: ReadFirstRecord = (text, delimiter, newline) => {
  const parsed = Papa.parse<string[]>(text, { delimiter, header: false, fastMode: false, newline, preview: 1 });
  // papaparse's index is just after the quote.
  const open = parsed.errors.find((e) => e.code === 'MissingQuotes');
  return { cells: parsed.data[0] ?? [], end: parsed.meta.cursor, openQuote: open === undefined ? null : (open.index ?? 1) - 1 };
};

class TableReader {
  encoding: TextEncodingName | undefined;
  stopped = false;
  private header: CsvHeader | undefined;
  private records = 0;
  private rejected = 0;
  private errors = 0;
  private warnings = 0;

  private readonly canonical: Map<string, string>;
  private readonly maxRecordChars: number;

  // Header search: text so far, the next unread position in it and the line number there; core's
  // search over the lines looked at, and the text of its closest line (for the problem's `raw`).
  private pre = '';
  private prePos = 0;
  private preLine = 1;
  private sawContent = false;
  private search: HeaderSearch;
  /** Every report kind's header search, when the caller names its report (`report`). */
  private kindSearches: { kind: ExportKind; search: HeaderSearch }[];
  private closestRaw = '';
  private newline: LineBreak | undefined;

  // Rows: the unparsed end of the text (an incomplete record) and the line it starts on.
  private parser: Papa.Parser | undefined;
  private partial = '';
  private partialLine = 1;
  // Within one parse call: its input, where the current record starts, and a line-counting cursor.
  private input = '';
  private rowStart = 0;
  /** Where the text papaparse is given starts in `input`. */
  private base = 0;
  /** The cells of a plain line (reused: `onFields` reads them during the call), and which columns to read (null: all). */
  private cells: string[] = [];
  private reads: Uint8Array | null = null;
  /** The last column read (cells after it are only counted). */
  private lastRead = 0;
  private scanPos = 0;
  private scanLine = 1;

  constructor(
    private readonly file: string,
    private readonly options: ReadCsvOptions,
  ) {
    this.canonical = canonicalNames(options.required, options.known ?? []);
    this.search = startHeaderSearch(options.required, options.headerSearchLines);
    this.kindSearches = options.report ? EXPORT_KINDS.map(({ kind, required }) => ({ kind, search: startHeaderSearch(required, options.headerSearchLines) })) : [];
    this.maxRecordChars = options.maxRecordChars ?? MAX_RECORD_CHARS;
  }

  report(issue: InputIssue): void {
    if (issue.severity === 'error') this.errors++;
    else this.warnings++;
    this.options.onIssue(issue);
  }

  summary(complete: boolean): CsvReadSummary {
    return {
      file: this.file,
      ...(this.encoding ? { encoding: this.encoding } : {}),
      ...(this.header ? { header: this.header } : {}),
      records: this.records,
      rejected: this.rejected,
      errors: this.errors,
      warnings: this.warnings,
      complete,
    };
  }

  /** Takes the next text; false once reading must stop. */
  push(text: string): boolean {
    if (this.parser === undefined) {
      this.pre += text;
      this.searchHeader(false);
      return !this.stopped;
    }
    if (!text.includes(this.lineBreak)) {
      // No line break, so no record can end in this text: keep it without re-parsing the
      // incomplete record, which keeps one huge cell linear instead of quadratic.
      this.partial += text;
      if (this.partialTooLarge()) this.recordTooLarge();
      return !this.stopped;
    }
    if (this.partial !== '') {
      // Finish the unfinished record with the new text's first line on its own, so the new text
      // is parsed as it came instead of copied behind it (a chunk is a quarter megabyte). A
      // record that goes on past that line (line breaks inside quotes) stays unfinished, and is
      // read again with the rest.
      const eol = text.indexOf(this.lineBreak) + 1;
      this.parse(this.partial + text.slice(0, eol), false);
      if (this.stopped) return false;
      text = text.slice(eol);
    }
    this.parse(this.partial + text, false);
    return !this.stopped;
  }

  end(): void {
    if (this.parser === undefined) {
      this.searchHeader(true);
      if (this.stopped) return;
      if (this.parser === undefined) {
        this.headerNotFound();
        return;
      }
    }
    this.parse(withLastLineEnded(this.partial, this.lineBreak), true);
    if (this.stopped) return;
    if (hasNoRows(this.records, this.rejected) && this.header) {
      this.report(
        inputIssue('no_rows', {
          file: this.file,
          line: this.header.line,
          message: 'The file has a header but no rows.',
          hint: 'Check that the export covers the period you meant; an empty month is fine.',
        }),
      );
    }
  }

  private stop(issue: InputIssue): void {
    this.report(issue);
    this.stopped = true;
    this.parser?.abort();
  }

  // ---- header -------------------------------------------------------------------------------

  /** The file's line break once decided; a line feed until then (a text with no break yet is one line). */
  private get lineBreak(): LineBreak {
    return this.newline ?? '\n';
  }

  private decideNewline(atEnd: boolean): LineBreak | undefined {
    if (this.newline) return this.newline;
    return (this.newline = lineBreakOf(this.pre, atEnd));
  }

  private searchHeader(atEnd: boolean): void {
    const nl = this.decideNewline(atEnd);
    if (nl === undefined) {
      // No line break yet: the text so far is the first line, a carriage return at its end perhaps its break.
      const long = longSearchLine(contentEnd(this.pre, 0, this.pre.length, '\n'), 1);
      if (long !== null) this.longSearchLine(long);
      return;
    }
    // A header that is the file's last line ends as a last row does (core's `withLastLineEnded`).
    if (atEnd) this.pre = withLastLineEnded(this.pre, nl);
    for (;;) {
      // The first header of any report kind ends the search (core's searchesAnyLine), as it ends
      // the add-in's: another report's header is told as such, not read past to a long line below.
      if (!searchesAnyLine([this.search, ...this.kindSearches.map((k) => k.search)], this.preLine)) {
        this.headerNotFound();
        return;
      }
      const eol = this.pre.indexOf(nl, this.prePos);
      const lineEnd = eol === -1 ? this.pre.length : eol;
      const contentTo = contentEnd(this.pre, this.prePos, lineEnd, nl);
      const line = this.preLine;
      // Judged on the line so far when it has not ended yet, so the verdict does not hang on where a chunk ends.
      const long = longSearchLine(contentTo - this.prePos, line);
      if (long !== null) {
        this.longSearchLine(long);
        return;
      }
      if (eol === -1 && !atEnd) {
        this.keepUnread();
        return;
      }
      const raw = this.pre.slice(this.prePos, contentTo);
      // A file whose searched lines are only white space is empty (`empty_file`): core's `isEmptyFile`, line by line.
      if (!isBlankText(raw, 0, raw.length)) {
        this.sawContent = true;
        const header = this.tryHeader(raw, line, atEnd);
        if (header === NEED_MORE) {
          // The record this line starts goes on past the text so far (a quoted cell holds a line break).
          this.keepUnread();
          return;
        }
        if (header !== null) {
          const rest = this.pre.slice(header);
          this.partialLine = line + lineBreaksIn(this.pre, this.prePos, header, nl);
          this.pre = '';
          // Parse what came with the header now: later text is only appended while it has no line break.
          if (!this.stopped) this.parse(rest, false);
          return;
        }
      }
      if (eol === -1) return;
      this.prePos = eol + 1;
      this.preLine++;
    }
  }

  /**
   * Keeps only the text from the line the search is at: the lines before it have been looked at.
   * It stays bounded: the line is within core's limit (`longSearchLine`), and the record it starts
   * is read from at most `HEADER_RECORD_CHARS` characters (`headerRecordAt`).
   */
  private keepUnread(): void {
    this.pre = this.pre.slice(this.prePos);
    this.prePos = 0;
  }

  /** A line the header search cannot read (core's `longSearchLine`): the file is read no further. */
  private longSearchLine(problem: LongSearchLine): void {
    this.stop(
      inputIssue(problem.code, {
        file: this.file,
        line: problem.line,
        // Its first characters: one more than shown, so that clip marks the cut.
        raw: clip(this.pre.slice(this.prePos, this.prePos + 201), 200),
        message: `Line ${problem.line} is longer than ${problem.maxChars} characters, more than a header or a title line can be.`,
        hint: 'Check that this is the right report, exported as CSV or TSV: look for a quote that is opened and never closed.',
        params: { maxChars: problem.maxChars, reason: 'long_line' },
      }),
    );
  }

  /**
   * Whether the record line `line` starts (`raw`: the line's text) is the header, core's search
   * deciding; if it is, validates it, starts the row parser and gives where the record ends.
   * NEED_MORE: the record may go on past the text so far. The delimiter is not known yet, so the
   * record is offered to the search split by each one the line contains, tab first.
   */
  private tryHeader(raw: string, line: number, atEnd: boolean): number | null {
    const records: [Delimiter, HeaderRecord][] = [];
    for (const delimiter of delimiterCandidates(raw)) {
      const record = headerRecordAt(this.pre, this.prePos, delimiter, this.lineBreak, atEnd, readFirstRecord);
      if (record === null) return NEED_MORE;
      records.push([delimiter, record]);
    }
    for (const [delimiter, { cells, end }] of records) {
      const search = seeHeaderLine(this.search, line, cells);
      for (const k of this.kindSearches) k.search = seeHeaderLine(k.search, line, cells);
      const written = this.pre.slice(this.prePos, recordTextEnd(this.pre, this.prePos, end, this.lineBreak));
      if (search.closest !== this.search.closest) this.closestRaw = written;
      this.search = search;
      if (search.found === null) continue;
      this.startRows(cells, delimiter, written, line);
      return end;
    }
    return null;
  }

  private startRows(names: readonly string[], delimiter: Delimiter, raw: string, line: number): void {
    const { columns, duplicates } = headerColumns(names, this.canonical);
    this.header = { line, delimiter, columns, raw };
    for (const { column, firstIndex } of duplicates) {
      this.report(
        inputIssue('duplicate_header', {
          file: this.file,
          line,
          column: column.index,
          columnName: column.name,
          raw: clip(raw),
          message: `Column ${column.index} "${column.name}" repeats column ${firstIndex}.`,
          hint: 'Rename or remove one of the two columns: the reader cannot tell which one holds the values.',
          params: { firstColumn: String(firstIndex) },
        }),
      );
    }
    if (duplicates.length > 0) {
      this.stopped = true;
      return;
    }
    this.options.onHeader?.(this.header);
    this.startParser(delimiter);
  }

  private startParser(delimiter: Delimiter): void {
    const columns = this.header!.columns;
    this.cells = columns.map(() => '');
    const reads = this.options.reads;
    if (reads === undefined || this.options.onRecord) this.reads = null;
    else {
      const wanted = new Set(reads);
      this.reads = Uint8Array.from(columns, (c) => (wanted.has(c.key) ? 1 : 0));
    }
    this.lastRead = this.reads === null ? columns.length - 1 : this.reads.lastIndexOf(1);
    this.parser = new Papa.Parser({
      delimiter,
      newline: this.lineBreak,
      quoteChar: '"',
      header: false,
      dynamicTyping: false,
      fastMode: false,
      step: (results: PapaStep) => this.onStep(results),
    });
  }

  private headerNotFound(): void {
    if (!this.sawContent) {
      this.stop(
        inputIssue('empty_file', {
          file: this.file,
          message: 'The file is empty.',
          hint: 'Download the export again; a complete export has at least a header line.',
        }),
      );
      return;
    }
    const problem = headerProblem(this.search);
    // Another Partner Center report given under this report's option: said so, with its option.
    const report = this.options.report;
    const kind = report && this.kindSearches.length > 0 ? exportKindOf(this.kindSearches) : null;
    if (report && kind !== null && kind !== report.kind) {
      const other = this.kindSearches.find((k) => k.kind === kind)!.search;
      const line = other.found ?? other.closest?.line ?? 1;
      this.stop(
        inputIssue(problem.code, {
          file: this.file,
          line,
          message: `This file is ${REPORT_NAMES[kind].one}, not ${REPORT_NAMES[report.kind].one}.`,
          hint: `Give it with ${report.options[kind]}: ${report.options[report.kind]} reads ${REPORT_NAMES[report.kind].many} only.`,
          ...(problem.code === 'missing_column' ? { params: { missing: problem.missing.map(describeRequirement).join(', ') } } : { params: { expected: problem.required.map(describeRequirement).join(', ') } }),
        }),
      );
      return;
    }
    if (problem.code === 'missing_column') {
      const missing = problem.missing.map(describeRequirement);
      this.stop(
        inputIssue(problem.code, {
          file: this.file,
          line: problem.line,
          raw: clip(this.closestRaw),
          message: `The header on line ${problem.line} lacks ${missing.join(', ')}.`,
          hint: `Export the report with all its columns; the header must be within the first ${this.search.depth} lines.`,
          params: { missing: missing.join(', ') },
        }),
      );
      return;
    }
    this.stop(
      inputIssue(problem.code, {
        file: this.file,
        line: 1,
        message: `No header with the required columns in the first ${problem.depth} lines.`,
        hint: 'Check that this is the right report, exported as CSV or TSV with its header row.',
        params: { expected: problem.required.map(describeRequirement).join(', ') },
      }),
    );
  }

  // ---- rows ---------------------------------------------------------------------------------

  /**
   * Reads the records of `input` (the unfinished record carried over, then new text); keeps the
   * record the text ends in the middle of for the next call, unless `atEnd`.
   *
   * A line with no quote character cannot hold a quoted cell, so it is one record whose cells are
   * the text between delimiters: it is split here (what papaparse's own fastMode does), reading
   * only the columns the caller reads (`reads`). A line with a quote is read here too while its
   * record is well formed (`quotedRecord`); a record that is not (text after a closing quote, a
   * quote never closed) goes to papaparse, with the lines after it until it is complete, so the
   * errors and their places are papaparse's.
   */
  private parse(input: string, atEnd: boolean): void {
    this.input = input;
    this.scanPos = 0;
    this.scanLine = this.partialLine;
    const nl = this.lineBreak;
    let pos = 0;
    let quote = input.indexOf('"');
    while (!this.stopped && pos < input.length) {
      const eol = input.indexOf(nl, pos);
      if (eol === -1 && !atEnd) break;
      const lineEnd = eol === -1 ? input.length : eol;
      if (quote !== -1 && quote < pos) quote = input.indexOf('"', pos);
      if (quote === -1 || quote >= lineEnd) {
        const next = eol === -1 ? input.length : eol + 1;
        this.plainLine(pos, lineEnd, next);
        pos = next;
        continue;
      }
      let next = this.quotedRecord(pos, eol, atEnd);
      if (next === NEED_MORE) break;
      if (next === MALFORMED) {
        next = this.quotedRecords(pos, eol, atEnd);
        if (next === -1) break;
      }
      pos = next;
    }
    if (this.stopped || atEnd) return;
    this.partialLine = this.lineAt(pos);
    this.partial = input.slice(pos);
    this.input = '';
    if (this.partialTooLarge()) this.recordTooLarge();
  }

  /**
   * Papaparse from `pos` (a line with a quote) over the text up to a line break, twice as much
   * each time no record is complete yet (a quoted cell with line breaks); the position after the
   * records it read, or -1 when the text ends first (more is coming).
   */
  private quotedRecords(pos: number, eol: number, atEnd: boolean): number {
    const input = this.input;
    const nl = this.lineBreak;
    let end = eol === -1 ? input.length : eol + 1;
    for (;;) {
      const toEnd = end >= input.length;
      this.base = pos;
      this.rowStart = pos;
      const result = this.parser!.parse(input.slice(pos, end), 0, !(atEnd && toEnd)) as PapaStep;
      const cursor = result.meta.cursor;
      if (cursor > 0 || this.stopped) return pos + cursor;
      if (toEnd) return -1;
      const further = input.indexOf(nl, pos + 2 * (end - pos));
      end = further === -1 ? input.length : further + 1;
    }
  }

  /**
   * The record starting at `start` (a line with a quote), read as papaparse reads a well-formed
   * record: a cell that starts with a quote runs to the quote followed by a delimiter or the line
   * break that ends the record (`""` inside it is one quote; delimiters and line breaks inside it
   * are text); any other cell runs to the next delimiter or line break, a quote in it being text.
   * Only the columns read are cut out, as for a plain line. Returns the position after the record;
   * NEED_MORE when the text ends inside it; MALFORMED when a closing quote is followed by anything
   * else or a quote is never closed, which papaparse then reads and reports.
   */
  private quotedRecord(start: number, eol: number, atEnd: boolean): number {
    const input = this.input;
    const len = input.length;
    const header = this.header!;
    const d = header.delimiter.charCodeAt(0);
    const newline = this.lineBreak;
    const nl = newline.charCodeAt(0);
    // A file of line feeds: a '\r' after a closing quote, right before the line feed, ends the
    // record as the line's (core's contentEnd); any other is papaparse's to judge.
    const crlf = nl === 10;
    const fields = this.cells;
    const reads = this.reads;
    const lastRead = this.lastRead;
    const n = header.columns.length;
    /** The first line break at or after the current cell (or the end of the text). */
    let lineEnd = eol === -1 ? len : eol;
    /** Line breaks inside quoted cells. */
    let breaks = 0;
    let count = 0;
    let blank = true;
    /** Whether the last cell read was quoted. */
    let lastQuoted: boolean;
    let p = start;
    let recordEnd: number;
    let next: number;
    for (;;) {
      const cut = count < n && (reads === null || reads[count] === 1);
      if (p < len && input.charCodeAt(p) === 34) {
        let close = input.indexOf('"', p + 1);
        let doubled = false;
        while (close !== -1 && close + 1 < len && input.charCodeAt(close + 1) === 34) {
          doubled = true;
          close = input.indexOf('"', close + 2);
        }
        if (close === -1) return atEnd ? MALFORMED : NEED_MORE;
        if (close > lineEnd) {
          breaks += lineBreaksIn(input, lineEnd, close, newline);
          lineEnd = input.indexOf(newline, close);
          if (lineEnd === -1) lineEnd = len;
        }
        if (cut) {
          const text = input.slice(p + 1, close);
          fields[count] = doubled ? text.replace(DOUBLED_QUOTES, '"') : text;
        }
        if (blank) blank = !doubled && isBlankText(input, p + 1, close);
        count++;
        lastQuoted = true;
        const after = close + 1;
        if (after === len) {
          if (!atEnd) return NEED_MORE;
          recordEnd = next = len;
          break;
        }
        const c = input.charCodeAt(after);
        if (c === d) {
          p = after + 1;
          continue;
        }
        if (c === nl) {
          recordEnd = after;
          next = after + 1;
          break;
        }
        if (crlf && c === 13) {
          if (after + 1 === len) return atEnd ? MALFORMED : NEED_MORE;
          if (input.charCodeAt(after + 1) === 10) {
            recordEnd = after + 1;
            next = after + 2;
            break;
          }
        }
        return MALFORMED;
      }
      lastQuoted = false;
      let to: number;
      if (count <= lastRead) {
        to = input.indexOf(header.delimiter, p);
        if (to === -1 || to > lineEnd) to = lineEnd;
      } else {
        // Past the last column read, cells are only counted: a short scan beats a search per cell.
        to = p;
        while (to < lineEnd && input.charCodeAt(to) !== d) to++;
      }
      if (to === lineEnd) {
        const end = contentEnd(input, p, to, newline);
        if (cut) fields[count] = input.slice(p, end);
        if (blank) blank = isBlankText(input, p, end);
        count++;
        if (lineEnd === len) {
          if (!atEnd) return NEED_MORE;
          recordEnd = next = len;
        } else {
          recordEnd = lineEnd;
          next = lineEnd + 1;
        }
        break;
      }
      if (cut) fields[count] = input.slice(p, to);
      if (blank) blank = isBlankText(input, p, to);
      count++;
      p = to + 1;
    }
    const line = this.lineAt(start);
    // Its size without the carriage return its line feed may have before it (core's contentEnd), as a plain line's.
    if (contentEnd(input, start, recordEnd, newline) - start > this.maxRecordChars) {
      this.completeRecordTooLarge(start, line);
      return next;
    }
    // The line breaks of this record are counted now, so the next record's number needs no search.
    this.scanPos = next;
    this.scanLine = line + breaks + (next > recordEnd ? 1 : 0);
    const location: RecordLocation = { file: this.file, line };
    if (blank || count !== n) {
      // Well formed (its quotes are papaparse's to judge otherwise), so blank or of the wrong
      // width: which it is reported as is core's (`recordVerdict`), asked only when either is found.
      const verdict = recordVerdict({ unclosedQuote: false, invalidQuote: false, blank, cells: count, width: n });
      if (verdict === 'blank') return next;
      if (verdict === 'ragged_row') {
        this.ragged(raggedRow(count, n)!, location, this.rawText(start, next));
        return next;
      }
    }
    // The line's '\r' is not the last cell's, a quoted one's either (core's lastCellText).
    if (lastQuoted) fields[n - 1] = lastCellText(fields[n - 1]!, newline);
    this.deliver(fields, location, start, next);
    return next;
  }

  /** One line with no quote: its cells, the columns read only, then the checks every record gets. */
  private plainLine(start: number, lineEnd: number, next: number): void {
    const input = this.input;
    const header = this.header!;
    // A '\r' before the line feed is the line's, not the last cell's (core's contentEnd).
    const end = contentEnd(input, start, lineEnd, this.lineBreak);
    if (end - start > this.maxRecordChars) {
      this.completeRecordTooLarge(start, this.lineAt(start));
      return;
    }
    const delimiter = header.delimiter;
    const blank = isBlankLine(input, start, end, delimiter);
    const fields = this.cells;
    const reads = this.reads;
    const lastRead = this.lastRead;
    const n = header.columns.length;
    let count = 0;
    let from = start;
    // Cells up to the last column read, cut at each delimiter...
    for (;;) {
      let to = input.indexOf(delimiter, from);
      if (to === -1 || to > end) to = end;
      if (count < n && (reads === null || reads[count] === 1)) fields[count] = input.slice(from, to);
      count++;
      if (to === end) break;
      from = to + 1;
      if (count > lastRead) {
        // ...and past it only counted, for the check that the line has the header's number of cells.
        const d = delimiter.charCodeAt(0);
        for (let i = from; i < end; i++) if (input.charCodeAt(i) === d) count++;
        count++;
        break;
      }
    }
    const location: RecordLocation = { file: this.file, line: this.lineAt(start) };
    // The line break ending this line is counted now, so the next line's number needs no search.
    this.scanPos = next;
    this.scanLine = location.line + (next > lineEnd ? 1 : 0);
    if (blank || count !== n) {
      // No quote, so blank or of the wrong width: which it is reported as is core's (`recordVerdict`).
      const verdict = recordVerdict({ unclosedQuote: false, invalidQuote: false, blank, cells: count, width: n });
      if (verdict === 'blank') return;
      if (verdict === 'ragged_row') {
        this.ragged(raggedRow(count, n)!, location, this.rawText(start, next));
        return;
      }
    }
    this.deliver(fields, location, start, next);
  }

  /** A record's text as in the file, without its line break (quarantine.csv copies it). */
  private rawText(start: number, end: number): string {
    return this.input.slice(start, recordTextEnd(this.input, start, end, this.lineBreak));
  }

  /** The physical line of position `pos` of the current input; positions only move forward. */
  private lineAt(pos: number): number {
    if (pos === this.scanPos) return this.scanLine;
    this.scanLine += lineBreaksIn(this.input, this.scanPos, pos, this.lineBreak);
    this.scanPos = pos;
    return this.scanLine;
  }

  /**
   * A record read whole (its line break in the same text) that is longer than the cap: the same
   * problem as one still unfinished past it, so a record's fate does not hang on where a chunk ends.
   */
  private completeRecordTooLarge(start: number, line: number): void {
    this.partialLine = line;
    this.partial = this.input.slice(start, start + this.maxRecordChars + 1);
    this.recordTooLarge();
  }

  /**
   * Whether the unfinished record is past the cap already, a carriage return at its end not counted
   * (core's contentEnd): it may be its line's, before a line feed in the next text, so a record's
   * fate does not hang on where a chunk ends.
   */
  private partialTooLarge(): boolean {
    return contentEnd(this.partial, 0, this.partial.length, this.lineBreak) > this.maxRecordChars;
  }

  private recordTooLarge(): void {
    // Located by core's rule (docs/RULES.md, "Record size"), from the record's first
    // `maxRecordChars` characters, wherever the chunk that carried it past them ended.
    const { line, column, at } = tooLargeRecordPlace(this.partial, 0, this.partialLine, this.header!.delimiter, this.lineBreak, this.maxRecordChars, readFirstRecord);
    const name = column === undefined ? undefined : this.header!.columns[column - 1]?.name;
    this.stop(
      inputIssue('record_too_large', {
        file: this.file,
        line,
        ...(column === undefined ? {} : { column }),
        ...(name === undefined ? {} : { columnName: name }),
        raw: clip(this.partial.slice(at), 200),
        message:
          column === undefined
            ? `A record starting on line ${line} is longer than ${this.maxRecordChars} characters.`
            : `A quote opened on line ${line} is still open after ${this.maxRecordChars} characters.`,
        hint: 'Look for a quote that is opened and never closed, or a cell pasted with a huge text.',
        params: { maxChars: String(this.maxRecordChars), reason: column === undefined ? 'long_record' : 'open_quote' },
      }),
    );
  }

  private unclosedQuote(quoteAt: number, fieldIndex: number): void {
    const line = this.lineAt(Math.max(quoteAt, this.scanPos));
    const column = this.header?.columns[fieldIndex - 1];
    const rest = this.input.slice(quoteAt);
    const eol = rest.indexOf(this.lineBreak);
    this.stop(
      inputIssue('unclosed_quote', {
        file: this.file,
        line,
        column: fieldIndex,
        ...(column ? { columnName: column.name } : {}),
        raw: clip(rest.slice(0, eol === -1 ? rest.length : contentEnd(rest, 0, eol, this.lineBreak))),
        message: `A quote opened on line ${line} is never closed.`,
        hint: 'Close the quote, or double any quote that is part of the text ("" inside a quoted cell).',
      }),
    );
  }

  private onStep(results: PapaStep): void {
    if (this.stopped) return;
    const base = this.base;
    const start = this.rowStart;
    const end = base + results.meta.cursor;
    this.rowStart = end;
    const line = this.lineAt(start);
    const fields = results.data[0] ?? [];
    const header = this.header!;
    const errorAt = (e: { readonly index?: number }) => (e.index === undefined ? start : base + e.index - 1);

    const missingQuote = results.errors.length === 0 ? undefined : results.errors.find((e) => e.code === 'MissingQuotes');
    const invalidQuote = results.errors.length === 0 ? undefined : results.errors.find((e) => e.code === 'InvalidQuotes');
    // A '\r' before the line feed is the line's, not the last cell's (core's lastCellText).
    const last = fields.length - 1;
    if (last >= 0) fields[last] = lastCellText(fields[last]!, this.lineBreak);
    // Which of what papaparse found the record is reported as is core's; a blank row is skipped
    // (docs/RULES.md, "Blank rows"), which plainLine and quotedRecord decide on the text in place.
    const verdict = recordVerdict({
      unclosedQuote: missingQuote !== undefined,
      invalidQuote: invalidQuote !== undefined,
      blank: isBlankRow(fields),
      cells: fields.length,
      width: header.columns.length,
    });
    if (verdict === 'unclosed_quote') {
      this.unclosedQuote(errorAt(missingQuote!), fields.length);
      return;
    }
    if (verdict === 'blank') return;

    const location: RecordLocation = { file: this.file, line };
    const raw = (): string => this.rawText(start, end);
    if (verdict === 'malformed_csv') {
      const at = errorAt(invalidQuote!);
      const quoteLine = at >= start ? line + lineBreaksIn(this.input, start, at, this.lineBreak) : line;
      this.reject(location, raw(), [
        inputIssue('malformed_csv', {
          file: this.file,
          line: quoteLine,
          raw: clip(raw()),
          message: `A quoted cell on line ${quoteLine} has text after its closing quote.`,
          hint: 'Quote the whole cell and double the quotes inside it ("" for ").',
          params: { reason: 'invalid_quotes' },
        }),
      ]);
      return;
    }
    if (verdict === 'ragged_row') {
      this.ragged(raggedRow(fields.length, header.columns.length)!, location, raw());
      return;
    }
    this.deliver(fields, location, start, end);
  }

  /** A record of the wrong width, as core's rule states the problem (docs/RULES.md, "Ragged rows"). */
  private ragged(problem: RaggedRow, location: RecordLocation, raw: string): void {
    const name = this.header!.columns[problem.column - 1]?.name;
    this.reject(location, raw, [
      {
        severity: problem.severity,
        code: problem.code,
        file: this.file,
        line: location.line,
        column: problem.column,
        ...(name === undefined ? {} : { columnName: name }),
        raw: clip(raw),
        message: `Line ${location.line} has ${problem.input} fields; the header has ${problem.expected}.`,
        hint: 'Quote cells that contain the delimiter, and check that no cell was split or merged.',
        params: { expected: problem.expected, actual: problem.input },
      },
    ]);
  }

  /** A record with the header's number of cells, to the caller; what it says about it, reported. */
  private deliver(fields: string[], location: RecordLocation, start: number, end: number): void {
    const header = this.header!;
    let issues: readonly InputIssue[];
    if (this.options.onFields) issues = this.options.onFields(fields, location) ?? NO_ISSUES;
    else {
      // No prototype: a hostile header named `__proto__` must stay an ordinary column.
      const record = Object.create(null) as Record<string, string>;
      const columns = header.columns;
      for (let i = 0; i < columns.length; i++) record[columns[i]!.key] = fields[i]!;
      issues = this.options.onRecord?.(record, location) ?? NO_ISSUES;
    }
    if (issues.length === 0) {
      this.records++;
      return;
    }
    if (issues.some((i) => i.severity === 'error')) {
      this.reject(location, this.rawText(start, end), issues);
      return;
    }
    for (const warning of issues) this.report(warning);
    this.records++;
  }

  private reject(location: RecordLocation, raw: string, issues: readonly InputIssue[]): void {
    for (const issue of issues) this.report(issue);
    this.rejected++;
    this.options.onRejectedRow?.({ location, raw, issues });
  }
}
