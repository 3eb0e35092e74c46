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
    return resolveIdRecords([this.records.subarray(0, this.n)], recency);
  }

  resolveDeferred(recency: (line: number) => number, digestOf: DigestOf): IdResolution {
    return resolveIdRecords([this.records.subarray(0, this.n)], recency, digestOf);
  }

  dispose(): void {
    this.records = new Uint32Array(0);
    this.n = 0;
  }
}
