import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { half, formatHalf } from '../../core/calendar/fiscal-half.js';
import { Dec } from '../../core/money/decimal.js';
import { formatPath } from '../../core/issues.js';
import { BUILTIN_POLICIES } from '../../core/policy/builtin-policies.js';
import { policyCatalog, resolvePolicy, canonicalProgramName, knownProgramNames, entryApplies } from '../../core/policy/policy-catalog.js';
import { programNameKey } from '../../core/policy/program-name.js';
import { parsePolicyFile } from '../../core/policy/parse-policy-file.js';
import { parsePolicyRows } from '../../core/policy/parse-policy-rows.js';
import type { ProgramPolicyEntry } from '../../core/policy/program-policy.js';

const builtins = policyCatalog();

function resolved(name: string, period: string, catalog = builtins) {
  const p = resolvePolicy(catalog, name, half(period));
  return p && { name: p.name, coopShare: p.coopShare?.toFixed() ?? null, thresholdUSD: p.thresholdUSD?.toFixed() ?? null, coopClaims: p.coopClaims };
}

describe('built-in program policies', () => {
  test.each([
    ['CSP Direct Bill Partner', 'FY21 H2', '4000'],
    ['CSP Direct Bill Partner', 'FY22 H1', '10000'],
    ['CSP Indirect Provider', 'FY21 H1', '4000'],
    ['CSP Indirect Provider', 'FY22 H1', '10000'],
    ['CSP Indirect Reseller', 'FY20 H1', '4000'],
    ['CSP Indirect Reseller', 'FY21 H2', '4000'],
    ['CSP Indirect Reseller', 'FY22 H1', '10000'],
    ['CSP Indirect Reseller', 'FY24 H2', '10000'],
  ])('%s in %s has a threshold of USD %s (4,000 became 10,000 at FY22 H1)', (name, period, threshold) => {
    expect(resolved(name, period)).toEqual({ name, coopShare: '0.4', thresholdUSD: threshold, coopClaims: true });
  });

  // Microsoft's public co-op threshold table, row by row, under the table's own names.
  test.each([
    ['Authorized Distributor (EduWins)', 'Authorized Distributor (EduWins)'],
    ['Authorized Distributor (Software)', 'Authorized Distributor (Software)'],
    ['Cloud Solution Provider (CSP) Direct Bill Partner', 'CSP Direct Bill Partner'],
    ['Cloud Solution Provider (CSP) Indirect Provider', 'CSP Indirect Provider'],
    ['Cloud Solution Provider (CSP) Indirect Reseller', 'CSP Indirect Reseller'],
    ['Hosting', 'Hosting'],
    ['IoT Channel Incentive', 'IoT Channel Incentive'],
    ['Mixed Reality ADD', 'Mixed Reality ADD'],
    ['Mixed Reality ADR & DMP', 'Mixed Reality ADR & DMP'],
    ['OEM Reseller (Software)', 'OEM Reseller (Software)'],
    ['Surface PC and Surface Hub Authorized Device Distributor (ADD)', 'Surface PC and Surface Hub ADD'],
  ])('the threshold table row %j is the known program %s', (tableName, canonical) => {
    expect(canonicalProgramName(builtins, tableName)).toBe(canonical);
  });

  test.each([
    'Authorized Distributor (EduWins)',
    'Authorized Distributor (Software)',
    'Hosting',
    'IoT Channel Incentive',
    'Mixed Reality ADD',
    'Mixed Reality ADR & DMP',
    'OEM Reseller (Software)',
    'Surface PC and Surface Hub ADD',
    'Authorized Distributor',
    'Mixed Reality',
  ])('%s has a threshold of USD 1,500 in every period and no built-in share', (name) => {
    for (const period of ['FY21 H1', 'FY22 H1', 'FY24 H2']) {
      expect(resolved(name, period)).toEqual({ name, coopShare: null, thresholdUSD: '1500', coopClaims: true });
    }
  });

  test.each([
    ['Authorized Distributor - EduWins', 'Authorized Distributor (EduWins)'],
    ['authorised distributor (software)', 'Authorized Distributor (Software)'],
    ['IoT', 'IoT Channel Incentive'],
    ['Windows IoT', 'IoT Channel Incentive'],
    ['IoT Channel Incentives', 'IoT Channel Incentive'],
    ['Mixed Reality ADR and DMP', 'Mixed Reality ADR & DMP'],
    ['OEM Reseller', 'OEM Reseller (Software)'],
    ['OEM Reseller – Software', 'OEM Reseller (Software)'],
    ['Surface ADD', 'Surface PC and Surface Hub ADD'],
    ['Surface PC & Surface Hub ADD', 'Surface PC and Surface Hub ADD'],
  ])('the alias %j pools with %s', (alias, canonical) => {
    expect(canonicalProgramName(builtins, alias)).toBe(canonical);
  });

  test('the two programs the table splits a name into pool apart, and apart from the undivided name', () => {
    const names = ['Authorized Distributor (EduWins)', 'Authorized Distributor (Software)', 'Authorized Distributor', 'Mixed Reality ADD', 'Mixed Reality ADR & DMP', 'Mixed Reality'];
    expect(new Set(names.map((n) => canonicalProgramName(builtins, n))).size).toBe(names.length);
  });

  test('Microsoft Commerce Incentives has a co-op share of 0.40 and no threshold', () => {
    expect(resolved('MCI', 'FY23 H2')).toEqual({ name: 'Microsoft Commerce Incentives', coopShare: '0.4', thresholdUSD: null, coopClaims: true });
  });

  test.each(['OSA Sell', 'OSU - Microsoft 365', 'OSU - Business Applications'])('%s is excluded from co-op claims', (name) => {
    expect(resolved(name, 'FY22 H1')?.coopClaims).toBe(false);
  });

  test('an unknown program has no policy', () => {
    expect(resolvePolicy(builtins, 'Azure Partner Incentives', half('FY22 H1'))).toBeNull();
    expect(canonicalProgramName(builtins, 'Azure Partner Incentives')).toBeNull();
  });

  test('every known name resolves to itself as the canonical name, in catalog order', () => {
    const names = knownProgramNames(builtins);
    expect(names.slice(0, 4)).toEqual(['CSP Direct Bill Partner', 'CSP Indirect Provider', 'CSP Indirect Reseller', 'Microsoft Commerce Incentives']);
    expect(names).toHaveLength(17);
    for (const n of names) expect(canonicalProgramName(builtins, n)).toBe(n);
  });
});

