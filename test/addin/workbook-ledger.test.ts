import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { computeLedger, readEarningsPass } from '../../addin/ledger/workbook-ledger.js';
import { policyCatalog } from '../../core/policy/policy-catalog.js';
import { earningTypeKey } from '../../core/reconcile/earning-type.js';
import { amountFromCell, scaledAmountFromCell } from '../../addin/excel/cell-values.js';
import { ExactSum, scaledFromDec, scaledToDec } from '../../core/money/scaled-amount.js';
import { addCoopEarning, createPoolLedger } from '../../core/pools/pool-ledger.js';
import { computeBalances } from '../../core/pools/pool-balance.js';
import { fromExcelSerial, isoDate, toExcelSerial } from '../../core/calendar/calendar-date.js';
import { Dec } from '../../core/money/decimal.js';
import { DEFAULT_SETTINGS } from '../../core/settings.js';
import { EARNINGS_COLUMNS } from '../../core/workbook-layout.js';

const headers = EARNINGS_COLUMNS.map((c) => c.name);
const row = (v: Record<string, unknown>) => headers.map((h) => v[h] ?? '');

describe('exact sums of cell amounts', () => {
  test.each([[0.1], [1234.56], [-12.5], [0.0001], [999_999_999.99]])('%d is read as scaled integers exactly', (value) => {
    const n = scaledAmountFromCell(value)!;
    expect(scaledToDec(n).toString()).toBe(new Dec(value).toString());
  });

  test.each([[0.12345], [1e12], [Number.NaN], ['12.5']])('%j falls back to the decimal path', (value) => {
    expect(scaledAmountFromCell(value)).toBeNull();
  });

  // Cells as exports fill them: up to six decimals, up to a trillion (beyond the fast path's range).
  const cell = fc.tuple(fc.integer({ min: -1e15, max: 1e15 }), fc.integer({ min: 0, max: 6 })).map(([n, places]) => n / 10 ** places);

  test('a sum of many cells equals the decimal sum of the same cells', () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 300 }), (cells) => {
        const fast = new ExactSum();
        let slow = new Dec(0);
        for (const cell of cells) {
          const scaled = scaledAmountFromCell(cell);
          const exact = amountFromCell(cell);
          if (!exact.ok) return;
          fast.add(scaled ?? scaledFromDec(exact.value));
          slow = slow.plus(exact.value);
        }
        expect(fast.toDec().eq(slow)).toBe(true);
      }),
    );
  });
});

describe('computing the ledger from the Earnings table', () => {
  test('summing per pool first gives the balances of feeding core row by row', () => {
    const rows: unknown[][] = [];
    const participants = ['P1', 'P2', 'P3'];
    const currencies = ['EUR', 'USD', 'JPY'];
    for (let i = 0; i < 600; i++) {
      const currency = currencies[i % 3]!;
      const amount = i % 7 === 0 ? 1234.56789 + i : i % 11 === 0 ? 2e9 + i / 100 : (i * 37) / 100;
      rows.push(
        row({
          earningId: `E${i}`,
          participantId: participants[i % 3],
          programName: i % 2 ? 'Hosting' : 'Hosting Program',
          earningType: ['Co-op', 'Coop', 'COOP', 'Rebate'][i % 4],
          earningAmount: amount,
          earningAmountUSD: i % 13 === 0 ? '' : amount,
          earningDate: toExcelSerial(isoDate('2020-07-01'), '1900')! + ((i * 17) % 700),
          transactionCurrency: currency,
        }),
      );
    }
    const earnings = { name: 'Earnings', headers, rows, rowNumbers: rows.map((_, i) => i + 2), dateSystem: '1900' as const };
    const asOf = isoDate('2021-09-01');
    const ledger = computeLedger({ earnings, programs: null, claims: null }, { asOf, settings: DEFAULT_SETTINGS });

    const direct = createPoolLedger(DEFAULT_SETTINGS);
    for (const r of rows) {
      if (earningTypeKey(String(r[4])) !== 'coop') continue;
      const usd = r[6] === '' ? null : new Dec(r[6] as number);
      addCoopEarning(direct, {
        participantId: String(r[1]),
        programName: 'Hosting',
        earningDate: fromExcelSerial(r[7] as number, '1900')!,
        currency: String(r[8]),
        amount: new Dec(r[5] as number),
        amountUSD: usd,
      });
    }
    const expected = computeBalances(direct, { asOf, policyFor: () => ({ thresholdUSD: new Dec(1500) }) });
    const show = (b: (typeof expected)[number]) => [b.key, b.status, b.coopEarned.toString(), b.coopEarnedUSD.toString(), b.belowThreshold, b.available.toString()];
    expect(ledger.balances.map(show)).toEqual(expected.map(show));
    expect(ledger.balances.length).toBeGreaterThan(10);
  });
});

