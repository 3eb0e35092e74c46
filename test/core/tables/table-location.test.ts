import { describe, expect, test } from 'vitest';
import { HEADER_SEARCH_LINES } from '../../../core/tables/header-row.js';
import { REQUIRED_EARNINGS_COLUMNS, TABLES } from '../../../core/workbook-layout.js';
import { REQUIRED_CLAIMS_COLUMNS } from '../../../core/claims/claim-row.js';
import { locateTable, offsetBelowHeader, sheetHeaderIndex, sheetRowBelowHeader, sheetTableColumns, type WorkbookNames } from '../../../core/tables/table-location.js';
import { sheetHeaderColumns } from '../../../core/workbook-tables.js';

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

describe('which columns a sheet standing for a table has', () => {
  test.each<[string, unknown[], { start: number; end: number } | null]>([
    ['every cell of a header from column A', ['claimId', 'amountClaimed'], { start: 0, end: 2 }],
    ['from the first filled header cell, past a margin', ['', ' ', 'claimId', 'amountClaimed'], { start: 2, end: 4 }],
    ['to the last filled one, a blank header between two filled ones included', ['claimId', '', 'amountClaimed', '', '  '], { start: 0, end: 3 }],
    ['a number heads a column as text does', [null, 2022, 'notes'], { start: 1, end: 3 }],
    ['none in a row with nothing in it', ['', null, ' '], null],
  ])('%s', (_, header, expected) => {
    expect(sheetTableColumns(header)).toEqual(expected);
  });
});

describe('how a workbook table\'s row is named', () => {
  test.each<[string, number, number, number]>([
    ['the first row under a header on row 1 is row 2', 1, 0, 2],
    ['under a header on row 3, the fourth row down is row 7', 3, 3, 7],
    ['a table whose header is on row 10: its first row is row 11', 10, 0, 11],
  ])('%s', (_, headerRow, offset, expected) => {
    expect(sheetRowBelowHeader(headerRow, offset)).toBe(expected);
    expect(offsetBelowHeader(headerRow, expected)).toBe(offset);
  });
});

describe('the columns a sheet standing for a table must have for its header', () => {
  test('one list per table, by its name in any case, as locateTable takes it; none for a table only the add-in writes', () => {
    expect(sheetHeaderColumns(TABLES.claims)).toBe(REQUIRED_CLAIMS_COLUMNS);
    expect(sheetHeaderColumns('claims')).toBe(REQUIRED_CLAIMS_COLUMNS);
    expect(sheetHeaderColumns('EARNINGS')).toBe(REQUIRED_EARNINGS_COLUMNS);
    expect(sheetHeaderColumns(TABLES.programs)).toEqual(['name']);
    expect(sheetHeaderColumns(TABLES.balances)).toEqual([]);
  });

  test('with them, a title above a Programs header is passed over', () => {
    const lines = [['Co-op programs, FY22'], [], ['name', 'coopShare'], ['Hosting', '0.4']];
    expect(sheetHeaderIndex(lines, sheetHeaderColumns(TABLES.programs))).toBe(2);
    expect(sheetHeaderIndex(lines, [])).toBe(0);
  });
});