describe('program names', () => {
  test.each([
    ['csp indirect reseller', 'CSP Indirect Reseller'],
    ['CSP  Indirect   Reseller', 'CSP Indirect Reseller'],
    ['Cloud Solution Provider - Indirect Reseller', 'CSP Indirect Reseller'],
    ['Cloud Solution Provider – Indirect Reseller', 'CSP Indirect Reseller'],
    ['cloud solution provider indirect reseller', 'CSP Indirect Reseller'],
    ['CSP-Indirect-Reseller', 'CSP Indirect Reseller'],
    ['mci', 'Microsoft Commerce Incentives'],
    ['OSU – Microsoft 365', 'OSU - Microsoft 365'],
    ['osu microsoft 365', 'OSU - Microsoft 365'],
    ['Online Services Usage (OSU) - Business Applications', 'OSU - Business Applications'],
    [' Surface Authorized Device Distributor ', 'Surface PC and Surface Hub ADD'],
  ])('%s is the program %s', (name, canonical) => {
    expect(canonicalProgramName(builtins, name)).toBe(canonical);
  });

  test('case, dashes and repeated spaces make no difference to the comparison key', () => {
    expect(programNameKey('OSU –  Microsoft-365')).toBe(programNameKey('osu microsoft 365'));
  });

  test('a resolved policy lists the aliases of every entry of the program', () => {
    const catalog = policyCatalog([{ name: 'MCI', aliases: ['Commerce Incentives'] }]);
    const p = resolvePolicy(catalog, 'commerce incentives', half('FY23 H1'))!;
    expect(p.name).toBe('Microsoft Commerce Incentives');
    expect(p.aliases).toEqual(['MCI', 'Microsoft Commerce Incentive', 'Commerce Incentives']);
  });

  test('an entry linking two names makes them one program that pools under the first name', () => {
    const catalog = policyCatalog([{ name: 'Modern Work Incentive', aliases: ['MWI'] }, { name: 'MW Incentive', aliases: ['mwi'], thresholdUSD: new Dec('500') }]);
    expect(canonicalProgramName(catalog, 'MW Incentive')).toBe('Modern Work Incentive');
    expect(resolved('MWI', 'FY24 H1', catalog)?.thresholdUSD).toBe('500');
  });
});

