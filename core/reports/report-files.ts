import type { IsoDate } from '../calendar/calendar-date.js';
import { lastDay } from '../calendar/date-interval.js';
import { claimToRow } from '../claims/claim-row.js';
import type { Dec } from '../money/decimal.js';
import { JOURNAL_EVENTS, type JournalLine } from '../journal/journal-line.js';
import type { PoolKey } from '../pools/pool-key.js';
import type { ClaimReport } from '../reconcile/claims-check.js';
import type { Finding } from '../reconcile/finding.js';
import { BALANCES_COLUMNS, CLAIMS_COLUMNS, FINDINGS_COLUMNS, type ColumnSpec } from '../workbook-layout.js';
import { comparableClaim, type ComparableClaim } from '../changes/claim-changes.js';
import type { ComparableFinding } from '../changes/finding-changes.js';
import { previousTransferred, type ComparablePool } from '../changes/pool-changes.js';
import { reportCells, type ReportCellProblem, type ReportCells } from './report-cells.js';

/**
 * The reports a run writes and the next run reads back to say what changed (docs/RULES.md,
 * "Changes since the previous run"): for each, one list of columns, which the batch job writes in
 * that order and reads back by name and kind (`report-cells.ts`), and what of a record the
 * comparison reads. Writer and reader cannot disagree on a column: there is one list.
 */
export interface ReportFile<T> {
  /** The file's name in a report set. */
  readonly file: string;
  /** Its columns, in the order written. */
  readonly columns: readonly ColumnSpec[];
  /** The columns read back; a set whose header lacks one of them is damaged, but for `mayLack`'s. */
  readonly readBack: readonly string[];
  /** Columns read back that a set may lack: each reads as an empty cell. */
  readonly mayLack: readonly string[];
  /** What the comparison needs of one record. */
  readonly comparable: (cells: ReportCells) => T;
}

/** A value of a report row: text, a date, an exact amount, a count, a flag, or nothing. */
export type ReportValue = string | IsoDate | Dec | number | boolean | null | undefined;

/** The columns a previous set's header must hold for the file to be read back. */
export function requiredColumns(report: ReportFile<unknown>): string[] {
  return report.readBack.filter((column) => !report.mayLack.includes(column));
}

/** Each report's columns read back, found once per report, not once per record. */
const READ_BACK = new WeakMap<ReportFile<unknown>, readonly ColumnSpec[]>();

function readBackColumns(report: ReportFile<unknown>): readonly ColumnSpec[] {
  let columns = READ_BACK.get(report);
  if (columns === undefined) READ_BACK.set(report, (columns = report.columns.filter((column) => report.readBack.includes(column.name))));
  return columns;
}

/** One record of a previous report, as the comparison needs it, or every cell that cannot be read back. */
export function readReportRecord<T>(
  report: ReportFile<T>,
  record: Readonly<Record<string, string>>,
  decimalMark: '.' | ',',
): { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly ReportCellProblem[] } {
  const problems: ReportCellProblem[] = [];
  // Only the columns read back can be read: a column left out of `readBack` would not be required
  // of the header, and would read as empty (report-cells.ts throws on it).
  const readBack = readBackColumns(report as ReportFile<unknown>);
  const value = report.comparable(reportCells(readBack, record, decimalMark, problems));
  return problems.length === 0 ? { ok: true, value } : { ok: false, problems };
}

/*
 * The rows below name every property in one literal (or `Object.assign` a literal onto a fresh
 * object) rather than spreading: V8 builds `{ ...a, x, y, … }` with twenty properties after the
 * spread on a slow path, about 70 µs a row against well under one, and even a bare `{ ...f }` is
 * slow when `f` was itself built that way; it is paid on every row of the CSV and of the workbook.
 * A Balances row is core's `balanceRow`, shared with the add-in's Balances table.
 */

/**
 * findings.csv. A finding names what it points at, or nothing: every column but its severity and
 * code may be absent, and an absent one names nothing.
 */
