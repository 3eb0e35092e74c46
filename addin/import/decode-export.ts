/**
 * An export's bytes as text, in the browser, decided by core as the batch job decides it
 * (core/tables/text-encoding.ts; docs/RULES.md, "Encoding"): the encoding its BOM announces, else
 * UTF-8, decoded with `fatal: true` so that a byte that is not valid text is refused with its line
 * (`invalid_encoding`) instead of becoming U+FFFD, as `Blob.text()` would make it.
 */
import { firstInvalidUtf8, sniffEncoding, utf8ErrorAt, type TextEncodingName } from '../../core/tables/text-encoding.js';

export type DecodedExport =
  | { readonly ok: true; readonly text: string; readonly encoding: TextEncodingName }
  | { readonly ok: false; readonly code: 'invalid_encoding' | 'unsupported_file'; readonly line: number; readonly input: string };

export function decodeExport(bytes: Uint8Array): DecodedExport {
  const sniffed = sniffEncoding(bytes);
  if (!sniffed.ok) return { ok: false, code: sniffed.code, line: 1, input: sniffed.reason };
  const { encoding } = sniffed;
  try {
    // ignoreBOM false: the BOM is dropped, not read as text.
    return { ok: true, text: new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes), encoding };
  } catch {
    return { ok: false, code: 'invalid_encoding', ...where(bytes, encoding) };
  }
}

/** The line of the first byte that is not valid text, and the byte (UTF-8) or what the file ends in. */
function where(bytes: Uint8Array, encoding: TextEncodingName): { line: number; input: string } {
  if (encoding === 'utf-8') {
    const at = firstInvalidUtf8(bytes);
    // None invalid: the file ends inside a character.
    const { line, byte } = utf8ErrorAt(bytes, at < 0 ? bytes.length : at);
    return { line, input: byte ?? 'truncated' };
  }
  // UTF-16: a lone surrogate or an odd last byte; the lenient decoding shows where its U+FFFD lands.
  const lenient = new TextDecoder(encoding).decode(bytes);
  const bad = lenient.indexOf('\ufffd');
  const before = bad < 0 ? lenient : lenient.slice(0, bad);
  return { line: 1 + (before.match(/\n/g)?.length ?? 0), input: bad < 0 ? 'truncated' : 'invalid_bytes' };
}
