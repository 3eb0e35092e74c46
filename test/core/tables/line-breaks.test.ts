import { describe, expect, test } from 'vitest';
import { lineBreakOf, lineBreaksIn } from '../../../core/tables/line-breaks.js';

describe('where a file\'s lines end', () => {
  test.each([
    ['a\nb', true, '\n'],
    ['a\r\nb', true, '\n'],
    ['a\rb\nc', true, '\r'],
    ['no break', true, '\n'],
    ['no break yet', false, undefined],
    ['a\r', false, undefined],
    ['a\r', true, '\r'],
  ] as const)('%j (all read: %s) breaks its lines at %j', (text, atEnd, expected) => {
    expect(lineBreakOf(text, atEnd)).toBe(expected);
  });

  test('only the file\'s line break ends a line: a carriage return alone in a file of line feeds does not', () => {
    const text = 'h\na\rb\r\nc\n';
    expect(lineBreaksIn(text, 0, text.length, '\n')).toBe(3);
    expect(lineBreaksIn(text, 2, 6, '\n')).toBe(0);
    expect(lineBreaksIn('a\rb\rc\n', 0, 6, '\r')).toBe(2);
  });
});
