/**
 * A workbook in Excel's 1904 date system (docs/RULES.md, "Workbook cells"): the same exports
 * imported, the same claim added and the same recalculation give the same ledger as in a 1900
 * workbook, every date cell the add-in writes holding the date's 1904 serial (1,462 less), in as
 * many syncs.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { fake } from './fake-excel.js';
import { importExports, loadWorkbook, writeBalances } from '../../addin/taskpane/workbook-ops.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import { isoDate, toExcelSerial, type IsoDate } from '../../core/calendar/calendar-date.js';
import { balanceRow } from '../../core/pools/balance-row.js';
import { BALANCES_COLUMNS, CLAIM_HISTORY_COLUMNS, CLAIMS_COLUMNS, EARNINGS_COLUMNS, IMPORT_LOG_COLUMNS, PAYMENTS_COLUMNS, PROGRAMS_COLUMNS, TABLES, type ColumnSpec } from '../../core/workbook-layout.js';
import { recordToCells } from '../../addin/excel/record-cells.js';
import { addClaim, freshWorkbook } from './workbook-session.js';
import { existingEarnings, planImport } from '../../addin/import/plan-import.js';
import { existingPayments, planPaymentsImport } from '../../addin/import/plan-payments-import.js';

const FILES = ['earnings_2020-07_2021-06.csv', 'earnings_2021-07_2021-11.tsv', 'earnings_2021-11_2022-02.csv', 'earnings_2021-01_2021-06_paid.csv'];

/** What a team does in a fresh workbook: set-up, an as-of date, the sample exports and Payments report imported (twice: the second logs its repeats), a claim, Recalculate. */
async function session(date1904: boolean) {
  await freshWorkbook('2022-02-10', date1904);
  const files = [...FILES.map((f) => parseExportText(f, readFileSync(`samples/earnings/${f}`, 'utf8'))), parseExportText('payments.csv', readFileSync('samples/payments.csv', 'utf8'))];
  const before = fake.model.syncs;
  await importExports(files, () => undefined);
  await importExports(files, () => undefined);
  await addClaim(
    {
      claimId: 'CLM-9', participantId: '4410021', programName: 'CSP Indirect Reseller', activityType: 'Event', activityName: 'Roadshow',
      activityStart: '2021-10-01', activityEnd: '2021-10-02', currency: 'EUR', amountClaimed: '1000', status: 'Submitted', submittedDate: '2022-02-01',
      invoices: 'i.pdf', proofs: 'p.pdf',
    },
    '2022-02-01',
  );
  const state = await loadWorkbook({ reread: true });
  await writeBalances(state.ledger);
  const syncs = fake.model.syncs - before;
  // Read again from the cells written: the pane's next load.
  const again = await loadWorkbook({ reread: true });
  const tables = Object.fromEntries([TABLES.balances, TABLES.earnings, TABLES.claims, TABLES.claimHistory, TABLES.payments, TABLES.importLog].map((t) => [t, fake.tableValues(t)!]));
  return { state, again, tables, syncs };
}

const DATE_COLUMNS: Record<string, readonly ColumnSpec[]> = {
  [TABLES.balances]: BALANCES_COLUMNS,
  [TABLES.earnings]: EARNINGS_COLUMNS,
  [TABLES.claims]: CLAIMS_COLUMNS,
  [TABLES.claimHistory]: CLAIM_HISTORY_COLUMNS,
  [TABLES.payments]: PAYMENTS_COLUMNS,
  [TABLES.importLog]: IMPORT_LOG_COLUMNS,
};