export const FINDINGS_REPORT: ReportFile<ComparableFinding> = {
  file: 'findings.csv',
  columns: FINDINGS_COLUMNS,
  readBack: ['severity', 'code', 'file', 'line', 'participantId', 'programName', 'earningPeriod', 'currency', 'earningId', 'transactionId', 'claimId', 'paymentId'],
  mayLack: ['file', 'line', 'participantId', 'programName', 'earningPeriod', 'currency', 'earningId', 'transactionId', 'claimId', 'paymentId'],
  comparable: (cells) => {
    const line = cells.optionalInteger('line');
    return {
      severity: cells.text('severity'),
      code: cells.text('code'),
      file: cells.text('file'),
      ...(line !== null ? { line } : {}),
      participantId: cells.text('participantId'),
      programName: cells.text('programName'),
      earningPeriod: cells.text('earningPeriod'),
      currency: cells.text('currency'),
      earningId: cells.text('earningId'),
      transactionId: cells.text('transactionId'),
      claimId: cells.text('claimId'),
      paymentId: cells.text('paymentId'),
    };
  },
};

export function findingRow(f: Finding): Readonly<Record<string, ReportValue>> {
  return {
    severity: f.severity,
    code: f.code,
    message: f.message,
    file: f.file,
    line: f.line,
    participantId: f.participantId,
    programName: f.programName,
    earningPeriod: f.earningPeriod,
    currency: f.currency,
    earningId: f.earningId,
    transactionId: f.transactionId,
    claimId: f.claimId,
    paymentId: f.paymentId,
    expected: f.expected,
    actual: f.actual,
  };
}

function poolKey(cells: ReportCells): PoolKey {
  return { participantId: cells.text('participantId'), programName: cells.text('programName'), earningPeriod: cells.text('earningPeriod'), currency: cells.text('currency') };
}

/**
 * balances.csv: the Balances layout's columns, each pool's row `balanceRow`. A set written before
 * transfers were applied has no `transferred` column, and nothing was moved then (`previousTransferred`).
 */
export const BALANCES_REPORT: ReportFile<ComparablePool> = {
  file: 'balances.csv',
  columns: BALANCES_COLUMNS,
  readBack: ['participantId', 'programName', 'earningPeriod', 'currency', 'status', 'coopEarned', 'convertedToRebate', 'transferred', 'claimsDraft', 'claimsPending', 'claimsApproved', 'claimsPaid', 'available', 'forfeited'],
  mayLack: ['transferred'],
  comparable: (cells) => ({
    key: poolKey(cells),
    status: cells.text('status'),
    coopEarned: cells.amount('coopEarned'),
    convertedToRebate: cells.amount('convertedToRebate'),
    transferred: previousTransferred(cells.optionalAmount('transferred')),
    claimsDraft: cells.amount('claimsDraft'),
    claimsPending: cells.amount('claimsPending'),
    claimsApproved: cells.amount('claimsApproved'),
    claimsPaid: cells.amount('claimsPaid'),
    available: cells.amount('available'),
    forfeited: cells.amount('forfeited'),
  }),
};

/** claims.csv: the register's columns, then what the reconciliation derived. */
export const CLAIM_REPORT_COLUMNS: readonly ColumnSpec[] = [
  ...CLAIMS_COLUMNS,
  { name: 'fundingPeriod', kind: 'text' },
  { name: 'usageStart', kind: 'date' },
  { name: 'usageEnd', kind: 'date' },
  { name: 'claimStart', kind: 'date' },
  { name: 'claimEnd', kind: 'date' },
  { name: 'drawsOnPool', kind: 'boolean' },
  { name: 'paid', kind: 'boolean' },
  { name: 'amountPaid', kind: 'amount', currencyColumn: 'currency' },
  { name: 'retainUntil', kind: 'date' },
  { name: 'findings', kind: 'text' },
];

/**
 * A claim's row of claims.csv. Its funding period and finding codes are written as the comparison
 * sees them (`comparableClaim`), so that the next run reads back what this one compared.
 */
