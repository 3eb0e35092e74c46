import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { packExport, packRows, rowReader, unpackExport, unpackRows } from '../../addin/import/packed-rows.js';

describe('rows packed for the worker\'s message', () => {
  test('unpack gives back every row and cell as it was packed', () => {
    const cell = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('', 'Contoso, Ltd.', 'two\r\nlines', 'Ünïcode ✓', '😀'));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 20 }), (rows) => {
        expect(unpackRows(packRows(rows))).toEqual(rows);
      }),
      { numRuns: 1000 },
    );
  });

  test('rows read one after another give each row as packed, a cell written like the one above it or not', () => {
    // Few distinct cells, so that rows repeat the cells above them. `"` is packed quoted, as `""""`, which is also a cell's value here.
    const cell = fc.constantFrom('', 'ab', '"ab"', '"', '""""', 'a,b', 'x');
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 12 }), (rows) => {
        const packed = packRows(rows);
        const read = rowReader(packed);
        expect(rows.map((_, r) => [...read(r)])).toEqual(rows);
      }),
      { numRuns: 2000 },
    );
  });

  test('an export keeps its file, headers, lines and errors beside its packed rows', () => {
    const parsed = { file: 'a.csv', headers: ['earningId', 'note'], rows: [['E1', 'x'], ['E2', '']], lines: [2, 4], errors: [{ line: 3, code: 'unclosed_quote', input: 'q' }] };
    expect(unpackExport(structuredClone(packExport(parsed)))).toEqual(parsed);
  });
});
