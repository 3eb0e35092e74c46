import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { earningsLedgerOf, type EarningsTotals } from '../../../core/reconcile/earnings-ledger.js';
import { MemoryEarningIdStore } from '../../../core/reconcile/memory-earning-id-store.js';
import { MemoryFindingSink } from '../../../core/reconcile/finding-sink.js';
import { policyCatalog } from '../../../core/policy/policy-catalog.js';
import { earningRecord, type EarningFields, type EarningRecord } from '../../../core/reconcile/earning-record.js';
import { earningKind, earningTypeKey, KNOWN_EARNING_TYPES } from '../../../core/reconcile/earning-type.js';
import { DEFAULT_SETTINGS } from '../../../core/settings.js';
import { earningFields } from './earning-fields.js';

/** A row of `file` at `line`: its own earningId unless one is given, so that rows repeat only where a test says so. */
function row(file: string, line: number, earningType: string, over: Partial<EarningFields> = {}): EarningRecord {
  return earningRecord(
    earningFields({ earningId: `${file}-${line}`, earningType, kind: earningKind(earningType), location: { file, line }, ...over }),
  );
}

/** The ledger over sources read in order, each with its rows. */
function ledgerOf(sources: readonly (readonly EarningRecord[])[]): EarningsTotals {
  const stores = { ids: new MemoryEarningIdStore(), duplicates: new MemoryFindingSink() };
  return earningsLedgerOf({ catalog: policyCatalog(), settings: DEFAULT_SETTINGS, stores }, (visit) =>
    sources.forEach((rows, ordinal) => {
      visit.beginSource(rows[0]?.location.file ?? `empty-${ordinal}`, ordinal);
      for (const r of rows) visit.row(r);
    }),
  );
}

const unknownTypes = (ledger: EarningsTotals) =>
  ledger.findings.filter((f) => f.code === 'unknown_earning_type').map((f) => [f.severity, f.file, f.line, f.actual, f.participantId, f.programName]);

