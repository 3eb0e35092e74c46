/**
 * Decides what an import appends to the Payments table and which of its rows it rewrites: rows
 * keyed by paymentId, by core's rule of which version of a payment counts (docs/RULES.md, "A
 * payment repeated"). A Payments report's lines are read by core's row rule (`readPaymentRecord`),
 * as the batch job reads `--payments`; a line core refuses is rejected with its file, line and
 * column. Report columns the table lacks are added on the right: unknown columns pass through.
 */
import { trimCell } from '../../core/tables/trim-cell.js';
import type { NumberLocale } from '../../core/money/parse-amount.js';
import { parseDate, type DateSystem, type IsoDate } from '../../core/calendar/calendar-date.js';
import { columnKind, DOWNLOAD_LATEST_COLUMN, PAYMENTS_COLUMNS } from '../../core/workbook-layout.js';
import { columnPosition, readTableHeader, type TableHeader } from '../../core/tables/table-header.js';
import { headerRefusesTable } from '../../core/tables/refused-table.js';
import {
  paymentsCurrencyColumns,
  paymentsImportOrder,
  paymentsTableColumn,
  readPaymentRecord,
  REQUIRED_PAYMENTS_COLUMNS,
  type PaymentRowOptions,
  type PaymentsColumn,
} from '../../core/reconcile/payments-layout.js';
import { heldPaymentRank, heldPaymentRow, paymentImportAction, paymentsReportRank, paymentVersion, type PaymentVersion } from '../../core/reconcile/payment-versions.js';
import type { AcceptedPayment } from '../../core/reconcile/payments-layout.js';
import { scaledAmountOfText } from '../../core/reconcile/earning-row.js';
import { dateToCell, scaledToCell, textToCell, type CellValue } from '../excel/cell-values.js';
import type { TableData } from '../excel/table-io.js';
import { PAYMENTS_TABLE_KNOWN, paymentIdReader, paymentsRowReader, paymentsTableHeader, storedLatestReader } from '../ledger/payments-table-record.js';
import type { ParsedExport } from './parse-export.js';
import { noteFileReading, openImportFile, raggedProblem, type FileSummary, type Rejection } from './open-import-file.js';
import { ImportLogTally, type ImportLogCount } from '../../core/reconcile/import-log.js';
import { rowReader } from './packed-rows.js';
import { ReportPayments } from '../../core/reconcile/payment-repeats.js';

/** A payment the Payments table holds: its row among the rows read, and its version. */
export interface HeldPayment {
  readonly index: number;
  /** null: a row core cannot read, which names the paymentId (core's `paymentImportAction` replaces it). */
  readonly version: PaymentVersion | null;
}

/** A row of the Payments table the import rewrites with a version that counts over the one held. */
export interface PaymentRowUpdate {
  /** The row among the rows the table read: `TableData.rowNumbers[index]` is its sheet row. */
  readonly index: number;
  cells: CellValue[];
  file: string;
  line: number;
  readonly paymentId: string;
}

export interface PaymentsPlan {
  /** Columns to add to the table, in order, before appending. */
  readonly newColumns: string[];
  /** Rows to append, in the table's column order (after newColumns are added). */
  readonly cells: CellValue[][];
  readonly updates: PaymentRowUpdate[];
  /**
   * Rows of the table a newer report repeats unchanged: only their `downloadLatest` cell is
   * rewritten, at `column` of the final header (`index` as in `PaymentRowUpdate`), so that an older
   * report imported later is older than they are, as the batch job ranks the reports.
   */
  readonly restamps: { readonly index: number; readonly column: number; readonly cell: CellValue }[];
  readonly rejected: Rejection[];
  readonly warnings: Rejection[];
  readonly files: FileSummary[];
  /**
   * The import log's rows: rows that repeat a payment of their own report (`duplicate_payment`),
   * the rows refused in reports whose other rows are imported (`rows_quarantined`), and a report
   * with no row (`no_rows`).
   */
  readonly logged: ImportLogCount[];
}

/**
 * The payments the table holds, by paymentId: the row of each that an import meets (core's
 * `heldPaymentRow`). A row core cannot read is the ledger's problem and holds no version
 * (`version: null`); an import rewrites it with the report's version instead of adding the payment
 * again. Each version ranks as the report its import recorded (`downloadLatest`, core's
 * `heldRecency`), before every file an import reads (`HELD_VERSIONS_ORDER`).
 */
export function existingPayments(table: Pick<TableData, 'headers' | 'rows' | 'rowNumbers' | 'dateSystem'>): Map<string, HeldPayment> {
  const header = paymentsTableHeader(table.headers);
  const out = new Map<string, HeldPayment>();
  if (headerRefusesTable(header)) return out;
  const read = paymentsRowReader(header, table.dateSystem);
  const idOf = paymentIdReader(header, table.dateSystem);
  const stored = storedLatestReader(header, table.dateSystem);
  const rowsOf = new Map<string, HeldPayment[]>();
  table.rows.forEach((cells, index) => {
    const r = read(cells, table.rowNumbers[index] ?? 0);
    const id = r.ok ? r.value.paymentId : idOf(cells);
    if (id === '') return;
    const held: HeldPayment = { index, version: r.ok ? paymentVersion(r.value, heldPaymentRank(stored(cells), r.value)) : null };
    const rows = rowsOf.get(id);
    if (rows === undefined) rowsOf.set(id, [held]);
    else rows.push(held);
  });
  // Which of an id's rows the import meets is core's.
  for (const [id, rows] of rowsOf) out.set(id, heldPaymentRow(rows, (row) => row.version !== null)!);
  return out;
}

