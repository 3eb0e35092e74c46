/**
 * Parses a Partner Center export's text into raw rows with their file line numbers. Runs inside
 * the Web Worker (csv.worker.ts) and in tests. No typing of values here: amounts stay text until
 * core's parseAmount reads them (never papaparse's dynamicTyping).
 */
import Papa from 'papaparse';
import { headerProblem, searchesLine, seeHeaderLine, startHeaderSearch } from '../../core/tables/header-row.js';
import { REQUIRED_EARNINGS_COLUMNS } from '../../core/workbook-layout.js';
import { cellValue, recordCells, scanRecords, type ScannedRecords } from './csv-scan.js';
import { packRows, unpackExport, type ExportRows, type PackedRows } from './packed-rows.js';

export interface ParsedExport<Rows extends ExportRows = ExportRows> {
  readonly file: string;
  readonly headers: string[];
  readonly rows: Rows;
  /** 1-based line in the file where each row starts. */
  readonly lines: number[];
  /** 1-based line of the header row (0 when there is none): where a missing column is reported. */
  readonly headerLine: number;
  readonly errors: { line: number; code: string; input: string }[];
}

/** An export's rows as arrays of cells (`parseExport`, unpacked). */
export function parseExportText(file: string, text: string): ParsedExport<string[][]> {
  return unpackExport(parseExport(file, text));
}

/**
 * An export's rows, packed (packed-rows.ts). The records are papaparse's (its delimiter and line
 * break, guessed from the text's start); where the text is well-formed they are found by the
 * scanner that holds to it (csv-scan.ts), else papaparse reads them and reports what is wrong.
 */
export function parseExport(file: string, text: string): ParsedExport<PackedRows> {
  const body = exportBody(text);
  const { delimiter, linebreak } = Papa.parse<string[]>(body, { header: false, preview: 1 }).meta;
  const scanned = linebreak === '\n' || linebreak === '\r\n' ? scanRecords(body, delimiter, linebreak) : null;
  return scanned !== null ? fromScanned(file, scanned) : fromRecords(file, recordsByStep(body));
}

/** Rows from papaparse's records alone: the readable path, which reads any text the scanner leaves to it. */
export function parseExportByPapaparse(file: string, text: string): ParsedExport<PackedRows> {
  return fromRecords(file, recordsByStep(exportBody(text)));
}

/** A file's text without its byte order mark: what the rows of a well-formed file point into. */
export function exportBody(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * core's header search, as the batch job runs it, over the records as they start on their lines:
 * the header record; else the closest, whose missing columns the plan then names. -1: none.
 */
function headerIndex(count: number, lineOf: (k: number) => number, cellsOf: (k: number) => string[]): number {
  let search = startHeaderSearch(REQUIRED_EARNINGS_COLUMNS);
  const recordOn = new Map<number, number>();
  for (let k = 0; k < count && searchesLine(search, lineOf(k)); k++) {
    recordOn.set(lineOf(k), k);
    search = seeHeaderLine(search, lineOf(k), cellsOf(k));
  }
  const problem = search.found === null ? headerProblem(search) : null;
  const line = search.found ?? (problem?.code === 'missing_column' ? problem.line : null);
  return line === null ? -1 : (recordOn.get(line) ?? -1);
}

const NO_HEADER = (file: string): ParsedExport<PackedRows> => ({
  file,
  headers: [],
  rows: packRows([]),
  lines: [],
  headerLine: 0,
  errors: [{ line: 1, code: 'header_not_found', input: '' }],
});

function fromRecords(file: string, { all, lines, errors }: NumberedRecords): ParsedExport<PackedRows> {
  const headerAt = headerIndex(all.length, (k) => lines[k]!, (k) => all[k]!);
  if (headerAt < 0) return NO_HEADER(file);
  const headers = all[headerAt]!.map((h) => h.trim());
  const rows: string[][] = [];
  const rowLines: number[] = [];
  for (let i = headerAt + 1; i < all.length; i++) {
    const row = all[i]!;
    if (row.length === 1 && row[0]!.trim() === '') continue;
    rows.push(row);
    rowLines.push(lines[i]!);
  }
  return { file, headers, rows: packRows(rows), lines: rowLines, headerLine: lines[headerAt]!, errors: errors.filter((e) => e.line > lines[headerAt]!) };
}

/** The same from the scanner's records, which are well-formed: papaparse would report no error. */
function fromScanned(file: string, scanned: ScannedRecords): ParsedExport<PackedRows> {
  const { text, cellEnds, recordFirst, recordStarts, recordLines, records } = scanned;
  const headerAt = headerIndex(records, (k) => recordLines[k]!, (k) => recordCells(scanned, k));
  if (headerAt < 0) return NO_HEADER(file);
  const headers = recordCells(scanned, headerAt).map((h) => h.trim());
  const rowStarts = new Int32Array(records - headerAt - 1);
  const rowFirst = new Int32Array(records - headerAt - 1);
  const rowWidths = new Int32Array(records - headerAt - 1);
  const lines: number[] = [];
  let rows = 0;
  for (let k = headerAt + 1; k < records; k++) {
    const first = recordFirst[k]!;
    const width = recordFirst[k + 1]! - first;
    // A blank line (one cell of white space) is no row.
    if (width === 1 && cellValue(text, recordStarts[k]!, cellEnds[first]!).trim() === '') continue;
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
  return { file, headers, rows: packed, lines, headerLine: recordLines[headerAt]!, errors: [] };
}

interface NumberedRecords {
  readonly all: string[][];
  /** 1-based line where each record starts. */
  readonly lines: number[];
  readonly errors: ParsedExport['errors'];
}

/** papaparse's errors on the lines of their records; `row` is the index of a record, not a line. */
function errorsOn(errors: readonly Papa.ParseError[], lineOf: (row: number) => number): ParsedExport['errors'] {
  // An undetectable delimiter is only a note: papaparse then reads commas, and a file that is
  // not comma-separated shows up as a missing header or ragged rows, with their lines.
  return errors
    .filter((e) => e.code !== 'UndetectableDelimiter')
    .map((e) => ({ line: lineOf(e.row ?? 0), code: e.code === 'MissingQuotes' ? 'unclosed_quote' : 'parse_error', input: e.message }));
}

/**
 * The readable way: papaparse one record at a time, each record's line counted from the text
 * between the cursors it reports, and its errors on those lines.
 */
function recordsByStep(body: string): NumberedRecords {
  const all: string[][] = [];
  const lines: number[] = [];
  const errors: ParsedExport['errors'] = [];
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(body, {
    header: false,
    skipEmptyLines: false,
    step: (result) => {
      const end = result.meta.cursor;
      lines.push(line);
      all.push(result.data);
      errors.push(...errorsOn(result.errors, () => line));
      // The next record starts at the cursor: count the line breaks up to it (a lone CR breaks a line too).
      for (let i = start; i < end; i++) {
        const c = body.charCodeAt(i);
        if (c === 10 || (c === 13 && body.charCodeAt(i + 1) !== 10)) line++;
      }
      start = end;
    },
  });
  return { all, lines, errors };
}
