/**
 * Sorting the Earnings table changes nothing the workbook computes (docs/RULES.md, "Reading
 * order"): the ledger reads the rows in the order the import numbered them. Random downloads with
 * repeats, conflicts and split pairs, imported, then the table's rows put in a random order.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { computeLedger, type Ledger } from '../../addin/ledger/workbook-ledger.js';
import { nextImportOrderOf, planImport } from '../../addin/import/plan-import.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import type { TableData } from '../../addin/excel/table-io.js';
import { EARNINGS_COLUMNS } from '../../core/workbook-layout.js';
import { DEFAULT_SETTINGS } from '../../core/settings.js';
import { isoDate } from '../../core/calendar/calendar-date.js';

const HEADER = 'earningId,participantId,participantName,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,transactionId,lever,rowTag';

const rowArb = fc.record({
  id: fc.integer({ min: 1, max: 8 }),
  name: fc.constantFrom('Contoso', 'Contoso Ltd', ''),
  type: fc.constantFrom('Rebate', 'Co-op'),
  amount: fc.constantFrom('60.00', '40.00', '40.00', '35.00', '1600.00'),
  tx: fc.integer({ min: 1, max: 4 }),
});

let tags = 0;
const text = (rows: readonly { id: number; name: string; type: string; amount: string; tx: number }[]) =>
  [HEADER, ...rows.map((r) => `E${r.id},P1,${r.name},CSP Direct Bill Partner,${r.type},${r.amount},${r.amount},2021-01-05,USD,T${r.tx},Core,R${++tags}`)].join('\n') + '\n';

/** A finding with the rows it names as their tags, so that a sorted table's findings compare with the unsorted one's. */
function byTag(ledger: Ledger, table: TableData): string[] {
  const tagAt = new Map(table.rowNumbers.map((row, i) => [row, String(table.rows[i]![table.headers.indexOf('rowTag')])]));
  const named = (place: string | undefined) => place?.replace(/^Earnings:(\d+)$/, (_, row: string) => `Earnings:${tagAt.get(Number(row))}`);
  return ledger.findings
    .map((f) => JSON.stringify({ ...f, message: f.file === 'Earnings' ? '' : f.message, line: f.file === 'Earnings' ? tagAt.get(f.line!) : f.line, expected: named(f.expected), actual: named(f.actual) }))
    .sort();
}

describe('a sorted Earnings table', () => {
  test('gives the balances and findings of the table as imported', () => {
    fc.assert(
      fc.property(fc.array(fc.array(rowArb, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 3 }), fc.array(fc.double({ noNaN: true }), { minLength: 40, maxLength: 40 }), (downloads, keys) => {
        const headers = EARNINGS_COLUMNS.map((c) => c.name);
        // Imported one at a time, as the pane's Import does: each import numbers its rows after the table's.
        let rows: unknown[][] = [];
        let all = headers;
        for (const [i, rowsOfDownload] of downloads.entries()) {
          const plan = planImport(all, new Map(), [parseExportText(`d${i}.csv`, text(rowsOfDownload))], undefined, { firstOrder: nextImportOrderOf({ headers: all, rows, rowNumbers: rows.map((_, r) => r + 2), dateSystem: '1900' as const }), dateSystem: '1900' });
          all = [...all, ...plan.newColumns];
          rows = [...rows.map((r) => [...r, ...new Array<unknown>(all.length - r.length).fill('')]), ...plan.cells];
        }
        const table = (body: unknown[][]): TableData => ({ name: 'Earnings', headers: all, rows: body, rowNumbers: body.map((_, i) => i + 2), dateSystem: '1900' as const });
        const sortedRows = rows.map((row, i) => ({ row, key: keys[i % keys.length]! + i * 1e-9 })).sort((a, b) => a.key - b.key).map((r) => r.row);
        const options = { asOf: isoDate('2021-08-10'), settings: DEFAULT_SETTINGS };
        const [asImported, sorted] = [table(rows), table(sortedRows)];
        const a = computeLedger({ earnings: asImported, programs: null, claims: null }, options);
        const b = computeLedger({ earnings: sorted, programs: null, claims: null }, options);
        expect(b.balances).toEqual(a.balances);
        expect(byTag(b, sorted)).toEqual(byTag(a, asImported));
      }),
      { numRuns: 300 },
    );
  });
});
