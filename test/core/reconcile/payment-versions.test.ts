import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { latestPayments, paymentImportAction, paymentVersion, replacesHeldPayment } from '../../../core/reconcile/payment-versions.js';
import { paymentsCurrencyColumns, readPaymentRecord, type PaymentsColumn } from '../../../core/reconcile/payments-layout.js';
import type { IsoDate } from '../../../core/calendar/calendar-date.js';

const TWO = paymentsCurrencyColumns((c) => c === 'earnedCurrencyCode' || c === 'paymentCurrencyCode');

function payment(cells: Partial<Record<PaymentsColumn, string>>) {
  const all = { paymentId: 'PAY-1', participantId: 'P-1', programName: 'Hosting', earned: '100.00', earnedCurrencyCode: 'EUR', ...cells };
  const r = readPaymentRecord((c) => all[c as keyof typeof all] ?? '', TWO, { file: 'payments.csv', line: 2 });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe('a Payments row read by core', () => {
  test('is the check\'s record: its currency the earned one, its program, status, date and place as given', () => {
    const p = payment({ paymentCurrencyCode: 'USD', paymentStatus: 'Sent', paymentDate: '2021-08-15' });
    expect([p.paymentId, p.programName, p.currency, p.paymentCurrency, p.paymentStatus, p.paymentDate, p.location.line]).toEqual(['PAY-1', 'Hosting', 'EUR', 'USD', 'Sent', '2021-08-15', 2]);
  });
});

describe('which version of a paymentId counts', () => {
  test.each([
    ['the same payment as held', {}, {}, 'skip'],
    ['the same values written otherwise (12.5, eur)', { earned: '100' }, { earned: '100.00', earnedCurrencyCode: 'eur' }, 'skip'],
    ['paid since: status and date filled in', { paymentStatus: 'Pending' }, { paymentStatus: 'Sent', paymentDate: '2021-08-15' }, 'replace'],
    ['restated with the same date', { paymentDate: '2021-08-15' }, { earned: '120.00', paymentDate: '2021-08-15' }, 'replace'],
    ['an older download, before it was paid', { paymentStatus: 'Sent', paymentDate: '2021-08-15' }, { paymentStatus: 'Pending' }, 'skip'],
    ['an older download with an earlier date', { paymentDate: '2021-08-15' }, { earned: '90.00', paymentDate: '2021-07-15' }, 'skip'],
  ])('%s: %s', (_what, held, later, action) => {
    expect(paymentImportAction(paymentVersion(payment(held)), paymentVersion(payment(later)))).toBe(action);
  });

  test('a paymentId not held is added', () => {
    expect(paymentImportAction(undefined, paymentVersion(payment({})))).toBe('add');
  });

  const versions = fc.array(
    fc.record({
      paymentId: fc.constantFrom('A', 'B', 'C'),
      paymentDate: fc.option(fc.constantFrom('2021-01-15', '2021-02-15', '2021-03-15') as fc.Arbitrary<IsoDate>, { nil: null }),
      read: fc.nat(),
    }),
    { maxLength: 12 },
  );

  test('one version per paymentId is kept: the latest paid, and of those the one read last', () => {
    fc.assert(
      fc.property(versions, (list) => {
        const read = list.map((v, i) => ({ ...v, read: i }));
        const kept = latestPayments(read);
        expect(new Set(kept.map((p) => p.paymentId)).size).toBe(kept.length);
        expect(kept.map((p) => p.paymentId).sort()).toEqual([...new Set(read.map((p) => p.paymentId))].sort());
        for (const p of kept) {
          const of = read.filter((q) => q.paymentId === p.paymentId);
          const latest = of.reduce((a, q) => ((q.paymentDate ?? '') >= (a.paymentDate ?? '') ? q : a));
          expect(p.read).toBe(latest.read);
        }
      }),
    );
  });

  test('a version replaces the held one exactly when the held one was not paid later', () => {
    expect(replacesHeldPayment({ paymentDate: null }, { paymentDate: null })).toBe(true);
    expect(replacesHeldPayment({ paymentDate: '2021-02-15' as IsoDate }, { paymentDate: null })).toBe(false);
    expect(replacesHeldPayment({ paymentDate: null }, { paymentDate: '2021-02-15' as IsoDate })).toBe(true);
  });
});
