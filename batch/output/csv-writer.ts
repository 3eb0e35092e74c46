import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { currencyOf, type ReportColumn, type ReportRow } from './cell-value.js';
import { formatCell } from './format-cell.js';
import { DEFAULT_DIALECT, type CsvDialect } from './csv-dialect.js';

/**
 * CSV as accounting tools import it (RFC 4180):
 * - records end with CRLF: RFC 4180's line break, and what Excel, SAP and most ledger imports
 *   expect; LF-only files are read by them too, but CRLF is never wrong;
 * - a field is quoted when it holds the separator, `"`, CR or LF, and its quotes are doubled;
 * - UTF-8 without a byte-order mark by default (byte-identical goldens, tools that choke on
 *   a BOM); `bom: true` adds one so that Excel opens non-ASCII names correctly by double-click.
 * The separator, decimal mark and BOM come from the dialect (`csv-dialect.ts`); the default is
 * RFC 4180 with `.` decimals.
 */
export const CSV_LINE_END = '\r\n';
const UTF8_BOM = '\uFEFF';
const NEEDS_QUOTES: Readonly<Record<CsvDialect['separator'], RegExp>> = { ',': /[",\r\n]/, ';': /[";\r\n]/ };

export function csvField(text: string, separator: CsvDialect['separator'] = ','): string {
  return NEEDS_QUOTES[separator].test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, with its line end. Fields must already be formatted (and neutralised). */
export function csvLine(fields: readonly string[], separator: CsvDialect['separator'] = ','): string {
  return fields.map((f) => csvField(f, separator)).join(separator) + CSV_LINE_END;
}

export interface CsvWriterOptions {
  /** Separator, decimal mark and BOM; default RFC 4180 (`,`, `.`, no BOM). */
  readonly dialect?: CsvDialect;
  /** Write a UTF-8 byte-order mark first (Excel-friendly); default: the dialect's. */
  readonly bom?: boolean;
  /** Write the header record of column names; default true. */
  readonly header?: boolean;
  /**
   * Records already formatted, by row object, for files that share rows (journal.csv and
   * journal-delta.csv hold the same line objects): a row found here is written as remembered,
   * and every row formatted is added. Share one only between writers of the same columns,
   * dialect and currency column.
   */
  readonly recordMemo?: CsvRecordMemo;
}

/** See `CsvWriterOptions.recordMemo`. */
export type CsvRecordMemo = WeakMap<ReportRow, string>;

export interface CsvWriter {
  /** Formats and writes one row; resolves when the stream can take more (backpressure). */
  writeRow(row: ReportRow): Promise<void>;
  /** Data rows written so far (the header is not counted). */
  readonly rowsWritten: number;
  /** Flushes and closes; the file is complete when this resolves. */
  close(): Promise<void>;
}

/** Lines are collected up to this many characters before one `write`: fewer, larger chunks. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The writer's inside: `add` formats a row synchronously and says when the collected text should
 * be flushed, so that a whole array of rows is written without a promise per row (a report of
 * 18,000 journal lines would otherwise wait on 36,000 of them).
 */
interface CsvSink {
  add(row: ReportRow): boolean;
  flush(): Promise<void>;
  readonly rowsWritten: number;
  close(): Promise<void>;
}

function openCsvSink(target: string | Writable, columns: readonly ReportColumn[], options: CsvWriterOptions): CsvSink {
  const stream = typeof target === 'string' ? createWriteStream(target) : target;
  let failure: unknown = null;
  stream.on('error', (err: unknown) => {
    failure ??= err;
  });
  const dialect = options.dialect ?? DEFAULT_DIALECT;
  const separator = dialect.separator;
  let pending = (options.bom ?? dialect.bom) ? UTF8_BOM : '';
  let rowsWritten = 0;
  let closed = false;
  const memo = options.recordMemo;

  async function flush(): Promise<void> {
    if (failure) throw failure;
    if (pending === '') return;
    const chunk = pending;
    pending = '';
    if (!stream.write(chunk, 'utf8')) await once(stream, 'drain');
  }

  const record = (row: ReportRow): string =>
    csvLine(
      columns.map((c) => formatCell(c, row[c.name], currencyOf(row, c), dialect.decimalMark)),
      separator,
    );

  if (options.header ?? true) pending += csvLine(columns.map((c) => c.name), separator);

  return {
    get rowsWritten() {
      return rowsWritten;
    },
    add(row) {
      if (closed) throw new Error('CSV writer already closed');
      let text = memo?.get(row);
      if (text === undefined) {
        text = record(row);
        memo?.set(row, text);
      }
      pending += text;
      rowsWritten += 1;
      return pending.length >= CHUNK_CHARS;
    },
    flush,
    async close() {
      if (closed) return;
      closed = true;
      await flush();
      stream.end();
      // `finished` also settles for a stream that already ended or failed (never hangs).
      await finished(stream);
      if (failure) throw failure;
    },
  };
}

/**
 * A streaming CSV writer over a file path (created or truncated) or a writable stream (ended by
 * `close`). Memory stays flat: it awaits `drain` whenever the stream's buffer is full.
 */
export function createCsvWriter(target: string | Writable, columns: readonly ReportColumn[], options: CsvWriterOptions = {}): CsvWriter {
  const sink = openCsvSink(target, columns, options);
  return {
    get rowsWritten() {
      return sink.rowsWritten;
    },
    async writeRow(row) {
      if (sink.add(row)) await sink.flush();
    },
    close: () => sink.close(),
  };
}

/** Writes a whole CSV file from rows (an array or any async source). */
export async function writeCsvFile(
  path: string,
  columns: readonly ReportColumn[],
  rows: Iterable<ReportRow> | AsyncIterable<ReportRow>,
  options: CsvWriterOptions = {},
): Promise<number> {
  const sink = openCsvSink(path, columns, options);
  try {
    if (Symbol.iterator in rows) {
      for (const row of rows) if (sink.add(row)) await sink.flush();
    } else {
      for await (const row of rows) if (sink.add(row)) await sink.flush();
    }
  } finally {
    await sink.close();
  }
  return sink.rowsWritten;
}
