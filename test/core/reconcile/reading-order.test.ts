import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { importOrderOf, nextImportOrder, readingOrder, readingOrderWhenSorted } from '../../../core/reconcile/reading-order.js';
import { ReadingOrderLines } from '../../../core/reconcile/run-lines.js';

/** Import orders as tables hold them: runs of rising numbers (imports), rows without one, repeats (a row copied). */
const ordersArb = fc.array(fc.option(fc.integer({ min: 1, max: 40 }), { nil: null, freq: 4 }), { maxLength: 60 });

describe('the order the ledger reads the Earnings table in', () => {
  test('the fast path gives the rule: null exactly when the rule keeps the table order', () => {
    fc.assert(
      fc.property(fc.oneof(ordersArb, ordersArb.map((o) => [...o].sort((a, b) => (a ?? 0) - (b ?? 0)))), (orders) => {
        const rule = readingOrder(orders);
        const fast = readingOrderWhenSorted(orders.length, (i) => orders[i]!);
        const identity = orders.map((_, i) => i);
        if (fast === null) expect(rule).toEqual(identity);
        else {
          expect(fast).toEqual(rule);
          expect(rule).not.toEqual(identity);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  test('rows without an order first, in the table order; then by order; a repeated order keeps the table order', () => {
    expect(readingOrder([3, null, 1, 2, null, 1])).toEqual([1, 4, 2, 5, 3, 0]);
    const whenSorted = (orders: (number | null)[]) => readingOrderWhenSorted(orders.length, (i) => orders[i]!);
    expect(whenSorted([null, null, 1, 1, 2, 7])).toBeNull();
    expect(whenSorted([1, null])).toEqual([1, 0]);
    // Past what one numeric key per row holds (orders from 2^32), the rule sorts them itself.
    expect(whenSorted([2 ** 33, 2 ** 32, null, 5])).toEqual([2, 3, 1, 0]);
  });

  test('an order is a whole number from 1, as a number cell or its digits', () => {
    expect(importOrderOf(7)).toBe(7);
    expect(importOrderOf(' 12 ')).toBe(12);
    for (const no of [0, -3, 1.5, Number.NaN, 2 ** 53, '', 'x', '1.0', '-1', '0', '1e3']) expect(importOrderOf(no), String(no)).toBeNull();
  });

  test('the next import numbers its rows after every order the table holds', () => {
    expect(nextImportOrder([])).toBe(1);
    expect(nextImportOrder([null, null])).toBe(1);
    expect(nextImportOrder([4, null, 9, 2])).toBe(10);
  });
});

describe('numbering rows in a reading order', () => {
  test('a row read k-th has run line k, and its run line names its own line', () => {
    const lines = new ReadingOrderLines([7, 2, 9, 3]);
    lines.beginSource('Earnings', 0);
    expect([2, 3, 7, 9].map((line) => lines.runLine({ file: 'Earnings', line }))).toEqual([2, 4, 1, 3]);
    expect(lines.locationOf(3)).toEqual({ file: 'Earnings', line: 9 });
    expect(lines.ordinalOf()).toBe(0);
    expect(lines.nameOf()).toBe('Earnings');
  });

  test('a line outside the order, a line twice, or a second source is refused, never numbered wrongly', () => {
    const lines = new ReadingOrderLines([4, 2]);
    lines.beginSource('Earnings', 0);
    expect(() => lines.runLine({ file: 'Earnings', line: 3 })).toThrow(RangeError);
    expect(() => new ReadingOrderLines([2, 2])).toThrow(RangeError);
    expect(() => lines.beginSource('Other', 1)).toThrow(RangeError);
  });
});
