/**
 * How an export's bytes become text, decided once for both adapters (docs/RULES.md, "Encoding"):
 * the decision is here, on bytes; the decoding is each host's own (Node's Buffer in the batch job,
 * the browser's TextDecoder in the add-in), both fatal, so no byte is ever silently replaced.
 *
 * Partner Center writes UTF-8 (with or without a byte order mark); Excel's "Unicode text" is UTF-16
 * LE with a BOM. Without a BOM a file is UTF-8, and bytes that are not valid UTF-8 (a Windows-1252
 * `ü` in "Müller") are `invalid_encoding` on their line: replacing them would change participant
 * names and ids.
 */
import { CONTENT_SNIFF_BYTES, contentKind, type FileRefusal } from './file-kind.js';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** How many leading bytes `sniffEncoding` needs to decide (a shorter file is decided on what it has): as many as core's file kind looks at. */
export const SNIFF_BYTES = CONTENT_SNIFF_BYTES;

/** The encoding a file's first bytes announce, or why its bytes are not text at all. */
export type SniffedEncoding =
  | { readonly ok: true; readonly encoding: TextEncodingName }
  /**
   * `unsupported_file`: the bytes are a zip or a workbook, not text (core's file kind: file-kind.ts);
   * `utf16_without_bom`: NUL bytes in the first two, so UTF-16 that cannot be told LE from BE (`invalid_encoding`, line 1).
   */
  | { readonly ok: false; readonly code: 'unsupported_file'; readonly reason: FileRefusal }
  | { readonly ok: false; readonly code: 'invalid_encoding'; readonly reason: 'utf16_without_bom' };

export function sniffEncoding(head: Uint8Array): SniffedEncoding {
  const [b0, b1, b2] = [head[0], head[1], head[2]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { ok: true, encoding: 'utf-8' };
  if (b0 === 0xff && b1 === 0xfe) return { ok: true, encoding: 'utf-16le' };
  if (b0 === 0xfe && b1 === 0xff) return { ok: true, encoding: 'utf-16be' };
  const kind = contentKind(head);
  if (kind !== 'text') return { ok: false, code: 'unsupported_file', reason: kind === 'zip' ? 'zip_signature' : kind };
  if (head.length >= 2 && (b0 === 0 || b1 === 0)) return { ok: false, code: 'invalid_encoding', reason: 'utf16_without_bom' };
  return { ok: true, encoding: 'utf-8' };
}

/** Index of the first byte that cannot start or continue a UTF-8 sequence; -1 if none (an incomplete end is not invalid yet). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return -1;
      const c = bytes[i + k]!;
      if (c < lo || c > hi) return i;
      lo = 0x80;
      hi = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

/** Where invalid UTF-8 is: the 1-based line of byte `index` (line feeds before it, plus `firstLine`), and the byte as `0xE9`. */
export function utf8ErrorAt(bytes: Uint8Array, index: number, firstLine = 1): { readonly line: number; readonly byte?: string } {
  let line = firstLine;
  const end = Math.min(index, bytes.length);
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++;
  return index < bytes.length ? { line, byte: `0x${bytes[index]!.toString(16).toUpperCase().padStart(2, '0')}` } : { line };
}

/** Where UTF-16 text is broken, by core's rule for both adapters: see `utf16ErrorAt`. */
export interface Utf16Fault {
  /** The byte the fault starts at: a lone surrogate's first byte, or where the unfinished end starts. */
  readonly index: number;
  /** Its 1-based line: the line feeds (U+000A) before it, plus `firstLine`. */
  readonly line: number;
  /** `invalid_bytes`: a surrogate without its other half; `truncated`: the bytes end inside a character. */
  readonly reason: 'invalid_bytes' | 'truncated';
  /** The lone surrogate as `0xD800` (with `invalid_bytes`). */
  readonly unit?: string;
}

/**
 * The first place where `bytes` are not UTF-16 text in `encoding`, or null (docs/RULES.md,
 * "Encoding"): a low surrogate with no high one before it, a high surrogate with no low one after it
 * (`invalid_bytes`, at the surrogate), or bytes that end inside a character, an odd last byte or a
 * high surrogate last (`truncated`, at the end). As the WHATWG decoder a host's `TextDecoder` is,
 * which refuses the same bytes; here so that both adapters name the same line for them, wherever a
 * chunk ended. `bytes` end where the text ends; a leading BOM is a character like any other here.
 */
export function utf16ErrorAt(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', firstLine = 1): Utf16Fault | null {
  const [hi, lo] = encoding === 'utf-16le' ? [1, 0] : [0, 1];
  const unitAt = (i: number) => (bytes[i + hi]! << 8) | bytes[i + lo]!;
  const whole = bytes.length - (bytes.length % 2);
  let line = firstLine;
  for (let i = 0; i < whole; i += 2) {
    const unit = unitAt(i);
    if (unit === 0x0a) line++;
    else if (unit >= 0xdc00 && unit <= 0xdfff) return { index: i, line, reason: 'invalid_bytes', unit: hexUnit(unit) };
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      if (i + 2 >= whole) return { index: i, line, reason: 'truncated' };
      const next = unitAt(i + 2);
      if (next < 0xdc00 || next > 0xdfff) return { index: i, line, reason: 'invalid_bytes', unit: hexUnit(unit) };
      i += 2;
    }
  }
  return whole < bytes.length ? { index: whole, line, reason: 'truncated' } : null;
}

function hexUnit(unit: number): string {
  return `0x${unit.toString(16).toUpperCase().padStart(4, '0')}`;
}