export interface PlanPaymentsOptions {
  /** How the files write numbers when not invariantly (the workbook's stored `numberLocale`). */
  readonly locale?: NumberLocale;
  /** The workbook's date system, in which every date is written (docs/RULES.md, "Workbook cells"). */
  readonly dateSystem: DateSystem;
}

/** How a file's column is written to the table: where it goes and as what. */
interface ColumnTarget {
  readonly from: number;
  readonly to: number;
  readonly kind: 'amount' | 'date' | 'text';
}

/**
 * Plans the import of Payments reports (`files`, each `kind: 'payments'`) into the Payments table
 * (`tableHeaders`, holding `existing`). Which version of a payment counts is core's
 * (`paymentImportAction`): each file ranks by its own rows' dates, on a tie after the table's rows
 * and in the order given (core's order of sources), as the batch job ranks its `--payments`.
 */
export function planPaymentsImport(
  tableHeaders: readonly string[],
  existing: ReadonlyMap<string, HeldPayment>,
  files: readonly ParsedExport[],
  options: PlanPaymentsOptions,
): PaymentsPlan {
  // The files are text: read with the workbook's number locale, as the batch job reads them with --number-locale.
  const rowOptions: PaymentRowOptions = options.locale ? { locale: options.locale } : {};
  const dates = options.dateSystem;
  const headers = [...tableHeaders];
  let tableHeader: TableHeader = readTableHeader(headers, { known: PAYMENTS_TABLE_KNOWN });
  const newColumns: string[] = [];
  const cells: CellValue[][] = [];
  const rejected: Rejection[] = [];
  const warnings: Rejection[] = [];
  const summaries: FileSummary[] = [];
  const log = new ImportLogTally();
  /** Per paymentId, the version that counts so far and, when this import wrote it, its planned cells. */
  const seen = new Map<string, { version: PaymentVersion; cells: CellValue[] | null }>();
  const updateOf = new Map<string, PaymentRowUpdate>();
  const updates: PaymentRowUpdate[] = [];
  /** Held rows whose report date only is rewritten, by row index (the latest such report's). */
  const restampOf = new Map<number, CellValue>();
  // Every row written records its report's recency, where the next import ranks it (core's `heldRecency`).
  if (files.length > 0 && columnPosition(tableHeader, DOWNLOAD_LATEST_COLUMN) === -1) {
    headers.push(DOWNLOAD_LATEST_COLUMN);
    newColumns.push(DOWNLOAD_LATEST_COLUMN);
    tableHeader = readTableHeader(headers, { known: PAYMENTS_TABLE_KNOWN });
  }

  for (const [reportOrder, parsed] of files.entries()) {
    const opened = openImportFile(parsed, { known: PAYMENTS_TABLE_KNOWN, required: REQUIRED_PAYMENTS_COLUMNS }, { summaries, rejected, warnings });
    if (opened === null) continue;
    const { summary, reject, refusedWhole, header: fileHeader } = opened;
    const fileColumn = (name: string) => columnPosition(fileHeader, name);
    const fileCurrencies = paymentsCurrencyColumns((c) => fileColumn(c) >= 0);
    // Which table column each of the file's columns goes to is core's (docs/RULES.md, "The add-in's Payments table").
    const targetName = (key: string) => paymentsTableColumn(key, fileCurrencies, (c) => columnPosition(tableHeader, c) >= 0);
    if (!refusedWhole) {
      const added = new Set<string>();
      fileHeader.keys.forEach((key) => {
        if (key === '') return;
        const name = targetName(key);
        if (columnPosition(tableHeader, name) === -1 && !added.has(name)) added.add(name);
      });
      if (added.size > 0) {
        headers.push(...added);
        newColumns.push(...added);
        tableHeader = readTableHeader(headers, { known: PAYMENTS_TABLE_KNOWN });
      }
    }
    const targets: ColumnTarget[] = [];
    const taken = new Set<number>();
    // In core's order: the earned currency takes its table column before a column that says the same.
    for (const from of paymentsImportOrder(fileHeader.keys, fileCurrencies)) {
      const key = fileHeader.keys[from]!;
      const to = columnPosition(tableHeader, targetName(key));
      if (key === '' || to === -1 || taken.has(to)) continue;
      taken.add(to);
      const kind = columnKind(PAYMENTS_COLUMNS, tableHeader.keys[to] ?? '');
      targets.push({ from, to, kind: kind === 'amount' || kind === 'amountUSD' ? 'amount' : kind === 'date' ? 'date' : 'text' });
    }
    /** A file row in the table's column order: amounts and dates as numbers, as core reads them. */
    const cellsOf = (row: readonly string[]): CellValue[] => {
      const out = new Array<CellValue>(headers.length).fill('');
      for (const { from, to, kind } of targets) {
        const raw = row[from] ?? '';
        const text = trimCell(raw);
        if (text === '') continue;
        if (kind === 'amount') {
          const value = scaledAmountOfText(text, rowOptions);
          out[to] = value !== null ? scaledToCell(value) : textToCell(text);
        } else if (kind === 'date') {
          const d = parseDate(text);
          out[to] = d.ok ? dateToCell(d.value, dates) : textToCell(text);
        } else out[to] = textToCell(raw);
      }
      return out;
    };

    const rowAt = rowReader(parsed.rows);
    // Every row is read before any is planned: which version counts needs the report's recency,
    // which only the rows core accepts make.
    const accepted: { readonly r: number; readonly line: number; readonly payment: AcceptedPayment }[] = [];
    for (let r = 0; r < parsed.rows.length; r++) {
      const row = rowAt(r);
      const line = parsed.lines[r] ?? 0;
      const ragged = raggedProblem(row.length, parsed.headers);
      if (ragged !== null) {
        reject({ line, ...ragged });
        continue;
      }
      const textOf = (column: PaymentsColumn) => {
        const i = fileColumn(column);
        // As written: core reads the cell (`trimCell`).
        return i < 0 ? '' : (row[i] ?? '');
      };
      const read = readPaymentRecord(textOf, fileCurrencies, { file: parsed.file, line }, rowOptions);
      if (!read.ok) {
        reject(
          ...read.issues.map((i) => ({
            line,
            code: i.code,
            ...(i.params?.reason ? { reason: i.params.reason } : {}),
            ...(i.params?.expected ? { expected: i.params.expected } : {}),
            ...(i.params ? { params: i.params } : {}),
            column: String(i.path[0]),
            input: i.input ?? '',
          })),
        );
        continue;
      }
      accepted.push({ r, line, payment: read.value });
    }
    if (refusedWhole) continue;
    const rank = paymentsReportRank(accepted.map((a) => a.payment), reportOrder);
    const latestAt = columnPosition(tableHeader, DOWNLOAD_LATEST_COLUMN);
    const latestCell = dateToCell(rank.latest === '' ? null : (rank.latest as IsoDate), dates);
    // A row that states a payment of its report again is logged, as the batch job finds it on every run.
    const stated = new ReportPayments();
    for (const { r, line, payment } of accepted) {
      const { paymentId } = payment;
      if (stated.firstOf(paymentId, payment.location) !== undefined) log.note(parsed.file, line, '', 'duplicate_payment');
      const version = paymentVersion(payment, rank);
      const held = existing.get(paymentId);
      const before = seen.get(paymentId) ?? (held ? { version: held.version, cells: null } : undefined);
      const action = paymentImportAction(before?.version, version);
      if (action === 'skip' || action === 'restamp') {
        summary.skipped++;
        // The same version in a newer report: the payment now ranks as that report's, so an older
        // report met later is older than it (docs/RULES.md, "A payment repeated").
        if (action === 'restamp') {
          if (before!.cells !== null) before!.cells[latestAt] = latestCell;
          else if (held !== undefined) restampOf.set(held.index, latestCell);
          seen.set(paymentId, { version, cells: before!.cells });
        }
        continue;
      }
      // After the file's own cells: a file that carried such a column is not the report it names.
      const out = cellsOf(rowAt(r));
      out[latestAt] = latestCell;
      if (action === 'add') {
        cells.push(out);
        seen.set(paymentId, { version, cells: out });
        summary.added++;
        continue;
      }
      // A version that counts over the one held: its cells replace the planned row's (an appended
      // row, or the rewrite of the table's row), or are the rewrite of the table's row.
      if (before!.cells !== null) before!.cells.splice(0, before!.cells.length, ...out);
      const planned = before!.cells ?? out;
      if (held !== undefined) {
        const update = updateOf.get(paymentId);
        if (update === undefined) {
          const first: PaymentRowUpdate = { index: held.index, cells: planned, file: parsed.file, line, paymentId };
          updateOf.set(paymentId, first);
          updates.push(first);
        } else Object.assign(update, { file: parsed.file, line });
      }
      seen.set(paymentId, { version, cells: planned });
      summary.updated++;
    }
    noteFileReading(log, parsed.file, opened);
  }
  // Rows planned before a later file added columns are padded to the final width.
  for (const row of [...cells, ...updates.map((u) => u.cells)]) while (row.length < headers.length) row.push('');
  // A row rewritten whole carries its report's date already.
  const latestColumn = columnPosition(tableHeader, DOWNLOAD_LATEST_COLUMN);
  const rewritten = new Set(updates.map((u) => u.index));
  const restamps = [...restampOf].filter(([index]) => !rewritten.has(index)).map(([index, cell]) => ({ index, column: latestColumn, cell }));
  return { newColumns, cells, updates, restamps, rejected, warnings, files: summaries, logged: log.entries() };
}