describe('layering user entries over the built-ins', () => {
  test('a user entry that sets only the threshold keeps the built-in share', () => {
    const catalog = policyCatalog([{ name: 'CSP Indirect Reseller', aliases: [], thresholdUSD: new Dec('12000') }]);
    expect(resolved('CSP Indirect Reseller', 'FY23 H1', catalog)).toEqual({
      name: 'CSP Indirect Reseller',
      coopShare: '0.4',
      thresholdUSD: '12000',
      coopClaims: true,
    });
  });

  test('a user entry reached through an alias layers over the built-in program', () => {
    const catalog = policyCatalog([{ name: 'MCI', aliases: [], coopShare: new Dec('0.25') }]);
    expect(resolved('Microsoft Commerce Incentives', 'FY23 H1', catalog)?.coopShare).toBe('0.25');
  });

  const ranged = policyCatalog([
    { name: 'Hosting', aliases: [], thresholdUSD: new Dec('2000'), from: half('FY23 H1'), until: half('FY23 H2') },
    { name: 'Hosting', aliases: [], coopShare: new Dec('0.3'), from: half('FY24 H1') },
  ]);
  test.each([
    ['FY22 H2', '1500', null],
    ['FY23 H1', '2000', null],
    ['FY23 H2', '2000', null],
    ['FY24 H1', '1500', '0.3'],
    ['FY25 H2', '1500', '0.3'],
  ])('a ranged user entry applies only inside its range: Hosting in %s has threshold %s and share %s', (period, threshold, share) => {
    expect(resolved('Hosting', period, ranged)).toMatchObject({ thresholdUSD: threshold, coopShare: share });
  });

  test('a later entry wins over an earlier one for the same field', () => {
    const catalog = policyCatalog([
      { name: 'IoT', aliases: [], thresholdUSD: new Dec('100') },
      { name: 'iot', aliases: [], thresholdUSD: new Dec('200') },
    ]);
    expect(resolved('IoT', 'FY23 H1', catalog)?.thresholdUSD).toBe('200');
  });

  test('a user can re-enable co-op claims for an excluded program and a new program defaults to claimable', () => {
    const catalog = policyCatalog([
      { name: 'OSA Sell', aliases: [], coopClaims: true, from: half('FY25 H1') },
      { name: 'Partner Growth Bonus', aliases: [] },
    ]);
    expect(resolved('OSA Sell', 'FY24 H2', catalog)?.coopClaims).toBe(false);
    expect(resolved('OSA Sell', 'FY25 H1', catalog)?.coopClaims).toBe(true);
    expect(resolved('Partner Growth Bonus', 'FY25 H1', catalog)).toEqual({ name: 'Partner Growth Bonus', coopShare: null, thresholdUSD: null, coopClaims: true });
  });

  const anyHalf = fc.record({ fiscalYear: fc.integer({ min: 2000, max: 2099 }), half: fc.constantFrom<1 | 2>(1, 2) });
  test('an entry applies exactly when from <= period <= until', () => {
    fc.assert(
      fc.property(anyHalf, fc.option(anyHalf, { nil: undefined }), fc.option(anyHalf, { nil: undefined }), (period, from, until) => {
        const entry: ProgramPolicyEntry = { name: 'X', aliases: [], ...(from ? { from } : {}), ...(until ? { until } : {}) };
        const label = (h: typeof period) => h.fiscalYear * 2 + h.half;
        const expected = (!from || label(from) <= label(period)) && (!until || label(period) <= label(until));
        expect(entryApplies(entry, period)).toBe(expected);
      }),
    );
  });

  test('the built-in catalog is the same whichever catalog was built before', () => {
    policyCatalog([{ name: 'CSP Indirect Reseller', aliases: ['Mine'], thresholdUSD: new Dec('1') }]);
    expect(resolved('CSP Indirect Reseller', 'FY23 H1')?.thresholdUSD).toBe('10000');
    expect(canonicalProgramName(builtins, 'Mine')).toBeNull();
    expect(BUILTIN_POLICIES.every((e) => e.name !== 'Mine')).toBe(true);
  });
});

