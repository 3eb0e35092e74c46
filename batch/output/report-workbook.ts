import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type ExcelJS from 'exceljs';
import type { ColumnKind } from '../../core/workbook-layout.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { currencyOf, type ReportColumn, type ReportRow } from './cell-value.js';
import { resolveCell } from './resolve-cell.js';
import { toXlsxCell, type XlsxCell } from './xlsx-cell.js';
import { HEADER_FILL, HIGHLIGHT_FILLS, type HighlightKind } from './report-styles.js';
import { pinZipTimestamps } from './pin-zip-timestamps.js';
import { rowHasValue, sheetRowXml, sheetValueType, type SheetCell } from './sheet-row-xml.js';

export interface ReportWorkbookOptions {
  /**
   * The date stamped as the workbook's created/modified date (e.g. the as-of date). Default
   * 1980-01-01, the date Excel writes into zip entries: never the wall clock, so the same inputs
   * give the same bytes.
   */
  readonly documentDate?: IsoDate;
  readonly creator?: string;
  /**
   * Write every row through exceljs's own row and cell objects instead of `sheetRowXml`: the slow
   * reference the fast rows are tested against; the same bytes either way.
   */
  readonly rowsThroughExceljs?: boolean;
}

export interface SheetOptions {
  readonly columns: readonly ReportColumn[];
  /** A fill for the whole row (expiring or overdrawn pools, error findings), or none. */
  readonly highlight?: (row: ReportRow) => HighlightKind | null;
  /** Freeze the header row; default true. */
  readonly freezeHeader?: boolean;
  /** Filter buttons over header and data; default true. */
  readonly autoFilter?: boolean;
}

export interface ReportSheet {
  readonly name: string;
  /** Writes one row and commits it to the zip stream; waits when the compressor is behind. */
  addRow(row: ReportRow): Promise<void>;
  /** Data rows written so far (the header is not counted). */
  readonly rowsWritten: number;
}

export interface ReportWorkbook {
  /** Starts a sheet; the previous one is finished first (sheets are streamed one at a time). */
  addSheet(name: string, options: SheetOptions): Promise<ReportSheet>;
  /** Finishes the file; its bytes depend only on what was written. */
  close(): Promise<void>;
  /** Gives up: closes the file handle (the partial file is left for the caller to delete). */
  abort(): Promise<void>;
}

const FIXED_DATE = new Date(Date.UTC(1980, 0, 1));
const DEFAULT_CREATOR = 'coop-ledger';

const KIND_WIDTH: Readonly<Record<ColumnKind, number>> = {
  text: 16,
  amount: 18,
  amountUSD: 18,
  date: 12,
  integer: 10,
  boolean: 10,
  share: 10,
};

/** `0` → `A`, `26` → `AA`: a 0-based column index as Excel names it. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/**
 * The exceljs internals that show how far behind the zip compressor is. exceljs's sheet stream
 * ignores backpressure (it buffers whatever it is given), so without this a million committed
 * rows would sit in memory until the compressor caught up.
 */
interface SheetStreamInternals {
  readonly pipes?: readonly { readonly _writableState?: { readonly needDrain?: boolean } }[];
}

/** Above this many rows between checks the writer waits for the compressor to drain. */
const ROWS_PER_SETTLE = 256;

/** Rows rendered by `sheetRowXml` are collected up to this many characters before one write. */
const ROW_CHUNK_CHARS = 64 * 1024;

/** exceljs internals the fast rows use: the styles part, which gives a style its id. */
interface WorkbookStylesInternals {
  readonly styles: { addStyleModel(style: Partial<ExcelJS.Style>, valueType?: number): number };
}

/** And the sheet's XML stream, which `sheetRowXml`'s text is written to. */
interface SheetXmlStream {
  write(text: string): unknown;
}

/**
 * A streaming XLSX report (exceljs `stream.xlsx.WorkbookWriter`): rows are committed as they are
 * added and memory stays flat; sheets are written one after another. Amounts are numbers with
 * their currency's format, dates are real dates, the header row is frozen and filtered, and the
 * file's bytes are deterministic: fixed document properties and zip entry times (see
 * `pinZipTimestamps`), no wall clock anywhere.
 */