describe('the Earnings table through core\'s engine', () => {
  const asOf = isoDate('2021-09-01');
  const date = toExcelSerial(isoDate('2021-03-15'), '1900');
  // The header on sheet row 1, as set-up makes the table: its first row is sheet row 2.
  const table = (rows: unknown[][]) => ({ name: 'Earnings', headers, rows, rowNumbers: rows.map((_, i) => i + 2), dateSystem: '1900' as const });
  const coop = (id: string, type: string, amount: number | string, extra: Record<string, unknown> = {}) =>
    row({
      earningId: id, participantId: 'P1', programName: 'Hosting', earningType: type, earningAmount: amount, earningAmountUSD: amount,
      earningDate: date, transactionCurrency: 'USD', ...extra,
    });

  test('Co_op and Adjustment-Co-op rows count in the pool, as in the batch job', () => {
    const ledger = computeLedger(
      { earnings: table([coop('E1', 'Co-op', 100), coop('E2', 'Co_op', 20), coop('E3', 'Adjustment-Co-op', -5)]), programs: null, claims: null },
      { asOf, settings: DEFAULT_SETTINGS },
    );
    expect(ledger.balances.map((b) => b.coopEarned.toFixed())).toEqual(['115']);
  });

  test('a participant is named by the first non-empty participantName of its rows; rows without a name or an id name no one', () => {
    const named = (id: string, participantId: string, participantName: string) => coop(id, 'Co-op', 1, { participantId, participantName });
    const rows = [named('E1', 'P1', ''), named('E2', 'P1', 'First'), named('E3', 'P1', 'Second'), named('E4', '', 'Nobody'), named('E5', 'P2', ' Other '), named('E6', 'P3', '')];
    const pass = readEarningsPass(table(rows), policyCatalog(), DEFAULT_SETTINGS);
    expect([...pass.participantNames]).toEqual([
      ['P1', 'First'],
      ['P2', 'Other'],
    ]);
  });

  test('a row that cannot be read is a problem naming its table row, and the others still count', () => {
    const ledger = computeLedger(
      { earnings: table([coop('E1', 'Co-op', 100), coop('E2', 'Co-op', 'lots', { earningAmountUSD: '' }), coop('E3', 'Co-op', 7, { transactionCurrency: 'EURO' })]), programs: null, claims: null },
      { asOf, settings: DEFAULT_SETTINGS },
    );
    expect(ledger.problems.map((p) => [p.table, p.row, p.issues.map((i) => i.code)])).toEqual([
      ['Earnings', 3, ['invalid_amount']],
      ['Earnings', 4, ['invalid_currency']],
    ]);
    expect(ledger.balances.map((b) => b.coopEarned.toFixed())).toEqual(['100']);
  });

  test('a row core\'s acceptance rule refuses is left out as a problem: an empty required text, a pay-to currency or amount that cannot be read', () => {
    // The pay-to columns are the layout's own (an amount and a currency).
    const paid = (r: unknown[], currency: string, amount: unknown) =>
      r.map((cell, i) => (headers[i] === 'lastPaymentCurrency' ? currency : headers[i] === 'earningAmountInLastPaymentCurrency' ? amount : cell));
    const rows = [
      paid(coop('E1', 'Co-op', 100), 'gbp', 80),
      paid(coop('E2', 'Co-op', 10, { participantId: '' }), '', ''),
      paid(coop('E3', 'Co-op', 10, { programName: ' ' }), '', ''),
      paid(coop('E4', 'Co-op', 10), 'POUND', 8),
      paid(coop('E5', 'Co-op', 10), 'GBP', 'lots'),
    ];
    const ledger = computeLedger(
      { earnings: { name: 'Earnings', headers, rows, rowNumbers: rows.map((_, i) => i + 2), dateSystem: '1900' as const }, programs: null, claims: null },
      { asOf, settings: DEFAULT_SETTINGS },
    );
    expect(ledger.problems.map((p) => [p.row, p.issues.map((i) => [i.code, i.path[2]])])).toEqual([
      [3, [['missing_field', 'participantId']]],
      [4, [['missing_field', 'programName']]],
      [5, [['invalid_currency', 'lastPaymentCurrency']]],
      [6, [['invalid_amount', 'earningAmountInLastPaymentCurrency']]],
    ]);
    expect(ledger.balances.map((b) => b.coopEarned.toFixed())).toEqual(['100']);
  });

  test('an empty amount, date or currency cell is a missing field, as core\'s acceptance rule says, and a cell that cannot be read is invalid', () => {
    const rows = [
      coop('E1', 'Co-op', '', { earningAmountUSD: '' }),
      coop('E2', 'Co-op', 10, { earningDate: '  ' }),
      coop('E3', 'Co-op', 10, { transactionCurrency: '' }),
      coop('E4', 'Co-op', 'lots', { earningAmountUSD: '', earningDate: 'soon', transactionCurrency: 'EURO' }),
      coop('E5', 'Co-op', 10),
    ];
    const ledger = computeLedger({ earnings: table(rows), programs: null, claims: null }, { asOf, settings: DEFAULT_SETTINGS });
    expect(ledger.problems.map((p) => [p.row, p.issues.map((i) => [i.code, i.path[2], i.input])])).toEqual([
      [2, [['missing_field', 'earningAmount', '']]],
      [3, [['missing_field', 'earningDate', '']]],
      [4, [['missing_field', 'transactionCurrency', '']]],
      [5, [['invalid_amount', 'earningAmount', 'lots'], ['invalid_date', 'earningDate', 'soon'], ['invalid_currency', 'transactionCurrency', 'EURO']]],
    ]);
    expect(ledger.balances.map((b) => b.coopEarned.toFixed())).toEqual(['10']);
  });

  test('with a repeated earningId the table is read twice: each row that cannot be read is one problem, each repeat one finding on its row', () => {
    const ledger = computeLedger(
      { earnings: table([coop('E1', 'Co-op', 100), coop('E2', 'Co-op', 'lots', { earningAmountUSD: '' }), coop('E1', 'Co-op', 100), coop('E3', 'Co-op', 5)]), programs: null, claims: null },
      { asOf, settings: DEFAULT_SETTINGS },
    );
    expect(ledger.problems.map((p) => [p.row, p.issues.map((i) => i.code)])).toEqual([[3, ['invalid_amount']]]);
    expect(ledger.findings.filter((f) => f.code === 'duplicate_earning').map((f) => [f.line, f.earningId])).toEqual([[4, 'E1']]);
    expect(ledger.balances.map((b) => b.coopEarned.toFixed())).toEqual(['105']);
  });

  test('a repeated earningId is compared by reading its rows again, by table row, when blank rows were left out of the body', () => {
    // Sheet rows 2, 4 and 7 hold data (3 and 5-6 were blank, so Excel's read left them out).
    const earnings = { name: 'Earnings', headers, rows: [coop('E1', 'Co-op', 100), coop('E2', 'Co-op', 5), coop('E1', 'Co-op', 101)], rowNumbers: [2, 4, 7], dateSystem: '1900' as const };
    const ledger = computeLedger({ earnings, programs: null, claims: null }, { asOf, settings: DEFAULT_SETTINGS });
    expect(ledger.findings.filter((f) => f.code === 'conflicting_duplicate').map((f) => [f.line, f.earningId, f.expected])).toEqual([[7, 'E1', 'Earnings:2']]);
    expect(ledger.balances.map((b) => b.coopEarned.toFixed())).toEqual(['106']);
  });

  test('an earning type the ledger does not know is one unknown_earning_type warning for the table, at its first row, counting each earning once', () => {
    const ledger = computeLedger(
      {
        earnings: table([coop('E1', 'Co-op', 100), coop('E2', 'Cooop', 20), coop('E3', 'CO OOP', 5), coop('E2', 'Cooop', 20), coop('E4', 'Bonus', 1)]),
        programs: null,
        claims: null,
      },
      { asOf, settings: DEFAULT_SETTINGS },
    );
    expect(ledger.findings.filter((f) => f.code === 'unknown_earning_type').map((f) => [f.severity, f.file, f.line, f.participantId, f.programName, f.actual])).toEqual([
      ['warning', 'Earnings', 3, 'P1', 'Hosting', '2'],
      ['warning', 'Earnings', 6, 'P1', 'Hosting', '1'],
    ]);
    // Counted as other: the pool holds the Co-op row alone.
    expect(ledger.balances.map((b) => b.coopEarned.toFixed())).toEqual(['100']);
  });

  test('the workbook gets the batch job\'s findings: a split that does not match the share is reported on its row', () => {
    const split = (id: string, type: string, amount: number) => coop(id, type, amount, { programName: 'CSP Indirect Reseller', transactionId: 'T1', lever: 'Azure' });
    const ledger = computeLedger(
      { earnings: table([coop('E0', 'Co-op', 1), split('E1', 'Rebate', 50), split('E2', 'Co-op', 50)]), programs: null, claims: null },
      { asOf, settings: DEFAULT_SETTINGS },
    );
    expect(ledger.findings.filter((f) => f.code === 'split_mismatch').map((f) => [f.file, f.line, f.transactionId])).toEqual([['Earnings', 3, 'T1']]);
  });
});
