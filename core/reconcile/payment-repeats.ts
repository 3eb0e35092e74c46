/**
 * A payment a Payments report states twice (docs/RULES.md, "A payment repeated"). A report has one
 * row per payment: a second row with the same paymentId in the same report (a report pasted into
 * itself, or a row typed by hand into the add-in's Payments table) is no re-download, and which of
 * its rows is true no rule can say. The report's last row is the one checked (`latestPayments`),
 * and each row after the first is a `duplicate_payment` finding, so the choice is never silent.
 * A paymentId repeated across reports is a newer report's version, and no finding.
 */
import type { Finding } from './finding.js';
import type { RowLocation } from './earning-record.js';
import { IMPORT_LOG_SEVERITY } from './import-log.js';
import type { PaymentRecord } from './payments-check.js';

/**
 * The payments one report has stated so far, by paymentId as written (as `latestPayments` keys
 * them): `firstOf` a row says where its paymentId was first stated in the report, or undefined for
 * its first row. Both adapters ask it: the batch job's run (through `repeatedPaymentFindings`) and
 * the add-in's import, which logs a repeat the table will not hold.
 */
export class ReportPayments {
  private readonly first = new Map<string, RowLocation>();

  firstOf(paymentId: string, location: RowLocation): RowLocation | undefined {
    const at = this.first.get(paymentId);
    if (at === undefined) this.first.set(paymentId, location);
    return at;
  }
}

/** One `duplicate_payment` per row that repeats a paymentId of a row above it in its report, at that row. */
export function repeatedPaymentFindings(reports: readonly (readonly Pick<PaymentRecord, 'paymentId' | 'location'>[])[]): Finding[] {
  const out: Finding[] = [];
  for (const rows of reports) {
    const stated = new ReportPayments();
    for (const { paymentId, location } of rows) {
      const at = stated.firstOf(paymentId, location);
      if (at === undefined) continue;
      out.push({
        severity: IMPORT_LOG_SEVERITY.duplicate_payment,
        code: 'duplicate_payment',
        message: `payment ${paymentId} is stated again on line ${location.line} of ${location.file}, first on line ${at.line}: a report states each payment once; its last row is the one checked`,
        file: location.file,
        line: location.line,
        paymentId,
        expected: `${at.file}:${at.line}`,
      });
    }
  }
  return out;
}
