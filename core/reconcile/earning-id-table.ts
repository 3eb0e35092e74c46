/**
 * The earningIds of one partition of the id log (`EarningIdLog`), in flat memory per id: an
 * open-addressing hash table (linear probing) in typed arrays, 17 bytes a slot, with no string or
 * object per row. A slot holds the id's 64-bit hash, a 32-bit hash of the counted row's content,
 * its run line (which duplicate findings quote), and a mark (the id has conflicted).
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
  private marks: Uint8Array;
  private mask: number;
  private count = 0;

  constructor(expectedIds = 1 << 16) {
    let capacity = 1 << 6;
    while (capacity * 0.75 < expectedIds) capacity *= 2;
    this.slots = new Uint32Array(capacity * 4);
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
      const at = i * 4;
      if (slots[at + 3] === 0) return ~i;
      if (slots[at] === lo >>> 0 && slots[at + 1] === hi >>> 0) return i;
    }
  }

  /** Adds an id that `find` did not find; returns its slot. */
  insert(lo: number, hi: number, content: number, line: number): number {
    if ((this.count + 1) > (this.mask + 1) * 0.75) this.grow();
    const free = ~this.find(lo, hi);
    this.write(free, lo, hi, content, line, 0);
    this.count++;
    return free;
  }

  /** Replaces the content and line of a slot (a conflicting version that now counts), and marks it. */
  replace(slot: number, content: number, line: number): void {
    this.slots[slot * 4 + 2] = content;
    this.slots[slot * 4 + 3] = line;
    this.marks[slot] = 1;
  }

  /** Whether `replace` has been called on the slot. */
  replaced(slot: number): boolean {
    return this.marks[slot] === 1;
  }

  content(slot: number): number {
    return this.slots[slot * 4 + 2]!;
  }

  line(slot: number): number {
    return this.slots[slot * 4 + 3]!;
  }

  private write(slot: number, lo: number, hi: number, content: number, line: number, mark: number): void {
    const at = slot * 4;
    this.slots[at] = lo;
    this.slots[at + 1] = hi;
    this.slots[at + 2] = content;
    this.slots[at + 3] = line;
    this.marks[slot] = mark;
  }

  private grow(): void {
    const old = this.slots;
    const oldMarks = this.marks;
    const capacity = (this.mask + 1) * 2;
    this.slots = new Uint32Array(capacity * 4);
    this.marks = new Uint8Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < oldMarks.length; i++) {
      const at = i * 4;
      if (old[at + 3] === 0) continue;
      this.write(~this.find(old[at]!, old[at + 1]!), old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!, oldMarks[i]!);
    }
  }
}
