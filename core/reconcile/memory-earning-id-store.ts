import { ID_RECORD_WORDS, resolveIdRecords, type DeferringEarningIdStore, type DigestOf, type IdResolution } from './earning-id-store.js';

/**
 * An `EarningIdStore` in one growing typed array: for tables that fit in memory (the workbook's).
 * Its rows may come without their hashes (`addId`) when the table can read them again.
 */
export class MemoryEarningIdStore implements DeferringEarningIdStore {
  private records = new Uint32Array(1024 * ID_RECORD_WORDS);
  private n = 0;

  add(idLo: number, idHi: number, facts: number, usd: number, rate: number, details: number, line: number): void {
    if (this.n === this.records.length) {
      const grown = new Uint32Array(this.records.length * 2);
      grown.set(this.records);
      this.records = grown;
    }
    const r = this.records;
    r[this.n] = idLo;
    r[this.n + 1] = idHi;
    r[this.n + 2] = facts;
    r[this.n + 3] = usd;
    r[this.n + 4] = rate;
    r[this.n + 5] = details;
    r[this.n + 6] = line;
    this.n += ID_RECORD_WORDS;
  }

  addId(idLo: number, idHi: number, line: number): void {
    this.add(idLo, idHi, 0, 0, 0, 0, line);
  }

  resolve(recency: (line: number) => number): IdResolution {
    return resolveIdRecords(partitioned(this.records.subarray(0, this.n)), recency);
  }

  resolveDeferred(recency: (line: number) => number, digestOf: DigestOf): IdResolution {
    return resolveIdRecords(partitioned(this.records.subarray(0, this.n)), recency, digestOf);
  }

  dispose(): void {
    this.records = new Uint32Array(0);
    this.n = 0;
  }
}

/** About this many ids per group: the hash table of a group then stays in the processor's cache. */
const IDS_PER_GROUP = 2048;

/**
 * The records in groups by the top bits of their id hash, each group in reading order (a stable
 * counting sort), as the batch job's log on disk partitions them. The decisions are the same as
 * over one group (records of one id are in one group); one table of 100,000 ids is megabytes
 * probed at random, and finding the ids took longer than reading the rows.
 */
function partitioned(records: Uint32Array): Uint32Array[] {
  const ids = records.length / ID_RECORD_WORDS;
  let bits = 0;
  while (bits < 8 && ids >> bits > IDS_PER_GROUP) bits++;
  if (bits === 0) return [records];
  const shift = 32 - bits;
  const counts = new Uint32Array((1 << bits) + 1);
  for (let r = 1; r < records.length; r += ID_RECORD_WORDS) counts[(records[r]! >>> shift) + 1]! += ID_RECORD_WORDS;
  for (let g = 1; g < counts.length; g++) counts[g]! += counts[g - 1]!;
  const sorted = new Uint32Array(records.length);
  const next = counts.slice(0, -1);
  for (let r = 0; r < records.length; r += ID_RECORD_WORDS) {
    const g = records[r + 1]! >>> shift;
    const to = next[g]!;
    for (let w = 0; w < ID_RECORD_WORDS; w++) sorted[to + w] = records[r + w]!;
    next[g] = to + ID_RECORD_WORDS;
  }
  return Array.from({ length: 1 << bits }, (_, g) => sorted.subarray(counts[g]!, counts[g + 1]!));
}
