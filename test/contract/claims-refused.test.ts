/**
 * A Claims register whose header core refuses (a required column missing, or one repeated) is used
 * by neither adapter (docs/RULES.md, "A refused table"): the batch job stops and writes no
 * balances, and the add-in computes nothing, keeps its Balances table as it was and COOP.AVAILABLE
 * says why, where it used to compute every pool with no claim drawn.
 */
import { afterAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { fake } from '../addin/fake-excel.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import { importExports, loadWorkbook, RefusedTableError, writeBalances } from '../../addin/taskpane/workbook-ops.js';
import { replaceRows } from '../../addin/excel/table-io.js';
import { availableIn } from '../../addin/functions/coop-functions.js';
import { TABLES } from '../../core/workbook-layout.js';
import { workbookWithBalances, batchOnBook, CLAIM_CELLS, CLAIM_TEXTS, CLAIMS_HEADER as LAYOUT, exportText, removeFolders } from './workbook-book.js';

const folders: string[] = [];
afterAll(() => removeFolders(folders));

const rename = (column: string, as: string) => LAYOUT.map((n) => (n === column ? as : n));

const CASES = [
  { name: 'amountClaimed renamed Amount', headers: rename('amountClaimed', 'Amount'), code: 'missing_column' },
  { name: 'notes renamed Claim Id, beside claimId', headers: rename('notes', 'Claim Id'), code: 'duplicate_header' },
];

describe('a Claims register whose header core refuses', () => {
  test.each(CASES)('$name: the batch job stops (exit 65) and writes no balances', async ({ headers, code }) => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Register').addTable({ name: 'Claims', ref: 'A1', headerRow: true, columns: headers.map((name) => ({ name })), rows: [CLAIM_TEXTS] });
    const run = await batchOnBook(wb, 'claims', folders);
    expect(run.exitCode).toBe(65);
    expect(run.wrote('balances.csv')).toBe(false);
    expect(run.csv('input-errors.csv').map((e) => e.code)).toContain(code);
  });

  test.each(CASES)('$name: the add-in computes nothing, says which table, keeps Balances as it was', async ({ headers, code }) => {
    const balancesBefore = await workbookWithBalances();
    expect(balancesBefore).toHaveLength(1);

    await Excel.run(async (context) => {
      context.workbook.tables.getItem(TABLES.claims).getHeaderRowRange().values = [headers];
      await context.sync();
      await replaceRows(context, TABLES.claims, [CLAIM_CELLS]);
    });
    const { ledger } = await loadWorkbook({ reread: true });
    expect(ledger.refusedTable).toBe('Claims');
    expect(ledger.balances).toEqual([]);
    expect(ledger.claims).toEqual([]);
    expect(ledger.problems.map((p) => [p.table, p.row, p.issues.map((i) => i.code)])).toEqual([['Claims', 0, [code]]]);

    const refused = await writeBalances(ledger).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RefusedTableError);
    expect((refused as RefusedTableError).table).toBe('Claims');
    expect(fake.tableValues(TABLES.balances)!.rows).toEqual(balancesBefore);

    expect(() => availableIn(ledger, 'P1', 'CSP Indirect Reseller', 'FY22 H1', 'USD')).toThrow(/Claims/);

    // The import needs only the Programs table: exports still come in while the register is fixed.
    const { written } = await importExports([parseExportText('b.csv', exportText('E2'))], () => undefined);
    expect(written).toBe(1);
  });
});
