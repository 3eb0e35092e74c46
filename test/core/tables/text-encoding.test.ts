import { describe, expect, test } from 'vitest';
import { sniffEncoding, utf8ErrorAt, firstInvalidUtf8 } from '../../../core/tables/text-encoding.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('the encoding of an export, from its first bytes', () => {
  test.each([
    ['a UTF-8 BOM', bytes(0xef, 0xbb, 0xbf, 0x61), { ok: true, encoding: 'utf-8' }],
    ['a UTF-16 LE BOM', bytes(0xff, 0xfe, 0x61, 0x00), { ok: true, encoding: 'utf-16le' }],
    ['a UTF-16 BE BOM', bytes(0xfe, 0xff, 0x00, 0x61), { ok: true, encoding: 'utf-16be' }],
    ['no BOM', bytes(0x61, 0x2c, 0x62, 0x0a), { ok: true, encoding: 'utf-8' }],
    ['nothing at all', bytes(), { ok: true, encoding: 'utf-8' }],
    ['a zip signature', bytes(0x50, 0x4b, 0x03, 0x04), { ok: false, code: 'unsupported_file', reason: 'zip_signature' }],
    ['NUL bytes without a BOM', bytes(0x61, 0x00, 0x62, 0x00), { ok: false, code: 'invalid_encoding', reason: 'utf16_without_bom' }],
  ])('%s', (_what, head, expected) => {
    expect(sniffEncoding(head)).toEqual(expected);
  });
});

describe('where invalid UTF-8 is', () => {
  test('a Windows-1252 ü on line 3 is located on line 3, with its byte', () => {
    const text = Uint8Array.from([...Buffer.from('h\r\nA\nM'), 0xfc, ...Buffer.from('ller\n')]);
    const at = firstInvalidUtf8(text);
    expect(at).toBe(6);
    expect(utf8ErrorAt(text, at)).toEqual({ line: 3, byte: '0xFC' });
  });

  test('the end of the file, when it stops inside a character, has no byte', () => {
    const cut = Buffer.from('a\nb\né').subarray(0, -1);
    expect(firstInvalidUtf8(cut)).toBe(-1);
    expect(utf8ErrorAt(cut, cut.length)).toEqual({ line: 3 });
  });
});
