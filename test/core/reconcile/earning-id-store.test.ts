import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { earningRecord, type EarningFields, type EarningRecord } from '../../../core/reconcile/earning-record.js';
import { earningDigest } from '../../../core/reconcile/earning-digest.js';
import { FieldHasher, hashText64 } from '../../../core/reconcile/earning-hash.js';
import { MemoryEarningIdStore } from '../../../core/reconcile/memory-earning-id-store.js';
import { IdEventKind, type IdEvents } from '../../../core/reconcile/earning-id-store.js';
import type { IsoDate } from '../../../core/calendar/calendar-date.js';
import { earningFields } from './earning-fields.js';
import { KINDS, readableEvents, type Event, type Version } from './readable-id-rule.js';

/*
 * The stores' resolution (`resolveIdRecords`, on hashes in typed arrays) held to the readable rule
 * (docs/RULES.md, "Repeated earningIds"): each later version of an earningId decided field by field
 * against the version counted so far and the rate known (`duplicateDecision`, `replacesKnownRate`).
 */

const base: EarningFields = earningFields({
  programName: 'Hosting',
  amountScaled: { units: 1000, scale: 2 },
  amountUSDScaled: { units: 1130, scale: 2 },
  earningDate: '2021-02-10' as IsoDate,
  location: { file: 'x.csv', line: 2 },
});

/** The fast path: each version's digest into the add-in's store, resolved by download recency. */
function storeEvents(versions: readonly Version[]): Event[] {
  const hasher = new FieldHasher();
  const store = new MemoryEarningIdStore();
  const recency = new Map(versions.map((v) => [v.line, v.recency]));
  for (const v of versions) {
    const id = hashText64(hasher, v.row.earningId, { lo: 0, hi: 0 });
    const d = earningDigest(v.row, v.row.programName, hasher);
    store.add(id.lo, id.hi, d.facts, d.usd, d.rate, d.details, v.line);
  }
  const { events } = store.resolve((line) => recency.get(line)!);
  return eventList(events);
}

/**
 * The deferring path: ids alone into the store, the hashes read by line only for an id that comes
 * again (`resolveDeferred`); `reads` collects the lines read.
 */
function deferredEvents(versions: readonly Version[], reads: number[] = []): Event[] {
  const hasher = new FieldHasher();
  const store = new MemoryEarningIdStore();
  const recency = new Map(versions.map((v) => [v.line, v.recency]));
  const byLine = new Map(versions.map((v) => [v.line, v]));
  for (const v of versions) {
    const id = hashText64(hasher, v.row.earningId, { lo: 0, hi: 0 });
    store.addId(id.lo, id.hi, v.line);
  }
  const { events } = store.resolveDeferred(
    (line) => recency.get(line)!,
    (line, out) => {
      reads.push(line);
      return Object.assign(out, earningDigest(byLine.get(line)!.row, byLine.get(line)!.row.programName, hasher));
    },
  );
  return eventList(events);
}

function eventList(events: IdEvents): Event[] {
  return Array.from({ length: events.count }, (_, i): Event => [events.line(i), KINDS[events.kind(i)]!, events.prior(i)]);
}

/** Versions of a few ids, differing in few enough ways that repeats, updates and restatements are common. */
const versionsArb = fc
  .array(
    fc.record({
      id: fc.constantFrom('E-1', 'E-2', 'E-3'),
      amount: fc.constantFrom(1000, 1000, 1000, 1001),
      usd: fc.constantFrom<number | null>(1130, 1130, 1130, 1140, null),
      rate: fc.constantFrom('', '', ' ', '1.13', '1.130000', '1.14', '1.2'),
      status: fc.constantFrom('Upcoming', 'Sent'),
      recency: fc.integer({ min: 0, max: 3 }),
    }),
    { maxLength: 24 },
  )
  .map((specs) =>
    specs.map((s, i): Version => {
      const row = earningRecord({
        ...base,
        earningId: s.id,
        amountScaled: { units: s.amount, scale: 2 },
        amountUSDScaled: s.usd === null ? null : { units: s.usd, scale: 2 },
        exchangeRate: s.rate,
        paymentStatus: s.status,
        location: { file: 'x.csv', line: i + 2 },
      });
      return { row, line: i + 2, recency: s.recency };
    }),
  );