/**
 * exceljs's streaming writer, loaded when the first workbook is written: exceljs is the heaviest
 * module the job uses (about 25 MB resident), and not needed while the earnings are read. Only
 * the writer's own module is loaded, not the package's index, which loads every reader too
 * (about 0.25 of the 0.5 CPU-s its loading takes); a test holds it to `stream.xlsx.WorkbookWriter`.
 */
export async function workbookWriterClass(): Promise<typeof ExcelJS.stream.xlsx.WorkbookWriter> {
  return (await import('exceljs/lib/stream/xlsx/workbook-writer.js')).default;
}

export async function createReportWorkbook(path: string, options: ReportWorkbookOptions = {}): Promise<ReportWorkbook> {
  const WorkbookWriter = await workbookWriterClass();
  const documentDate = options.documentDate ? new Date(`${options.documentDate}T00:00:00Z`) : FIXED_DATE;
  const creator = options.creator ?? DEFAULT_CREATOR;
  const file = createWriteStream(path);
  let failure: unknown = null;
  // Without a listener a disk error would crash the process instead of rejecting `close`.
  file.on('error', (err: unknown) => {
    failure ??= err;
  });
  const workbook = new WorkbookWriter({
    stream: file,
    useStyles: true,
    useSharedStrings: false, // shared strings would keep every distinct text in memory
    created: documentDate,
    modified: documentDate,
    creator,
    lastModifiedBy: creator,
  } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);

  let current: { finish: () => void } | null = null;
  // One style object per fill and number format: exceljs knows a style object it has seen (by
  // identity) and skips working out its XML again, which per cell is most of its time.
  const styles = new Map<HighlightKind | null, Map<string | undefined, Partial<ExcelJS.Style>>>();
  const styleOf = (numFmt: string | undefined, fillKind: HighlightKind | null): Partial<ExcelJS.Style> => {
    let byFormat = styles.get(fillKind);
    if (byFormat === undefined) styles.set(fillKind, (byFormat = new Map()));
    let style = byFormat.get(numFmt);
    if (style === undefined) {
      style = {};
      if (numFmt !== undefined) style.numFmt = numFmt;
      if (fillKind !== null) style.fill = solid(HIGHLIGHT_FILLS[fillKind]);
      byFormat.set(numFmt, style);
    }
    return style;
  };
  // The same for rows, which exceljs also gives a new empty style each (`Row.style`, a plain
  // property its typings leave out; a row's own style is never set here).
  const plainRowStyle: Partial<ExcelJS.Style> = {};
  // A cell style's id, as exceljs's styles part gives it, asked in the order exceljs's rows would
  // ask, so the ids and styles.xml are the same either way (the property test compares them).
  const styleIds = new Map<Partial<ExcelJS.Style>, number[]>();
  const stylesPart = (workbook as unknown as WorkbookStylesInternals).styles;
  const styleIdOf = (style: Partial<ExcelJS.Style>, valueType: number): number => {
    let byType = styleIds.get(style);
    if (byType === undefined) styleIds.set(style, (byType = []));
    let id = byType[valueType];
    if (id === undefined) byType[valueType] = id = stylesPart.addStyleModel(style, valueType);
    return id;
  };
  let closed = false;
  const names = new Set<string>();

  function finishCurrent(): void {
    current?.finish();
    current = null;
  }

  async function addSheet(name: string, sheetOptions: SheetOptions): Promise<ReportSheet> {
    if (closed) throw new Error('workbook already closed');
    // Excel's rules for sheet names; exceljs would write a file Excel has to repair.
    if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
      throw new RangeError(`not a valid Excel sheet name: ${JSON.stringify(name)}`);
    }
    if (names.has(name.toLowerCase())) throw new Error(`duplicate sheet name: ${name}`);
    names.add(name.toLowerCase());
    finishCurrent();
    const columns = sheetOptions.columns;
    const freeze = sheetOptions.freezeHeader ?? true;
    const sheet = workbook.addWorksheet(name, {
      views: freeze ? [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] : [],
    });
    sheet.columns = columns.map((c) => ({ key: c.name, width: c.width ?? Math.max(KIND_WIDTH[c.kind], c.name.length + 4) }));
    const header = sheet.addRow(columns.map((c) => c.name));
    header.eachCell((cell) => {
      cell.style = { font: { bold: true }, fill: solid(HEADER_FILL) };
    });
    header.commit();

    let rowsWritten = 0;
    let done = false;
    const internals = sheet as unknown as { stream?: SheetStreamInternals };
    const letters = columns.map((_, i) => columnLetter(i));
    // Rows rendered by `sheetRowXml`, not yet handed to the sheet's stream.
    let pendingXml = '';

    function writePending(): void {
      if (pendingXml === '') return;
      (sheet as unknown as { stream: SheetXmlStream }).stream.write(pendingXml);
      pendingXml = '';
    }

    async function settle(): Promise<void> {
      const pipe = internals.stream?.pipes?.[0];
      if (pipe?._writableState?.needDrain) await once(pipe as unknown as NodeJS.EventEmitter, 'drain');
    }

    /** The reference: the row through exceljs's row and cell objects. */
    function addRowThroughExceljs(cells: readonly XlsxCell[], fillKind: HighlightKind | null): void {
      const added = sheet.addRow(cells.map((c) => c.value));
      (added as unknown as { style: Partial<ExcelJS.Style> }).style = plainRowStyle;
      // Every cell gets a shared style object, the plain ones too: exceljs gives a cell left
      // alone a new empty style of its own, misses its cache on it and works out the style's
      // XML again, per cell (the plain empty style is the same `<xf>` either way).
      cells.forEach((c, i) => {
        added.getCell(i + 1).style = styleOf(c.numFmt, fillKind);
      });
      added.commit();
    }

    /** The same row's XML, rendered here (`sheetRowXml`) with the same style ids. */
    function addRowAsXml(cells: readonly XlsxCell[], fillKind: HighlightKind | null): void {
      if (!rowHasValue(cells)) return;
      const sheetCells: SheetCell[] = cells.map((c) => ({ value: c.value, styleId: styleIdOf(styleOf(c.numFmt, fillKind), sheetValueType(c.value)) }));
      // Below the header, row 1.
      pendingXml += sheetRowXml(rowsWritten + 2, sheetCells, letters);
    }

    current = {
      finish() {
        if (done) return;
        done = true;
        writePending();
        if (sheetOptions.autoFilter ?? true) {
          const last = columnLetter(Math.max(columns.length - 1, 0));
          sheet.autoFilter = `A1:${last}${rowsWritten + 1}`;
        }
        sheet.commit();
      },
    };

    return {
      name,
      get rowsWritten() {
        return rowsWritten;
      },
      async addRow(row) {
        if (done) throw new Error(`sheet ${name} is already finished`);
        if (failure) throw failure;
        const fillKind = sheetOptions.highlight?.(row) ?? null;
        const cells = columns.map((c) => toXlsxCell(resolveCell(c, row[c.name], currencyOf(row, c)), c.kind));
        if (options.rowsThroughExceljs) addRowThroughExceljs(cells, fillKind);
        else addRowAsXml(cells, fillKind);
        rowsWritten += 1;
        if (pendingXml.length >= ROW_CHUNK_CHARS) writePending();
        if (rowsWritten % ROWS_PER_SETTLE === 0) await settle();
      },
    };
  }

  return {
    addSheet,
    async close() {
      if (closed) return;
      closed = true;
      finishCurrent();
      if (failure) throw failure;
      await workbook.commit();
      await finished(file);
      if (failure) throw failure;
      await pinZipTimestamps(path);
    },
    async abort() {
      closed = true;
      file.destroy();
      await finished(file).catch(() => undefined);
    },
  };
}
