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
  const all: string[][] = [];
  const lines: number[] = [];
  const errors: ParsedExport['errors'] = [];
  let cursor = 0;
  let line = 1;
  const newlinesIn = (from: number, to: number) => {
    let n = 0;
    for (let i = body.indexOf('\n', from); i >= 0 && i < to; i = body.indexOf('\n', i + 1)) n++;
    return n;
  };
  Papa.parse<string[]>(body, {
    header: false,
    skipEmptyLines: false,
    step: (result) => {
      const end = result.meta.cursor;
      lines.push(line);
      all.push(result.data);
      // An undetectable delimiter is only a note: papaparse then reads commas, and a file that is
      // not comma-separated shows up as a missing header or ragged rows, with their lines.
      for (const e of result.errors) if (e.code !== 'UndetectableDelimiter') errors.push({ line, code: e.code === 'MissingQuotes' ? 'unclosed_quote' : 'parse_error', input: e.message });
      line += newlinesIn(cursor, end) + (body[end] === '\n' || body[end] === '\r' ? 1 : 0);
      // The cursor sits before the row's line break; skip it so the next count starts fresh.
      cursor = end + (body.startsWith('\r\n', end) ? 2 : body[end] === '\n' || body[end] === '\r' ? 1 : 0);
    },
  });
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
