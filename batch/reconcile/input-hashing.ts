import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import type { InputSource } from '../input/input-source.js';

/**
 * A source whose bytes are hashed (sha256) as they are read; `digest` is the file's digest once a
 * reading has gone to its end, else undefined (a reading stopped by an error).
 */
export function hashWhileReading(source: InputSource): { source: InputSource; digest: () => string | undefined } {
  const hash = createHash('sha256');
  let digest: string | undefined;
  async function* tap(bytes: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of bytes) {
      hash.update(chunk);
      yield chunk;
    }
    digest = hash.digest('hex');
  }
  return {
    source: { ...source, open: async () => Readable.from(tap((await source.open()) as AsyncIterable<Buffer>)) },
    digest: () => digest,
  };
}

export async function sha256Of(path: string): Promise<string> {
  const info = await stat(path);
  const hash = createHash('sha256');
  if (info.isDirectory()) {
    // A folder's digest covers its files' names and digests, in name order.
    for (const name of (await readdir(path)).sort()) {
      const child = join(path, name);
      if ((await stat(child)).isFile()) hash.update(`${name}\u0000${await sha256Of(child)}\n`);
    }
    return hash.digest('hex');
  }
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

