import { describe, expect, test } from 'vitest';
import { HEADER_SEARCH_LINES } from '../../../core/tables/header-row.js';
import { locateTable, sheetHeaderIndex, type WorkbookNames } from '../../../core/tables/table-location.js';

describe('which table or sheet holds a co-op table', () => {
  test.each<[string, WorkbookNames, ReturnType<typeof locateTable>]>([
    ['a table of that name', { tables: ['Claims'], sheets: ['Register'] }, { kind: 'table', table: 'Claims' }],
    ['a table of that name in lower case', { tables: ['claims'], sheets: ['Register'] }, { kind: 'table', table: 'claims' }],
    ['a table of that name in upper case', { tables: ['CLAIMS'], sheets: ['Register'] }, { kind: 'table', table: 'CLAIMS' }],
    ['the table over a sheet of that name', { tables: ['claims'], sheets: ['Claims'] }, { kind: 'table', table: 'claims' }],
    ['a plain sheet of that name', { tables: [], sheets: ['Notes', 'Claims'] }, { kind: 'sheet', sheet: 'Claims' }],
    ['a sheet of that name in another case', { tables: [], sheets: ['CLAIMS'] }, { kind: 'sheet', sheet: 'CLAIMS' }],
    ['a sheet Claims holding a table Table1', { tables: ['Table1'], sheets: ['Claims'] }, { kind: 'sheet', sheet: 'Claims' }],
    ['neither', { tables: ['ClaimHistory'], sheets: ['ClaimHistory', 'Sheet1'] }, { kind: 'absent' }],
  ])('%s', (_, names, expected) => {
    expect(locateTable('Claims', names)).toEqual(expected);
  });
});

describe('where the header of a sheet standing for a table is', () => {
  const required = ['claimId', 'amountClaimed'];
  test.each<[string, string[][], readonly string[], number | null]>([
    ['the first line', [['claimId', 'amountClaimed'], ['C1', '1']], required, 0],
    ['below a title and an empty line', [['Claims register'], [], ['Claim ID', 'Amount Claimed'], ['C1', '1']], required, 2],
    ['the closest line when none has every column', [['Claims register'], ['claimId', 'Amount'], ['C1', '1']], required, 1],
    ['the first filled line when nothing is required', [[], ['', ' '], ['name', 'coopShare']], [], 2],
    ['the first filled line when no line is close', [[], ['Notes'], ['x']], required, 1],
    ['none in an empty sheet', [[], ['', '']], required, null],
  ])('%s', (_, lines, wanted, expected) => {
    expect(sheetHeaderIndex(lines, wanted)).toBe(expected);
  });

  test('a header below the search depth is not found', () => {
    const lines = [...Array.from({ length: HEADER_SEARCH_LINES }, () => ['note']), ['claimId', 'amountClaimed']];
    expect(sheetHeaderIndex(lines, required)).toBe(0);
  });
});
