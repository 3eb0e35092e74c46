/**
 * The earningIds of one partition of the id log (`EarningIdLog`), in flat memory per id: an
 * open-addressing hash table (linear probing) in typed arrays, 25 bytes a slot, with no string or
 * object per row. A slot holds the id's 64-bit hash, three 32-bit hashes of the counted row (its
 * facts, its USD amount, its details: `earning-identity.ts`), its run line (which duplicate
 * findings quote), and a mark (the id has conflicted).
 *
 * Ids are compared by their 64-bit hash only. Two different ids collide with probability about
 * n² / 2^65 for n distinct ids (3·10⁻⁸ for 1M ids, 7·10⁻⁷ for 5M, 3·10⁻⁶ for 10M), assuming the
 * hash behaves like a random function on real ids; a collision would make the second id count as
 * a duplicate (or a conflict) of the first. Each part of the content is compared by a 32-bit hash:
 * a change in one part passes unseen with probability 2^-32 each.
 * docs/BENCHMARKS.md repeats these figures.
 */
/** Words per slot. */
const W = 6;

export class EarningIdTable {
  /** Stride 6: id hash low, id hash high, facts, USD amount and details hashes, line (0 = empty slot: lines start at 1). */
  private slots: Uint32Array;
  private marks: Uint8Array;
  private mask: number;
  private count = 0;

  constructor(expectedIds = 1 << 16) {
    let capacity = 1 << 6;
    while (capacity * 0.75 < expectedIds) capacity *= 2;
    this.slots = new Uint32Array(capacity * W);
    this.marks = new Uint8Array(capacity);
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
      const at = i * W;
      if (slots[at + 5] === 0) return ~i;
      if (slots[at] === lo >>> 0 && slots[at + 1] === hi >>> 0) return i;
    }
  }

  /** Adds an id that `find` did not find; returns its slot. */
  insert(lo: number, hi: number, facts: number, usd: number, details: number, line: number): number {
    if ((this.count + 1) > (this.mask + 1) * 0.75) this.grow();
    const free = ~this.find(lo, hi);
    const at = free * W;
    this.slots[at] = lo;
    this.slots[at + 1] = hi;
    this.replace(free, facts, usd, details, line, false);
    this.count++;
    return free;
  }

  /** Replaces the version of a slot by one that now counts; `conflict` marks it (a mark stays). */
  replace(slot: number, facts: number, usd: number, details: number, line: number, conflict: boolean): void {
    const at = slot * W;
    this.slots[at + 2] = facts;
    this.slots[at + 3] = usd;
    this.slots[at + 4] = details;
    this.slots[at + 5] = line;
    if (conflict) this.marks[slot] = 1;
  }

  /** Whether `replace` has been called on the slot. */
  replaced(slot: number): boolean {
    return this.marks[slot] === 1;
  }

  facts(slot: number): number {
    return this.slots[slot * W + 2]!;
  }

  usd(slot: number): number {
    return this.slots[slot * W + 3]!;
  }

  details(slot: number): number {
    return this.slots[slot * W + 4]!;
  }

  line(slot: number): number {
    return this.slots[slot * W + 5]!;
  }

  private grow(): void {
    const old = this.slots;
    const oldMarks = this.marks;
    const capacity = (this.mask + 1) * 2;
    this.slots = new Uint32Array(capacity * W);
    this.marks = new Uint8Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < oldMarks.length; i++) {
      const at = i * W;
      if (old[at + 5] === 0) continue;
      const to = ~this.find(old[at]!, old[at + 1]!);
      this.slots.set(old.subarray(at, at + W), to * W);
      this.marks[to] = oldMarks[i]!;
    }
  }
}
