import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

/**
 * One delimited-text file to read: a file on disk, or an entry of a zip. `open()` gives its bytes
 * as a fresh stream each time, so a source can be read more than once (hashing, then parsing)
 * without ever being held in memory.
 */
export interface InputSource {
  /** How reports name it: the path as given, plus `!entry` inside a zip. */
  readonly name: string;
  /** The file on disk that holds it (the zip, for a zip entry). */
  readonly path: string;
  /** The entry inside the zip at `path`, when it is one. */
  readonly entry?: string;
  /** Size in bytes as declared (a zip entry's header) or found on disk, when known. */
  readonly size?: number;
  open(): Promise<Readable>;
}

export function fileSource(path: string, name: string = path, size?: number): InputSource {
  return {
    name,
    path,
    ...(size === undefined ? {} : { size }),
    open: () =>
      new Promise<Readable>((resolve, reject) => {
        // Wait for the descriptor so a missing or unreadable file rejects here, not mid-parse.
        // 256 KB reads: fewer calls than the default 64 KB; larger chunks cost memory (the parser's strings are views into them).
        const stream = createReadStream(path, { highWaterMark: 1 << 18 });
        stream.once('ready', () => resolve(stream));
        stream.once('error', reject);
      }),
  };
}

/** A source over bytes already in memory, chunk by chunk as given (tests; small generated inputs). */
export function sourceFromChunks(name: string, chunks: readonly Uint8Array[]): InputSource {
  const size = chunks.reduce((n, c) => n + c.byteLength, 0);
  return {
    name,
    path: name,
    size,
    // Object mode keeps the chunks exactly as given, so tests control where chunk boundaries fall.
    open: () => Promise.resolve(Readable.from(chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)))),
  };
}