describe('policy files', () => {
  test('a valid file gives its entries with exact decimals', () => {
    const r = parsePolicyFile({
      programs: [
        { name: 'CSP Indirect Reseller', thresholdUSD: '10000', from: 'fy22-h1' },
        { name: 'Partner Bonus', aliases: ['PB', 'Bonus'], coopShare: 0.1, coopClaims: false, until: 'FY2023 H2' },
        { name: 'Hosting', coopShare: '40%', thresholdUSD: 1500.5 },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [a, b, c] = r.value;
    expect(a).toMatchObject({ name: 'CSP Indirect Reseller', aliases: [] });
    expect(a!.thresholdUSD!.toFixed()).toBe('10000');
    expect(formatHalf(a!.from!)).toBe('FY22 H1');
    expect(b!.coopShare!.eq(new Dec('0.1'))).toBe(true);
    expect(b).toMatchObject({ aliases: ['PB', 'Bonus'], coopClaims: false });
    expect(formatHalf(b!.until!)).toBe('FY23 H2');
    expect(c!.coopShare!.toFixed()).toBe('0.4');
    expect(c!.thresholdUSD!.toFixed()).toBe('1500.5');
  });

  test('an alias holding a semicolon is refused with its path: the Programs table would read it back as two', () => {
    const r = parsePolicyFile({ programs: [{ name: 'Partner Bonus', aliases: ['PB', 'Bonus; extra'] }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, formatPath(i.path), i.input, i.params?.reason])).toEqual([['invalid_policy', 'programs[0].aliases[1]', 'Bonus; extra', 'alias_holds_semicolon']]);
  });

  test('a JSON number share is read through its text, so 0.1 + 0.2 style float noise never appears', () => {
    const r = parsePolicyFile({ programs: [{ name: 'A', coopShare: 0.3 }] });
    expect(r.ok && r.value[0]!.coopShare!.toFixed()).toBe('0.3');
  });

  test('every problem is reported with its path, not only the first', () => {
    const r = parsePolicyFile({
      programs: [
        { name: 'Fine' },
        { name: 'Also fine', coopShare: '0.4' },
        { name: 'Broken', coopShare: '1.4', thresholdUSD: 'lots', from: 'FY23 H3', until: 12, coopClaims: 'maybe', treshold: '5' },
        { aliases: ['x', 3] },
        'not an object',
        { name: 'Backwards', from: 'FY24 H1', until: 'FY23 H2' },
        { name: '  ', coopShare: '-0.1' },
      ],
      version: 2,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [formatPath(i.path), i.code])).toEqual([
      ['version', 'unknown_key'],
      ['programs[2].treshold', 'unknown_key'],
      ['programs[2].coopShare', 'invalid_share'],
      ['programs[2].thresholdUSD', 'invalid_amount'],
      ['programs[2].coopClaims', 'invalid_type'],
      ['programs[2].from', 'invalid_period_label'],
      ['programs[2].until', 'invalid_type'],
      ['programs[3].name', 'missing_field'],
      ['programs[3].aliases[1]', 'invalid_type'],
      ['programs[4]', 'invalid_type'],
      ['programs[5].until', 'invalid_policy'],
      ['programs[6].name', 'missing_field'],
      ['programs[6].coopShare', 'invalid_share'],
    ]);
    const share = r.issues.find((i) => formatPath(i.path) === 'programs[2].coopShare')!;
    expect(share).toMatchObject({ input: '1.4', params: { min: '0', max: '1' } });
    expect(r.issues.find((i) => i.code === 'invalid_policy')!.params).toMatchObject({ from: 'FY24 H1', until: 'FY23 H2' });
  });

  test.each([
    ['0', true],
    ['1', true],
    ['1.0', true],
    ['100%', true],
    ['0.40', true],
    ['1.0001', false],
    ['-0.01', false],
    ['(0.4)', false],
    ['0,40', false],
    ['forty', false],
  ])('a share of %s is accepted: %s', (text, accepted) => {
    const r = parsePolicyFile({ programs: [{ name: 'A', coopShare: text }] });
    expect(r.ok).toBe(accepted);
    if (!r.ok) expect(r.issues.map((i) => [formatPath(i.path), i.code])).toEqual([['programs[0].coopShare', 'invalid_share']]);
  });

  test.each([
    ['yes', true], ['Y', true], [' TRUE ', true], ['1', true], ['WAAR', true], ['ja', true], ['Wahr', true], ['VRAI', true], ['sant', true],
    ['no', false], ['n', false], ['FALSE', false], ['0', false], ['ONWAAR', false], ['nee', false], ['nein', false], ['FALSCH', false], ['faux', false], ['falskt', false], ['nej', false],
  ])('coopClaims %j reads as %s, as a table typed in a localised Excel holds it', (text, value) => {
    const r = parsePolicyFile({ programs: [{ name: 'A', coopClaims: text }] });
    expect(r.ok && r.value[0]!.coopClaims).toBe(value);
  });

  test.each(['maybe', 'oui', '2'])('coopClaims %j is neither yes nor no: invalid_type', (text) => {
    const r = parsePolicyFile({ programs: [{ name: 'A', coopClaims: text }] });
    expect(!r.ok && r.issues.map((i) => [formatPath(i.path), i.code])).toEqual([['programs[0].coopClaims', 'invalid_type']]);
  });

  test.each([
    [null, 'invalid_policy', ''],
    [[], 'invalid_policy', ''],
    ['{}', 'invalid_policy', ''],
    [{}, 'missing_field', 'programs'],
    [{ programs: {} }, 'invalid_type', 'programs'],
  ])('the top level %j is %s at "%s"', (json, code, path) => {
    const r = parsePolicyFile(json);
    expect(!r.ok && r.issues.map((i) => [i.code, formatPath(i.path)])).toEqual([[code, path]]);
  });

  test('null means not set and an empty programs list is an empty catalog extension', () => {
    expect(parsePolicyFile({ programs: [] })).toEqual({ ok: true, value: [] });
    const r = parsePolicyFile({ programs: [{ name: 'A', coopShare: null, from: null }] });
    expect(r.ok && r.value).toEqual([{ name: 'A', aliases: [] }]);
  });

  test('a negative threshold is an invalid_amount', () => {
    const r = parsePolicyFile({ programs: [{ name: 'A', thresholdUSD: '-1' }] });
    expect(!r.ok && r.issues.map((i) => [i.code, formatPath(i.path), i.params?.['reason']])).toEqual([['invalid_amount', 'programs[0].thresholdUSD', 'negative']]);
  });
});

describe('the Programs table', () => {
  const row = (cells: Record<string, string>) => ({ name: '', aliases: '', coopShare: '', thresholdUSD: '', coopClaims: '', from: '', until: '', ...cells });

  test('rows read like policy entries: empty cells are not set, aliases are ;-separated', () => {
    const r = parsePolicyRows([
      row({ name: 'Partner Bonus', aliases: 'PB; Bonus ;', coopShare: '0.25', coopClaims: 'No', from: 'FY23H1' }),
      row({}),
      row({ name: 'IoT', thresholdUSD: '2,000' }),
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(2);
    expect(r.value[0]).toMatchObject({ name: 'Partner Bonus', aliases: ['PB', 'Bonus'], coopClaims: false });
    expect(r.value[0]!.coopShare!.toFixed()).toBe('0.25');
    expect(r.value[1]!.thresholdUSD!.toFixed()).toBe('2000');
    expect(r.value[1]).not.toHaveProperty('coopShare');
  });

  test.each([
    ['true', true],
    ['FALSE', false],
    ['yes', true],
    ['No', false],
    ['1', true],
    ['0', false],
  ])('coopClaims %s reads as %s', (text, value) => {
    const r = parsePolicyRows([row({ name: 'A', coopClaims: text })]);
    expect(r.ok && r.value[0]!.coopClaims).toBe(value);
  });

  test('problems carry the table name, the row index and the column, with the same codes as a file', () => {
    const r = parsePolicyRows(
      [row({ name: 'A' }), row({ name: 'B', coopShare: '1.5', coopClaims: 'perhaps' }), { ...row({ coopShare: '0.1' }), Remarks: 'x' }],
      'Policies',
    );
    expect(!r.ok && r.issues.map((i) => [formatPath(i.path), i.code])).toEqual([
      ['Policies[1].coopShare', 'invalid_share'],
      ['Policies[1].coopClaims', 'invalid_type'],
      ['Policies.Remarks', 'unknown_key'],
      ['Policies[2].name', 'missing_field'],
    ]);
  });

  test('headers match case-insensitively and the default path root is Programs', () => {
    const r = parsePolicyRows([{ Name: 'A', CoopShare: '2' }]);
    expect(!r.ok && r.issues.map((i) => formatPath(i.path))).toEqual(['Programs[0].coopShare']);
  });
});
