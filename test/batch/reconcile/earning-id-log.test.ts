import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { EarningIdLog, type IdEvents } from '../../../batch/reconcile/earning-id-log.js';
import { MemoryEarningIdStore } from '../../../core/reconcile/memory-earning-id-store.js';

let parent: string;
beforeAll(() => void (parent = mkdtempSync(join(tmpdir(), 'id-log-test-'))));
afterAll(() => rmSync(parent, { recursive: true, force: true }));
const logDirs = () => readdirSync(parent).filter((d) => d.startsWith('coop-ledger-ids-'));

function eventsOf(events: IdEvents): [number, string, number][] {
  const names = ['superseded', 'duplicate', 'conflict', 'updated', 'restated'];
  return Array.from({ length: events.count }, (_, i) => [events.line(i), names[events.kind(i)]!, events.prior(i)]);
}

/** Recency by reading order: each line its own download, the later the newer. */
const byLine = (line: number) => line;

describe('the earningId log', () => {
  test('finds repeats and conflicts in reading order, and the versions they replace', () => {
    const log = new EarningIdLog(() => mkdtempSync(join(parent, 'coop-ledger-ids-')));
    // id 1 at line 2, repeated identically at 5; id 2 at 3, in another content at 6 and back at 7.
    log.add(1, 0x10000000, 111, 0, 0, 0, 2);
    log.add(2, 0x20000000, 222, 0, 0, 0, 3);
    log.add(3, 0x20000000, 333, 0, 0, 0, 4);
    log.add(1, 0x10000000, 111, 0, 0, 0, 5);
    log.add(2, 0x20000000, 999, 0, 0, 0, 6);
    log.add(2, 0x20000000, 222, 0, 0, 0, 7);
    const r = log.resolve(byLine);
    log.dispose();
    expect(eventsOf(r.events)).toEqual([
      [3, 'superseded', 0],
      [5, 'duplicate', 2],
      [6, 'conflict', 3],
      [6, 'superseded', 0],
      [7, 'conflict', 6],
    ]);
    expect([r.duplicateRows, r.conflictingIds]).toEqual([1, 1]);
  });

  test('an update counts the version of the newer download, whichever was read first', () => {
    const log = new EarningIdLog(() => mkdtempSync(join(parent, 'coop-ledger-ids-')));
    // id 1: read at 2 (newer download), again at 5 with other details (older). id 2: read at 3
    // (older), again at 6 with another USD amount (newer). id 3 at 4, again at 7 with both the same.
    log.add(1, 0x10000000, 111, 10, 0, 20, 2);
    log.add(2, 0x20000000, 222, 10, 0, 20, 3);
    log.add(3, 0x30000000, 333, 10, 0, 20, 4);
    log.add(1, 0x10000000, 111, 10, 0, 21, 5);
    log.add(2, 0x20000000, 222, 11, 0, 20, 6);
    log.add(3, 0x30000000, 333, 10, 0, 20, 7);
    const newer = new Set([2, 6]);
    const r = log.resolve((line) => (newer.has(line) ? 1 : 0));
    log.dispose();
    expect(eventsOf(r.events)).toEqual([
      [3, 'superseded', 0],
      [5, 'updated', 2],
      [5, 'superseded', 0],
      [6, 'restated', 3],
      [7, 'duplicate', 4],
    ]);
    expect([r.duplicateRows, r.conflictingIds]).toEqual([1, 0]);
  });

  test('a version without an exchange rate leaves the last rate known: a later rate is compared with that one', () => {
    const log = new EarningIdLog(() => mkdtempSync(join(parent, 'coop-ledger-ids-')));
    // Three downloads (recency = line order within each id). Rate hashes 11 and 12; 0 is no rate.
    // id 1: rate 11, then no rate, then 12. id 2: rate 11, then no rate, then 11 again.
    log.add(1, 0x10000000, 111, 10, 11, 20, 2);
    log.add(1, 0x10000000, 111, 10, 0, 20, 3);
    log.add(1, 0x10000000, 111, 10, 12, 20, 4);
    log.add(2, 0x20000000, 222, 10, 11, 20, 5);
    log.add(2, 0x20000000, 222, 10, 0, 20, 6);
    log.add(2, 0x20000000, 222, 10, 11, 20, 7);
    const r = log.resolve(byLine);
    log.dispose();
    expect(eventsOf(r.events)).toEqual([
      [2, 'superseded', 0],
      [3, 'updated', 2],
      [3, 'superseded', 0],
      // Restated against line 2, which carried the rate known, not line 3, which carried none.
      [4, 'restated', 2],
      [5, 'superseded', 0],
      [6, 'updated', 5],
      [6, 'superseded', 0],
      [7, 'updated', 6],
    ]);
    expect([r.duplicateRows, r.conflictingIds]).toEqual([0, 0]);
  });

  test('a partition past its buffer goes to disk and comes back whole; dispose removes the files', () => {
    const log = new EarningIdLog(() => mkdtempSync(join(parent, 'coop-ledger-ids-')));
    // Every id in one partition (the same top bits), 10,000 rows: four buffers written out.
    const n = 10_000;
    for (let i = 0; i < n; i++) log.add(i, 0x01, 7, 8, 5, 9, i + 2);
    // Every 1,000th id again at the end: identical repeats of rows that were written out.
    for (let i = 0; i < n; i += 1000) log.add(i, 0x01, 7, 8, 5, 9, n + 2 + i);
    expect(logDirs()).toHaveLength(1);
    const r = log.resolve(byLine);
    expect(r.duplicateRows).toBe(10);
    expect(eventsOf(r.events)).toEqual(Array.from({ length: 10 }, (_, k) => [n + 2 + k * 1000, 'duplicate', k * 1000 + 2]));
    log.dispose();
    expect(logDirs()).toEqual([]);
  });

  test('a small run stays in memory', () => {
    const log = new EarningIdLog(() => mkdtempSync(join(parent, 'coop-ledger-ids-')));
    for (let i = 0; i < 1000; i++) log.add(i, i * 0x01000193, i, i, i, i, i + 2);
    expect(logDirs()).toEqual([]);
    expect(log.resolve(byLine).events.count).toBe(0);
    log.dispose();
  });
});

describe('the two earningId stores', () => {
  test('the log on disk and the store in memory find the same repeats, updates, conflicts and replaced versions', () => {
    const part = fc.integer({ min: 0, max: 2 });
    const record = fc.record({ id: fc.integer({ min: 0, max: 40 }), facts: part, usd: part, rate: part, details: part, source: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 200 }), (records) => {
        const log = new EarningIdLog(() => mkdtempSync(join(parent, 'coop-ledger-ids-')));
        const memory = new MemoryEarningIdStore();
        records.forEach((r, i) => {
          // The id's hash spread over the partitions (top bits of the high half).
          const hi = Math.imul(r.id + 1, 0x9e3779b1) >>> 0;
          log.add(r.id, hi, r.facts, r.usd, r.rate, r.details, i + 2);
          memory.add(r.id, hi, r.facts, r.usd, r.rate, r.details, i + 2);
        });
        const recency = (line: number) => records[line - 2]!.source;
        const a = log.resolve(recency);
        const b = memory.resolve(recency);
        log.dispose();
        expect(eventsOf(b.events)).toEqual(eventsOf(a.events));
        expect([b.duplicateRows, b.conflictingIds]).toEqual([a.duplicateRows, a.conflictingIds]);
      }),
      { numRuns: 100 },
    );
  });
});
