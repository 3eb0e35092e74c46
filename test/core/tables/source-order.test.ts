import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { compareSourceNames, orderSources } from '../../../core/tables/source-order.js';

describe('the order of sources', () => {
  test('a set of files is read by name, code unit by code unit: upper case before lower, accents after z', () => {
    const names = ['earnings_b.csv', 'Earnings_z.csv', 'earnings_é.csv', 'earnings_a.csv', 'earnings_10.csv', 'earnings_9.csv'];
    expect(orderSources(names, (n) => n)).toEqual(['Earnings_z.csv', 'earnings_10.csv', 'earnings_9.csv', 'earnings_a.csv', 'earnings_b.csv', 'earnings_é.csv']);
  });

  test('ordering leaves the list it was given as it was', () => {
    const picked = [{ name: 'b.csv' }, { name: 'a.csv' }];
    const ordered = orderSources(picked, (f) => f.name);
    expect(ordered.map((f) => f.name)).toEqual(['a.csv', 'b.csv']);
    expect(picked.map((f) => f.name)).toEqual(['b.csv', 'a.csv']);
  });

  test('the order does not depend on the order the names came in', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 8 }), (names) => {
        const once = orderSources(names, (n) => n);
        expect(orderSources([...names].reverse(), (n) => n)).toEqual(once);
        for (let i = 1; i < once.length; i++) expect(compareSourceNames(once[i - 1]!, once[i]!)).toBeLessThanOrEqual(0);
      }),
    );
  });
});
