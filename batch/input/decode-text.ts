import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { InputIssueError, inputIssue, clip, type InputIssue } from './input-issue.js';
import type { FileRefusal } from '../../core/tables/file-kind.js';
import { firstInvalidUtf8, SNIFF_BYTES, sniffEncoding, utf16ErrorAt, utf8ErrorAt, type TextEncodingName } from '../../core/tables/text-encoding.js';

export { firstInvalidUtf8, type TextEncodingName };

const UTF8_HINT = 'Save the file as UTF-8 (Excel: Save As → "CSV UTF-8 (Comma delimited)") or re-download it from Partner Center.';

/**
 * A file core's file kind refuses (docs/RULES.md, "Which files are exports"), named, with what to
 * do about it: a workbook is saved as CSV, a zip given a `.zip` name.
 */
export function unsupportedFileIssue(file: string, reason: FileRefusal): InputIssue {
  const what: Readonly<Record<FileRefusal, readonly [message: string, hint: string]>> = {
    workbook: ['The file is an Excel workbook, not an earnings export.', 'Open it in Excel and save it as "CSV UTF-8 (Comma delimited)", or download the export from Partner Center as CSV.'],
    legacy_workbook: ['The file is an Excel 97-2003 workbook (.xls), not an earnings export.', 'Open it in Excel and save it as "CSV UTF-8 (Comma delimited)", or download the export from Partner Center as CSV.'],
    zip_signature: ['The file is a zip archive, not delimited text.', 'Give the zip a .zip name so that its exports are read.'],
  };
  const [message, hint] = what[reason];
  return inputIssue('unsupported_file', { file, message, hint, params: { reason } });
}

/** core's decision on the first bytes (docs/RULES.md, "Encoding"), its refusal as a located issue. */
function sniff(head: Uint8Array, file: string): TextEncodingName {
  const sniffed = sniffEncoding(head);
  if (sniffed.ok) return sniffed.encoding;
  if (sniffed.code === 'unsupported_file') throw new InputIssueError(unsupportedFileIssue(file, sniffed.reason));
  throw new InputIssueError(
    inputIssue('invalid_encoding', {
      file,
      line: 1,
      message: 'The file looks like UTF-16 without a byte-order mark.',
      hint: UTF8_HINT,
      params: { reason: sniffed.reason },
    }),
  );
}

const EMPTY = new Uint8Array(0);

/**
 * Text is decoded and handed on at most this many bytes at a time, whatever size the chunks
 * read are. V8 puts a string above 128 KB (a quarter-megabyte read chunk, decoded whole) in a
 * memory mapping of its own, mapped, zero-filled and unmapped again for each: decoding a 0.3 GB
 * export that way cost about 3.4 CPU-s, a third of them in the kernel, against 0.7 CPU-s in
 * 32 KB slices (`docs/BENCHMARKS.md`). 32 KB stays below the limit for UTF-16 text too (two bytes a
 * character).
 */
const DECODED_SLICE_BYTES = 32 * 1024;

/**
 * How many bytes at the end of `bytes` are a valid but incomplete UTF-8 character (0 to 3): the
 * bytes a fatal streaming TextDecoder would hold back. An invalid prefix is not held: it fails now.
 */
function heldUtf8Prefix(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const lead = bytes[n - back]!;
    if (lead >= 0x80 && lead < 0xc0) continue;
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length <= back) return 0;
    for (let k = 1; k < back; k++) {
      const b = bytes[n - back + k]!;
      const [lo, hi] = k === 1 ? secondByteRange(lead) : [0x80, 0xbf];
      if (b < lo || b > hi) return 0;
    }
    return back;
  }
  return 0;
}

/**
 * How many bytes at the end of UTF-16 `bytes` are not yet a whole character (0 to 3): an odd last
 * byte, and a high surrogate last, which the next bytes may complete. They are held back as
 * TextDecoder's stream mode would hold them, but here, so that a fault is always located in bytes
 * this reader holds (core's `utf16ErrorAt`), never in bytes the decoder kept from a chunk before.
 */
function heldUtf16Suffix(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): number {
  const odd = bytes.length % 2;
  const last = bytes.length - odd - 2;
  if (last < 0) return odd;
  const high = encoding === 'utf-16le' ? bytes[last + 1]! : bytes[last]!;
  return high >= 0xd8 && high <= 0xdb ? odd + 2 : odd;
}

