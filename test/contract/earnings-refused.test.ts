/**
 * An Earnings header core refuses (a required column missing, or one repeated) is used by neither
 * adapter (docs/RULES.md, "A refused table"): the batch job rejects such an export and writes no
 * balances; the add-in computes nothing, keeps its Balances table as it was and COOP.AVAILABLE says
 * why, where it used to compute the workbook with no earnings and empty the Balances table.
 */
import { describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fake } from '../addin/fake-excel.js';
import { importExports, loadWorkbook, RefusedTableError, writeBalances } from '../../addin/taskpane/workbook-ops.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import { availableIn } from '../../addin/functions/coop-functions.js';
import { EARNINGS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { runCli } from '../batch/reconcile/run.js';
import { AS_OF, workbookWithBalances, exportText } from './workbook-book.js';
import { scratchFolder } from './scratch.js';

const scratch = scratchFolder('contract-earnings-refused-');

const LAYOUT = EARNINGS_COLUMNS.map((c) => c.name);
const rename = (column: string, as: string) => LAYOUT.map((n) => (n === column ? as : n));

const CASES = [
  { name: 'earningAmount renamed Amount', headers: rename('earningAmount', 'Amount'), code: 'missing_column' },
  { name: 'lever renamed Earning Id, beside earningId', headers: rename('lever', 'Earning Id'), code: 'duplicate_header' },
];

/** The one-earning export with its header line replaced. */
const withHeader = (headers: readonly string[]) => [headers.join(','), ...exportText('E1').split('\n').slice(1)].join('\n');

describe('an Earnings header core refuses', () => {
  test.each(CASES)('$name: the batch job rejects the export (exit 65) and writes no balances', async ({ headers, code }) => {
    const dir = mkdtempSync(join(scratch, 'batch-'));
    writeFileSync(join(dir, 'e.csv'), withHeader(headers));
    const out = join(dir, 'out');
    const r = await runCli(['reconcile', '--earnings', join(dir, 'e.csv'), '--as-of', AS_OF, '--out', out, '--quiet']);
    expect(r.code).toBe(65);
    expect(existsSync(join(out, 'balances.csv'))).toBe(false);
    expect(r.stderr).toContain(code === 'missing_column' ? 'lacks' : 'Earning Id');
  });

  test.each(CASES)('$name: the add-in computes nothing, says which table, keeps Balances as it was', async ({ headers, code }) => {
    const balancesBefore = await workbookWithBalances();
    expect(balancesBefore).toHaveLength(1);

    await Excel.run(async (context) => {
      context.workbook.tables.getItem(TABLES.earnings).getHeaderRowRange().values = [headers];
      await context.sync();
    });
    const { ledger } = await loadWorkbook({ reread: true });
    expect(ledger.refusedTable).toBe('Earnings');
    expect(ledger.balances).toEqual([]);
    expect(ledger.problems.flatMap((p) => p.issues.map((i) => [p.table, i.code]))).toEqual([['Earnings', code]]);

    const refused = await writeBalances(ledger).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RefusedTableError);
    expect((refused as RefusedTableError).table).toBe('Earnings');
    expect(fake.tableValues(TABLES.balances)!.rows).toEqual(balancesBefore);
    expect(() => availableIn(ledger, 'P1', 'CSP Indirect Reseller', 'FY22 H1', 'USD')).toThrow(/Earnings/);

    // Nor is an export imported into it: the import cannot read what the table holds, so every row
    // would be appended again. Nothing is written.
    const earningsBefore = fake.tableValues(TABLES.earnings);
    const imported = await importExports([parseExportText('again.csv', exportText('E1'))], () => undefined).catch((e: unknown) => e);
    expect(imported).toBeInstanceOf(RefusedTableError);
    expect((imported as RefusedTableError).table).toBe('Earnings');
    expect(fake.tableValues(TABLES.earnings)).toEqual(earningsBefore);
  });
});
