/**
 * How the pane turns an export's bytes into text (core's encoding rule, decode-export.ts): a text
 * longer than the browser holds is refused as such before decoding, never reported as bytes that
 * are not text.
 */
import { describe, expect, test } from 'vitest';
import { decodeExport, MAX_TEXT_CHARS } from '../../addin/import/decode-export.js';
import { LANGUAGES, message, type Language } from '../../addin/i18n/messages.js';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const utf16le = (text: string) => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));

describe('a text longer than the pane reads', () => {
  test('is file_too_large on line 1, by its characters: one per UTF-8 byte, one per two UTF-16 bytes', () => {
    expect(decodeExport(utf8('abcdefghij'), 10)).toMatchObject({ ok: true, text: 'abcdefghij' });
    expect(decodeExport(utf8('abcdefghijk'), 10)).toEqual({ ok: false, code: 'file_too_large', line: 1, input: '11' });
    // Eleven characters and a BOM: 24 bytes, 12 units.
    expect(decodeExport(utf16le('abcdefghij'), 11)).toMatchObject({ ok: true, text: 'abcdefghij' });
    expect(decodeExport(utf16le('abcdefghijk'), 11)).toMatchObject({ ok: false, code: 'file_too_large' });
    // The cap is the engine's longest string.
    expect(MAX_TEXT_CHARS).toBe(536_870_888);
  });

  test('the message says the cap in characters, what it means in bytes for UTF-8 and UTF-16, and that such a file only likely holds more rows than a worksheet, in every language', () => {
    // 2^29 - 24 characters: 512 million, give or take; a byte each in UTF-8, two in UTF-16.
    expect(Math.round(MAX_TEXT_CHARS / 2 ** 20)).toBe(512);
    const says: Readonly<Record<Language, readonly string[]>> = {
      en: ['512 million characters', '512 MB as UTF-8', '1 GB as UTF-16', 'likely holds more rows'],
      nl: ['512 miljoen tekens', '512 MB als UTF-8', '1 GB als UTF-16', 'waarschijnlijk meer rijen'],
      de: ['512 Millionen Zeichen', '512 MB als UTF-8', '1 GB als UTF-16', 'wahrscheinlich mehr Zeilen'],
      fr: ['512 millions de caractères', '512 Mo en UTF-8', '1 Go en UTF-16', 'probablement plus de lignes'],
      sv: ['512 miljoner tecken', '512 MB som UTF-8', '1 GB som UTF-16', 'troligen fler rader'],
    };
    for (const language of LANGUAGES) {
      const text = message(language, 'issue.file_too_large');
      for (const words of says[language]) expect(text, language).toContain(words);
    }
  });

  test('an engine that cannot make the string is no fault in the bytes: its error is passed on, not called invalid_encoding', () => {
    const real = globalThis.TextDecoder;
    class Failing extends real {
      override decode(): string {
        throw new RangeError('Invalid string length');
      }
    }
    globalThis.TextDecoder = Failing as typeof TextDecoder;
    try {
      expect(() => decodeExport(utf8('earningId\nE1\n'))).toThrow(RangeError);
    } finally {
      globalThis.TextDecoder = real;
    }
    // Bytes that are not UTF-8 are still invalid_encoding, at their line.
    expect(decodeExport(Uint8Array.from([...Buffer.from('a\nb'), 0xfc, 0x0a]))).toMatchObject({ ok: false, code: 'invalid_encoding', line: 2 });
  });
});