describe('the earningId stores and the readable rule', () => {
  test('find the same repeats, updates, restatements, conflicts and replaced versions, rates missing or present', () => {
    fc.assert(
      fc.property(versionsArb, (versions) => {
        expect(storeEvents(versions)).toEqual(readableEvents(versions));
      }),
      { numRuns: 2000 },
    );
  });

  test('deferring the hashes to the ids that repeat decides alike, and reads only the rows of those ids', () => {
    fc.assert(
      fc.property(versionsArb, (versions) => {
        const reads: number[] = [];
        expect(deferredEvents(versions, reads)).toEqual(readableEvents(versions));
        const count = new Map<string, number>();
        for (const v of versions) count.set(v.row.earningId, (count.get(v.row.earningId) ?? 0) + 1);
        const repeating = versions.filter((v) => count.get(v.row.earningId)! > 1).map((v) => v.line);
        expect([...new Set(reads)].sort((a, b) => a - b)).toEqual(repeating);
      }),
      { numRuns: 2000 },
    );
  });

  test('a table of thousands of ids, resolved in groups by id hash, decides alike', () => {
    const filler = Array.from({ length: 6000 }, (_, i) => earningRecord({ ...base, earningId: `U-${i}` }));
    fc.assert(
      fc.property(versionsArb, fc.array(fc.nat(filler.length), { minLength: 24, maxLength: 24 }), (repeated, at) => {
        // The repeated ids' versions, in their order, spread among ids that come once.
        const places = at.slice(0, repeated.length).sort((a, b) => a - b);
        const rows: { row: EarningRecord; recency: number }[] = [];
        let next = 0;
        filler.forEach((row, i) => {
          while (next < places.length && places[next] === i) rows.push(repeated[next++]!);
          rows.push({ row, recency: i % 4 });
        });
        while (next < places.length) rows.push(repeated[next++]!);
        const versions = rows.map(({ row, recency }, i): Version => ({ row: earningRecord({ ...row, location: { file: 'x.csv', line: i + 2 } }), line: i + 2, recency }));
        const readable = readableEvents(versions);
        expect(storeEvents(versions)).toEqual(readable);
        expect(deferredEvents(versions)).toEqual(readable);
      }),
      { numRuns: 30 },
    );
  });

  /** One earning in three downloads (recency 0, 1, 2), each with its own exchange rate cell. */
  const downloads = (...rates: string[]): Version[] =>
    rates.map((exchangeRate, i) => ({ row: earningRecord({ ...base, exchangeRate, location: { file: `d${i}.csv`, line: i + 2 } }), line: i + 2, recency: i }));

  test.each([
    ['rate 1.13, then a download without the column (updated), then 1.2: restated against the 1.13', ['1.13', '', '1.2'], [[3, 'updated', 2], [4, 'restated', 2]]],
    ['rate 1.13, then none, then 1.130000: an update, as the version in between carried no rate', ['1.13', '', '1.130000'], [[3, 'updated', 2], [4, 'updated', 3]]],
    ['no rate, then 1.13 (updated), then 1.2: restated against the 1.13', ['', '1.13', '1.2'], [[3, 'updated', 2], [4, 'restated', 3]]],
    ['no rate twice (a duplicate), then 1.13: updated, against the newer of the two', ['', '', '1.13'], [[3, 'duplicate', 2], [4, 'updated', 3]]],
  ] as const)('one earning in three downloads, %s', (_what, rates, expected) => {
    const versions = downloads(...rates);
    expect(storeEvents(versions).filter(([, kind]) => kind !== 'superseded')).toEqual(expected);
    expect(readableEvents(versions).filter(([, kind]) => kind !== 'superseded')).toEqual(expected);
  });

  test('a version repeated unchanged in a newer download is ranked by it: a download between the two, read last, does not replace it', () => {
    // Read in the order named: d0 (oldest) and d2 (newest) hold USD 11.30, d1 (between) restates it to 11.40.
    const at = (usd: number, recency: number, line: number): Version => ({
      row: earningRecord({ ...base, amountUSDScaled: { units: usd, scale: 2 }, location: { file: `d${recency}.csv`, line } }),
      line,
      recency,
    });
    const versions = [at(1130, 0, 2), at(1130, 2, 3), at(1140, 1, 4)];
    const expected: Event[] = [[3, 'duplicate', 2], [4, 'restated', 3], [4, 'superseded', 0]];
    expect(readableEvents(versions)).toEqual(expected);
    expect(storeEvents(versions)).toEqual(expected);
    expect(deferredEvents(versions)).toEqual(expected);
  });

  test('the newest version counts in the end, whatever the rates', () => {
    const versions = downloads('1.13', '', '1.2');
    const superseded = storeEvents(versions).filter(([, kind]) => kind === KINDS[IdEventKind.Superseded]);
    expect(superseded.map(([line]) => line)).toEqual([2, 3]);
  });
});
