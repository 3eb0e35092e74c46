import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { trimCell } from '../../../core/tables/trim-cell.js';
import { isBlankCell } from '../../../core/tables/blank-row.js';

describe('a cell\'s text as core reads it', () => {
  test.each([
    ['text already trimmed', 'Co-op', 'Co-op'],
    ['spaces and a tab around it', ' \tCo-op ', 'Co-op'],
    ['no-break and ideographic spaces, a byte order mark', '\u00a0E1\u3000\ufeff', 'E1'],
    ['a space at the end only, after a printable character', 'E1 ', 'E1'],
    ['white space inside is kept', ' Contoso  Ltd ', 'Contoso  Ltd'],
    ['a zero-width space is no white space', '\u200bE1', '\u200bE1'],
    ['a next-line character is no white space', 'E1\u0085', 'E1\u0085'],
    ['only white space', ' \u00a0\t', ''],
  ])('%s', (_what, written, read) => {
    expect(trimCell(written)).toBe(read);
  });

  test('is the text without what makes a cell blank around it: String#trim, whatever the cell holds', () => {
    const unit = fc.constantFrom('a', 'Z', '1', '~', '!', ' ', '\t', '\r', '\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u200b', '\u0085', '\u007f', 'é', '"');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 6 }).map((units) => units.join('')), (text) => {
        expect(trimCell(text)).toBe(text.trim());
        expect(trimCell(text) === '').toBe(isBlankCell(text));
      }),
      { numRuns: 3000 },
    );
  });
});
