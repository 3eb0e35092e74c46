/**
 * Parses a Partner Center export's text into raw rows with their file line numbers. Runs inside
 * the Web Worker (csv.worker.ts) and in tests. No typing of values here: amounts stay text until
 * core's parseAmount reads them (never papaparse's dynamicTyping).
 */
import Papa from 'papaparse';
import { contentEnd, lastCellText, lineBreakOf, lineBreaksIn, recordTextEnd, withLastLineEnded, type LineBreak } from '../../core/tables/line-breaks.js';
import { searchesAnyLine, searchesLine, seeHeaderLine, startHeaderSearch, type Delimiter } from '../../core/tables/header-row.js';
import { headerRecordAt, longSearchLine, type LongSearchLine, type ReadFirstRecord } from '../../core/tables/header-record.js';
import { isBlankRow, isBlankText, isEmptyFile } from '../../core/tables/blank-row.js';
import { delimiterCandidates } from '../../core/tables/export-files.js';
import { EXPORT_KINDS, exportKindOf, DEFAULT_EXPORT_KIND, type ExportKind } from '../../core/reconcile/export-kind.js';
import type { HeaderSearch } from '../../core/tables/header-row.js';
import { MAX_RECORD_CHARS, tooLargeRecordPlace } from '../../core/tables/record-size.js';
import { recordVerdict, type RecordVerdict } from '../../core/tables/record-verdict.js';
import { hasNoRows } from '../../core/tables/no-rows.js';
import type { InputIssueCode } from '../../core/codes.js';
import { recordCells, scanRecords, type ScannedRecords } from './csv-scan.js';
import { packRows, unpackExport, type ExportRows, type PackedRows } from './packed-rows.js';

export interface ParsedExport<Rows extends ExportRows = ExportRows> {
  readonly file: string;
  /** Which report the header says the file is (core's `EXPORT_KINDS`); absent: an earnings export. */
  readonly kind?: ExportKind;
  readonly headers: string[];
  readonly rows: Rows;
  /** 1-based line in the file where each row starts. */
  readonly lines: number[];
  /** 1-based line of the header row (0 when there is none): where a missing column is reported. */
  readonly headerLine: number;
  readonly errors: { line: number; code: InputIssueCode; input: string; column?: string }[];
  /** What is worth a word but rejects nothing (`no_rows`: a header and no rows), as the batch job warns. */
  readonly warnings: { line: number; code: InputIssueCode }[];
}

export interface ParseExportOptions {
  /** The longest record read: core's cap (`MAX_RECORD_CHARS`) unless a test passes a smaller one. */
  readonly maxRecordChars?: number;
}

/** An export's rows as arrays of cells (`parseExport`, unpacked). */
export function parseExportText(file: string, text: string, options: ParseExportOptions = {}): ParsedExport<string[][]> {
  return unpackExport(parseExport(file, text, options));
}

/**
 * An export's rows, packed (packed-rows.ts). The records are papaparse's, read from the header's
 * record on (`HeaderPlace`), as the batch job reads them, with the delimiter that split the
 * header's record and the file's line break by core's rule
 * (`lineBreakOf`), never papaparse's own guess, which counts breaks and can take a file of CR LF
 * lines with one carriage return in a cell for a file of carriage returns. In a file of line feeds
 * every line feed outside quotes ends a record, the carriage return before one being the line's
 * (core's `lastCellText`), so a file that mixes CR LF lines with LF lines is read as the batch job
 * reads it. Where the text is well-formed the records are found by the scanner that holds to
 * papaparse (csv-scan.ts), else papaparse reads them and reports what is wrong.
 */
export function parseExport(file: string, text: string, options: ParseExportOptions = {}): ParsedExport<PackedRows> {
  const shape = shapeOf(text);
  if (shape === null) return EMPTY_FILE(file);
  if ('long' in shape) return LONG_LINE(file, shape.long);
  if (shape.header === null) return NO_HEADER(file);
  const { body, newline, kind, header } = shape;
  const from = body.slice(header.start);
  const scanned = newline === '\n' ? scanRecords(from, header.delimiter, header.line) : null;
  const cap = options.maxRecordChars ?? MAX_RECORD_CHARS;
  return scanned !== null ? fromScanned(file, scanned, header.delimiter, cap, kind) : fromRecords(file, recordsByStep(from, header.delimiter, newline, header.line), header.delimiter, cap, kind);
}

