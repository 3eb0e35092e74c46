/**
 * Parses a Partner Center export's text into raw rows with their file line numbers. Runs inside
 * the Web Worker (csv.worker.ts) and in tests. No typing of values here: amounts stay text until
 * core's parseAmount reads them (never papaparse's dynamicTyping).
 */
import Papa from 'papaparse';
import { HEADER_SEARCH_LINES, findHeaderRow } from '../../core/tables/header-row.js';
import { REQUIRED_EARNINGS_COLUMNS } from '../../core/workbook-layout.js';

export interface ParsedExport {
  readonly file: string;
  readonly headers: string[];
  readonly rows: string[][];
  /** 1-based line in the file where each row starts. */
  readonly lines: number[];
  readonly errors: { line: number; code: string; input: string }[];
}

export function parseExportText(file: string, text: string): ParsedExport {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const { all, lines, errors } = recordsWithLines(body);
  // core's header reader, as the batch job reads it: the first row within the search lines with
  // every required column; else the closest, whose missing columns the plan then names.
  const search = findHeaderRow(all.filter((_, i) => lines[i]! <= HEADER_SEARCH_LINES), REQUIRED_EARNINGS_COLUMNS);
  const headerAt = search.found ? search.index : (search.best?.index ?? -1);
  if (headerAt < 0) return { file, headers: [], rows: [], lines: [], errors: [{ line: 1, code: 'no_header', input: '' }] };
  const headers = all[headerAt]!.map((h) => h.trim());
  const rows: string[][] = [];
  const rowLines: number[] = [];
  for (let i = headerAt + 1; i < all.length; i++) {
    const row = all[i]!;
    if (row.length === 1 && row[0]!.trim() === '') continue;
    rows.push(row);
    rowLines.push(lines[i]!);
  }
  return { file, headers, rows, lines: rowLines, errors: errors.filter((e) => e.line > (lines[headerAt] ?? 0)) };
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
 * Every record of the text with the line it starts on. Fast path: one papaparse call over the
 * whole text, no callback per row, lines counted from the line breaks inside the cells (an
 * unquoted cell cannot hold one). That count is exact when it accounts for every `\n` of the text;
 * it does not when a malformed quote made papaparse consume a line break into no cell, or the
 * file breaks its lines with lone CRs: then `recordsByStep`, which numbers from the text itself.
 */
function recordsWithLines(body: string): NumberedRecords {
  const result = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false });
  const all = result.data;
  const lines = new Array<number>(all.length);
  const breaks = lineBreaksIn([body]);
  // As many breaks as record boundaries: no cell holds one and none was lost, so record i is on line i + 1.
  if (result.meta.linebreak !== '\r' && breaks === all.length - 1) {
    for (let i = 0; i < all.length; i++) lines[i] = i + 1;
    return { all, lines, errors: errorsOn(result.errors, (row) => lines[row] ?? all.length + 1) };
  }
  let line = 1;
  let counted = 0;
  for (let i = 0; i < all.length; i++) {
    lines[i] = line;
    const inside = lineBreaksIn(all[i]!);
    counted += inside + (i + 1 < all.length ? 1 : 0);
    line += 1 + inside;
  }
  if (result.meta.linebreak === '\r' || counted !== breaks) return recordsByStep(body);
  return { all, lines, errors: errorsOn(result.errors, (row) => lines[row] ?? line) };
}

/** The readable way: papaparse one record at a time, each record's line counted from the text between the cursors it reports. */
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

/** The `\n`s inside a record's cells (a CRLF counts once, by its `\n`). */
function lineBreaksIn(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells) {
    for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) n++;
  }
  return n;
}
