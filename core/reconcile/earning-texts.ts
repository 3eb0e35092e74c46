import { trimCell } from '../tables/trim-cell.js';

/**
 * Which column of an earnings export, or of the workbook's Earnings table, each text field of an
 * earning record is read from (docs/RULES.md, "Earnings export"), each the cell's text as core
 * reads a cell (`trimCell`). The typed fields (the amounts, the date, the currencies) are read by
 * the acceptance rule (`readEarningRow`) from its own columns. The record's text fields are this
 * map's keys (`EarningRecord`), and every adapter reads them by it (`earningTextColumns`,
 * `RowEarningTexts`), so a text field is added here, once.
 */
export const EARNING_TEXT_COLUMNS = {
  earningId: 'earningId',
  participantId: 'participantId',
  participantName: 'participantName',
  programName: 'programName',
  /** As written in the export (`Co-op`, `Adjustment-Rebate`); the record's `kind` is what core makes of it. */
  earningType: 'earningType',
  transactionId: 'transactionId',
  lever: 'lever',
  earningRate: 'earningRate',
  reasonCode: 'reasonCode',
  claimId: 'claimId',
  paymentId: 'paymentId',
  paymentStatus: 'paymentStatus',
  /** The rate behind `earningAmountUSD`, which a later download may restate (docs/RULES.md, "Repeated earningIds"): as written (compared as a number); '' when the export or table has no such column. */
  exchangeRate: 'exchangeRate',
} as const;

export type EarningTextField = keyof typeof EARNING_TEXT_COLUMNS;

/** The text fields, in the map's order. */
export const EARNING_TEXT_FIELDS = Object.freeze(Object.keys(EARNING_TEXT_COLUMNS)) as readonly EarningTextField[];

/** The text fields of an earning: each its column's cell as core reads it, '' when the column is absent. */
export type EarningTexts = { readonly [F in EarningTextField]: string };

/** Where each text field's column is in the rows of one file or table (-1: they have none). */
export type EarningTextColumns = { readonly [F in EarningTextField]: number };

/**
 * Each text field's column by the map, found by the caller's lookup (a file's header, a table's
 * headers): once per file or table, never once per row.
 */
export function earningTextColumns(columnOf: (column: string) => number): EarningTextColumns {
  const at = {} as { [F in EarningTextField]: number };
  for (const field of EARNING_TEXT_FIELDS) at[field] = columnOf(EARNING_TEXT_COLUMNS[field]);
  return at;
}

/** A row's cell at `column` as core reads it ('' when the row has no such column). */
function textAt<Row>(row: Row, column: number, cellAt: (row: Row, column: number) => string): string {
  return column < 0 ? '' : trimCell(cellAt(row, column));
}

/**
 * An earning's text fields read from a row: each its column's cell (`EarningTextColumns`, where
 * `cellAt` gives the cell's text as written) as core reads a cell, '' where the row has no such
 * column. A record class extends it (the batch job's), or a record is made from it.
 *
 * Each field is assigned by name: the batch job's reader makes one per row (1M rows), and filling
 * them in a loop over the map, a store by a key that changes, measured about a fifth slower. A
 * field added to the map is a compile error here until it is read.
 */
export class RowEarningTexts<Row> implements EarningTexts {
  readonly earningId: string;
  readonly participantId: string;
  readonly participantName: string;
  readonly programName: string;
  readonly earningType: string;
  readonly transactionId: string;
  readonly lever: string;
  readonly earningRate: string;
  readonly reasonCode: string;
  readonly claimId: string;
  readonly paymentId: string;
  readonly paymentStatus: string;
  readonly exchangeRate: string;

  constructor(row: Row, at: EarningTextColumns, cellAt: (row: Row, column: number) => string) {
    this.earningId = textAt(row, at.earningId, cellAt);
    this.participantId = textAt(row, at.participantId, cellAt);
    this.participantName = textAt(row, at.participantName, cellAt);
    this.programName = textAt(row, at.programName, cellAt);
    this.earningType = textAt(row, at.earningType, cellAt);
    this.transactionId = textAt(row, at.transactionId, cellAt);
    this.lever = textAt(row, at.lever, cellAt);
    this.earningRate = textAt(row, at.earningRate, cellAt);
    this.reasonCode = textAt(row, at.reasonCode, cellAt);
    this.claimId = textAt(row, at.claimId, cellAt);
    this.paymentId = textAt(row, at.paymentId, cellAt);
    this.paymentStatus = textAt(row, at.paymentStatus, cellAt);
    this.exchangeRate = textAt(row, at.exchangeRate, cellAt);
  }
}