/** Rows from papaparse's records alone: the readable path, which reads any text the scanner leaves to it. */
export function parseExportByPapaparse(file: string, text: string, options: ParseExportOptions = {}): ParsedExport<PackedRows> {
  const shape = shapeOf(text);
  if (shape === null) return EMPTY_FILE(file);
  if ('long' in shape) return LONG_LINE(file, shape.long);
  if (shape.header === null) return NO_HEADER(file);
  const { body, newline, kind, header } = shape;
  return fromRecords(file, recordsByStep(body.slice(header.start), header.delimiter, newline, header.line), header.delimiter, options.maxRecordChars ?? MAX_RECORD_CHARS, kind);
}

/**
 * What both ways of reading take from an export's text before its records: the text without its
 * byte order mark, its line break (core's `lineBreakOf`), which report it is and where its header
 * is; a line the header search reached and cannot read (core's `longSearchLine`), before the
 * header, as the batch job's reader meets it line by line, so before an empty file's lines are
 * found blank; null for an empty file (core's `isEmptyFile`).
 */
function shapeOf(text: string): { body: string; newline: LineBreak; kind: ExportKind; header: HeaderPlace | null } | { long: LongSearchLine } | null {
  const read = exportBody(text);
  const newline = lineBreakOf(read, true)!;
  const body = withLastLineEnded(read, newline);
  const { kinds: searches, long } = headerSearchesOf(body, newline);
  const kind = exportKindOf(searches);
  const { place } = searches.find((s) => s.kind === kind)!;
  // The search stopped at the long line: no header of any kind is above it (core's searchesAnyLine).
  if (long !== null) return { long };
  if (isEmptyFile(read)) return null;
  return { body, newline, kind, header: place };
}

/**
 * Where the rows of an export start: the header's line, or when no line has every column the
 * closest (whose missing columns the plan then names), with the delimiter its record was split by.
 */
