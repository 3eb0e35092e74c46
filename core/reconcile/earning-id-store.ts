import { EarningIdTable } from './earning-id-table.js';
import type { EarningDigest } from './earning-digest.js';
import { meetVersion, VersionMet, VERSION_EVENT } from './meet-version.js';

export type MutableDigest = { -readonly [K in keyof EarningDigest]: EarningDigest[K] };

/** What to do with a row on the second reading, found by an earningId store. */
export const IdEventKind = {
  /** The row is counted no more: a later version of its id replaced it. */
  Superseded: 0,
  /** The row repeats an earlier row of its id with identical content: counted once, reported. */
  Duplicate: 1,
  /** The row has other facts than the version of its id counted so far: it replaces it, reported. */
  Conflict: 2,
  /** The row and the version counted so far (`prior`) are one earning in two downloads, its details updated; the newer counts. */
  Updated: 3,
  /** As `Updated`, with another `earningAmountUSD` or exchange rate: reported, the newer counts. */
  Restated: 4,
} as const;
export type IdEventKind = (typeof IdEventKind)[keyof typeof IdEventKind];

/** Events of the second reading, in the order of the rows they concern. */
export interface IdEvents {
  readonly count: number;
  /** The row's line in the whole run (`EarningsLedger`'s run lines). */
  line(i: number): number;
  kind(i: number): IdEventKind;
  /**
   * The run line of the version of the id counted before this row (Duplicate, Conflict); for
   * Updated and Restated, of the newest download holding that version unchanged (the one this row
   * is ranked against), and for a row restated in its exchange rate alone, of the version that
   * carried the rate known (a version counted in between may carry none).
   */
  prior(i: number): number;
}

export interface IdResolution {
  readonly events: IdEvents;
  readonly duplicateRows: number;
  /** Distinct earningIds that came with more than one content. */
  readonly conflictingIds: number;
}

/**
 * Every earningId the first reading saw, as flat records (64-bit id hash, 32-bit hashes of the
 * row's facts, USD amount, exchange rate (or `NO_RATE`) and details, run line:
 * `earning-identity.ts`), so that the ledger's memory does not grow with rows. The batch job keeps
 * them in a log on disk (`EarningIdLog`); the add-in, whose tables fit in memory, in
 * `MemoryEarningIdStore`. Both resolve with `resolveIdRecords`, so they decide alike.
 */
export interface EarningIdStore {
  add(idLo: number, idHi: number, facts: number, usd: number, rate: number, details: number, line: number): void;
  /** Finds the rows that repeat, update or conflict with an earlier row of their id; `recency` as in `resolveIdRecords`. */
  resolve(recency: (line: number) => number): IdResolution;
  /** Frees what the store holds (files, for the disk-backed one). */
  dispose(): void;
}

/**
 * An `EarningIdStore` for a source that can read any of its rows again (the workbook's table): a
 * row's id is added without its hashes (`addId`), and `resolveDeferred` asks for the hashes of
 * only the rows whose id comes more than once. In a table where each id comes once, no row is
 * hashed beyond its id.
 */
export interface DeferringEarningIdStore extends EarningIdStore {
  addId(idLo: number, idHi: number, line: number): void;
  /** `resolve` over rows added by `addId` (and only those), their hashes read by `digestOf`. */
  resolveDeferred(recency: (line: number) => number, digestOf: DigestOf): IdResolution;
}

/** Whether a store can take ids alone (`DeferringEarningIdStore`); the batch job's log on disk cannot. */
export function isDeferring(store: EarningIdStore): store is DeferringEarningIdStore {
  return 'addId' in store && 'resolveDeferred' in store;
}

/** Writes the hashes of the row at a run line into `out` (the caller's, reused) and returns it. */
export type DigestOf = (line: number, out: MutableDigest) => MutableDigest;

/** Values per record in the stores' arrays: id hash low, id hash high, facts, USD, rate and details hashes, run line. */
export const ID_RECORD_WORDS = 7;

/**
 * The duplicate rule over a store's records (docs/RULES.md, "Repeated earningIds"; field by field
 * it is `duplicateDecision`, the rate known `replacesKnownRate`; each later version is decided by
 * `meetVersion`, the step the add-in's import takes too), one group of records at a time
 * (records of one id are always in the same group), each group in reading order. A row whose id
 * was seen with
 * - the same facts, USD amount, rate and details is a duplicate, counted once;
 * - the same facts and other details, or a rate where the version counted has none or the other
 *   way round, is the same earning updated; with another USD amount, or another rate than the one
 *   known (both present), restated. The version from the newer download counts, the newer being
 *   the one with the greater `recency` of its line (its download's rank), whichever was read first;
 *   a version repeated unchanged is ranked by the newest download holding it, so a download older
 *   than that, read later, does not replace it;
 * - other facts is a conflict, and the later row replaces the version counted so far.
 * The rate known is the rate of the newest download that carried one, kept with its line: a newer
 * version without a rate leaves it as it is.
 *
 * With `digestOf`, the records' hashes are not read: the records came without them
 * (`DeferringEarningIdStore`), and `digestOf` reads a row's hashes by its line, only for the rows
 * of an id that comes more than once. The decisions are the same (a property test holds the two).
 */
