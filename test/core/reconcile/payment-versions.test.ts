import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { heldPaymentRow, latestPayments, paymentImportAction, paymentsReportLatest, paymentVersion, type PaymentVersion } from '../../../core/reconcile/payment-versions.js';
import { HELD_VERSIONS_ORDER, type DownloadRank } from '../../../core/reconcile/download-recency.js';
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

describe('a Payments report\'s recency', () => {
  test('is the latest paymentDate of its rows, none when no row is paid', () => {
    const d = (s: string | null) => ({ paymentDate: s as IsoDate | null });
    expect(paymentsReportLatest([d('2021-08-15'), d(null), d('2021-09-15'), d('2021-02-15')])).toBe('2021-09-15');
    expect(paymentsReportLatest([d(null), d(null)])).toBe('');
    expect(paymentsReportLatest([])).toBe('');
  });
});

describe('which version of a paymentId an import keeps', () => {
  // The workbook holds a version from a report whose latest date is 2021-08-31.
  const HELD: DownloadRank = { latest: '2021-08-31', order: HELD_VERSIONS_ORDER };
  const NEWER: DownloadRank = { latest: '2021-09-30', order: 0 };
  const SAME_DAY: DownloadRank = { latest: '2021-08-31', order: 0 };
  const OLDER: DownloadRank = { latest: '2021-07-31', order: 0 };
  test.each([
    ['the same payment in a report of the same day', {}, SAME_DAY, {}, 'skip'],
    ['the same values written otherwise (12.5, eur)', { earned: '100' }, SAME_DAY, { earned: '100.00', earnedCurrencyCode: 'eur' }, 'skip'],
    ['the same payment in a newer report: only its recency moves on', {}, NEWER, {}, 'restamp'],
    ['the same payment in an older report', {}, OLDER, {}, 'skip'],
    ['paid since, in a newer report', { paymentStatus: 'Pending' }, NEWER, { paymentStatus: 'Sent', paymentDate: '2021-09-15' }, 'replace'],
    ['restated unpaid, in a newer report', { paymentStatus: 'Pending' }, NEWER, { earned: '120.00', paymentStatus: 'Pending' }, 'replace'],
    ['reversed, its date gone, in a newer report', { paymentStatus: 'Sent', paymentDate: '2021-08-15' }, NEWER, { paymentStatus: 'Reversed' }, 'replace'],
    ['restated in a report of the same day: the report imported counts', { paymentDate: '2021-08-15' }, SAME_DAY, { earned: '120.00', paymentDate: '2021-08-15' }, 'replace'],
    ['an older report, before it was paid', { paymentStatus: 'Sent', paymentDate: '2021-08-15' }, OLDER, { paymentStatus: 'Pending' }, 'skip'],
    ['an older report, restated unpaid', { earned: '120.00', paymentStatus: 'Pending' }, OLDER, { earned: '100.00', paymentStatus: 'Pending' }, 'skip'],
  ] as const)('%s', (_what, held, rank, later, action) => {
    expect(paymentImportAction(paymentVersion(payment(held), HELD), paymentVersion(payment(later), rank))).toBe(action);
  });

  test('a paymentId not held is added', () => {
    expect(paymentImportAction(undefined, paymentVersion(payment({}), NEWER))).toBe('add');
  });

  test('a held row core cannot read is replaced by any version a report brings, an older report\'s too', () => {
    expect(paymentImportAction(null, paymentVersion(payment({}), NEWER))).toBe('replace');
    expect(paymentImportAction(null, paymentVersion(payment({}), HELD))).toBe('replace');
  });
});

/** Reports of a few payments, each row with its own date and values, so that versions and recencies repeat. */
const reports = fc.array(
  fc.array(
    fc.record({
      paymentId: fc.constantFrom('A', 'B', 'C'),
      paymentDate: fc.option(fc.constantFrom('2021-01-15', '2021-02-15', '2021-03-15') as fc.Arbitrary<IsoDate>, { nil: null }),
      earned: fc.constantFrom('100', '120'),
    }),
    { maxLength: 5 },
  ),
  { maxLength: 5 },
);
type Row = { readonly paymentId: string; readonly paymentDate: IsoDate | null; readonly earned: string };
const valuesOf = (p: Row) => JSON.stringify([p.earned, p.paymentDate]);