function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function countChar(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

export interface DecodeTextOptions {
  readonly file: string;
  /** Called once, before the first text, with the encoding found. */
  readonly onEncoding?: (encoding: TextEncodingName) => void;
}

/**
 * Decodes a byte stream to text chunk by chunk, holding back split multi-byte characters until
 * the next chunk completes them. Bytes that are not valid in the file's encoding (Latin-1 `é` in
 * a UTF-8 file) throw an `invalid_encoding` issue naming the physical line: silently replacing
 * them would change participant names and ids.
 */
export async function* decodeText(bytes: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, options: DecodeTextOptions): AsyncGenerator<string> {
  const { file } = options;
  let head: Uint8Array = EMPTY;
  let decoder: TextDecoder | null = null;
  let encoding: TextEncodingName = 'utf-8';
  /** The line the next decoded text starts on. */
  let line = 1;
  let tail: Uint8Array = EMPTY;

  const start = (bytesSoFar: Uint8Array): void => {
    encoding = sniff(bytesSoFar, file);
    // fatal: invalid bytes throw instead of becoming U+FFFD; ignoreBOM false: the BOM is dropped.
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
    options.onEncoding?.(encoding);
  };

  const fail = (chunk: Uint8Array, atEnd: boolean): InputIssueError => {
    let at: number;
    let raw: string;
    let byte: string | undefined;
    let unit: string | undefined;
    if (encoding === 'utf-8') {
      const joined = concat(tail, chunk);
      let idx = atEnd ? joined.length : firstInvalidUtf8(joined);
      if (idx < 0) idx = joined.length;
      // Its line and byte by core's rule, as the add-in locates the same fault.
      const where = utf8ErrorAt(joined, idx, line);
      at = where.line;
      byte = where.byte;
      const lineStart = joined.lastIndexOf(0x0a, Math.max(0, idx - 1)) + 1;
      const next = joined.indexOf(0x0a, idx);
      raw = new TextDecoder('utf-8').decode(joined.subarray(lineStart, next === -1 ? joined.length : next)).replace(/\r$/, '');
    } else {
      // The bytes held back and the chunk, the first fault in them by core's rule, as the add-in locates it.
      const joined = concat(tail, chunk);
      const fault = utf16ErrorAt(joined, encoding, line);
      at = fault?.line ?? line;
      unit = fault?.unit;
      const lenient = new TextDecoder(encoding, { ignoreBOM: true }).decode(joined);
      raw = (lenient.split('\n')[at - line] ?? '').replace(/\r$/, '');
    }
    return new InputIssueError(
      inputIssue('invalid_encoding', {
        file,
        line: at,
        raw: clip(raw),
        message: atEnd
          ? `The file ends in the middle of a ${encoding.toUpperCase()} character.`
          : `Line ${at} contains bytes that are not valid ${encoding.toUpperCase()}${byte === undefined ? '' : ` (${byte})`}${unit === undefined ? '' : ` (a lone surrogate, ${unit})`}.`,
        hint: UTF8_HINT,
        params: { encoding, ...(byte === undefined ? {} : { byte }), ...(unit === undefined ? {} : { unit }), reason: atEnd ? 'truncated' : 'invalid_bytes' },
      }),
    );
  };

  let bomChecked = false;
  /**
   * UTF-8 without TextDecoder: validate with simdutf (`isUtf8`) and decode with the native
   * `Buffer.toString`, holding back a valid incomplete last character as TextDecoder's stream mode
   * does. Several times faster on big exports; same text, same errors at the same chunk.
   */
  const decodeUtf8Chunk = (chunk: Uint8Array): string => {
    const joined = concat(tail, chunk);
    const held = heldUtf8Prefix(joined);
    const complete = held === 0 ? joined : joined.subarray(0, joined.length - held);
    if (!isUtf8(complete)) throw fail(chunk, false);
    let text = Buffer.from(complete.buffer, complete.byteOffset, complete.byteLength).toString('utf8');
    if (!bomChecked) {
      bomChecked = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    tail = held === 0 ? EMPTY : joined.slice(joined.length - held);
    line += countChar(text, '\n');
    return text;
  };

  /**
   * UTF-16: the whole characters of the bytes held and the chunk, decoded by the fatal decoder in
   * stream mode (so a BOM is dropped at the start only), which then holds nothing between calls.
   */
  const decodeChunk = (chunk: Uint8Array): string => {
    if (encoding === 'utf-8') return decodeUtf8Chunk(chunk);
    const joined = concat(tail, chunk);
    const held = heldUtf16Suffix(joined, encoding);
    let text: string;
    try {
      text = decoder!.decode(joined.subarray(0, joined.length - held), { stream: true });
    } catch {
      throw fail(chunk, false);
    }
    tail = held === 0 ? EMPTY : joined.slice(joined.length - held);
    line += countChar(text, '\n');
    return text;
  };

  for await (const piece of bytes) {
    let chunk: Uint8Array = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    if (decoder === null) {
      head = concat(head, chunk);
      // Enough bytes to recognise any BOM (and the zip signature) before choosing a decoder.
      if (head.length < SNIFF_BYTES) continue;
      start(head);
      chunk = head;
      head = EMPTY;
    }
    // Decoded a slice at a time: a character split between two slices is held back and
    // completed as between two chunks.
    for (let at = 0; at < chunk.length; at += DECODED_SLICE_BYTES) {
      const text = decodeChunk(chunk.subarray(at, Math.min(chunk.length, at + DECODED_SLICE_BYTES)));
      if (text !== '') yield text;
    }
  }
  if (decoder === null) {
    if (head.length === 0) return;
    start(head);
    const text = decodeChunk(head);
    if (text !== '') yield text;
  }
  // Bytes held back at the end are a character the file ends inside, in either encoding.
  if (tail.length > 0) throw fail(EMPTY, true);
}