export function claimReportRow(r: ClaimReport): Readonly<Record<string, ReportValue>> {
  const compared = comparableClaim(r);
  const register = claimToRow(r.claim);
  return Object.assign(register, {
    // The register's cells keep their text; amounts are re-read as decimals for formatting.
    amountClaimed: r.claim.amountClaimed,
    amountApproved: r.claim.amountApproved,
    activityStart: r.claim.activityStart,
    activityEnd: r.claim.activityEnd,
    submittedDate: r.claim.submittedDate,
    decisionDate: r.claim.decisionDate,
    programName: compared.programName,
    fundingPeriod: compared.earningPeriod,
    usageStart: r.windows?.usage.start ?? null,
    usageEnd: r.windows ? lastDay(r.windows.usage) : null,
    claimStart: r.windows?.claiming.start ?? null,
    claimEnd: r.windows ? lastDay(r.windows.claiming) : null,
    drawsOnPool: r.drawsOnPool,
    paid: compared.paid,
    amountPaid: compared.amountPaid,
    retainUntil: r.retainUntil,
    findings: compared.findings,
  });
}

/** claims.csv read back: a claim's pool's earning period is its `fundingPeriod` column (`comparableClaim`). */
export const CLAIMS_REPORT: ReportFile<ComparableClaim> = {
  file: 'claims.csv',
  columns: CLAIM_REPORT_COLUMNS,
  readBack: ['claimId', 'participantId', 'programName', 'currency', 'status', 'amountClaimed', 'amountApproved', 'paid', 'amountPaid', 'findings', 'fundingPeriod'],
  mayLack: [],
  comparable: (cells) => ({
    claimId: cells.text('claimId'),
    participantId: cells.text('participantId'),
    programName: cells.text('programName'),
    earningPeriod: cells.text('fundingPeriod'),
    currency: cells.text('currency'),
    status: cells.text('status'),
    amountClaimed: cells.optionalAmount('amountClaimed'),
    amountApproved: cells.optionalAmount('amountApproved'),
    paid: cells.boolean('paid'),
    amountPaid: cells.optionalAmount('amountPaid'),
    findings: cells.text('findings'),
  }),
};

/** journal.csv and journal-delta.csv: one line per account movement, the lines of an entry sharing a reference. */
export const JOURNAL_REPORT_COLUMNS: readonly ColumnSpec[] = [
  { name: 'date', kind: 'date' },
  { name: 'reference', kind: 'text' },
  { name: 'description', kind: 'text' },
  { name: 'participantId', kind: 'text' },
  { name: 'programName', kind: 'text' },
  { name: 'earningPeriod', kind: 'text' },
  { name: 'currency', kind: 'text' },
  { name: 'event', kind: 'text' },
  { name: 'claimId', kind: 'text' },
  { name: 'account', kind: 'text' },
  { name: 'debit', kind: 'amount', currencyColumn: 'currency' },
  { name: 'credit', kind: 'amount', currencyColumn: 'currency' },
];

/**
 * Each property named rather than `{ ...l }`: a journal line is built with spreads, which leaves
 * V8 a slow object whose copy by spread costs several µs, and the journal (some 18,000 lines for
 * 1,440 pools) is written three times (journal.csv, journal-delta.csv, the workbook).
 */
export function journalRow(l: JournalLine): Readonly<Record<string, ReportValue>> {
  return {
    date: l.date,
    reference: l.reference,
    description: l.description,
    participantId: l.participantId,
    programName: l.programName,
    earningPeriod: l.earningPeriod,
    currency: l.currency,
    event: l.event,
    claimId: l.claimId,
    account: l.account,
    debit: l.debit,
    credit: l.credit,
  };
}

/** journal.csv read back, whole: the delta to post is the difference of two journals (`journalDelta`). */
export const JOURNAL_REPORT: ReportFile<JournalLine> = {
  file: 'journal.csv',
  columns: JOURNAL_REPORT_COLUMNS,
  readBack: JOURNAL_REPORT_COLUMNS.map((c) => c.name),
  mayLack: [],
  comparable: (cells) => ({
    ...poolKey(cells),
    date: cells.date('date'),
    reference: cells.text('reference'),
    description: cells.text('description'),
    event: cells.oneOf('event', JOURNAL_EVENTS),
    claimId: cells.text('claimId'),
    account: cells.text('account'),
    debit: cells.amount('debit'),
    credit: cells.amount('credit'),
  }),
};
