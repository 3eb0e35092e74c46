/**
 * The pane redraws when the fingerprint of what it read changes (load-ledger.ts): the same tables
 * must give the same fingerprint, and a change to any one cell a different one.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { fingerprintOf } from '../../addin/ledger/load-ledger.js';
import type { TableData } from '../../addin/excel/table-io.js';

const cell = fc.oneof(fc.string({ maxLength: 6 }), fc.double(), fc.integer({ min: -100_000, max: 100_000 }), fc.boolean(), fc.constantFrom<unknown>(null, undefined, ''));
const table = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 8 }))
  .chain(([columns, rows]) =>
    fc.record({
      headers: fc.array(fc.string({ maxLength: 5 }), { minLength: columns, maxLength: columns }),
      rows: fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
    }),
  )
  .map(({ headers, rows }): TableData => ({ name: 'Earnings', headers, rows, rowNumbers: rows.map((_, i) => i + 2), dateSystem: '1900' as const }));

const copy = (t: TableData): TableData => ({ ...t, headers: [...t.headers], rows: t.rows.map((r) => [...r]) });

describe('the fingerprint of the tables read', () => {
  test('is the same for the same cells, read again', () => {
    fc.assert(
      fc.property(table, fc.string(), (t, text) => {
        expect(fingerprintOf([text, t, null])).toBe(fingerprintOf([text, copy(t), null]));
      }),
    );
  });

  test('changes when any one cell changes, to another value or the same value of another type', () => {
    fc.assert(
      fc.property(table, fc.nat(), fc.nat(), cell, (t, r, c, value) => {
        const row = r % t.rows.length;
        const column = c % t.headers.length;
        const before = t.rows[row]![column];
        fc.pre(!Object.is(before, value) && String(before) !== String(value));
        const changed = copy(t);
        changed.rows[row]![column] = value;
        expect(fingerprintOf([changed])).not.toBe(fingerprintOf([t]));
      }),
      { numRuns: 500 },
    );
  });

  test.each([
    ['a number and its text', [[1]], [['1']]],
    ['two numbers whose low 32 bits are the same', [[1]], [[2]]],
    ['0.1 + 0.2 and 0.3, a bit apart', [[0.1 + 0.2]], [[0.3]]],
    ['where one cell ends and the next begins', [['ab', '']], [['a', 'b']]],
  ])('tells apart %s', (_, a, b) => {
    const of = (rows: unknown[][]) => fingerprintOf([{ name: 'Claims', headers: ['x', 'y'], rows, rowNumbers: rows.map((_r, i) => i + 2), dateSystem: '1900' as const }]);
    expect(of(a)).not.toBe(of(b));
  });
});
