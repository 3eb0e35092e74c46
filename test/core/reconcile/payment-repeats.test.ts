import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { repeatedPaymentFindings, ReportPayments } from '../../../core/reconcile/payment-repeats.js';

const row = (paymentId: string, file: string, line: number) => ({ paymentId, location: { file, line } });

describe('a payment stated twice in one report', () => {
  test('each row after the first is a warning at that row, naming where the report first stated it', () => {
    const findings = repeatedPaymentFindings([
      [row('P1', 'a.csv', 2), row('P2', 'a.csv', 3), row('P1', 'a.csv', 4), row('P1', 'a.csv', 7)],
    ]);
    expect(findings.map((f) => [f.severity, f.code, f.paymentId, f.file, f.line, f.expected])).toEqual([
      ['warning', 'duplicate_payment', 'P1', 'a.csv', 4, 'a.csv:2'],
      ['warning', 'duplicate_payment', 'P1', 'a.csv', 7, 'a.csv:2'],
    ]);
    expect(findings[0]!.message).toBe('payment P1 is stated again on line 4 of a.csv, first on line 2: a report states each payment once; its last row is the one checked');
  });

  test('a paymentId in two reports is a newer report\'s version, no finding; ids differ by case and are not the same payment', () => {
    expect(repeatedPaymentFindings([[row('P1', 'a.csv', 2)], [row('P1', 'b.csv', 2)]])).toEqual([]);
    expect(repeatedPaymentFindings([[row('P1', 'a.csv', 2), row('p1', 'a.csv', 3)]])).toEqual([]);
  });

  test('the import\'s question and the findings agree: one finding per row firstOf finds stated before', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom('P1', 'P2', 'P3'), { maxLength: 8 }), { maxLength: 3 }), (reports) => {
        const rows = reports.map((ids, r) => ids.map((id, i) => row(id, `r${r}.csv`, i + 2)));
        const asked = rows.flatMap((report) => {
          const stated = new ReportPayments();
          return report.filter((p) => stated.firstOf(p.paymentId, p.location) !== undefined).map((p) => `${p.location.file}:${p.location.line}`);
        });
        // Worked out apart from both: a row whose paymentId a row above it in its report has, and where that row is.
        const expected = reports.flatMap((ids, r) =>
          ids.flatMap((id, i) => (ids.indexOf(id) < i ? [{ at: `r${r}.csv:${i + 2}`, first: `r${r}.csv:${ids.indexOf(id) + 2}` }] : [])),
        );
        const found = repeatedPaymentFindings(rows);
        expect(found.map((f) => ({ at: `${f.file}:${f.line}`, first: f.expected }))).toEqual(expected);
        expect(asked).toEqual(expected.map((e) => e.at));
      }),
    );
  });
});
