import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { SPLIT_WINDOW, SplitWindow, splitFindings, type ObservedSplit } from '../../../core/reconcile/split-window.js';
import { earningRecord, type EarningRecord } from '../../../core/reconcile/earning-record.js';
import type { ProgramInPeriod } from '../../../core/reconcile/program-periods.js';
import { Dec } from '../../../core/money/decimal.js';
import { scaledFromDec, scaledToDec } from '../../../core/money/scaled-amount.js';
import type { CurrencyCode } from '../../../core/money/currency.js';
import type { IsoDate } from '../../../core/calendar/calendar-date.js';

const SHARE = new Dec('0.25');
const program: ProgramInPeriod = { program: 'CSP Indirect Reseller', known: true, share: scaledFromDec(SHARE), shareDec: SHARE, pools: new Map() };

function row(transactionId: string, lever: string, participantId: string, currency: string, kind: 'coop' | 'rebate', units: number, line: number): EarningRecord {
  return earningRecord({
    earningId: `E${line}`, participantId, participantName: '', programName: program.program, earningType: kind === 'coop' ? 'Co-op' : 'Rebate', kind,
    amountScaled: { units, scale: 2 }, amountUSDScaled: null, earningDate: '2021-03-15' as IsoDate, currency: currency as CurrencyCode, transactionId,
    lever, earningRate: '', reasonCode: '', claimId: '', paymentId: '', paymentStatus: '', paymentCurrency: '', amountInPaymentCurrencyScaled: null,
    passThrough: {}, location: { file: 'e.csv', line },
  });
}

// A transaction: one or two levers (two open pairs of one transactionId), rows of either kind; some split exactly by the share.
const transaction = fc.record({
  levers: fc.constantFrom([''], ['Azure'], ['', 'Azure']),
  participantId: fc.constantFrom('P1', 'P2'),
  currency: fc.constantFrom('USD', 'EUR', 'JPY'),
  rows: fc.array(fc.tuple(fc.boolean(), fc.integer({ min: -50_000, max: 500_000 }), fc.nat(1)), { minLength: 1, maxLength: 4 }),
  exact: fc.boolean(),
  // Single-row transactions after it (never checked), so that transactions are closed at other points.
  filler: fc.nat(3),
});

describe('the split window', () => {
  test('finds what the split rule finds for every transaction, while closing and reusing pairs', () => {
    fc.assert(
      fc.property(fc.array(transaction, { minLength: 1, maxLength: 30 }), (pattern) => {
        const rows: EarningRecord[] = [];
        let line = 2;
        let fillers = 0;
        // The pattern repeated under new transactionIds past twice the window: pairs of checked transactions are reused for new ones.
        const transactions = Array.from({ length: Math.ceil((2.5 * SPLIT_WINDOW) / pattern.length) }, () => pattern).flat();
        transactions.forEach((t, k) => {
          for (const [coop, units, leverAt] of t.rows) {
            const lever = t.levers[leverAt % t.levers.length]!;
            rows.push(row(`T${k}`, lever, t.participantId, t.currency, coop ? 'coop' : 'rebate', units, line++));
            if (t.exact && !coop) rows.push(row(`T${k}`, lever, t.participantId, t.currency, 'coop', units, line++), row(`T${k}`, lever, t.participantId, t.currency, 'rebate', units * 3, line++));
          }
          for (let f = 0; f < t.filler; f++) rows.push(row(`F${fillers++}`, '', 'P1', 'USD', 'rebate', 100, line++));
        });

        const window = new SplitWindow();
        for (const r of rows) window.add(r, program, 'FY21-H2');

        // The rule over whole transactions, in the order they opened (each one's rows lie well within the window).
        const byKey = new Map<string, { observed: Omit<ObservedSplit, 'rebate' | 'coop'>; rebate: Dec; coop: Dec; rebates: number; coops: number }>();
        for (const r of rows) {
          const key = [r.transactionId, r.lever, r.participantId, r.currency].join('|');
          let t = byKey.get(key);
          if (!t) {
            const observed = { transactionId: r.transactionId, lever: r.lever, participantId: r.participantId, programName: program.program, currency: r.currency, earningPeriod: 'FY21-H2', first: r.location };
            byKey.set(key, (t = { observed, rebate: new Dec(0), coop: new Dec(0), rebates: 0, coops: 0 }));
          }
          if (r.kind === 'coop') {
            t.coop = t.coop.plus(scaledToDec(r.amountScaled));
            t.coops++;
          } else {
            t.rebate = t.rebate.plus(scaledToDec(r.amountScaled));
            t.rebates++;
          }
        }
        const both = [...byKey.values()].filter((t) => t.rebates > 0 && t.coops > 0).map((t) => ({ ...t.observed, rebate: t.rebate, coop: t.coop }));
        expect(window.close()).toEqual(splitFindings(both, () => SHARE));
      }),
      { numRuns: 30 },
    );
  });
});