describe('earning types the ledger does not know', () => {
  test('are one warning per source and type, at the first row of that type there, with its row count', () => {
    const ledger = ledgerOf([
      [row('a.csv', 2, 'Co-op'), row('a.csv', 3, 'Cooop', { participantId: 'P-7', programName: 'Hosting' }), row('a.csv', 4, 'Bonus'), row('a.csv', 5, 'Cooop')],
      [row('b.csv', 2, 'Rebate'), row('b.csv', 3, 'Rebate'), row('b.csv', 4, 'Cooop')],
    ]);
    expect(unknownTypes(ledger)).toEqual([
      ['warning', 'a.csv', 3, '2', 'P-7', 'Hosting'],
      ['warning', 'a.csv', 4, '1', '4410021', 'CSP Indirect Reseller'],
      ['warning', 'b.csv', 4, '1', '4410021', 'CSP Indirect Reseller'],
    ]);
  });

  test('spellings that differ only in case, spaces, hyphens or underscores are one type', () => {
    const ledger = ledgerOf([[row('a.csv', 2, 'Co-oop'), row('a.csv', 3, 'CO OOP'), row('a.csv', 4, ' co_oop '), row('a.csv', 5, 'Cooop')]]);
    expect(unknownTypes(ledger)).toEqual([['warning', 'a.csv', 2, '4', '4410021', 'CSP Indirect Reseller']]);
  });

  test('the message quotes the type as its first row wrote it and lists the known types', () => {
    const [finding] = ledgerOf([[row('a.csv', 2, 'Cooop'), row('a.csv', 3, 'COOOP')]]).findings.filter((f) => f.code === 'unknown_earning_type');
    expect(finding!.message).toContain('"Cooop"');
    for (const known of KNOWN_EARNING_TYPES) expect(finding!.message).toContain(known);
  });

  test.each([...KNOWN_EARNING_TYPES, 'Coop', 'COOP', 'Co_op', 'co-op', 'Adjustment Co-op', 'indirectrebate', 'CLAIM'])('%s is known and never warns', (earningType) => {
    expect(unknownTypes(ledgerOf([[row('a.csv', 2, earningType), row('a.csv', 3, earningType)]]))).toEqual([]);
  });

  test('a row identical to one read before is not counted; another version of the earning (updated, conflicting) is', () => {
    const ledger = ledgerOf([
      [
        row('a.csv', 2, 'Cooop', { earningId: 'E-1' }),
        row('a.csv', 3, 'Cooop', { earningId: 'E-1' }),
        row('a.csv', 4, 'Cooop', { earningId: 'E-2' }),
        // E-3 conflicts with itself (another amount): both versions were rows of their own.
        row('a.csv', 5, 'Cooop', { earningId: 'E-3' }),
        row('a.csv', 6, 'Cooop', { earningId: 'E-3', amountScaled: { units: 999, scale: 2 } }),
      ],
      // E-1 again, identical (not counted), and E-2 paid since (another version of it: counted here).
      [row('b.csv', 2, 'Cooop', { earningId: 'E-1' }), row('b.csv', 3, 'Cooop', { earningId: 'E-2', paymentStatus: 'Sent' })],
    ]);
    expect(ledger.duplicateRows).toBe(2);
    expect(ledger.findings.filter((f) => f.code === 'conflicting_duplicate')).toHaveLength(1);
    expect(unknownTypes(ledger)).toEqual([
      ['warning', 'a.csv', 2, '4', '4410021', 'CSP Indirect Reseller'],
      ['warning', 'b.csv', 2, '1', '4410021', 'CSP Indirect Reseller'],
    ]);
  });

  test('over any sources and repeats, each type\'s counts add up to its distinct earnings, and every source with the type has its one warning', () => {
    const version = fc.record({
      file: fc.integer({ min: 0, max: 2 }),
      id: fc.integer({ min: 1, max: 8 }),
      type: fc.constantFrom('Cooop', 'COOOP', 'Bonus', 'Co-op', 'Rebate', 'Fee'),
    });
    fc.assert(
      fc.property(fc.array(version, { maxLength: 40 }), (versions) => {
        // An earningId always has one type: its repeats are identical (a conflict would be an error).
        const typeOf = new Map<number, string>();
        for (const v of versions) if (!typeOf.has(v.id)) typeOf.set(v.id, v.type);
        const sources = [0, 1, 2].map((f) =>
          versions.filter((v) => v.file === f).map((v, i) => row(`d${f}.csv`, i + 2, typeOf.get(v.id)!, { earningId: `E-${v.id}` })),
        );
        const findings = ledgerOf(sources).findings.filter((f) => f.code === 'unknown_earning_type');
        const unknown = (t: string) => earningKind(t) === 'other';
        const distinct = new Map<string, Set<number>>();
        for (const [id, t] of typeOf) if (unknown(t)) distinct.set(earningTypeKey(t), (distinct.get(earningTypeKey(t)) ?? new Set()).add(id));
        const counted = new Map<string, number>();
        for (const f of findings) {
          const key = earningTypeKey(sources.flat().find((r) => r.location.file === f.file && r.location.line === f.line)!.earningType);
          counted.set(key, (counted.get(key) ?? 0) + Number(f.actual));
        }
        expect(Object.fromEntries(counted)).toEqual(Object.fromEntries([...distinct].map(([key, ids]) => [key, ids.size])));
        const expectedPlaces = sources.flatMap((rows) => [...new Set(rows.filter((r) => unknown(r.earningType)).map((r) => earningTypeKey(r.earningType)))].map((key) => `${rows[0]!.location.file} ${key}`));
        const places = findings.map((f) => `${f.file} ${earningTypeKey(sources.flat().find((r) => r.location.file === f.file && r.location.line === f.line)!.earningType)}`);
        expect(places.sort()).toEqual(expectedPlaces.sort());
      }),
      { numRuns: 300 },
    );
  });
});
