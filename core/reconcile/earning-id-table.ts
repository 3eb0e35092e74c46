/**
 * The earningIds of one partition of the id log (`EarningIdLog`), in flat memory per id: an
 * open-addressing hash table (linear probing) in typed arrays, 41 bytes a slot, with no string or
 * object per row. A slot holds the id's 64-bit hash, four 32-bit hashes of the counted row (its
 * facts, its USD amount, its exchange rate or `NO_RATE`, its details: `earning-identity.ts`), its
 * run line (which duplicate findings quote), the line of the newest download holding that version
 * unchanged (which ranks it against a later version), the rate known and the line it came from (a
 * version without a rate leaves the last one known: docs/RULES.md, "Repeated earningIds"), and a
 * mark (the id has conflicted; its hashes are not read yet).
 *
 * Ids are compared by their 64-bit hash only. Two different ids collide with probability about
 * n² / 2^65 for n distinct ids (3·10⁻⁸ for 1M ids, 7·10⁻⁷ for 5M, 3·10⁻⁶ for 10M), assuming the
 * hash behaves like a random function on real ids; a collision would make the second id count as
 * a duplicate (or a conflict) of the first. Each part of the content is compared by a 32-bit hash:
 * a change in one part passes unseen with probability 2^-32 each.
 * docs/BENCHMARKS.md repeats these figures.
 */
/** Words per slot. */
const W = 10;
/** Where each word of a slot is. */
const LO = 0;
const HI = 1;
const FACTS = 2;
const USD = 3;
const RATE = 4;
const DETAILS = 5;
const LINE = 6;
const KNOWN_RATE = 7;
const RATE_LINE = 8;
const NEWEST = 9;
/** Bits of a slot's mark. */
const CONFLICTED = 1;
const DEFERRED = 2;

export class EarningIdTable {
  /** Stride 10: id hash low and high, facts, USD, rate and details hashes, line (0 = empty slot: lines start at 1), rate known, its line, the newest line holding the version. */
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
      if (slots[at + LINE] === 0) return ~i;
      if (slots[at + LO] === lo >>> 0 && slots[at + HI] === hi >>> 0) return i;
    }
  }

  /** Adds an id that `find` did not find, its rate the one known; returns its slot. */
  insert(lo: number, hi: number, facts: number, usd: number, rate: number, details: number, line: number): number {
    if ((this.count + 1) > (this.mask + 1) * 0.75) this.grow();
    const free = ~this.find(lo, hi);
    const at = free * W;
    this.slots[at + LO] = lo;
    this.slots[at + HI] = hi;
    this.replace(free, facts, usd, rate, details, line, false);
    this.know(free, rate, line);
    this.count++;
    return free;
  }

  /**
   * Adds an id that `find` did not find, without its hashes: they are read (`fillDigest`) only if
   * the id comes again, by a store whose rows can be read again (`DeferringEarningIdStore`).
   */
  insertDeferred(lo: number, hi: number, line: number): number {
    const slot = this.insert(lo, hi, 0, 0, 0, 0, line);
    this.marks[slot] = DEFERRED;
    return slot;
  }

  /** Whether the slot's version was inserted without its hashes and has not had them yet. */
  deferred(slot: number): boolean {
    return (this.marks[slot]! & DEFERRED) !== 0;
  }

  /** The hashes of a deferred slot's version, read at last: its rate is the one known. */
  fillDigest(slot: number, digest: { readonly facts: number; readonly usd: number; readonly rate: number; readonly details: number }): void {
    const line = this.line(slot);
    const newest = this.newest(slot);
    this.replace(slot, digest.facts, digest.usd, digest.rate, digest.details, line, false);
    this.holdIn(slot, newest);
    this.know(slot, digest.rate, line);
    this.marks[slot] = this.marks[slot]! & ~DEFERRED;
  }

  /**
   * Replaces the version of a slot by one that now counts, held in its own download; `conflict`
   * marks it (a mark stays). The rate known is left to `know`.
   */
  replace(slot: number, facts: number, usd: number, rate: number, details: number, line: number, conflict: boolean): void {
    const at = slot * W;
    this.slots[at + FACTS] = facts;
    this.slots[at + USD] = usd;
    this.slots[at + RATE] = rate;
    this.slots[at + DETAILS] = details;
    this.slots[at + LINE] = line;
    this.slots[at + NEWEST] = line;
    if (conflict) this.marks[slot] = this.marks[slot]! | CONFLICTED;
  }

  /** The version counted is also held, unchanged, in the download of `line` (a newer one). */
  holdIn(slot: number, line: number): void {
    this.slots[slot * W + NEWEST] = line;
  }

  /** The hashes of the version counted in a slot, written into `out` (the caller's, reused). */
  digest(slot: number, out: { facts: number; usd: number; rate: number; details: number }): typeof out {
    const at = slot * W;
    out.facts = this.slots[at + FACTS]!;
    out.usd = this.slots[at + USD]!;
    out.rate = this.slots[at + RATE]!;
    out.details = this.slots[at + DETAILS]!;
    return out;
  }

  /** Sets the rate later versions are compared with, and the line it came from. */
  know(slot: number, rate: number, line: number): void {
    const at = slot * W;
    this.slots[at + KNOWN_RATE] = rate;
    this.slots[at + RATE_LINE] = line;
  }

  /** Whether `replace` has been called on the slot with a conflict. */
  replaced(slot: number): boolean {
    return (this.marks[slot]! & CONFLICTED) !== 0;
  }

  facts(slot: number): number {
    return this.slots[slot * W + FACTS]!;
  }

  usd(slot: number): number {
    return this.slots[slot * W + USD]!;
  }

  /** The counted row's own rate hash (`NO_RATE` if it carries none). */
  rate(slot: number): number {
    return this.slots[slot * W + RATE]!;
  }

  details(slot: number): number {
    return this.slots[slot * W + DETAILS]!;
  }

  line(slot: number): number {
    return this.slots[slot * W + LINE]!;
  }

  /** The line of the newest download holding the counted version unchanged: a later version must be newer than it to count. */
  newest(slot: number): number {
    return this.slots[slot * W + NEWEST]!;
  }

  /** The rate later versions are compared with (`NO_RATE` if no version carried one). */
  knownRate(slot: number): number {
    return this.slots[slot * W + KNOWN_RATE]!;
  }

  /** The line the rate known came from. */
  rateLine(slot: number): number {
    return this.slots[slot * W + RATE_LINE]!;
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
      if (old[at + LINE] === 0) continue;
      const to = ~this.find(old[at + LO]!, old[at + HI]!);
      this.slots.set(old.subarray(at, at + W), to * W);
      this.marks[to] = oldMarks[i]!;
    }
  }
}
