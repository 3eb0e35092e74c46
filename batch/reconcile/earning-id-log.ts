import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ID_RECORD_WORDS, resolveIdRecords, type EarningIdStore, type IdResolution } from '../../core/reconcile/earning-id-store.js';

export { IdEventKind, type IdEvents, type IdResolution } from '../../core/reconcile/earning-id-store.js';

/** Partitions of the log, by the top bits of an id's hash: ids in two partitions are never equal. */
const PARTITION_BITS = 7;
const PARTITIONS = 1 << PARTITION_BITS;
/** Records gathered per partition before one write (7 × 32 bits each: 56 KB). */
const BUFFER_RECORDS = 2048;

/**
 * Every earningId the first reading saw, as a log on disk instead of a table in memory, so memory
 * does not grow with rows: each row appends its id hash (64 bits), the hashes of its facts, USD
 * amount, exchange rate and details, and its run line (28 bytes) to one of 128 partitions, chosen
 * by the id's hash. Only once every row has been read
 * is each partition, on its own, put through core's `resolveIdRecords` (its rows in reading order)
 * to find the rows that repeat, update or conflict with an earlier row of their id: the memory that takes is
 * one partition's, a 128th of the ids. Partitions are written only past 2,048 rows each; a small
 * run never touches the disk.
 */
export class EarningIdLog implements EarningIdStore {
  private dir: string | undefined;

  /** `makeFolder`: makes the folder for the log's files, when it needs one (default: in the system's temporary folder). */
  constructor(private readonly makeFolder: () => string = () => mkdtempSync(join(tmpdir(), 'coop-ledger-ids-'))) {}

  private readonly buffers: Uint32Array[] = Array.from({ length: PARTITIONS }, () => new Uint32Array(BUFFER_RECORDS * ID_RECORD_WORDS));
  private readonly fill = new Uint32Array(PARTITIONS);
  private readonly files: (number | undefined)[] = new Array<number | undefined>(PARTITIONS).fill(undefined);

  add(lo: number, hi: number, facts: number, usd: number, rate: number, details: number, line: number): void {
    const p = hi >>> (32 - PARTITION_BITS);
    const buffer = this.buffers[p]!;
    const at = this.fill[p]! * ID_RECORD_WORDS;
    buffer[at] = lo;
    buffer[at + 1] = hi;
    buffer[at + 2] = facts;
    buffer[at + 3] = usd;
    buffer[at + 4] = rate;
    buffer[at + 5] = details;
    buffer[at + 6] = line;
    if (++this.fill[p]! === BUFFER_RECORDS) this.flush(p);
  }

  private flush(p: number): void {
    let fd = this.files[p];
    if (fd === undefined) {
      this.dir ??= this.makeFolder();
      fd = openSync(this.path(p), 'w');
      this.files[p] = fd;
    }
    writeSync(fd, this.buffers[p]!, 0, this.fill[p]! * ID_RECORD_WORDS * 4);
    this.fill[p] = 0;
  }

  private path(p: number): string {
    return join(this.dir!, `${p}.ids`);
  }

  /** Finds the repeated, updated and conflicting rows, partition by partition (read from disk one at a time). */
  resolve(recency: (line: number) => number): IdResolution {
    return resolveIdRecords(this.partitions(), recency);
  }

  private *partitions(): Generator<Uint32Array> {
    for (let p = 0; p < PARTITIONS; p++) yield this.partition(p);
  }

  /** One partition's records, in the order they were added. */
  private partition(p: number): Uint32Array {
    const inMemory = this.buffers[p]!.subarray(0, this.fill[p]! * ID_RECORD_WORDS);
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
