import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { raggedRow } from '../../../core/tables/ragged-row.js';

describe('a record of the wrong width (docs/RULES.md, "Ragged rows")', () => {
  test.each<[string, number, number, { column: number; input: string; expected: string } | null]>([
    ['the header\'s width', 8, 8, null],
    ['one cell short: at the column it has no cell for', 7, 8, { column: 8, input: '7', expected: '8' }],
    ['one cell over (a trailing empty cell too): at the first cell past the header', 9, 8, { column: 9, input: '9', expected: '8' }],
    ['a single cell under a wide header', 1, 8, { column: 2, input: '1', expected: '8' }],
  ])('%s', (_what, cells, width, expected) => {
    const problem = raggedRow(cells, width);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toEqual({ code: 'ragged_row', severity: 'error', ...expected });
  });

  test('any other width is ragged_row, located at the first cell the record and the header do not share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), (cells, width) => {
        const problem = raggedRow(cells, width);
        expect(problem === null).toBe(cells === width);
        if (problem !== null) {
          expect(problem.column).toBe(Math.min(cells, width) + 1);
          expect([Number(problem.input), Number(problem.expected)]).toEqual([cells, width]);
        }
      }),
    );
  });
});