export function resolveIdRecords(groups: Iterable<Uint32Array>, recency: (line: number) => number, digestOf?: DigestOf): IdResolution {
  const events = new EventList();
  const newerLine = (a: number, b: number) => recency(a) > recency(b);
  // The two versions compared, reused for every row: nothing allocated per row.
  const counted: MutableDigest = { facts: 0, usd: 0, rate: 0, details: 0 };
  const later: MutableDigest = { facts: 0, usd: 0, rate: 0, details: 0 };
  let duplicateRows = 0;
  let conflictingIds = 0;
  for (const records of groups) {
    const n = records.length / ID_RECORD_WORDS;
    if (n === 0) continue;
    const table = new EarningIdTable(n);
    for (let r = 0; r < records.length; r += ID_RECORD_WORDS) {
      const lo = records[r]!;
      const hi = records[r + 1]!;
      const line = records[r + 6]!;
      const slot = table.find(lo, hi);
      if (slot < 0) {
        if (digestOf) table.insertDeferred(lo, hi, line);
        else table.insert(lo, hi, records[r + 2]!, records[r + 3]!, records[r + 4]!, records[r + 5]!, line);
        continue;
      }
      const prior = table.line(slot);
      if (digestOf) {
        // The id comes again: the hashes of its first version, and of this one, are read now.
        if (table.deferred(slot)) table.fillDigest(slot, digestOf(prior, counted));
        digestOf(line, later);
      } else {
        later.facts = records[r + 2]!;
        later.usd = records[r + 3]!;
        later.rate = records[r + 4]!;
        later.details = records[r + 5]!;
      }
      // What the events quote, as the slot holds it before the later version is met.
      const newest = table.newest(slot);
      const rateLine = table.rateLine(slot);
      const conflictedBefore = table.replaced(slot);
      const met = meetVersion(table, slot, later, line, newerLine, counted);
      const event = met & VERSION_EVENT;
      if (event === VersionMet.Conflict) {
        events.add(line, IdEventKind.Conflict, prior);
        events.add(prior, IdEventKind.Superseded, 0);
        if (!conflictedBefore) conflictingIds++;
      } else if (event === VersionMet.Duplicate) {
        events.add(line, IdEventKind.Duplicate, prior);
        duplicateRows++;
      } else {
        // Quoted against the newest download holding the version counted, the one it is ranked with;
        // a rate restated alone against the version that carried the rate known.
        events.add(line, event === VersionMet.Updated ? IdEventKind.Updated : IdEventKind.Restated, (met & VersionMet.QuotesRate) !== 0 ? rateLine : newest);
        events.add((met & VersionMet.Counts) !== 0 ? prior : line, IdEventKind.Superseded, 0);
      }
    }
  }
  return { events: events.sorted(), duplicateRows, conflictingIds };
}

/** Events as they are found (group by group), then sorted by line. */
class EventList {
  private lines = new Uint32Array(256);
  private kinds = new Uint8Array(256);
  private priors = new Uint32Array(256);
  private n = 0;

  add(line: number, kind: IdEventKind, prior: number): void {
    if (this.n === this.lines.length) {
      const grow = <T extends Uint32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.lines = grow(this.lines, (k) => new Uint32Array(k));
      this.kinds = grow(this.kinds, (k) => new Uint8Array(k));
      this.priors = grow(this.priors, (k) => new Uint32Array(k));
    }
    this.lines[this.n] = line;
    this.kinds[this.n] = kind;
    this.priors[this.n] = prior;
    this.n++;
  }

  sorted(): IdEvents {
    const n = this.n;
    // Line (high 32 bits) and index (low 32 bits) in one key: sorted natively, ties by index.
    const keys = new BigUint64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (BigInt(this.lines[i]!) << 32n) | BigInt(i);
    keys.sort();
    const order = new Uint32Array(n);
    // eslint-disable-next-line no-restricted-syntax -- an index unpacked from a sort key, not an amount
    for (let i = 0; i < n; i++) order[i] = Number(keys[i]! & 0xffffffffn);
    const { lines, kinds, priors } = this;
    return {
      count: n,
      line: (i) => lines[order[i]!]!,
      kind: (i) => kinds[order[i]!]! as IdEventKind,
      prior: (i) => priors[order[i]!]!,
    };
  }
}
