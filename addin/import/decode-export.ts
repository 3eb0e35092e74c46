/**
 * An export's bytes as text, in the browser, decided by core as the batch job decides it
 * (core/tables/text-encoding.ts; docs/RULES.md, "Encoding"): the encoding its BOM announces, else
 * UTF-8, decoded with `fatal: true` so that a byte that is not valid text is refused with its line
 * (`invalid_encoding`) instead of becoming U+FFFD, as `Blob.text()` would make it.
 */
import { firstInvalidUtf8, sniffEncoding, utf16ErrorAt, utf8ErrorAt, type TextEncodingName } from '../../core/tables/text-encoding.js';

export type DecodedExport =
  | { readonly ok: true; readonly text: string; readonly encoding: TextEncodingName }
  | { readonly ok: false; readonly code: 'invalid_encoding' | 'unsupported_file' | 'file_too_large'; readonly line: number; readonly input: string };

/**
 * The longest text the pane reads: the longest string Chromium's engine makes (2^29 - 24
 * characters), which Excel's add-in hosts on Windows and on the web run; other engines allow more.
 * A longer export likely holds more rows than a worksheet (1,048,576) too, so it could not be imported whole.
 */
export const MAX_TEXT_CHARS = 2 ** 29 - 24;

export function decodeExport(bytes: Uint8Array, maxChars = MAX_TEXT_CHARS): DecodedExport {
  const sniffed = sniffEncoding(bytes);
  if (!sniffed.ok) return { ok: false, code: sniffed.code, line: 1, input: sniffed.reason };
  const { encoding } = sniffed;
  // At most one character per UTF-8 byte, one per two UTF-16 bytes; refused before decoding, as the
  // engine would throw, and that is no fault in the bytes (it used to be reported as one).
  const chars = encoding === 'utf-8' ? bytes.length : Math.floor(bytes.length / 2);
  if (chars > maxChars) return { ok: false, code: 'file_too_large', line: 1, input: String(bytes.length) };
  try {
    // ignoreBOM false: the BOM is dropped, not read as text.
    return { ok: true, text: new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes), encoding };
  } catch (error) {
    // A fatal decoder refuses bytes that are not text with a TypeError; anything else is no verdict on the bytes.
    if (!(error instanceof TypeError)) throw error;
    return { ok: false, code: 'invalid_encoding', ...where(bytes, encoding) };
  }
}

/**
 * Where the bytes stop being text, by core's rule (as the batch job locates it): the line, and the
 * byte (UTF-8) or lone surrogate (UTF-16) there, or `truncated` when the file ends inside a character.
 */
function where(bytes: Uint8Array, encoding: TextEncodingName): { line: number; input: string } {
  if (encoding === 'utf-8') {
    const at = firstInvalidUtf8(bytes);
    // None invalid: the file ends inside a character.
    const { line, byte } = utf8ErrorAt(bytes, at < 0 ? bytes.length : at);
    return { line, input: byte ?? 'truncated' };
  }
  // The decoder refused the bytes, so core finds the fault; were it not to, the file's first line is named.
  const fault = utf16ErrorAt(bytes, encoding);
  return { line: fault?.line ?? 1, input: fault?.unit ?? 'truncated' };
}
