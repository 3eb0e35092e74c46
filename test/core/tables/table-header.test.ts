import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { columnPosition, namesColumn, readTableHeader, tableHeaderIssues, unwritableColumns } from '../../../core/tables/table-header.js';
import { parseClaimRow, REQUIRED_CLAIMS_COLUMNS } from '../../../core/claims/claim-row.js';
import { parsePolicyRows } from '../../../core/policy/parse-policy-rows.js';
import { CLAIMS_COLUMNS, EARNINGS_COLUMNS, PROGRAMS_COLUMNS } from '../../../core/workbook-layout.js';

const LAYOUT_NAMES = [...new Set([...CLAIMS_COLUMNS, ...PROGRAMS_COLUMNS, ...EARNINGS_COLUMNS].map((c) => c.name))];

/** A layout name as someone may write it: each letter in either case, spaces, `_` or `-` between letters, blanks around. */
const spelling = (name: string) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }),
      fc.array(fc.constantFrom('', '', '', ' ', '_', '-', ' - '), { minLength: name.length, maxLength: name.length }),
      fc.constantFrom('', ' ', '\ufeff'),
    )
    .map(([upper, gaps, before]) => before + [...name].map((ch, i) => (i > 0 ? gaps[i]! : '') + (upper[i] ? ch.toUpperCase() : ch.toLowerCase())).join('') + ' ');
const layoutSpelling = fc.constantFrom(...LAYOUT_NAMES).chain((name) => spelling(name).map((written) => ({ name, written })));

describe('a header names a column', () => {
  test.each([['Claim ID'], ['claim_id'], ['CLAIMID'], ['claim-id'], [' ClaimId '], ['claimId']])('%j names claimId', (written) => {
    expect(namesColumn(written, 'claimId')).toBe(true);
    expect(readTableHeader([written], { known: ['claimId'] }).keys).toEqual(['claimId']);
  });

  test.each([['claim'], ['claimIds'], ['claim.id'], ['id']])('%j does not name claimId', (written) => {
    expect(namesColumn(written, 'claimId')).toBe(false);
    expect(readTableHeader([written], { known: ['claimId'] }).keys).toEqual([written]);
  });

  test('any spelling of a layout name by case, spaces, _ and - is read as that column', () => {
    fc.assert(
      fc.property(layoutSpelling, ({ name, written }) => {
        const header = readTableHeader(['other', written], { known: LAYOUT_NAMES, required: [name] });
        expect(header.keys[1]).toBe(name);
        expect(header.missing).toEqual([]);
        expect(columnPosition(header, name)).toBe(1);
      }),
    );
  });

  test('two spellings of one column are a repeat, of two columns never', () => {
    fc.assert(
      fc.property(layoutSpelling, layoutSpelling, (a, b) => {
        const header = readTableHeader([a.written, 'between', b.written], { known: LAYOUT_NAMES });
        if (a.name === b.name) {
          expect(header.repeats).toEqual([{ position: 2, name: b.written.replace(/^\ufeff/, '').trim(), firstPosition: 0 }]);
          expect(header.keys).toEqual([a.name, 'between', '']);
        } else {
          expect(header.repeats).toEqual([]);
          expect(header.keys).toEqual([a.name, 'between', b.name]);
        }
      }),
    );
  });
});

