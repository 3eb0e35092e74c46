/**
 * The Claims table's rows are parsed once per distinct row and kept to the next recalculation; what
 * comes out must be exactly what parsing every row again gives, whatever was edited, sorted or
 * renamed in between.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readClaims } from '../../addin/ledger/workbook-ledger.js';
import { ClaimParses } from '../../addin/ledger/claim-parses.js';
import { CLAIMS_COLUMNS } from '../../core/workbook-layout.js';
import type { TableData } from '../../addin/excel/table-io.js';

const headers = CLAIMS_COLUMNS.map((c) => c.name);
// Cells as Excel returns them: numbers for amounts, serials or text for dates, and some that do not parse.
const cell = (name: string): fc.Arbitrary<unknown> => {
  switch (name) {
    case 'claimId':
      return fc.constantFrom('C1', 'C2', 'C3', '');
    case 'activityStart':
    case 'activityEnd':
    case 'submittedDate':
      return fc.constantFrom(44470, 44480, '2021-10-05', 'someday', '');
    case 'amountClaimed':
    case 'amountApproved':
      return fc.constantFrom(100, 250.5, '1,000.00', 'a lot', '');
    case 'currency':
      return fc.constantFrom('EUR', 'USD', 'XXQ', '');
    case 'status':
      return fc.constantFrom('Submitted', 'Approved', 'Editing', 'Unknown', '');
    default:
      return fc.constantFrom('x', 'CSP Indirect Reseller', '4410021', '');
  }
};
const row = fc.tuple(...headers.map(cell));
const table = (rows: unknown[][], names = headers): TableData => ({ name: 'Claims', headers: names, rows, rowNumbers: rows.map((_, i) => i + 2), dateSystem: '1900' as const });

const step = fc.record({
  edit: fc.option(fc.tuple(fc.nat(), fc.integer({ min: 0, max: headers.length - 1 }), fc.constantFrom<unknown>(44490, 'EUR', 300, 'Approved', 'C4', ''))),
  sorted: fc.boolean(),
  reordered: fc.boolean(),
});

describe('claims kept from one recalculation to the next', () => {
  test('give what parsing every row again gives, over a sequence of edits, sorts and reordered columns', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), fc.array(step, { minLength: 1, maxLength: 8 }), (start, steps) => {
        const parses = new ClaimParses();
        let rows: unknown[][] = start.map((r) => [...r]);
        for (const { edit, sorted, reordered } of steps) {
          if (edit) rows[edit[0] % rows.length]![edit[1]] = edit[2];
          if (sorted) rows = [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
          // The same cells under columns in another order are other claims: nothing kept may leak across.
          const t = reordered ? table(rows.map((r) => [...r].reverse()), [...headers].reverse()) : table(rows.map((r) => [...r].reverse()));
          expect(readClaims(t, parses)).toEqual(readClaims(t));
        }
      }),
    );
  });
});