describe('a workbook in the 1904 date system', () => {
  test('imports, adds a claim and recalculates to the ledger a 1900 workbook gives, every date cell its 1904 serial, in as many syncs', async () => {
    const in1900 = await session(false);
    const in1904 = await session(true);
    expect(in1904.state.dateSystem).toBe('1904');
    expect(in1900.state.dateSystem).toBe('1900');
    // The same ledger: balances, claims, findings and problems, read from either workbook's cells.
    expect(in1904.state.ledger.balances.length).toBeGreaterThan(5);
    expect(in1904.state.ledger.claims).toHaveLength(1);
    expect(in1904.state.ledger.problems).toEqual([]);
    for (const part of ['balances', 'claims', 'findings', 'problems'] as const) {
      expect(JSON.stringify(in1904.state.ledger[part])).toBe(JSON.stringify(in1900.state.ledger[part]));
      expect(JSON.stringify(in1904.again.ledger[part])).toBe(JSON.stringify(in1900.state.ledger[part]));
    }
    // No sync of its own: the date system is asked with each operation's first loads.
    expect(in1904.syncs).toBe(in1900.syncs);
    let dates = 0;
    for (const [name, columns] of Object.entries(DATE_COLUMNS)) {
      const a = in1900.tables[name]!;
      const b = in1904.tables[name]!;
      expect(b.headers).toEqual(a.headers);
      expect(b.rows.length).toBeGreaterThan(0);
      expect(b.rows.length).toBe(a.rows.length);
      a.headers.forEach((header, c) => {
        const isDate = columns.some((column) => column.name === header && column.kind === 'date');
        a.rows.forEach((row, r) => {
          const cell = b.rows[r]![c];
          if (isDate && typeof row[c] === 'number') {
            dates++;
            expect([name, header, cell]).toEqual([name, header, (row[c] as number) - 1462]);
          } else expect([name, header, cell]).toEqual([name, header, row[c]]);
        });
      });
    }
    expect(dates).toBeGreaterThan(100);
    // Known cells: the claim's activity start, and the first pool's claim end, as a 1904 workbook holds them.
    const claims = in1904.tables[TABLES.claims]!;
    expect(claims.rows[0]![claims.headers.indexOf('activityStart')]).toBe(toExcelSerial(isoDate('2021-10-01'), '1904'));
    const balances = in1904.tables[TABLES.balances]!;
    const first = in1904.state.ledger.balances[0]!;
    expect(balances.rows[0]![balances.headers.indexOf('claimEnd')]).toBe(toExcelSerial(balanceRow(first).claimEnd as IsoDate, '1904'));
  }, 60_000);
});

