import { inputSeverity, refusesWholeFile } from '../../core/codes.js';
import { headerRefusesTable } from '../../core/tables/refused-table.js';
import { raggedRow } from '../../core/tables/ragged-row.js';
import { readTableHeader, type TableHeader, type TableLayout } from '../../core/tables/table-header.js';
import type { ParsedExport } from './parse-export.js';
import type { ImportLogTally } from '../../core/reconcile/import-log.js';
import type { IssueParams } from '../../core/issues.js';

/** A problem that refuses a file's row (or the file): its place and core's code. */
export interface Rejection {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  /** Core's reason, where a code has several: the pane says it in words when it has a message for it. */
  readonly reason?: string;
  /** The column's header, when it has one. */
  readonly column?: string;
  /** The column's place in the file's row, 1-based, where the problem says it (a ragged row's first missing or extra cell). */
  readonly columnNumber?: number;
  readonly input?: string;
  /** What the input should have been, where the problem says it (a ragged row: the header's number of cells). */
  readonly expected?: string;
  /** Core's parameters of the issue, where core found it (the limit an amount broke): its message shows them. */
  readonly params?: IssueParams;
}

/** What an import did with one file. */
export interface FileSummary {
  readonly file: string;
  added: number;
  updated: number;
  skipped: number;
  rejected: number;
}

/** A file an import plans from, opened: its summary, how to refuse one of its rows, and its header by core's rule. */
export interface OpenedFile {
  readonly summary: FileSummary;
  /** A refused row (or file), counted once, with each of its problems. */
  readonly reject: (...problems: Omit<Rejection, 'file'>[]) => void;
  /**
   * An error of the file as a whole (a quote never closed, a record past the cap): none of its rows
   * are imported, as the batch job rejects such a file, so a truncated download never passes for a
   * whole one. Its rows are still read, so that each row's own problems are listed as the batch job lists them.
   */
  readonly refusedWhole: boolean;
  readonly header: TableHeader;
  /** The lines of the rows refused so far (the parser's faulty records and the rows core refuses), one per problem. */
  readonly rejectedLines: () => number[];
  /** The file's warnings (`no_rows`), each at its line. */
  readonly warnings: readonly Rejection[];
}

/**
 * Opens a parsed file for an import, whatever table it goes to: each problem of reading it at
 * core's severity for its code (docs/RULES.md, "Severity of input problems"), and its header by
 * core's rule, as the batch job reads it. Null when the file has no header, or one core refuses (a
 * required column missing, or two headers naming one column): the file is then refused, each
 * column missing, or else each repeat, on its header line.
 */
export function openImportFile(parsed: ParsedExport, layout: TableLayout, into: { readonly summaries: FileSummary[]; readonly rejected: Rejection[]; readonly warnings: Rejection[] }): OpenedFile | null {
  const summary: FileSummary = { file: parsed.file, added: 0, updated: 0, skipped: 0, rejected: 0 };
  const firstRejection = into.rejected.length;
  const firstWarning = into.warnings.length;
  into.summaries.push(summary);
  const reject = (...problems: Omit<Rejection, 'file'>[]) => {
    for (const r of problems) into.rejected.push({ file: parsed.file, ...r });
    summary.rejected++;
  };
  const problems: ParsedExport['errors'] = [...parsed.errors, ...parsed.warnings.map((w) => ({ ...w, input: '' }))];
  // A record is refused once, with each of its problems (a cell with two stray quotes is one row
  // refused, as the batch job refuses it once): the parser's errors by line.
  const refusedAt = new Map<number, Omit<Rejection, 'file'>[]>();
  for (const e of problems) {
    if (inputSeverity(e.code) === 'warning') into.warnings.push({ file: parsed.file, line: e.line, code: e.code });
    else {
      const problem = { line: e.line, code: e.code, input: e.input, ...(e.column === undefined ? {} : { column: e.column }) };
      const onLine = refusedAt.get(e.line);
      if (onLine === undefined) refusedAt.set(e.line, [problem]);
      else onLine.push(problem);
    }
  }
  for (const onLine of refusedAt.values()) reject(...onLine);
  if (parsed.headers.length === 0) return null;
  const refusedWhole = problems.some((e) => refusesWholeFile(e.code));
  const header = readTableHeader(parsed.headers, layout);
  if (headerRefusesTable(header)) {
    // The file stops at its header, as the batch job's reader stops there: what the parser found in
    // the rows after it (a quote never closed, `no_rows`) is no part of the verdict.
    into.rejected.splice(firstRejection);
    into.warnings.splice(firstWarning);
    summary.rejected = 0;
    if (header.missing.length > 0) for (const column of header.missing.map(String)) reject({ line: parsed.headerLine, code: 'missing_column', column, input: column });
    else for (const r of header.repeats) reject({ line: parsed.headerLine, code: 'duplicate_header', column: r.name, input: r.name });
    return null;
  }
  const rejectedLines = () => into.rejected.slice(firstRejection).map((r) => r.line);
  return { summary, reject, refusedWhole, header, rejectedLines, warnings: into.warnings.slice(firstWarning) };
}

/**
 * A record of the wrong width, by core's rule and at its column, as the batch job's reader refuses
 * it (docs/RULES.md, "Ragged rows"): the problem of its row, or null for a record as wide as the header.
 */
export function raggedProblem(cells: number, headers: readonly string[]): { code: string; columnNumber: number; input: string; expected: string; column?: string } | null {
  const ragged = raggedRow(cells, headers.length);
  if (ragged === null) return null;
  const name = headers[ragged.column - 1];
  return { code: ragged.code, columnNumber: ragged.column, input: ragged.input, expected: ragged.expected, ...(name === undefined ? {} : { column: name }) };
}

/** Notes in the import log what a file's reading came to: its rows left out and its warnings, by core's rules (`ImportLogTally`). */
export function noteFileReading(log: ImportLogTally, file: string, opened: OpenedFile): void {
  for (const w of opened.warnings) log.noteWarning(file, w.line, w.code);
  log.noteLeftOut(file, opened.refusedWhole, opened.rejectedLines());
}