describe('one version per paymentId over the reports named', () => {
  test('is the version of the report with the latest date holding it, on a tie the one named later, and of its rows the last', () => {
    fc.assert(
      fc.property(reports, (named) => {
        const tagged = named.map((rows, report) => rows.map((p, row) => ({ ...p, report, row })));
        const kept = latestPayments(tagged);
        const ids = [...new Set(named.flat().map((p) => p.paymentId))];
        // Each paymentId once, where it was first read.
        expect(kept.map((p) => p.paymentId)).toEqual(ids);
        const latestOf = named.map((rows) => rows.reduce((d, p) => (p.paymentDate !== null && p.paymentDate > d ? p.paymentDate : d), ''));
        for (const p of kept) {
          const candidates = tagged.flat().filter((q) => q.paymentId === p.paymentId);
          const best = candidates.reduce((a, q) => {
            const [la, lq] = [latestOf[a.report]!, latestOf[q.report]!];
            return lq > la || (lq === la && (q.report > a.report || (q.report === a.report && q.row > a.row))) ? q : a;
          });
          expect([p.report, p.row]).toEqual([best.report, best.row]);
        }
      }),
    );
  });

  test('importing the reports one at a time, in any order, keeps what reading them all, named in that order, keeps', () => {
    fc.assert(
      fc.property(
        reports.chain((named) => fc.tuple(fc.constant(named), fc.shuffledSubarray(named.map((_, i) => i), { minLength: named.length, maxLength: named.length }))),
        ([named, order]) => {
          const imported = order.map((i) => named[i]!);
          // The table: one row per paymentId, the version that counts and the recency its import recorded.
          const table = new Map<string, { row: Row; version: PaymentVersion }>();
          for (const rows of imported) {
            const rank: DownloadRank = { latest: paymentsReportLatest(rows), order: 0 };
            // Within one import, a row met after another of its id ranks as the same report.
            const seen = new Map(Array.from(table, ([id, held]) => [id, held] as const));
            for (const p of rows) {
              const version: PaymentVersion = { rank, key: valuesOf(p) };
              const held = seen.get(p.paymentId);
              const action = paymentImportAction(held?.version, version);
              if (action === 'add' || action === 'replace' || action === 'restamp') seen.set(p.paymentId, { row: action === 'restamp' ? held!.row : p, version });
            }
            // What the next import reads back: each row ranked by its recorded recency, before every file.
            table.clear();
            for (const [id, held] of seen) table.set(id, { row: held.row, version: { key: held.version.key, rank: { latest: held.version.rank.latest, order: HELD_VERSIONS_ORDER } } });
          }
          const atOnce = latestPayments(imported);
          expect(new Map(atOnce.map((p) => [p.paymentId, valuesOf(p)]))).toEqual(new Map(Array.from(table, ([id, held]) => [id, valuesOf(held.row)])));
        },
      ),
    );
  });
});

describe('the row of the Payments table an import meets a paymentId on', () => {
  // A table: rows naming a few paymentIds, some of which core cannot read (no version).
  const table = fc.array(fc.record({ paymentId: fc.constantFrom('PAY-1', 'PAY-2', 'PAY-3'), reads: fc.boolean() }), { maxLength: 12 });

  test('is the row whose version the ledger counts where core reads one, else the first row naming the id', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const numbered = rows.map((r, row) => ({ ...r, row, paymentDate: null }));
        // The ledger reads the table as one report (rows core cannot read are problems, left out).
        const counted = new Map(latestPayments([numbered.filter((r) => r.reads)]).map((p) => [p.paymentId, p.row]));
        for (const id of new Set(rows.map((r) => r.paymentId))) {
          const ofId = numbered.filter((r) => r.paymentId === id);
          const met = heldPaymentRow(ofId, (r) => r.reads);
          expect(met?.row).toBe(counted.get(id) ?? ofId[0]!.row);
        }
      }),
    );
  });

  test('is none for an id the table does not name', () => {
    expect(heldPaymentRow<{ reads: boolean }>([], (r) => r.reads)).toBeUndefined();
  });
});
