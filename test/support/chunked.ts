/**
 * Bytes cut into chunks at the given points (each taken modulo the length, so any numbers a
 * property test draws will do): for showing that where a stream's chunks end changes nothing.
 */
export function chunked(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let last = 0;
  for (const p of points) {
    chunks.push(bytes.subarray(last, p));
    last = p;
  }
  chunks.push(bytes.subarray(last));
  return chunks.filter((c) => c.length > 0);
}
