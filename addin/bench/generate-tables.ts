/**
 * The add-in benchmark's workbook: generated Earnings and Claims tables shaped exactly as Excel
 * returns them (numbers for amounts, serials for dates), the same every run. Apart from the page
 * (bench.ts) so that a Node script can profile `computeLedger` on the same tables.
 */
import { CLAIMS_COLUMNS, EARNINGS_COLUMNS, IMPORT_ORDER_COLUMN, TABLES } from '../../core/workbook-layout.js';
import { addDays, toExcelSerial, type IsoDate } from '../../core/calendar/calendar-date.js';
import type { TableData } from '../excel/table-io.js';
import { sheetRowBelowHeader } from '../../core/tables/table-location.js';

const PROGRAMS = ['CSP Indirect Reseller', 'CSP Direct Bill Partner', 'Hosting', 'Microsoft Commerce Incentives', 'Surface ADD'];
const CURRENCIES = ['EUR', 'USD', 'GBP', 'JPY'];

/** A small deterministic generator (the benchmark must measure the same data every run). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A partner's workbook: `participants` participant ids (a distributor's locations), each earning
 * in a home currency and, for some rows, USD; five programs; two fiscal years of earning dates.
 */
export function generateTables(rows: number, claims: number, participants = 20): { earnings: TableData; claims: TableData } {
  const next = lcg(42);
  const homeCurrency = (p: number) => CURRENCIES[p % CURRENCIES.length]!;
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const headers = EARNINGS_COLUMNS.map((c) => c.name);
  const index = new Map(headers.map((h, i) => [h, i]));
  const start = '2020-07-01' as IsoDate;
  const earningRows: unknown[][] = [];
  for (let i = 0; i < rows; i++) {
    const row: unknown[] = new Array(headers.length).fill('');
    const participant = Math.floor(next() * participants);
    const currency = next() < 0.3 ? 'USD' : homeCurrency(participant);
    const coop = i % 2 === 1;
    const cents = 1000 + Math.floor(next() * 500_000);
    const amount = currency === 'JPY' ? cents : cents / 100;
    row[index.get('earningId')!] = String(73_000_000 + i);
    row[index.get('participantId')!] = String(4_400_000 + participant);
    row[index.get('programName')!] = pick(PROGRAMS);
    row[index.get('earningType')!] = coop ? pick(['Co-op', 'Coop', 'COOP']) : 'Rebate';
    row[index.get('earningAmount')!] = amount;
    row[index.get('earningAmountUSD')!] = currency === 'JPY' ? Math.round(cents * 0.87) / 100 : amount;
    row[index.get('earningDate')!] = toExcelSerial(addDays(start, Math.floor(next() * 730)), '1900')!;
    row[index.get('transactionCurrency')!] = currency;
    row[index.get('transactionId')!] = `TX-${Math.floor(i / 2)}`;
    row[index.get('paymentStatus')!] = 'Upcoming';
    // As the import numbers the rows it writes (docs/RULES.md, "Reading order").
    row[index.get(IMPORT_ORDER_COLUMN)!] = i + 1;
    earningRows.push(row);
  }
  const claimHeaders = CLAIMS_COLUMNS.map((c) => c.name);
  const claimRows: unknown[][] = [];
  const statuses = ['Editing', 'Submitted', 'Under review', 'Approved', 'Rejected', 'Action required', 'Disputed'];
  for (let i = 0; i < claims; i++) {
    const activityStart = addDays('2021-01-05' as IsoDate, Math.floor(next() * 540));
    const participant = Math.floor(next() * participants);
    const values: Record<string, unknown> = {
      claimId: `CLM-${i}`,
      participantId: String(4_400_000 + participant),
      programName: pick(PROGRAMS),
      activityType: 'Event',
      activityName: `Activity ${i}`,
      activityStart: toExcelSerial(activityStart, '1900')!,
      activityEnd: toExcelSerial(activityStart, '1900')!,
      currency: homeCurrency(participant),
      amountClaimed: 100 + Math.floor(next() * 5000),
      status: pick(statuses),
      invoices: 'inv.pdf',
      proofs: 'poe.pdf',
    };
    claimRows.push(claimHeaders.map((h) => values[h] ?? ''));
  }
  // Each table as set-up makes it: the header on sheet row 1, the rows below it.
  const rowNumbers = (n: number) => Array.from({ length: n }, (_, i) => sheetRowBelowHeader(1, i));
  return {
    // The dates above are 1900 serials, as in a workbook of Excel's default system.
    earnings: { name: TABLES.earnings, headers, rows: earningRows, rowNumbers: rowNumbers(rows), dateSystem: '1900' },
    claims: { name: TABLES.claims, headers: claimHeaders, rows: claimRows, rowNumbers: rowNumbers(claims), dateSystem: '1900' },
  };
}
