import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { compareHalves, half, type FiscalHalf } from '../../core/calendar/fiscal-half.js';
import { Dec } from '../../core/money/decimal.js';
import { BUILTIN_POLICIES } from '../../core/policy/builtin-policies.js';
import { parsePolicyRows, policyEntryToRow } from '../../core/policy/parse-policy-rows.js';
import type { ProgramPolicyEntry } from '../../core/policy/program-policy.js';
import { PROGRAMS_COLUMNS } from '../../core/workbook-layout.js';

/** An entry with its decimals as text, so that equal values compare equal however Decimal holds them. */
const comparable = (entry: ProgramPolicyEntry) => ({ ...entry, coopShare: entry.coopShare?.toFixed(), thresholdUSD: entry.thresholdUSD?.toFixed() });

const trimmed = (text: fc.Arbitrary<string>) => text.map((t) => t.trim()).filter((t) => t !== '');
const arbHalf: fc.Arbitrary<FiscalHalf> = fc.record({ fiscalYear: fc.integer({ min: 2000, max: 2099 }), half: fc.constantFrom(1 as const, 2 as const) });
const arbEntry: fc.Arbitrary<ProgramPolicyEntry> = fc
  .record(
    {
      name: trimmed(fc.string({ minLength: 1, maxLength: 20 })),
      // An alias holding `;` cannot be one cell's part: the separator.
      aliases: fc.array(trimmed(fc.string({ minLength: 1, maxLength: 12 }).filter((a) => !a.includes(';'))), { maxLength: 4 }),
      coopShare: fc.integer({ min: 0, max: 10_000 }).map((n) => new Dec(n).div(10_000)),
      thresholdUSD: fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 4 })).map(([units, scale]) => new Dec(units.toString()).div(new Dec(10).pow(scale))),
      coopClaims: fc.boolean(),
      from: arbHalf,
      until: arbHalf,
    },
    { requiredKeys: ['name', 'aliases'] },
  )
  .map((entry) => (entry.from && entry.until && compareHalves(entry.from, entry.until) > 0 ? { ...entry, from: entry.until, until: entry.from } : entry));

describe("a policy entry as a Programs row, core's writer of the table core reads", () => {
  test('an entry is written in every column, aliases in one cell, decimals plain, periods by their labels', () => {
    const entry: ProgramPolicyEntry = { name: 'Hosting', aliases: ['Hosting Program', 'Microsoft Hosting'], coopShare: new Dec('0.40'), thresholdUSD: new Dec('1500'), coopClaims: false, from: half('FY22 H1'), until: half('FY24 H2') };
    expect(policyEntryToRow(entry)).toEqual({ name: 'Hosting', aliases: 'Hosting Program; Microsoft Hosting', coopShare: '0.4', thresholdUSD: '1500', coopClaims: 'false', from: 'FY22 H1', until: 'FY24 H2' });
    expect(Object.keys(policyEntryToRow({ name: 'x', aliases: [] }))).toEqual(PROGRAMS_COLUMNS.map((c) => c.name));
    expect(policyEntryToRow({ name: 'x', aliases: [] })).toMatchObject({ aliases: '', coopShare: '', thresholdUSD: '', coopClaims: '', from: '', until: '' });
  });

  test('property: the row read back by parsePolicyRows is the entry', () => {
    fc.assert(
      fc.property(fc.array(arbEntry, { minLength: 1, maxLength: 4 }), (entries) => {
        const read = parsePolicyRows(entries.map(policyEntryToRow));
        expect(read.ok ? read.value.map(comparable) : read.issues).toEqual(entries.map(comparable));
      }),
    );
  });

  test('the built-in catalog, written and read back, is itself', () => {
    const read = parsePolicyRows(BUILTIN_POLICIES.map(policyEntryToRow));
    expect(read.ok ? read.value.map(comparable) : read.issues).toEqual(BUILTIN_POLICIES.map(comparable));
  });
});
