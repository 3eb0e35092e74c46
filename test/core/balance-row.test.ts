import { describe, expect, test } from 'vitest';
import { balanceRow } from '../../core/pools/balance-row.js';
import { BALANCES_COLUMNS } from '../../core/workbook-layout.js';
import { computeLedger } from '../../addin/ledger/workbook-ledger.js';
import { DEFAULT_SETTINGS } from '../../core/settings.js';
import { isoDate } from '../../core/calendar/calendar-date.js';
import { EARNINGS_COLUMNS } from '../../core/workbook-layout.js';

describe("core's Balances row", () => {
  const headers = EARNINGS_COLUMNS.map((c) => c.name);
  const earning: Record<string, unknown> = {
    earningId: 'E1', participantId: 'P1', programName: 'CSP Indirect Reseller', earningType: 'Co-op', earningAmount: 100,
    earningAmountUSD: 100, earningDate: '2021-03-15', transactionCurrency: 'USD',
  };
  const ledger = computeLedger(
    { earnings: { name: 'Earnings', headers, rows: [headers.map((h) => earning[h] ?? '')], rowNumbers: [2], dateSystem: '1900' as const }, programs: null, claims: null },
    { asOf: isoDate('2021-09-01'), settings: DEFAULT_SETTINGS },
  );
  const row = balanceRow(ledger.balances[0]!);

  test('names exactly the columns of the Balances layout', () => {
    expect(Object.keys(row).sort()).toEqual(BALANCES_COLUMNS.map((c) => c.name).sort());
  });

  test("a window's end is its last day, inclusive: FY21 H2 earns to June 30 and is used to December 31", () => {
    expect([row.earningStart, row.earningEnd, row.usageStart, row.usageEnd]).toEqual(['2021-01-01', '2021-06-30', '2021-07-01', '2021-12-31']);
  });
});
