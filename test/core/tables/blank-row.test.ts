import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { isBlankLine, isBlankRow, isBlankText, isEmptyFile, isTrimmedSpace } from '../../../core/tables/blank-row.js';

describe('a blank row', () => {
  test.each([
    ['no cells', [], true],
    ['one empty cell (an empty line)', [''], true],
    ['six commas: seven empty cells', ['', '', '', '', '', '', ''], true],
    ['cells of spaces, a tab, a no-break space', [' ', '\t', '\u00a0', ''], true],
    ['Excel cell values: null, undefined, empty text', [null, undefined, ''], true],
    ['one cell with text', ['', '', 'E1'], false],
    ['a number, even 0', ['', 0], false],
    ['a boolean', [false], false],
    ['a quote character as text', ['"'], false],
  ] as const)('%s: blank is %s', (_what, cells, blank) => {
    expect(isBlankRow(cells)).toBe(blank);
  });
});

/** Text of the characters that matter: white space of several kinds, a delimiter, a letter, a quote. */
const text = fc.array(fc.constantFrom(' ', '\t', '\u00a0', '\u2003', '\ufeff', '\u200b', '\r', ',', ';', 'a', '"', '0'), { maxLength: 12 }).map((cs) => cs.join(''));

describe('the fast path holds to the rule', () => {
  test('every code unit is trimmed space exactly when trim removes it', () => {
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isTrimmedSpace(c) !== (String.fromCharCode(c).trim() === '')) differ.push(c);
    expect(differ).toEqual([]);
  });

  test('isBlankText on a span is isBlankRow of that span as one cell', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
        const [start, end] = [Math.min(a, b) % (t.length + 1), Math.max(a, b) % (t.length + 1)].sort((x, y) => x - y) as [number, number];
        expect(isBlankText(t, start, end)).toBe(isBlankRow([t.slice(start, end)]));
      }),
    );
  });

  test('isBlankLine on an unquoted line is isBlankRow of its cells', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(',', ';', '\t'), (line, delimiter) => {
        expect(isBlankLine(line, 0, line.length, delimiter)).toBe(isBlankRow(line.split(delimiter)));
      }),
    );
  });
});

describe('an empty file', () => {
  test.each([
    ['no text', '', true],
    ['blank lines and spaces, any line break', ' \r\n\t\n\r \u00a0', true],
    ['a comma is content (a header problem, not an empty file)', '\n,\n', false],
    ['text on line 20 is within the header search', `${'\n'.repeat(19)}earningId`, false],
    ['text only from line 21 on: the searched lines are empty', `${'\r\n'.repeat(20)}earningId`, true],
    ['carriage returns alone in a file of line feeds are white space of their line, not lines', `\n${'\r'.repeat(30)}\nearningId`, false],
    ['in a file of carriage returns, they end its lines', `${'\r'.repeat(20)}earningId`, true],
    ['line feeds in a file of carriage returns are white space of their line', `\r ${'\n'.repeat(30)}\rearningId`, false],
  ])('%s: %s', (_what, text, empty) => {
    expect(isEmptyFile(text)).toBe(empty);
  });
});
