import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { cellText, eagerTableEarning, earningRowText, earningsLayout, scaledOf, TableEarning, type AcceptedCells } from '../../addin/ledger/earnings-table-record.js';
import { EARNING_ROW_COLUMNS } from '../../core/reconcile/earning-row.js';
import { cellValueText } from '../../core/tables/cell-value-text.js';
import type { EarningRecord } from '../../core/reconcile/earning-record.js';
import { EARNINGS_COLUMNS } from '../../core/workbook-layout.js';

const FIELDS = [
  'earningId', 'participantId', 'participantName', 'programName', 'earningType', 'kind', 'amountScaled', 'amountUSDScaled', 'earningDate',
  'currency', 'transactionId', 'lever', 'earningRate', 'reasonCode', 'claimId', 'paymentId', 'paymentStatus', 'paymentCurrency',
  'amountInPaymentCurrencyScaled', 'exchangeRate', 'passThrough', 'location',
] as const satisfies readonly (keyof EarningRecord)[];

/** Every field of a record, amounts as their exact text (a scaled amount's form may differ, its value may not). */
function fieldsOf(r: EarningRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) out[f] = r[f];
  out.amount = r.amount.toString();
  out.amountUSD = r.amountUSD?.toString() ?? null;
  return out;
}

const headers = [...EARNINGS_COLUMNS.map((c) => c.name), 'lastPaymentCurrency', 'earningAmountInLastPaymentCurrency', 'exchangeRate'];
// Cells as Excel returns them: text (with stray spaces), numbers, empty cells.
const textCell = fc.oneof(fc.constantFrom('', ' ', 'Co-op', ' Rebate ', 'eur', 'TX-1', '4400001', 'Hosting'), fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null));
const amountCell = fc.oneof(
  fc.tuple(fc.integer({ min: -1e13, max: 1e13 }), fc.integer({ min: 0, max: 6 })).map(([n, places]) => n / 10 ** places),
  fc.constantFrom('', '12.50', 'abc', null),
);

describe('the workbook\'s small earning record', () => {
  test('reads every field as the record built from all its cells at once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: headers.length, maxLength: headers.length }),
        fc.array(textCell, { minLength: headers.length, maxLength: headers.length }),
        amountCell,
        amountCell,
        amountCell,
        fc.integer({ min: 1, max: 1_000_000 }),
        (present, cells, amount, usd, payAmount, line) => {
          const used = headers.filter((_, i) => present[i] || i < 4);
          const row = used.map((h, i) =>
            h === 'earningAmount' ? amount : h === 'earningAmountUSD' ? usd : h === 'earningAmountInLastPaymentCurrency' ? payAmount : cells[i],
          );
          const layout = earningsLayout({ name: 'Earnings', headers: used, rows: [row], rowNumbers: [2], dateSystem: '1900' as const }, 'Earnings');
          const amountScaled = scaledOf(amount) ?? { units: 7, scale: 0 };
          const accepted: AcceptedCells = { kind: 'coop', earningDate: '2021-03-15' as never, currency: 'EUR' as never, amountScaled, amountUSDScaled: scaledOf(usd), paymentCurrency: 'GBP', amountInPaymentCurrencyScaled: scaledOf(payAmount) };
          expect(fieldsOf(new TableEarning(row, layout, line, accepted))).toEqual(fieldsOf(eagerTableEarning(row, layout, line, accepted)));
        },
      ),
    );
  });
});

describe('a text cell as the engine reads it', () => {
  test('is the cell trimmed as String#trim trims it, whatever it holds', () => {
    const unit = fc.constantFrom('a', 'Z', '1', ' ', '\t', '\u00a0', '\u2003', '\u3000', '\ufeff', '\n', '~', 'é', '"');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 6 }).map((units) => units.join('')), (text) => {
        expect(cellText([text], 0)).toBe(text.trim());
      }),
      { numRuns: 2000 },
    );
    expect(cellText([42], 0)).toBe('42');
    expect(cellText(['x'], -1)).toBe('');
  });
});

describe('the Earnings table\'s cells as core\'s acceptance rule reads them', () => {
  // Serial dates (with a time of day), plain numbers, text and empty cells, as Excel returns them.
  const cell = fc.oneof(
    fc.integer({ min: -10, max: 2_958_465 }),
    fc.tuple(fc.integer({ min: 1, max: 2_958_465 }), fc.integer({ min: 0, max: 86_399 })).map(([day, second]) => day + second / 86_400),
    fc.double({ noNaN: true }),
    fc.constantFrom('', ' 2021-03-15 ', '12.50', ' EUR', 'E1'),
    fc.boolean(),
    fc.constant(null),
  );

  test('each column is read by its kind in core\'s layout of the table (a date column\'s number is a date), a column the layout lacks as text', () => {
    const kindOf = new Map(EARNINGS_COLUMNS.map((c) => [c.name, c.kind]));
    // The rule reads columns the layout types (earningDate, the amounts) and two it does not know.
    expect(EARNING_ROW_COLUMNS.filter((c) => kindOf.get(c) === 'date')).toEqual(['earningDate']);
    fc.assert(
      fc.property(fc.constantFrom(...EARNING_ROW_COLUMNS), cell, (column, value) => {
        const layout = earningsLayout({ name: 'Earnings', headers: ['x', column], rows: [['', value]], rowNumbers: [2], dateSystem: '1900' as const }, 'Earnings');
        // As written: core's rule reads the cell (`trimCell`), as it reads an export's.
        expect(earningRowText(['', value], layout, '1900')(column)).toBe(cellValueText(value, kindOf.get(column), '1900'));
      }),
      { numRuns: 5_000 },
    );
  });
});
