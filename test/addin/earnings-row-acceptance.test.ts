import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readEarningsPass } from '../../addin/ledger/workbook-ledger.js';
import { policyCatalog } from '../../core/policy/policy-catalog.js';
import { readEarningRow, type EarningRowColumn } from '../../core/reconcile/earning-row.js';
import { fromExcelSerial } from '../../core/calendar/calendar-date.js';
import { Dec } from '../../core/money/decimal.js';
import { scaledToDec } from '../../core/money/scaled-amount.js';
import { DEFAULT_SETTINGS } from '../../core/settings.js';
import { EARNINGS_COLUMNS } from '../../core/workbook-layout.js';

// The ledger reads typed cells on a fast path; core's readEarningRow is the rule. Over rows with
// blank, number, text and garbage cells, the ledger must accept exactly the rows the rule accepts,
// with the rule's problems (codes, columns, order) for the others.

const headers = EARNINGS_COLUMNS.map((c) => c.name);

const blank = fc.constantFrom<unknown>('', '   ', null, undefined);
const garbage = fc.constantFrom<unknown>('lots', 'n/a', true, false, '1.2.3', 'E U R');
/**
 * Mostly a cell a row is accepted with, else any of the others: with every cell of a row drawn
 * evenly, nearly every row would be refused for one cell or another, and the rows the ledger
 * accepts would go untested. An optional cell is blank more often.
 */
const mostly = (good: fc.Arbitrary<unknown>, others: readonly fc.Arbitrary<unknown>[], blankWeight = 1) =>
  fc.oneof({ arbitrary: good, weight: 16 }, { arbitrary: blank, weight: blankWeight }, ...others.map((arbitrary) => ({ arbitrary, weight: 1 })));
const requiredText = mostly(fc.constantFrom<unknown>('X1', ' P 2 ', 42), [garbage]);
const amountCells = (blankWeight?: number) =>
  mostly(
    fc.oneof(fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 100), fc.constantFrom<unknown>('12.50', ' 7 ', '(3.5)', '-0.01', '1,234.5')),
    [garbage, fc.double(), fc.constantFrom<unknown>(1e300, -5e-324, 1e21, Number.NaN, Number.POSITIVE_INFINITY), fc.constantFrom<unknown>('1e3', '+4')],
    blankWeight,
  );
const amountCell = amountCells();
const optionalAmountCell = amountCells(8);
const dateCell = mostly(
  fc.oneof(fc.integer({ min: -10, max: 80_000 }), fc.constantFrom<unknown>(44_270.75, '2021-03-15', ' 2021-03-15 ', '03/15/2021')),
  [garbage, fc.double({ min: -2, max: 80_000 }), fc.constantFrom<unknown>(Number.NaN, '2021-02-30', '15.03.2021')],
);
const currencyCells = (blankWeight?: number) => mostly(fc.constantFrom<unknown>('USD', 'usd', ' EUR '), [garbage, fc.constantFrom<unknown>('EURO', 'GB', 840)], blankWeight);
const currencyCell = currencyCells();
const optionalCurrencyCell = currencyCells(8);

const earningRow = fc
  .record({
    earningId: requiredText,
    participantId: requiredText,
    programName: requiredText,
    earningType: mostly(fc.constantFrom<unknown>('Co-op', 'Rebate', 'Other'), []),
    earningAmount: amountCell,
    earningAmountUSD: optionalAmountCell,
    earningDate: dateCell,
    transactionCurrency: currencyCell,
    lastPaymentCurrency: optionalCurrencyCell,
    earningAmountInLastPaymentCurrency: optionalAmountCell,
    // A row in USD, or a table that copies the amount, holds the same cell in both amount columns.
    usdRepeatsAmount: fc.boolean(),
  })
  .map(({ usdRepeatsAmount, ...cells }) => (usdRepeatsAmount ? { ...cells, earningAmountUSD: cells.earningAmount } : cells));