interface HeaderPlace {
  /** Where its record starts in the text, and on which line. */
  readonly start: number;
  readonly line: number;
  readonly delimiter: Delimiter;
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

/**
 * core's header search for every report kind (`EXPORT_KINDS`) over the first lines, as the batch
 * job's reader runs it: each line that is not blank offers the record it starts (core's
 * `headerRecordAt`: a quoted header cell may hold a line break), read once, split by every
 * delimiter core allows the line (`delimiterCandidates`); for each kind the first split with every
 * required column is the header, and its delimiter the file's; the first line that is any kind's
 * header ends the search (`searchesAnyLine`). Lines end at a line feed (a
 * carriage return before it dropped), or at a lone carriage return in a file whose first line
 * break is one. Each kind with its search as it ended, whose closest line tells core which report
 * a file without a header meant to be (`exportKindOf`), and the place of its header, or of its
 * closest line when it has none (null: no line has any required column). The search reads no line
 * past one longer than core's limit (`long`, `longSearchLine`), blank or not, as the batch job's
 * reader cannot.
 */
function headerSearchesOf(body: string, newline: LineBreak): { kinds: { kind: ExportKind; search: HeaderSearch; place: HeaderPlace | null }[]; long: LongSearchLine | null } {
  const kinds = EXPORT_KINDS.map(({ kind, required }) => ({ kind, search: startHeaderSearch(required), place: null as HeaderPlace | null }));
  let pos = 0;
  // The first header of any kind ends the search (core's searchesAnyLine), as it ends the batch job's.
  for (let line = 1; searchesAnyLine(kinds.map((k) => k.search), line); line++) {
    const eol = body.indexOf(newline, pos);
    const contentTo = contentEnd(body, pos, eol < 0 ? body.length : eol, newline);
    const long = longSearchLine(contentTo - pos, line);
    if (long !== null) return { kinds, long };
    const raw = body.slice(pos, contentTo);
    if (!isBlankText(raw, 0, raw.length)) {
      for (const delimiter of delimiterCandidates(raw)) {
        const { cells } = headerRecordAt(body, pos, delimiter, newline, true, readFirstRecord)!;
        for (const k of kinds) {
          if (!searchesLine(k.search, line)) continue;
          const seen = seeHeaderLine(k.search, line, cells);
          if (seen.found !== null || seen.closest !== k.search.closest) k.place = { start: pos, line, delimiter };
          k.search = seen;
        }
      }
    }
    if (eol < 0) break;
    pos = eol + 1;
  }
  return { kinds, long: null };
}

/** A file's text without its byte order mark: what the rows of a well-formed file point into. */
export function exportBody(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** An earnings export says nothing of its kind, as before Payments reports were read; another kind says which it is. */
function kindOf(kind: ExportKind): { kind?: ExportKind } {
  return kind === DEFAULT_EXPORT_KIND ? {} : { kind };
}

/** A file that cannot be read as an export at all: one error, no header, no rows. */
export function unreadableExport(file: string, code: InputIssueCode, line = 1, input = ''): ParsedExport<PackedRows> {
  return { file, headers: [], rows: packRows([]), lines: [], headerLine: 0, errors: [{ line, code, input }], warnings: [] };
}

const NO_HEADER = (file: string): ParsedExport<PackedRows> => unreadableExport(file, 'header_not_found');
const EMPTY_FILE = (file: string): ParsedExport<PackedRows> => unreadableExport(file, 'empty_file');
const LONG_LINE = (file: string, { code, line, maxChars }: LongSearchLine): ParsedExport<PackedRows> => unreadableExport(file, code, line, maxChars);

/** A header with no row after it, read or refused: core's warning (`hasNoRows`), as the batch job gives it. */
function noRows(rows: number, errors: readonly unknown[], headerLine: number): ParsedExport['warnings'] {
  return hasNoRows(rows, errors.length) ? [{ line: headerLine, code: 'no_rows' }] : [];
}

function fromRecords(file: string, { all, lines, verdicts, errors: allErrors, text, starts, newline }: NumberedRecords, delimiter: Delimiter, cap: number, kind: ExportKind): ParsedExport<PackedRows> {
  // The text starts at the header's record (`HeaderPlace`).
  const headerAt = 0;
  const headers = all[headerAt]!.map((h) => h.trim());
  const rows: string[][] = [];
  const rowLines: number[] = [];
  // A record past core's cap ends the file there: it is the file's last problem (docs/RULES.md, "Record size").
  const tooLarge = firstTooLarge(text, newline, starts, headerAt + 1, all.length, (k) => lines[k]!, delimiter, cap, headers);
  const end = tooLarge?.record ?? all.length;
  const errors = allErrors.filter((e) => e.record < end);
  const faulty = new Set(errors.map((e) => e.record));
  for (let i = headerAt + 1; i < end; i++) {
    const row = all[i]!;
    // A blank row holds nothing: skipped, whatever its width (docs/RULES.md, "Blank rows"). A
    // record papaparse found fault with is its error, not a row (the batch job rejects it too); a
    // ragged one is a row, whose width the plan refuses by core's rule, as the batch job's reader does.
    if (verdicts[i] === 'blank' || faulty.has(i)) continue;
    rows.push(row);
    rowLines.push(lines[i]!);
  }
  const headerLine = lines[headerAt]!;
  const after = errors.filter((e) => e.record > headerAt).map(({ line, code, input }) => ({ line, code, input }));
  if (tooLarge) after.push(tooLarge.error);
  return { file, ...kindOf(kind), headers, rows: packRows(rows), lines: rowLines, headerLine, errors: after, warnings: noRows(rows.length, after, headerLine) };
}

/** The same from the scanner's records, which are well-formed: papaparse would report no error. */
function fromScanned(file: string, scanned: ScannedRecords, delimiter: Delimiter, cap: number, kind: ExportKind): ParsedExport<PackedRows> {
  const { text, cellEnds, recordFirst, recordStarts, recordLines } = scanned;
  // The text starts at the header's record (`HeaderPlace`).
  const headerAt = 0;
  const headers = recordCells(scanned, headerAt).map((h) => h.trim());
  // A record past core's cap ends the file there: it is the file's one problem (docs/RULES.md, "Record size").
  const tooLarge = firstTooLarge(text, '\n', recordStarts, headerAt + 1, scanned.records, (k) => recordLines[k]!, delimiter, cap, headers);
  const records = tooLarge?.record ?? scanned.records;
  const rowStarts = new Int32Array(records - headerAt - 1);
  const rowFirst = new Int32Array(records - headerAt - 1);
  const rowWidths = new Int32Array(records - headerAt - 1);
  const lines: number[] = [];
  let rows = 0;
  for (let k = headerAt + 1; k < records; k++) {
    const first = recordFirst[k]!;
    const width = recordFirst[k + 1]! - first;
    // The scanner reads well-formed records only, so a record is blank or of the wrong width or
    // neither: which it is reported as is core's, asked only when either is found. A blank row is
    // skipped (docs/RULES.md, "Blank rows"); a ragged one is a row, whose width the plan refuses.
    const blank = isBlankRecord(scanned, k);
    if ((blank || width !== headers.length) && recordVerdict({ unclosedQuote: false, invalidQuote: false, blank, cells: width, width: headers.length }) === 'blank') continue;
    rowStarts[rows] = recordStarts[k]!;
    rowFirst[rows] = first;
    rowWidths[rows++] = width;
    lines.push(recordLines[k]!);
  }
  const packed: PackedRows = {
    text,
    cellEnds,
    rowStarts: rowStarts.subarray(0, rows),
    rowFirst: rowFirst.subarray(0, rows),
    rowWidths: rowWidths.subarray(0, rows),
    length: rows,
  };
  const errors = tooLarge ? [tooLarge.error] : [];
  return { file, ...kindOf(kind), headers, rows: packed, lines, headerLine: recordLines[headerAt]!, errors, warnings: noRows(rows, errors, recordLines[headerAt]!) };
}

/**
 * core's `isBlankRow` on a scanned record, read in place: a quoted cell's text is between its
 * quotes (a doubled quote in it is a quote, so not blank), any other cell's is as written.
 */
function isBlankRecord({ text, cellEnds, recordFirst, recordStarts }: ScannedRecords, k: number): boolean {
  let start = recordStarts[k]!;
  for (let c = recordFirst[k]!; c < recordFirst[k + 1]!; c++) {
    const end = cellEnds[c]!;
    const quoted = end > start && text.charCodeAt(start) === 34;
    if (!(quoted ? isBlankText(text, start + 1, end - 1) : isBlankText(text, start, end))) return false;
    start = end + 1;
  }
  return true;
}

interface NumberedRecords {
  /** The text the records are read from, its line break (core's lineBreakOf), and where each record starts in it. */
  readonly text: string;
  readonly newline: LineBreak;
  readonly starts: number[];
  readonly all: string[][];
  /** 1-based line where each record starts. */
  readonly lines: number[];
  /** What each record after the header is reported as (core's `recordVerdict`); the header's is `row`. */
  readonly verdicts: RecordVerdict[];
  /** Each with the index of its record. */
  readonly errors: (ParsedExport['errors'][number] & { readonly record: number })[];
}

/** papaparse's errors on the lines of their records; `row` is the index of a record, not a line. */
function errorsOn(errors: readonly Papa.ParseError[], lineOf: (error: Papa.ParseError) => number): ParsedExport['errors'] {
  // An undetectable delimiter is only a note: papaparse then reads commas, and a file that is
  // not comma-separated shows up as a missing header or ragged rows, with their lines.
  return errors
    .filter((e) => e.code !== 'UndetectableDelimiter')
    .map((e) => ({ line: lineOf(e), code: problemCode(e.code), input: e.message }));
}

/**
 * papaparse's error kinds as the batch job's reader reports the same fault: a quote never closed
 * is `unclosed_quote`, text after a closing quote `malformed_csv`. Nothing else reaches here with
 * `header: false`; were it to, it is `parse_error`, never dropped.
 */
function problemCode(code: Papa.ParseError['code']): InputIssueCode {
  return code === 'MissingQuotes' ? 'unclosed_quote' : code === 'InvalidQuotes' ? 'malformed_csv' : 'parse_error';
}

/**
 * The readable way: papaparse one record at a time, each record's line counted from the text
 * between the cursors it reports, and its errors on those lines.
 */
function recordsByStep(body: string, delimiter: Delimiter, newline: LineBreak, firstLine: number): NumberedRecords {
  const all: string[][] = [];
  const lines: number[] = [];
  const verdicts: RecordVerdict[] = [];
  const starts: number[] = [];
  const errors: NumberedRecords['errors'] = [];
  let start = 0;
  let line = firstLine;
  Papa.parse<string[]>(body, {
    delimiter,
    newline,
    header: false,
    skipEmptyLines: false,
    step: (result) => {
      const end = result.meta.cursor;
      lines.push(line);
      starts.push(start);
      // A '\r' before the line feed is the line's, not the last cell's (core's lastCellText).
      const last = result.data.length - 1;
      if (last >= 0) result.data[last] = lastCellText(result.data[last]!, newline);
      all.push(result.data);
      const unclosed = result.errors.filter((e) => e.code === 'MissingQuotes');
      // Text after a closing quote is said once, at its first quote, as the batch job's reader says it.
      const firstInvalid = result.errors.find((e) => e.code === 'InvalidQuotes');
      // Which of what papaparse found the record is reported as is core's, as in the batch job's
      // reader: a quote never closed, blank or not; a blank record, its quotes not judged; text
      // after a closing quote. The header (the first record) is not judged as a row.
      const verdict =
        all.length === 1
          ? 'row'
          : recordVerdict({ unclosedQuote: unclosed.length > 0, invalidQuote: firstInvalid !== undefined, blank: isBlankRow(result.data), cells: result.data.length, width: all[0]!.length });
      verdicts.push(verdict);
      const judged =
        verdict === 'unclosed_quote' ? unclosed : verdict === 'blank' ? [] : result.errors.filter((e) => e.code !== 'InvalidQuotes' || (verdict === 'malformed_csv' && e === firstInvalid));
      // An error is on its record's line; a quote never closed, or text after a closing quote, on
      // the line of that quote, as the batch job's reader says (papaparse's index is just after
      // the quote, in the whole text), which differs where a quoted cell before it spans lines.
      const record = all.length - 1;
      const lineOf = (e: Papa.ParseError) =>
        (e.code === 'MissingQuotes' || e.code === 'InvalidQuotes') && e.index !== undefined && e.index > start ? line + lineBreaksIn(body, start, e.index - 1, newline) : line;
      for (const error of errorsOn(judged, lineOf)) errors.push({ ...error, record });
      // The next record starts at the cursor: count the line breaks up to it (core's lineBreaksIn, as the batch job's reader counts them).
      line += lineBreaksIn(body, start, end, newline);
      start = end;
    },
  });
  return { text: body, newline, starts, all, lines, verdicts, errors };
}

/**
 * The first record from `from` on that is longer than core's cap (docs/RULES.md, "Record size"),
 * and its error, located by core's rule (`tooLargeRecordPlace`), as the batch job's reader locates it.
 */
function firstTooLarge(
  text: string,
  newline: LineBreak,
  starts: ArrayLike<number>,
  from: number,
  count: number,
  lineOf: (k: number) => number,
  delimiter: Delimiter,
  cap: number,
  headers: readonly string[],
): { record: number; error: ParsedExport['errors'][number] } | null {
  for (let k = from; k < count; k++) {
    const start = starts[k]!;
    const end = k + 1 < count ? starts[k + 1]! : text.length;
    if (end - start <= cap || recordTextEnd(text, start, end, newline) - start <= cap) continue;
    // The file's line break, not papaparse's guess from the record's first characters.
    const place = tooLargeRecordPlace(text, start, lineOf(k), delimiter, newline, cap, readFirstRecord);
    const column = place.column === undefined ? undefined : headers[place.column - 1];
    return { record: k, error: { line: place.line, code: 'record_too_large', input: String(cap), ...(column === undefined ? {} : { column }) } };
  }
  return null;
}

