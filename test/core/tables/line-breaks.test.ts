import { describe, expect, test } from 'vitest';
import { contentEnd, lastCellText, lineBreakOf, lineBreaksIn, recordTextEnd } from '../../../core/tables/line-breaks.js';

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

describe('the carriage return of a CR LF line is the line\'s, not its last cell\'s', () => {
  test.each([
    ['USD\r', '\n', 'USD'],
    ['USD', '\n', 'USD'],
    ['USD\r\r', '\n', 'USD\r'],
    ['\r', '\n', ''],
    ['', '\n', ''],
    ['a\rb', '\n', 'a\rb'],
    // In a file of carriage returns, a record never ends with one left over: any other is its cell's.
    ['USD\r', '\r', 'USD\r'],
  ] as const)('%j in a file broken at %j reads %j', (cell, lineBreak, expected) => {
    expect(lastCellText(cell, lineBreak)).toBe(expected);
  });

  test('a line\'s text ends before that carriage return, never before its start', () => {
    const text = 'h\r\nab\r\n\r\n';
    expect(contentEnd(text, 3, 6, '\n')).toBe(5);
    expect(contentEnd(text, 7, 8, '\n')).toBe(7);
    expect(contentEnd(text, 8, 8, '\n')).toBe(8);
    expect(contentEnd(text, 3, 5, '\n')).toBe(5);
    expect(contentEnd(text, 3, 6, '\r')).toBe(6);
  });
});

describe('a record\'s text without its line break', () => {
  test.each([
    ['a,b\r\n', '\n', 'a,b'],
    ['a,b\n', '\n', 'a,b'],
    ['a,b', '\n', 'a,b'],
    ['a,b\r', '\n', 'a,b'],
    ['a,b\r', '\r', 'a,b'],
    // In a file of carriage returns a line feed is a character of its record.
    ['a,b\n\r', '\r', 'a,b\n'],
    ['\r\n', '\n', ''],
  ] as const)('%j in a file broken at %j is %j', (record, lineBreak, expected) => {
    expect(record.slice(0, recordTextEnd(record, 0, record.length, lineBreak))).toBe(expected);
  });
});