/** The text of a cell as core reads an export, written out here apart from the add-in's own rendering. */
function exportText(column: EarningRowColumn, cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    if (column === 'earningDate') return fromExcelSerial(cell, '1900') ?? String(cell);
    // A workbook number is its value to 15 significant digits (docs/RULES.md, "Workbook cells").
    if (column.startsWith('earningAmount')) return Number.isFinite(cell) ? new Dec(cell.toPrecision(15)).toFixed() : String(cell);
  }
  return String(cell).trim();
}

describe('the Earnings table\'s acceptance, held to core\'s rule', () => {
  test('the ledger accepts a typed row exactly when core\'s rule accepts its text, and otherwise reports the rule\'s problems', () => {
    fc.assert(
      fc.property(earningRow, (cells) => {
        const row = headers.map((h) => (h in cells ? cells[h as keyof typeof cells] : ''));
        const pass = readEarningsPass({ name: 'Earnings', headers, rows: [row], rowNumbers: [2], dateSystem: '1900' as const }, policyCatalog(), DEFAULT_SETTINGS);
        const rule = readEarningRow((column) => exportText(column, cells[column]));
        const problems = pass.problems.flatMap((p) => p.issues.map((i) => [p.row, i.code, i.path.join('/')]));
        if (rule.ok) {
          expect(problems).toEqual([]);
          // Counted once, at the rule's amount, in the rule's currency.
          const counted = [...(pass.totals.totals.get(rule.value.currency)?.values() ?? [])];
          expect(pass.totals.rowsRead).toBe(1);
          expect(counted.reduce((a, b) => a.plus(b), new Dec(0)).eq(scaledToDec(rule.value.amountScaled))).toBe(true);
          // A co-op row's pool earns the rule's USD amount (a USD row its own amount when the USD cell is blank).
          const { amountScaled, amountUSDScaled, currency } = rule.value;
          const usd = amountUSDScaled ?? (currency === 'USD' ? amountScaled : null);
          const pools = [...pass.totals.pools.pools.values()];
          if (cells.earningType === 'Co-op') expect(pools.map((p) => p.coopEarnedUSD.toFixed())).toEqual([usd === null ? '0' : scaledToDec(usd).toFixed()]);
          else expect(pools).toEqual([]);
        } else {
          expect(pass.totals.rowsRead).toBe(0);
          expect(problems).toEqual(rule.issues.map((i) => [2, i.code, ['Earnings', 2, ...i.path].join('/')]));
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('a co-op row\'s pool earns the USD amount core\'s rule reads, whether or not the USD cell repeats the amount cell', () => {
    // Rows the rule accepts, the amounts typed: most rows above are refused for another reason.
    const amount = fc.oneof(fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 100), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom<unknown>('12.50', ' 7 ', '-0.01'));
    const coopRow = fc
      .record({ amount, usd: fc.oneof(blank, amount), repeat: fc.boolean(), currency: fc.constantFrom('USD', 'EUR', 'JPY') })
      .map(({ amount: a, usd, repeat, currency }) => ({
        earningId: 'E1', participantId: 'P1', programName: 'CSP Indirect Reseller', earningType: 'Co-op', earningDate: 44_270,
        transactionCurrency: currency, earningAmount: a, earningAmountUSD: repeat ? a : usd,
      }));
    fc.assert(
      fc.property(coopRow, (cells) => {
        const row = headers.map((h) => (h in cells ? cells[h as keyof typeof cells] : ''));
        const pass = readEarningsPass({ name: 'Earnings', headers, rows: [row], rowNumbers: [2], dateSystem: '1900' as const }, policyCatalog(), DEFAULT_SETTINGS);
        const rule = readEarningRow((column) => exportText(column, (cells as Record<string, unknown>)[column]));
        expect(rule.ok).toBe(true);
        if (!rule.ok) return;
        const { amountScaled, amountUSDScaled, currency } = rule.value;
        const usd = amountUSDScaled ?? (currency === 'USD' ? amountScaled : null);
        expect([...pass.totals.pools.pools.values()].map((p) => [p.coopEarned.toFixed(), p.coopEarnedUSD.toFixed()])).toEqual([
          [scaledToDec(amountScaled).toFixed(), usd === null ? '0' : scaledToDec(usd).toFixed()],
        ]);
      }),
      { numRuns: 500 },
    );
  });
});
