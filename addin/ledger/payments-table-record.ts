/**
 * The Payments table's rows as core reads a Payments report's lines (`readPaymentRecord`,
 * docs/RULES.md "Payments report"): columns found by core's header rule, each cell taken as its
 * layout column's kind says (`cellAsText`, dates in the workbook's date system), located by the
 * table's name and the row's sheet row.
 * Used by the ledger and by the import (the rows a re-downloaded report may replace). No rule here.
 */
import { trimCell } from '../../core/tables/trim-cell.js';
import { columnKind, DOWNLOAD_LATEST_COLUMN, PAYMENTS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { columnPosition, readTableHeader, type TableHeader } from '../../core/tables/table-header.js';
import {
  PAYMENTS_REPORT_COLUMNS,
  paymentsCurrencyColumns,
  readPaymentRecord,
  REQUIRED_PAYMENTS_COLUMNS,
  type AcceptedPayment,
  type PaymentsColumn,
} from '../../core/reconcile/payments-layout.js';
import type { Result } from '../../core/issues.js';
import { cellAsText } from '../excel/cell-values.js';
import type { DateSystem } from '../../core/calendar/calendar-date.js';

/** The columns the Payments table's header rule knows: the report's, and the recency an import records. */
export const PAYMENTS_TABLE_KNOWN: readonly string[] = [...PAYMENTS_REPORT_COLUMNS, DOWNLOAD_LATEST_COLUMN];

/** The Payments table's header by core's rule, its required columns those of the report. */
export function paymentsTableHeader(headers: readonly string[]): TableHeader {
  return readTableHeader(headers, { known: PAYMENTS_TABLE_KNOWN, required: REQUIRED_PAYMENTS_COLUMNS });
}

/** The recency an import recorded on a row (`downloadLatest`) as text, '' where the table has none. */
export function storedLatestReader(header: TableHeader, system: DateSystem): (cells: readonly unknown[]) => string {
  const i = columnPosition(header, DOWNLOAD_LATEST_COLUMN);
  return (cells) => (i < 0 ? '' : trimCell(cellAsText(cells[i], 'date', system)));
}

/**
 * Reads rows of a table with this header: its cells are read invariantly (a workbook's numbers are
 * numbers: docs/RULES.md, "Workbook cells"), and `row` is the sheet row a problem or finding names.
 */
/** The paymentId a row of a table with this header names, as written ('' where it has none): a row core refuses names one too. */
export function paymentIdReader(header: TableHeader, system: DateSystem): (cells: readonly unknown[]) => string {
  const i = columnPosition(header, 'paymentId');
  const kind = i < 0 ? undefined : columnKind(PAYMENTS_COLUMNS, header.keys[i] ?? '');
  return (cells) => (i < 0 ? '' : trimCell(cellAsText(cells[i], kind, system)));
}

export function paymentsRowReader(header: TableHeader, system: DateSystem): (cells: readonly unknown[], row: number) => Result<AcceptedPayment> {
  const position = new Map(PAYMENTS_REPORT_COLUMNS.map((c) => [c, columnPosition(header, c)] as const));
  const kinds = header.keys.map((key) => columnKind(PAYMENTS_COLUMNS, key));
  const currencies = paymentsCurrencyColumns((column) => position.get(column)! >= 0);
  return (cells, row) => {
    const textOf = (column: PaymentsColumn) => {
      const i = position.get(column)!;
      // As written: core reads the cell (`trimCell`).
      return i < 0 ? '' : cellAsText(cells[i], kinds[i], system);
    };
    return readPaymentRecord(textOf, currencies, { file: TABLES.payments, line: row });
  };
}
