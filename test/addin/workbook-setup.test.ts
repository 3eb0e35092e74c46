/**
 * "Set up workbook" next to what the team already has (docs/RULES.md, "Where a table is"): a sheet
 * named like a co-op table that holds data is never written over, an empty one receives the table,
 * and a table named in another case is the table.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { ensureCoopTables, missingTables } from '../../addin/excel/workbook-setup.js';
import { CLAIMS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { fake, run } from './fake-excel.js';

beforeEach(() => fake.reset());

/** A sheet's cells from A1, `rows` × `columns`, as the workbook holds them. */
const cellsOf = (sheet: string, rows: number, columns: number) =>
  run(async (context) => {
    const range = context.workbook.worksheets.getItem(sheet).getRangeByIndexes(0, 0, rows, columns).load('values');
    await context.sync();
    return range.values;
  });

const REGISTER = [
  ['Claim', 'Partner', 'Amount'],
  ['C1', 'P1', 1250],
];

describe('setting up a workbook that already has a sheet named like a co-op table', () => {
  test('a Claims sheet holding data keeps every cell, gets no table, and is reported to convert', async () => {
    await run(async (context) => {
      context.workbook.worksheets.add('Claims').getRangeByIndexes(0, 0, 2, 3).values = REGISTER;
      await context.sync();
    });
    const result = await run((context) => ensureCoopTables(context));
    expect(await cellsOf('Claims', 2, 3)).toEqual(REGISTER);
    expect(fake.tableValues(TABLES.claims)).toBeNull();
    expect(result.unconverted).toEqual(['Claims']);
    expect(result.created).toEqual(['Earnings', 'Programs', 'ClaimHistory', 'Balances']);
    // Running it again still leaves the sheet as it is.
    const again = await run((context) => ensureCoopTables(context));
    expect(again).toEqual({ created: [], existing: ['Earnings', 'Programs', 'ClaimHistory', 'Balances'], unconverted: ['Claims'] });
    expect(await cellsOf('Claims', 2, 3)).toEqual(REGISTER);
  });

  test('an empty sheet named Claims receives the Claims table', async () => {
    await run(async (context) => {
      context.workbook.worksheets.add('Claims');
      await context.sync();
    });
    const result = await run((context) => ensureCoopTables(context));
    expect(result.unconverted).toEqual([]);
    expect(result.created).toContain(TABLES.claims);
    expect(fake.tableValues(TABLES.claims)!.headers).toEqual(CLAIMS_COLUMNS.map((c) => c.name));
  });

  test('a table named claims is the Claims table: set-up makes no second one and nothing is missing', async () => {
    await run((context) => ensureCoopTables(context));
    await run(async (context) => {
      context.workbook.tables.getItem(TABLES.claims).name = 'claims';
      await context.sync();
    });
    const again = await run((context) => ensureCoopTables(context));
    expect(again.created).toEqual([]);
    expect(again.existing).toContain(TABLES.claims);
    expect(await run((context) => missingTables(context))).toEqual([]);
  });
});