describe('a header row', () => {
  test('Claim ID beside claimId is a repeat at its position; the first is the column, the repeat is not read', () => {
    const names = ['claimId', 'amountClaimed', 'Claim ID', 'notes'];
    const header = readTableHeader(names, { known: CLAIMS_COLUMNS.map((c) => c.name) });
    expect(header.repeats).toEqual([{ position: 2, name: 'Claim ID', firstPosition: 0 }]);
    expect(header.keys).toEqual(['claimId', 'amountClaimed', '', 'notes']);
    expect(columnPosition(header, 'Claim ID')).toBe(0);
  });

  test('blank headers are neither repeats nor read', () => {
    const header = readTableHeader(['a', '', ' ', 'b']);
    expect(header.repeats).toEqual([]);
    expect(header.keys).toEqual(['a', '', '', 'b']);
  });

  test('an unknown column keeps its header as written and is found by any spelling', () => {
    const header = readTableHeader(['Customer Name'], { known: ['claimId'] });
    expect(header.keys).toEqual(['Customer Name']);
    expect(columnPosition(header, 'customer_name')).toBe(0);
    expect(columnPosition(header, 'customer')).toBe(-1);
  });

  test('the required columns no header names are missing, in their order', () => {
    const header = readTableHeader(['Claim ID', 'Program Name', 'currency'], { required: REQUIRED_CLAIMS_COLUMNS });
    expect(header.missing).toEqual(['participantId', 'activityStart', 'activityEnd', 'amountClaimed']);
  });

  test('as issues of a table: each repeat with the column it repeats, each missing column', () => {
    const names = ['claimId', 'Claim ID', 'currency'];
    const issues = tableHeaderIssues('Claims', names, readTableHeader(names, { required: ['claimId', 'amountClaimed'] }));
    expect(issues.map((i) => [i.code, i.path, i.params?.['firstColumn'] ?? null])).toEqual([
      ['duplicate_header', ['Claims', 'Claim ID'], 'claimId'],
      ['missing_column', ['Claims', 'amountClaimed'], null],
    ]);
  });
});

describe("core's row readers follow the same rule", () => {
  const claimCells: Record<string, string> = {
    claimId: 'C1',
    participantId: 'P1',
    programName: 'Hosting',
    activityStart: '2022-01-10',
    activityEnd: '2022-01-11',
    currency: 'EUR',
    amountClaimed: '100',
    status: 'Submitted',
  };

  const respelled = fc.record(Object.fromEntries(Object.keys(claimCells).map((name) => [name, spelling(name)])));

  test('parseClaimRow reads a register whose headers are spelled any way as the same claim', () => {
    fc.assert(
      fc.property(respelled, (spelled) => {
        const written = Object.fromEntries(Object.entries(claimCells).map(([name, value]) => [spelled[name]!, value]));
        const r = parseClaimRow(written);
        expect(r.ok).toBe(true);
        expect(r.ok && [r.value.claimId, r.value.participantId, r.value.activityStart, r.value.amountClaimed.toFixed(), r.value.status]).toEqual(['C1', 'P1', '2022-01-10', '100', 'Submitted']);
      }),
    );
  });

  test('parseClaimRow reads the first of two headers naming one column, as the adapters do', () => {
    const r = parseClaimRow({ ...claimCells, 'Claim ID': 'C2' });
    expect(r.ok && r.value.claimId).toBe('C1');
  });

  test('parsePolicyRows reads Coop Share, threshold_usd and COOPCLAIMS as the policy fields', () => {
    const r = parsePolicyRows([{ Name: 'Hosting', 'Coop Share': '0.25', threshold_usd: '2000', COOPCLAIMS: 'no' }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.value[0]!.name, r.value[0]!.coopShare?.toFixed(), r.value[0]!.thresholdUSD?.toFixed(), r.value[0]!.coopClaims]).toEqual(['Hosting', '0.25', '2000', false]);
  });

  test('parsePolicyRows reads the first of two headers naming one field', () => {
    const r = parsePolicyRows([{ name: 'Hosting', thresholdUSD: '2000', 'Threshold USD': '9000' }]);
    expect(r.ok && r.value[0]!.thresholdUSD?.toFixed()).toBe('2000');
  });
});

describe('writing rows under a header', () => {
  const layout = ['claimId', 'programName', 'notes', 'status'];
  const header = readTableHeader(['Claim ID', 'Status'], { known: layout });

  test('a column the header names in any spelling can be written; a required one it lacks is missing_column', () => {
    const issues = unwritableColumns('Claims', header, layout, { required: ['claimId', 'programName'] });
    expect(issues.map((i) => [i.code, i.path])).toEqual([['missing_column', ['Claims', 'programName']]]);
  });

  test('a column the header lacks is missing_column once a row holds a value for it, and not before', () => {
    expect(unwritableColumns('Claims', header, layout)).toEqual([]);
    const issues = unwritableColumns('Claims', header, layout, { filled: new Set(['notes', 'status']) });
    expect(issues.map((i) => [i.code, i.path])).toEqual([['missing_column', ['Claims', 'notes']]]);
  });
});