describe('the planners are told the date system, never assume one', () => {
  const EARNINGS = EARNINGS_COLUMNS.map((c) => c.name);
  const PAYMENTS = PAYMENTS_COLUMNS.map((c) => c.name);
  const earnings = parseExportText('e.csv', 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency\nE1,P1,Hosting,Co-op,10.00,10.00,2021-01-05,USD\n');
  const payments = parseExportText('p.csv', 'participantId,programName,earned,earnedUSD,totalPayment,earnedCurrencyCode,paymentCurrencyCode,paymentId,paymentStatus,paymentDate\nP1,Hosting,10.00,10.00,10.00,USD,USD,PAY-1,Sent,2021-08-15\n');
  const at = (row: readonly unknown[], headers: readonly string[], column: string) => row[headers.indexOf(column)];

  test.each(['1900', '1904'] as const)('an Earnings import planned for a %s workbook writes its dates in it and reads them back as the same earnings', (system) => {
    const plan = planImport(EARNINGS, new Map(), [earnings], undefined, { dateSystem: system });
    const headers = [...EARNINGS, ...plan.newColumns];
    expect(at(plan.cells[0]!, headers, 'earningDate')).toBe(toExcelSerial(isoDate('2021-01-05'), system));
    // The same file again, against the rows as that workbook holds them: nothing new.
    const held = existingEarnings({ headers, rows: plan.cells, rowNumbers: [2], dateSystem: system });
    const again = planImport(headers, held, [earnings], undefined, { dateSystem: system });
    expect(again.cells).toEqual([]);
    expect(again.skipped.map((k) => k.code)).toEqual(['duplicate_earning']);
  });

  test.each(['1900', '1904'] as const)('a Payments import planned for a %s workbook writes its dates in it and reads them back as the same payment', (system) => {
    const plan = planPaymentsImport(PAYMENTS, new Map(), [payments], { dateSystem: system });
    const headers = [...PAYMENTS, ...plan.newColumns];
    expect(at(plan.cells[0]!, headers, 'paymentDate')).toBe(toExcelSerial(isoDate('2021-08-15'), system));
    const held = existingPayments({ headers, rows: plan.cells, rowNumbers: [2], dateSystem: system });
    const again = planPaymentsImport(headers, held, [payments], { dateSystem: system });
    expect(again.cells).toEqual([]);
    expect(again.updates).toEqual([]);
  });

  test('a caller that leaves the date system out does not compile (checked by npm run typecheck)', () => {
    // Never run: only the compiler reads these calls. Each line must stay an error.
    const calls = () => {
      // @ts-expect-error the options, and the date system in them, are required
      planImport(EARNINGS, new Map(), [earnings]);
      // @ts-expect-error the date system is required
      planImport(EARNINGS, new Map(), [earnings], undefined, {});
      // @ts-expect-error the options, and the date system in them, are required
      planPaymentsImport(PAYMENTS, new Map(), [payments]);
      // @ts-expect-error the date system is required
      planPaymentsImport(PAYMENTS, new Map(), [payments], {});
      // @ts-expect-error a table read says which system its date cells are in
      existingEarnings({ headers: EARNINGS, rows: [], rowNumbers: [] });
      // @ts-expect-error a layout with a date column is written in the workbook's date system
      recordToCells({}, CLAIMS_COLUMNS);
      // A layout without one (Programs) needs none.
      recordToCells({}, PROGRAMS_COLUMNS);
    };
    expect(typeof calls).toBe('function');
  });
});

describe('a date before 1904-01-01 in a 1904 workbook', () => {
  const EXPORT = [
    'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency',
    'E1,P1,Hosting,Co-op,10.00,10.00,1903-12-31,USD',
    'E2,P1,Hosting,Co-op,20.00,20.00,1900-03-01,USD',
    'E3,P1,Hosting,Co-op,30.00,30.00,2021-01-05,USD',
  ].join('\n');

  /** Import, a claim, Recalculate, and the same export again, in a fresh workbook of either system. */
  async function early(date1904: boolean) {
    await freshWorkbook('2022-02-10', date1904);
    await importExports([parseExportText('e.csv', EXPORT)], () => undefined);
    await addClaim(
      {
        claimId: 'CLM-1', participantId: 'P1', programName: 'Hosting', activityType: 'Event', activityName: 'Fair',
        activityStart: '1903-11-01', activityEnd: '1903-11-02', currency: 'USD', amountClaimed: '1', status: 'Submitted', submittedDate: '1903-12-01',
        invoices: 'i.pdf', proofs: 'p.pdf',
      },
      '1903-12-01',
    );
    await writeBalances((await loadWorkbook({ reread: true })).ledger);
    const again = await importExports([parseExportText('e.csv', EXPORT)], () => undefined);
    const state = await loadWorkbook({ reread: true });
    const tables = Object.fromEntries([TABLES.earnings, TABLES.claims, TABLES.claimHistory, TABLES.balances].map((t) => [t, fake.tableValues(t)!]));
    return { state, again, tables };
  }
  const cell = (table: { headers: string[]; rows: unknown[][] }, row: number, column: string) => table.rows[row]![table.headers.indexOf(column)];

  test('is written as its ISO text, which reads back as the same date: the ledger a 1900 workbook gives, and a re-import adds nothing', async () => {
    const in1900 = await early(false);
    const in1904 = await early(true);
    for (const part of ['balances', 'claims', 'findings', 'problems'] as const) {
      expect(JSON.stringify(in1904.state.ledger[part])).toBe(JSON.stringify(in1900.state.ledger[part]));
    }
    // Every row was read: none refused as a date that is no date.
    expect(in1904.state.ledger.problems).toEqual([]);
    expect(in1904.state.ledger.claims.map((c) => c.claim.activityStart)).toEqual(['1903-11-01']);
    expect(in1904.again.written).toBe(0);
    expect(in1904.again.plan.skipped.map((s) => s.code)).toEqual(['duplicate_earning', 'duplicate_earning', 'duplicate_earning']);
    const earnings = in1904.tables[TABLES.earnings]!;
    expect([0, 1, 2].map((r) => cell(earnings, r, 'earningDate'))).toEqual(['1903-12-31', '1900-03-01', toExcelSerial(isoDate('2021-01-05'), '1904')]);
    // In the 1900 workbook the same dates have serials.
    expect(cell(in1900.tables[TABLES.earnings]!, 1, 'earningDate')).toBe(toExcelSerial(isoDate('1900-03-01'), '1900'));
    const claims = in1904.tables[TABLES.claims]!;
    expect([cell(claims, 0, 'activityStart'), cell(claims, 0, 'submittedDate')]).toEqual(['1903-11-01', '1903-12-01']);
    expect(cell(in1904.tables[TABLES.claimHistory]!, 0, 'at')).toBe('1903-12-01');
    // The 1900 pool's windows are all before 1904 too, written as text in Balances.
    const balances = in1904.tables[TABLES.balances]!;
    expect(balances.rows.some((row) => row.some((v) => v === '1901-02-15'))).toBe(true);
  }, 60_000);
});
