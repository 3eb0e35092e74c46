import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EarningIdTable } from './earning-id-table.js';

/** Partitions of the log, by the top bits of an id's hash: ids in two partitions are never equal. */
const PARTITION_BITS = 7;
const PARTITIONS = 1 << PARTITION_BITS;
/** Records gathered per partition before one write (4 × 32 bits each: 32 KB). */
const BUFFER_RECORDS = 2048;

/** What to do with a row on the second reading, found by the id log. */
export const IdEventKind = {
  /** The row is counted no more: a later version of its id replaced it. */
  Superseded: 0,
  /** The row repeats an earlier row of its id with identical content: counted once, reported. */
  Duplicate: 1,
  /** The row differs from the version of its id counted so far: it replaces it, reported. */
  Conflict: 2,
} as const;
export type IdEventKind = (typeof IdEventKind)[keyof typeof IdEventKind];

/** Events of the second reading, in the order of the rows they concern. */
export interface IdEvents {
  readonly count: number;
  /** The row's line in the whole run (`EarningsLedger`'s run lines). */
  line(i: number): number;
  kind(i: number): IdEventKind;
  /** The run line of the version of the id counted before this row (Duplicate, Conflict). */
  prior(i: number): number;
}

export interface IdResolution {
  readonly events: IdEvents;
  readonly duplicateRows: number;
  /** Distinct earningIds that came with more than one content. */
  readonly conflictingIds: number;
}

/**
 * Every earningId the first reading saw, as a log on disk instead of a table in memory, so memory
 * does not grow with rows: each row appends its id hash (64 bits), content hash and run line
 * (16 bytes) to one of 128 partitions, chosen by the id's hash. Only once every row has been read
 * is each partition, on its own, put through an `EarningIdTable` (its rows in reading order) to
 * find the rows that repeat or conflict with an earlier row of their id: the memory that takes is
 * one partition's, a 128th of the ids. Partitions are written only past 2,048 rows each; a small
 * run never touches the disk.
 */
export class EarningIdLog {
  private dir: string | undefined;

  /** `makeFolder`: makes the folder for the log's files, when it needs one (default: in the system's temporary folder). */
  constructor(private readonly makeFolder: () => string = () => mkdtempSync(join(tmpdir(), 'coop-ledger-ids-'))) {}

  private readonly buffers: Uint32Array[] = Array.from({ length: PARTITIONS }, () => new Uint32Array(BUFFER_RECORDS * 4));
  private readonly fill = new Uint32Array(PARTITIONS);
  private readonly files: (number | undefined)[] = new Array<number | undefined>(PARTITIONS).fill(undefined);

  add(lo: number, hi: number, content: number, line: number): void {
    const p = hi >>> (32 - PARTITION_BITS);
    const buffer = this.buffers[p]!;
    const at = this.fill[p]! * 4;
    buffer[at] = lo;
    buffer[at + 1] = hi;
    buffer[at + 2] = content;
    buffer[at + 3] = line;
    if (++this.fill[p]! === BUFFER_RECORDS) this.flush(p);
  }

  private flush(p: number): void {
    let fd = this.files[p];
    if (fd === undefined) {
      this.dir ??= this.makeFolder();
      fd = openSync(this.path(p), 'w');
      this.files[p] = fd;
    }
    writeSync(fd, this.buffers[p]!, 0, this.fill[p]! * 16);
    this.fill[p] = 0;
  }

  private path(p: number): string {
    return join(this.dir!, `${p}.ids`);
  }

  /** Finds the repeated and conflicting rows, partition by partition. */
  resolve(): IdResolution {
    const events = new EventList();
    let duplicateRows = 0;
    let conflictingIds = 0;
    for (let p = 0; p < PARTITIONS; p++) {
      const records = this.partition(p);
      const n = records.length / 4;
      if (n === 0) continue;
      const table = new EarningIdTable(n);
      for (let r = 0; r < records.length; r += 4) {
        const lo = records[r]!;
        const hi = records[r + 1]!;
        const content = records[r + 2]!;
        const line = records[r + 3]!;
        const slot = table.find(lo, hi);
        if (slot < 0) {
          table.insert(lo, hi, content, line);
          continue;
        }
        const prior = table.line(slot);
        if (table.content(slot) === content) {
          events.add(line, IdEventKind.Duplicate, prior);
          duplicateRows++;
          continue;
        }
        events.add(line, IdEventKind.Conflict, prior);
        events.add(prior, IdEventKind.Superseded, 0);
        if (!table.replaced(slot)) conflictingIds++;
        table.replace(slot, content, line);
      }
    }
    return { events: events.sorted(), duplicateRows, conflictingIds };
  }

  /** One partition's records, in the order they were added. */
  private partition(p: number): Uint32Array {
    const inMemory = this.buffers[p]!.subarray(0, this.fill[p]! * 4);
    if (this.files[p] === undefined) return inMemory;
    const onDisk = readFileSync(this.path(p));
    const all = new Uint32Array(onDisk.length / 4 + inMemory.length);
    all.set(new Uint32Array(onDisk.buffer.slice(onDisk.byteOffset, onDisk.byteOffset + onDisk.length)));
    all.set(inMemory, onDisk.length / 4);
    return all;
  }

  dispose(): void {
    for (let p = 0; p < PARTITIONS; p++) {
      const fd = this.files[p];
      if (fd !== undefined) closeSync(fd);
      this.files[p] = undefined;
    }
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}

/** Events as they are found (partition by partition), then sorted by line. */
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
