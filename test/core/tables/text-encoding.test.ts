import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sniffEncoding, utf8ErrorAt, firstInvalidUtf8, utf16ErrorAt } from '../../../core/tables/text-encoding.js';

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

describe('where UTF-16 text is broken (utf16ErrorAt; docs/RULES.md, "Encoding")', () => {
  /** Code units as UTF-16 LE or BE bytes. */
  const units = (list: readonly number[], encoding: 'utf-16le' | 'utf-16be') =>
    Uint8Array.from(list.flatMap((u) => (encoding === 'utf-16le' ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff])));
  const LF = 0x0a;
  const A = 0x41;

  test.each<[string, number[], number, { line: number; reason: string; unit?: string } | null]>([
    ['whole text with a pair', [A, LF, 0xd83d, 0xde00, LF, A], 0, null],
    ['a low surrogate alone on line 2', [A, LF, A, 0xdc00, A], 0, { line: 2, reason: 'invalid_bytes', unit: '0xDC00' }],
    ['a high surrogate followed by a letter, on line 3', [LF, LF, 0xd800, A], 0, { line: 3, reason: 'invalid_bytes', unit: '0xD800' }],
    ['a high surrogate last: the file ends inside a character', [A, LF, 0xd83d], 0, { line: 2, reason: 'truncated' }],
    ['an odd last byte', [A, LF, A, LF], 1, { line: 3, reason: 'truncated' }],
    ['a high surrogate then an odd byte', [A, 0xd83d], 1, { line: 1, reason: 'truncated' }],
  ])('%s', (_what, list, extraBytes, expected) => {
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      const bytes = Uint8Array.from([...units(list, encoding), ...Array.from({ length: extraBytes }, () => 0x41)]);
      const fault = utf16ErrorAt(bytes, encoding);
      if (expected === null) expect(fault).toBeNull();
      else expect(fault).toMatchObject(expected);
    }
  });

  test('counts lines from the line given (a chunk read after others)', () => {
    expect(utf16ErrorAt(units([LF, 0xdc00], 'utf-16le'), 'utf-16le', 41)).toMatchObject({ line: 42, index: 2 });
  });

  test('refuses exactly what a fatal TextDecoder refuses, on the line its first U+FFFD lands on', () => {
    // A real U+FFFD in the text would pass for the decoder's mark: left out.
    const unit = fc.oneof(fc.constantFrom(LF, A, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfeff), fc.integer({ min: 0, max: 0xffff }).filter((u) => u !== 0xfffd));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), fc.boolean(), fc.constantFrom('utf-16le' as const, 'utf-16be' as const), (list, odd, encoding) => {
        const bytes = Uint8Array.from([...units(list, encoding), ...(odd ? [0x41] : [])]);
        let valid = true;
        try {
          new TextDecoder(encoding, { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        const fault = utf16ErrorAt(bytes, encoding);
        expect(fault === null).toBe(valid);
        if (fault !== null) {
          const lenient = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
          const before = lenient.slice(0, lenient.indexOf('\ufffd'));
          expect(fault.line).toBe(1 + before.split('\n').length - 1);
        }
      }),
    );
  });
});
