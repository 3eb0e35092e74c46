import { describe, expect, test } from 'vitest';
import { half } from '../../core/calendar/fiscal-half.js';
import { PROGRAMS_COLUMNS } from '../../core/workbook-layout.js';
import { knownProgramNames, policyCatalog, resolvePolicy, type PolicyCatalog } from '../../core/policy/policy-catalog.js';
import { defaultProgramRows } from '../../addin/ledger/program-rows.js';
import { catalogOf } from '../../addin/ledger/workbook-ledger.js';

// A new workbook's Programs table is the built-in catalog written out; read back, it must give the
// same policies, so that the add-in and the batch job agree on a workbook nobody has edited.
function roundTripped(): PolicyCatalog {
  const rows = defaultProgramRows();
  const { catalog, problems } = catalogOf({ name: 'Programs', headers: PROGRAMS_COLUMNS.map((c) => c.name), rows, rowNumbers: rows.map((_, i) => i + 2), dateSystem: '1900' as const });
  expect(problems).toEqual([]);
  return catalog;
}

describe("a new workbook's Programs rows", () => {
  test('read back as the built-in catalog: the same programs, aliases and policies in every period', () => {
    const builtins = policyCatalog();
    const read = roundTripped();
    expect(knownProgramNames(read)).toEqual(knownProgramNames(builtins));
    for (const name of knownProgramNames(builtins)) {
      for (const period of ['FY21 H2', 'FY22 H1', 'FY24 H2']) {
        const a = resolvePolicy(builtins, name, half(period))!;
        const b = resolvePolicy(read, name, half(period))!;
        expect([b.name, b.aliases, b.coopShare?.toFixed() ?? null, b.thresholdUSD?.toFixed() ?? null, b.coopClaims]).toEqual([
          a.name,
          a.aliases,
          a.coopShare?.toFixed() ?? null,
          a.thresholdUSD?.toFixed() ?? null,
          a.coopClaims,
        ]);
      }
    }
  });

  test.each(['Authorized Distributor (EduWins)', 'IoT Channel Incentive', 'Mixed Reality ADR & DMP', 'OEM Reseller (Software)', 'Surface PC and Surface Hub Authorized Device Distributor (ADD)'])(
    'hold the threshold table program %j at USD 1,500',
    (name) => {
      expect(resolvePolicy(roundTripped(), name, half('FY23 H1'))?.thresholdUSD?.toFixed()).toBe('1500');
    },
  );
});
