/**
 * Every earningId seen, in flat memory per id: an open-addressing hash table (linear probing) in
 * typed arrays, 18 bytes a slot, with no string or object per row. A slot holds the id's 64-bit
 * hash, a 32-bit hash of the row's content, and where the row counted for the id was read (source
 * ordinal and line), which duplicate findings quote.
 *
 * Ids are compared by their 64-bit hash only. Two different ids collide with probability about
 * n² / 2^65 for n distinct ids (3·10⁻⁸ for 1M ids, 7·10⁻⁷ for 5M, 3·10⁻⁶ for 10M), assuming the
 * hash behaves like a random function on real ids; a collision would make the second id count as
 * a duplicate (or a conflict) of the first. Content is compared by a 32-bit hash: a conflicting
 * duplicate (same id, different content) passes for an identical one with probability 2^-32 each.
 * docs/BENCHMARKS.md repeats these figures.
 */
export class EarningIdTable {
  /** Stride 4: id hash low, id hash high, content hash, line (0 = empty slot: lines start at 1). */
  private slots: Uint32Array;
  private sources: Uint16Array;
  private mask: number;
  private count = 0;

  constructor(expectedIds = 1 << 16) {
    let capacity = 1 << 12;
    while (capacity * 0.75 < expectedIds) capacity *= 2;
    this.slots = new Uint32Array(capacity * 4);
    this.sources = new Uint16Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The slot of an id, or the bitwise complement of the free slot where it would go. */
  find(lo: number, hi: number): number {
    const slots = this.slots;
    const mask = this.mask;
    for (let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const at = i * 4;
      if (slots[at + 3] === 0) return ~i;
      if (slots[at] === lo >>> 0 && slots[at + 1] === hi >>> 0) return i;
    }
  }

  /** Adds an id that `find` did not find; returns its slot. */
  insert(lo: number, hi: number, content: number, source: number, line: number): number {
    if ((this.count + 1) > (this.mask + 1) * 0.75) this.grow();
    const free = ~this.find(lo, hi);
    this.write(free, lo, hi, content, source, line);
    this.count++;
    return free;
  }

  /** Replaces the content and location of a slot (a conflicting version that now counts). */
  update(slot: number, content: number, source: number, line: number): void {
    this.slots[slot * 4 + 2] = content;
    this.slots[slot * 4 + 3] = line;
    this.sources[slot] = source;
  }

  content(slot: number): number {
    return this.slots[slot * 4 + 2]!;
  }

  line(slot: number): number {
    return this.slots[slot * 4 + 3]!;
  }

  source(slot: number): number {
    return this.sources[slot]!;
  }

  private write(slot: number, lo: number, hi: number, content: number, source: number, line: number): void {
    const at = slot * 4;
    this.slots[at] = lo;
    this.slots[at + 1] = hi;
    this.slots[at + 2] = content;
    this.slots[at + 3] = line;
    this.sources[slot] = source;
  }

  private grow(): void {
    const old = this.slots;
    const oldSources = this.sources;
    const capacity = (this.mask + 1) * 2;
    this.slots = new Uint32Array(capacity * 4);
    this.sources = new Uint16Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < oldSources.length; i++) {
      const at = i * 4;
      if (old[at + 3] === 0) continue;
      this.write(~this.find(old[at]!, old[at + 1]!), old[at]!, old[at + 1]!, old[at + 2]!, oldSources[i]!, old[at + 3]!);
    }
  }
}

/** The most sources (files read) a table can tell apart. */
export const MAX_SOURCES = 0xffff;
