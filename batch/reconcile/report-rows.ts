import { formatHalf } from '../../core/calendar/fiscal-half.js';
import { lastDay } from '../../core/calendar/date-interval.js';
import { claimToRow } from '../../core/claims/claim-row.js';
import { BALANCES_COLUMNS, CLAIMS_COLUMNS, FINDINGS_COLUMNS, type ColumnSpec } from '../../core/workbook-layout.js';
import type { ReportColumn, ReportRow } from '../output/cell-value.js';
import type { ClaimReport } from '../../core/reconcile/claims-check.js';
import type { Finding } from '../../core/reconcile/finding.js';

/** balances.csv: exactly the shared layout's columns, amounts in the pool's currency. */
export const BALANCE_REPORT_COLUMNS: readonly ReportColumn[] = BALANCES_COLUMNS;

/*
 * The rows below name every property in one literal (or `Object.assign` a literal onto a fresh
 * object) rather than spreading: V8 builds `{ ...a, x, y, … }` with twenty properties after the
 * spread on a slow path, about 70 µs a row against well under one, and even a bare `{ ...f }` is
 * slow when `f` was itself built that way; it is paid on every row of the CSV and of the workbook.
 * A Balances row is core's (`balanceRow`), shared with the add-in's Balances table.
 */

export const FINDING_REPORT_COLUMNS: readonly ReportColumn[] = FINDINGS_COLUMNS;

export function findingRow(f: Finding): ReportRow {
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

/** claims.csv: the register's columns, then what the reconciliation derived. */
export const CLAIM_REPORT_COLUMNS: readonly ReportColumn[] = [
  ...CLAIMS_COLUMNS,
  ...([
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
  ] satisfies ColumnSpec[]),
];

export function claimReportRow(r: ClaimReport): ReportRow {
  const register = claimToRow(r.claim);
  return Object.assign(register, {
    // The register's cells keep their text; amounts are re-read as decimals for formatting.
    amountClaimed: r.claim.amountClaimed,
    amountApproved: r.claim.amountApproved,
    activityStart: r.claim.activityStart,
    activityEnd: r.claim.activityEnd,
    submittedDate: r.claim.submittedDate,
    decisionDate: r.claim.decisionDate,
    programName: r.programName,
    fundingPeriod: r.fundingPeriod ? formatHalf(r.fundingPeriod) : '',
    usageStart: r.windows?.usage.start ?? null,
    usageEnd: r.windows ? lastDay(r.windows.usage) : null,
    claimStart: r.windows?.claiming.start ?? null,
    claimEnd: r.windows ? lastDay(r.windows.claiming) : null,
    drawsOnPool: r.drawsOnPool,
    paid: r.paid,
    amountPaid: r.amountPaid,
    retainUntil: r.retainUntil,
    findings: r.findingCodes.join(';'),
  });
}
