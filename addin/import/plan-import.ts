/**
 * Decides what an import appends to the Earnings table and which of its rows it updates: rows
 * keyed by earningId, by core's duplicate decision (the batch job's; docs/RULES.md, "Repeated
 * earningIds"). An identical repeat is skipped (so importing the same export twice adds nothing);
 * the same earning with other payment fields, name, USD amount or exchange rate (compared only where
 * both versions carry one) is an update, and the newer download's version is written (over the
 * workbook's row, or over an earlier file's); other facts under one id are appended beside the
 * version counted, and count from then on, as the batch job counts them (the ledger then reports
 * the conflict). Every decision is core's step (`VersionResolver`, the ledger's `meetVersion`);
 * this file only says which rows and cells that writes. Rows core cannot read are rejected, each
 * with its file and line. Columns are matched by core's header
 * reader; export columns the table lacks are added on the right: unknown columns pass through.
 */
import type { NumberLocale } from '../../core/money/parse-amount.js';
import { parseDate, type DateSystem, type IsoDate } from '../../core/calendar/calendar-date.js';
import { columnKind, DOWNLOAD_LATEST_COLUMN, EARNINGS_COLUMNS, IMPORT_ORDER_COLUMN, REQUIRED_EARNINGS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { nextImportOrder, readingOrderWhenSorted } from '../../core/reconcile/reading-order.js';
import { columnPosition, readTableHeader } from '../../core/tables/table-header.js';
import { canonicalProgramName, policyCatalog, type PolicyCatalog } from '../../core/policy/policy-catalog.js';
import { earningRecordOf, type EarningRecord, type RowLocation } from '../../core/reconcile/earning-record.js';
import { earningKind } from '../../core/reconcile/earning-type.js';
import { readEarningRow, scaledAmountOfText, type EarningRowColumn, type EarningRowOptions } from '../../core/reconcile/earning-row.js';
import { importOutcome, unreadRowToRewrite, type SkipCode } from '../../core/reconcile/import-action.js';
import { importLogCode, ImportLogTally, type ImportLogCount } from '../../core/reconcile/import-log.js';
import { VersionResolver } from '../../core/reconcile/version-resolver.js';
import { VersionMet } from '../../core/reconcile/meet-version.js';
import type { Issue, IssueParams } from '../../core/issues.js';
import { FieldHasher } from '../../core/reconcile/earning-hash.js';
import { earningDigest, type EarningDigest } from '../../core/reconcile/earning-digest.js';
import { DownloadRecency, heldRecency, HELD_VERSIONS_ORDER, isNewerDownload, OTHER_RECENCY_COLUMNS, rowRecency, type DownloadRank } from '../../core/reconcile/download-recency.js';
import { memoByText } from '../../core/text/memo-by-text.js';
import { RowEarningTexts } from '../../core/reconcile/earning-texts.js';
import { trimCell } from '../../core/tables/trim-cell.js';
import { cellAsText, dateToCell, scaledToCell, textToCell, type CellValue } from '../excel/cell-values.js';
import type { ParsedExport } from './parse-export.js';
import { noteFileReading, openImportFile, raggedProblem, type FileSummary, type Rejection } from './open-import-file.js';

export type { FileSummary, Rejection } from './open-import-file.js';
import { rowReader } from './packed-rows.js';
import { earningsLayoutBy, importOrderCell, type EarningsLayout } from '../ledger/earnings-table-record.js';



export interface Skip {
  readonly file: string;
  readonly line: number;
  readonly earningId: string;
  readonly code: SkipCode;
  /** Where the version kept comes from: the workbook's Earnings table, or a row imported before it. */
  readonly heldIn: 'workbook' | 'import';
  /** With `heldIn: 'workbook'`: the sheet row of the Earnings table's row that holds it. */
  readonly heldRow?: number;
}

/**
 * A row with other facts than the version of its earningId counted so far: appended, it counts
 * from now on, and the ledger reports the two rows (`conflicting_duplicate`), as the batch job does.
 */
export interface Conflict {
  readonly file: string;
  readonly line: number;
  readonly earningId: string;
  /** Where the version it replaces is: the workbook's Earnings table, or a row imported before it. */
  readonly heldIn: 'workbook' | 'import';
  /** With `heldIn: 'workbook'`: the sheet row of the Earnings table's row that holds it. */
  readonly heldRow?: number;
}

/**
 * A row of the Earnings table that the import rewrites: a newer download's version of its earning,
 * or the first version of one that only a row core cannot read names (`replaced`).
 */
export interface RowUpdate {
  /** The row among the rows the table read (`existingEarnings`, blank rows left out): `TableData.rowNumbers[index]` is its sheet row. */
  readonly index: number;
  readonly cells: CellValue[];
  readonly file: string;
  readonly line: number;
  readonly earningId: string;
  /** `restated`: the USD amount or the exchange rate changed too (it moves thresholds). */
  readonly kind: 'updated' | 'restated' | 'replaced';
}

/**
 * An earning the workbook already holds: its index among the rows the Earnings table read, the
 * sheet row that holds it (as a problem names it), its version's digest, and the recency of the
 * download it came from (core's `heldRecency`). A row core cannot read that names an earningId has
 * no digest (`null`): it holds no version, and an import rewrites it (core's `importOutcome`).
 */
export interface ExistingEarning {
  readonly index: number;
  readonly row: number;
  readonly digest: EarningDigest | null;
  readonly latest: string;
}

/** A date as core reads it, or null; remembered per text (exports repeat a few hundred dates). */
const dateOfText = memoByText((text): IsoDate | null => {
  const d = parseDate(text);
  return d.ok ? d.value : null;
});

/** A type as core reads it, remembered per text: an export repeats a handful over every row. */
const kindOfType = memoByText(earningKind);

/** Where each field `readEarning` reads is in a row's cells (-1: the row has no such column). Matched by name once per file, not once per row. */
type FieldColumns = EarningsLayout;
/** The recency columns besides earningDate (paymentDate, calculationDate) a file or table has, by name and place: most have none. */
type RecencyColumns = readonly (readonly [name: string, column: number])[];

function recencyColumns(columnOf: (name: string) => number): RecencyColumns {
  return OTHER_RECENCY_COLUMNS.map((name) => [name, columnOf(name)] as const)
    .filter(([, column]) => column >= 0);
}

const NO_PASS_THROUGH: Readonly<Record<string, string>> = Object.freeze(Object.create(null) as Record<string, string>);

/** A row the first pass found core accepts: read again when it is planned. */
const ACCEPTED = Symbol('accepted');

/** Why a row is refused: one problem, in its column when it has one. */
interface RowProblem {
  readonly code: string;
  /** Core's reason, where a code has several (`invalid_amount`: `too_precise`, `ambiguous`…). */
  readonly reason?: string;
  readonly column?: string;
  readonly columnNumber?: number;
  readonly input: string;
  readonly expected?: string;
  /** Core's parameters of the issue (the limit an amount broke), for its message. */
  readonly params?: IssueParams;
}

/** A row read as core reads it, or why it cannot be (every problem core finds, or a row of the wrong width). */
type RowReading = { readonly ok: true; readonly record: EarningRecord } | { readonly ok: false; readonly problems: readonly RowProblem[] };

/** No number locale: the workbook's own cells, and exports written invariantly. */
const INVARIANT_ROWS: EarningRowOptions = Object.freeze({});

/**
 * A row core refuses, by every problem core finds in it, each in its column, as the batch job's
 * input-errors.csv lists them (docs/RULES.md, "Accepted rows").
 */
function refusal(issues: readonly Issue[]): RowReading {
  return { ok: false, problems: issues.map((i) => ({ code: i.code, ...(i.params?.reason ? { reason: i.params.reason } : {}), ...(i.params ? { params: i.params } : {}), column: String(i.path[0]), input: i.input ?? '' })) };
}

/** The row's recency columns besides earningDate, as core's download recency reads them (`passThrough`). */
function recencyCells(cell: (column: number) => string, recency: RecencyColumns): Readonly<Record<string, string>> {
  if (recency.length === 0) return NO_PASS_THROUGH;
  const dates = Object.create(null) as Record<string, string>;
  for (const [name, column] of recency) dates[name] = cell(column);
  return dates;
}

/**
 * The first pass over a file: whether core accepts the row and, if so, what it adds to its
 * download's recency, without making its record (`readEarning` makes it when the row is planned).
 */
function acceptedForRecency(
  cell: (column: number) => string,
  at: FieldColumns,
  recency: RecencyColumns,
  options: EarningRowOptions,
): RowReading | Pick<EarningRecord, 'earningDate' | 'passThrough'> {
  const read = readEarningRow((column: EarningRowColumn) => cell(at[column]), options);
  return read.ok ? { earningDate: read.value.earningDate, passThrough: recencyCells(cell, recency) } : refusal(read.issues);
}

/**
 * An earning from a row's cells as written, by column (`cell`; '' for -1), if core's acceptance
 * rule takes it (docs/RULES.md, "Accepted rows"): the batch job's rule, so a row the batch job
 * refuses is refused by the import too. Its texts are read by core (`RowEarningTexts`). `recency`
 * columns are kept in `passThrough`, where core's download recency reads them.
 */
function readEarning(cell: (column: number) => string, at: FieldColumns, recency: RecencyColumns, location: RowLocation, options: EarningRowOptions): RowReading {
  const read = readEarningRow((column: EarningRowColumn) => cell(at[column]), options);
  if (!read.ok) return refusal(read.issues);
  const texts = new RowEarningTexts(cell, at, cellOfReader);
  const record = earningRecordOf(texts, kindOfType(texts.earningType), read.value, recencyCells(cell, recency), location);
  return { ok: true, record };
}

/** The cell at a column, by the row's reader. */
const cellOfReader = (cell: (column: number) => string, column: number): string => cell(column);

/**
 * A row's version of its earning as core's identity digests it, its program canonical in the
 * workbook's catalog (an alias is the same program: docs/RULES.md, "Repeated earningIds").
 */
function digester(catalog: PolicyCatalog): (record: EarningRecord) => EarningDigest {
  const hasher = new FieldHasher();
  const programOf = memoByText((name) => canonicalProgramName(catalog, name) ?? name);
  return (record) => earningDigest(record, programOf(record.programName), hasher);
}

/** The Earnings table as read: its header, its rows (blank ones left out) and the sheet row of each (`TableData`). */
export interface EarningsTableRead {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
  readonly rowNumbers: readonly number[];
  /** The workbook's date system, which its date cells are in (a table read always says: `TableData`). */
  readonly dateSystem: DateSystem;
}

/** Each row's `importOrder` as core reads it (null: none), by the column's first header. */
function importOrders({ headers, rows }: EarningsTableRead): (number | null)[] {
  const at = columnPosition(readTableHeader(headers, { known: KNOWN_COLUMNS }), IMPORT_ORDER_COLUMN);
  return rows.map((cells) => (at < 0 ? null : importOrderCell(cells[at])));
}

/** The `importOrder` the next import gives its first row written (core's `nextImportOrder`). */
export function nextImportOrderOf(table: EarningsTableRead): number {
  return nextImportOrder(importOrders(table));
}

/**
 * The earnings the Earnings table holds, by earningId, each id's rows in the order the ledger
 * reads them (core's reading order, whatever the table's sort; more than one after a conflict,
 * and the last counts). A row core cannot read is the ledger's problem and holds no version
 * (`digest: null`); it is kept where it names an earningId, so that an import may rewrite it
 * (core's `unreadRowToRewrite`) rather than append the earning beside it.
 */
export function existingEarnings(table: EarningsTableRead, catalog: PolicyCatalog = policyCatalog()): Map<string, ExistingEarning[]> {
  const { headers, rows, rowNumbers, dateSystem: dates } = table;
  // The first of repeated headers is the column, as the ledger reads the table (core's header rule).
  const header = readTableHeader(headers, { known: KNOWN_COLUMNS });
  const digest = digester(catalog);
  const columnOf = (name: string) => columnPosition(header, name);
  const kinds = header.keys.map((key) => columnKind(EARNINGS_COLUMNS, key));
  const fields = earningsLayoutBy(columnOf, TABLES.earnings);
  const recency = recencyColumns(columnOf);
  const stored = columnOf(DOWNLOAD_LATEST_COLUMN);
  const out = new Map<string, ExistingEarning[]>();
  const orderAt = columnOf(IMPORT_ORDER_COLUMN);
  const order = orderAt < 0 ? null : readingOrderWhenSorted(rows.length, (i) => importOrderCell(rows[i]![orderAt]));
  for (let k = 0; k < rows.length; k++) {
    const r = order === null ? k : order[k]!;
    const cells = rows[r]!;
    // The cells as written: core reads them (`trimCell`), as it reads an export's.
    const cell = (i: number) => (i < 0 ? '' : cellAsText(cells[i], kinds[i], dates));
    // The row by its sheet row (core's `sheetRowBelowHeader`, which the table read applied), never
    // by its place among the rows read: blank rows are left out of those, and the header need not
    // be on row 1 (docs/RULES.md, "Where a table is").
    const row = rowNumbers[r]!;
    // The table's cells: a number is a number, and text in it is read invariantly, as the batch job reads a workbook.
    const read = readEarning(cell, fields, recency, { file: TABLES.earnings, line: row }, INVARIANT_ROWS);
    const earningId = read.ok ? read.record.earningId : trimCell(cell(fields.earningId));
    if (earningId === '') continue;
    const versions = out.get(earningId);
    const earning: ExistingEarning = read.ok
      ? { index: r, row, digest: digest(read.record), latest: heldRecency(cell(stored), rowRecency(read.record)) }
      : { index: r, row, digest: null, latest: '' };
    if (versions === undefined) out.set(earningId, [earning]);
    else versions.push(earning);
  }
  return out;
}


export interface ImportPlan {
  /** Columns to add to the table, in order, before appending. */
  readonly newColumns: string[];
  /** Rows in the table's column order (after newColumns are added). */
  readonly cells: CellValue[][];
  /** Rows of the table to rewrite (after newColumns are added). */
  readonly updates: RowUpdate[];
  /**
   * Rows of the table a newer download repeats unchanged: only their `downloadLatest` cell is
   * rewritten, at `column` of the final header (`index` as in `RowUpdate`), so that an older
   * download imported later is older than they are, as the batch job ranks them.
   */
  readonly restamps: { readonly index: number; readonly column: number; readonly cell: CellValue }[];
  readonly skipped: Skip[];
  /**
   * The import log's rows, as core's `ImportLogTally` counts them: every row read and not appended
   * as a row of its own (skipped, or rewriting the version held: `importLogCode`), the rows
   * refused in a file whose other rows are imported (`rows_quarantined`), and a download with no
   * row (`no_rows`).
   */
  readonly logged: ImportLogCount[];
  /** Rows appended beside another version of their earningId, which they replace. */
  readonly conflicts: Conflict[];
  readonly rejected: Rejection[];
  /** What the files' reading warns about and rejects nothing for (`no_rows`), with file and line. */
  readonly warnings: Rejection[];
  readonly files: FileSummary[];
}

const KNOWN_COLUMNS = EARNINGS_COLUMNS.map((c) => c.name);

/**
 * Where the version counted of an earningId is (which version counts is core's `VersionResolver`):
 * a row the workbook holds (`held`, its index, or -1), and the cells this import writes for it
 * (`cells`: a row appended, or the rewrite of the held row; null while the held row is untouched).
 */
interface Place {
  held: number;
  /** The sheet row of `held` (0 while it is -1). */
  heldRow: number;
  cells: CellValue[] | null;
  /** `held` is a row core cannot read, which no version has rewritten yet (core's `importOutcome`). */
  overRefused: boolean;
}

/** How a file's column is written to the table: where it goes and as what. */
interface ColumnTarget {
  readonly from: number;
  readonly to: number;
  readonly kind: 'amount' | 'date' | 'text';
}

export interface PlanImportOptions {
  /** How the files write numbers when not invariantly (the workbook's stored `numberLocale`). */
  readonly locale?: NumberLocale;
  /** The `importOrder` of the first row written (`nextImportOrderOf` the table; 1 for an empty one). */
  readonly firstOrder?: number;
  /** The workbook's date system, in which every date is written (docs/RULES.md, "Workbook cells"). */
  readonly dateSystem: DateSystem;
}

/**
 * Plans the import of parsed export files into the Earnings table (`tableHeaders`, holding
 * `existing`). `catalog` is the workbook's program catalog (its Programs table, else the built-in
 * one): programs are compared by their canonical name.
 */
export function planImport(
  tableHeaders: readonly string[],
  existing: ReadonlyMap<string, readonly ExistingEarning[]>,
  files: readonly ParsedExport[],
  catalog: PolicyCatalog = policyCatalog(),
  options: PlanImportOptions,
): ImportPlan {
  // The files are text: read with the number locale the workbook's Settings give, as the batch
  // job reads them with --number-locale (docs/RULES.md, "Money").
  const rowOptions: EarningRowOptions = options.locale ? { locale: options.locale } : INVARIANT_ROWS;
  const dates = options.dateSystem;
  const headers = [...tableHeaders];
  let tableHeader = readTableHeader(headers, { known: KNOWN_COLUMNS });
  const newColumns: string[] = [];
  const cells: CellValue[][] = [];
  const updates: RowUpdate[] = [];
  const skipped: Skip[] = [];
  const log = new ImportLogTally();
  const conflicts: Conflict[] = [];
  const rejected: Rejection[] = [];
  const warnings: Rejection[] = [];
  const summaries: FileSummary[] = [];
  // The downloads versions come from, numbered from 1 for core's resolver, which compares them by
  // their ranks (`isNewerDownload`): each file, and the workbook's rows by the download date they
  // record (one number per date, so that the heap does not grow with rows).
  const ranks: DownloadRank[] = [{ latest: '', order: HELD_VERSIONS_ORDER }];
  const heldSources = new Map<string, number>();
  const heldSource = (latest: string): number => {
    let source = heldSources.get(latest);
    if (source === undefined) heldSources.set(latest, (source = ranks.push({ latest, order: HELD_VERSIONS_ORDER }) - 1));
    return source;
  };
  const versions = new VersionResolver((a, b) => isNewerDownload(ranks[a]!, ranks[b]!));
  const placeOf = new Map<string, Place>();
  /** The workbook's rows of an id, met before its first row in the files: where the version they count is. */
  const meetHeld = (earningId: string): Place => {
    const place: Place = { held: -1, heldRow: 0, cells: null, overRefused: false };
    const rows = existing.get(earningId);
    if (rows === undefined) return place;
    for (const held of rows) {
      if (held.digest !== null && (versions.meet(earningId, held.digest, heldSource(held.latest)) & VersionMet.Counts) !== 0) {
        place.held = held.index;
        place.heldRow = held.row;
      }
    }
    // Where only rows core cannot read name the id, which of them the first version met rewrites is core's.
    const refused = unreadRowToRewrite(rows, (held) => held.digest !== null);
    if (refused !== undefined) Object.assign(place, { held: refused.index, heldRow: refused.row, overRefused: true });
    return place;
  };
  // A held row updated by more than one file of the import is rewritten once, with the version
  // that counts in the end: its file and line, and restated when any step restated it. By row index.
  const updateOf = new Map<number, { -readonly [K in keyof RowUpdate]: RowUpdate[K] }>();
  /** Held rows whose download date only is rewritten, by row index (the latest such download's). */
  const restampOf = new Map<number, CellValue>();
  const digest = digester(catalog);
  // Each file's recency, from its accepted rows only (docs/RULES.md, "Repeated earningIds").
  const recency = new DownloadRecency();
  // Every row written records its download's recency, where the next import ranks it (core's `heldRecency`).
  if (files.length > 0 && columnPosition(tableHeader, DOWNLOAD_LATEST_COLUMN) === -1) {
    headers.push(DOWNLOAD_LATEST_COLUMN);
    newColumns.push(DOWNLOAD_LATEST_COLUMN);
    tableHeader = readTableHeader(headers, { known: KNOWN_COLUMNS });
  }
  // Every row written is numbered in the order core read it, the order the ledger reads the table
  // in however it is sorted (docs/RULES.md, "Reading order"): a rewritten row gets the number of
  // the row that rewrites it, as the batch job reads the newer download's row where that file is.
  if (files.length > 0 && columnPosition(tableHeader, IMPORT_ORDER_COLUMN) === -1) {
    headers.push(IMPORT_ORDER_COLUMN);
    newColumns.push(IMPORT_ORDER_COLUMN);
    tableHeader = readTableHeader(headers, { known: KNOWN_COLUMNS });
  }
  let nextOrder = options.firstOrder ?? 1;

  for (const [order, parsed] of files.entries()) {
    // Its problems at core's severities and its header by core's rule, as the batch job reads an
    // export: a required column missing, or two headers naming one column (`earningId`,
    // `Earning ID`), refuses the file.
    const opened = openImportFile(parsed, { known: KNOWN_COLUMNS, required: REQUIRED_EARNINGS_COLUMNS }, { summaries, rejected, warnings });
    if (opened === null) continue;
    const { summary, reject, refusedWhole, header: fileHeader } = opened;
    const added = refusedWhole ? [] : parsed.headers.filter((h, i) => fileHeader.keys[i] !== '' && columnPosition(tableHeader, h) === -1);
    if (added.length > 0) {
      headers.push(...added);
      newColumns.push(...added);
      tableHeader = readTableHeader(headers, { known: KNOWN_COLUMNS });
    }
    // Header names are matched once per file, not once per row.
    const column = (name: string): number => columnPosition(fileHeader, name);
    const fields = earningsLayoutBy(column, parsed.file);
    const rowCount = parsed.rows.length;
    const rowAt = rowReader(parsed.rows);
    // The row being read, and one reader of its cells for every row (no closure per row).
    let current: readonly string[] = [];
    const currentCell = (i: number) => (i < 0 ? '' : (current[i] ?? ''));
    // Every row is read before any is planned: a repeat's decision needs the download's recency,
    // and that counts only the rows core accepts (the parser's faulty records are no rows). An
    // accepted row is only marked, and read again when planned: holding 100,000 records between
    // the two passes cost more (their collection) than reading the rows twice.
    const recencyAt = recencyColumns(column);
    const readings = new Array<RowReading | typeof ACCEPTED>(rowCount);
    for (let r = 0; r < rowCount; r++) {
      current = rowAt(r);
      const ragged = raggedProblem(current.length, parsed.headers);
      if (ragged !== null) {
        readings[r] = { ok: false, problems: [ragged] };
        continue;
      }
      const read = acceptedForRecency(currentCell, fields, recencyAt, rowOptions);
      if ('earningDate' in read) {
        recency.see(order, read);
        readings[r] = ACCEPTED;
      } else readings[r] = read;
    }
    const rank: DownloadRank = recency.rankOf(order);
    const source = ranks.push(rank) - 1;

    const targets: ColumnTarget[] = [];
    fileHeader.keys.forEach((key, from) => {
      const to = columnPosition(tableHeader, key);
      if (key === '' || to === -1) return;
      const kind = columnKind(EARNINGS_COLUMNS, key);
      targets.push({ from, to, kind: kind === 'amount' || kind === 'amountUSD' ? 'amount' : kind === 'date' ? 'date' : 'text' });
    });
    // After the file's own cells: a file that carried such a column is not the download it names.
    const latestAt = columnPosition(tableHeader, DOWNLOAD_LATEST_COLUMN);
    const orderAt = columnPosition(tableHeader, IMPORT_ORDER_COLUMN);
    const latestCell = dateToCell(dateOfText(rank.latest), dates);
    const iAmount = column('earningAmount');
    const iUSD = column('earningAmountUSD');
    /** A file row in the table's column order; its two amounts as already read (`record`). */
    const cellsOf = (row: readonly string[], record: EarningRecord): CellValue[] => {
      const out = new Array<CellValue>(headers.length).fill('');
      for (const { from, to, kind } of targets) {
        const raw = row[from] ?? '';
        const text = trimCell(raw);
        if (text === '') out[to] = '';
        else if (kind === 'amount') {
          const value = from === iAmount ? record.amountScaled : from === iUSD ? record.amountUSDScaled : scaledAmountOfText(text, rowOptions);
          out[to] = value !== null ? scaledToCell(value) : textToCell(text);
        } else if (kind === 'date') {
          const d = dateOfText(text);
          out[to] = d !== null ? dateToCell(d, dates) : textToCell(text);
        } else out[to] = textToCell(raw);
      }
      out[latestAt] = latestCell;
      out[orderAt] = nextOrder++;
      return out;
    };

    const planRow = (r: number) => {
      const reading = readings[r];
      if (reading === undefined) return;
      const line = parsed.lines[r] ?? 0;
      if (reading === ACCEPTED) current = rowAt(r);
      const read = reading === ACCEPTED ? readEarning(currentCell, fields, recencyAt, { file: parsed.file, line }, rowOptions) : reading;
      if (!read.ok) return reject(...read.problems.map((p) => ({ line, ...p })));
      if (refusedWhole) return;
      const earningId = read.record.earningId;
      let place = placeOf.get(earningId);
      if (place === undefined) placeOf.set(earningId, (place = meetHeld(earningId)));
      const outcome = importOutcome(versions.meet(earningId, digest(read.record), source), place.overRefused);
      place.overRefused = false;
      const logged = importLogCode(outcome);
      if (logged !== null) log.note(parsed.file, line, earningId, logged);
      const heldIn = place.cells === null ? 'workbook' : 'import';
      // Compared with the workbook's own row (no file of this import has rewritten it): that row
      // is named too, by its sheet row, where the user looks the two versions up.
      const heldRow = heldIn === 'workbook' && place.held >= 0 ? { heldRow: place.heldRow } : {};
      if (outcome.action === 'append') {
        const out = cellsOf(rowAt(r), read.record);
        cells.push(out);
        place.held = -1;
        place.cells = out;
        if (outcome.code !== null) conflicts.push({ file: parsed.file, line, earningId, heldIn, ...heldRow });
        summary.added++;
        return;
      }
      if (outcome.action === 'skip') {
        skipped.push({ file: parsed.file, line, earningId, code: outcome.code, heldIn, ...heldRow });
        summary.skipped++;
        // The same version in a newer download: the earning now ranks as that download's, so an
        // older download met later is older than it, as the batch job ranks every download
        // holding the version (docs/RULES.md, "Repeated earningIds").
        if (outcome.restamp) {
          if (place.cells !== null) place.cells[latestAt] = latestCell;
          else restampOf.set(place.held, latestCell);
        }
        return;
      }
      const rewritten = cellsOf(rowAt(r), read.record);
      if (place.cells !== null) place.cells.splice(0, place.cells.length, ...rewritten);
      else place.cells = rewritten;
      if (place.held >= 0) {
        const update = updateOf.get(place.held);
        if (update === undefined) {
          const first = { index: place.held, cells: place.cells, file: parsed.file, line, earningId, kind: outcome.kind };
          updateOf.set(place.held, first);
          updates.push(first);
        } else {
          update.file = parsed.file;
          update.line = line;
          if (outcome.kind === 'restated') update.kind = outcome.kind;
        }
      }
      summary.updated++;
    };
    for (let r = 0; r < rowCount; r++) planRow(r);
    noteFileReading(log, parsed.file, opened);
  }
  // Rows planned before a later file added columns are padded to the final width.
  for (const row of [...cells, ...updates.map((u) => u.cells)]) while (row.length < headers.length) row.push('');
  // A row rewritten whole carries its download date already.
  const latestColumn = columnPosition(tableHeader, DOWNLOAD_LATEST_COLUMN);
  const restamps = [...restampOf].filter(([index]) => !updateOf.has(index)).map(([index, cell]) => ({ index, column: latestColumn, cell }));
  return { newColumns, cells, updates, restamps, skipped, logged: log.entries(), conflicts, rejected, warnings, files: summaries };
}
