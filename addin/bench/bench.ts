/**
 * The add-in benchmark's page. By default: computing balances for 100,000 earnings rows and 2,000
 * claims in the browser, from table data shaped exactly as Excel returns it (numbers for amounts,
 * serials for dates), through the same computeLedger the task pane and COOP.AVAILABLE use
 * (`?rows=&claims=&runs=` change the sizes). With `?import=URL`: the import of that export file
 * into the fake workbook, end to end (import-bench.ts). Run by scripts/bench-addin.mjs.
 */
import { CLAIMS_COLUMNS, EARNINGS_COLUMNS } from '../../core/workbook-layout.js';
import { addDays, toExcelSerial, type IsoDate } from '../../core/calendar/calendar-date.js';
import { withSettings } from '../../core/settings.js';
import { computeLedger } from '../ledger/workbook-ledger.js';
import { balanceToCells } from '../ledger/workbook-ledger.js';
import type { TableData } from '../excel/table-io.js';
import { runImportBench } from './import-bench.js';

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
    row[index.get('earningDate')!] = toExcelSerial(addDays(start, Math.floor(next() * 730)));
    row[index.get('transactionCurrency')!] = currency;
    row[index.get('transactionId')!] = `TX-${Math.floor(i / 2)}`;
    row[index.get('paymentStatus')!] = 'Upcoming';
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
      activityStart: toExcelSerial(activityStart),
      activityEnd: toExcelSerial(activityStart),
      currency: homeCurrency(participant),
      amountClaimed: 100 + Math.floor(next() * 5000),
      status: pick(statuses),
      invoices: 'inv.pdf',
      proofs: 'poe.pdf',
    };
    claimRows.push(claimHeaders.map((h) => values[h] ?? ''));
  }
  const indexes = (n: number) => Array.from({ length: n }, (_, i) => i);
  return {
    earnings: { name: 'Earnings', headers, rows: earningRows, rowIndexes: indexes(rows) },
    claims: { name: 'Claims', headers: claimHeaders, rows: claimRows, rowIndexes: indexes(claims) },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function run(): void {
  const params = new URLSearchParams(location.search);
  const rows = Number.parseInt(params.get('rows') ?? '100000', 10);
  const claimCount = Number.parseInt(params.get('claims') ?? '2000', 10);
  const runs = Number.parseInt(params.get('runs') ?? '5', 10);
  const participants = Number.parseInt(params.get('participants') ?? '20', 10);
  const tables = generateTables(rows, claimCount, participants);
  const settings = withSettings();
  const once = () => {
    const t0 = performance.now();
    const ledger = computeLedger({ earnings: tables.earnings, programs: null, claims: tables.claims }, { asOf: '2022-02-10' as IsoDate, settings });
    const cells = ledger.balances.map(balanceToCells);
    return { ms: performance.now() - t0, pools: cells.length, claims: ledger.claims.length };
  };
  once(); // warm-up: JIT and the date cache, as after the pane's first load
  const timings: number[] = [];
  let last = { ms: 0, pools: 0, claims: 0 };
  for (let i = 0; i < runs; i++) {
    last = once();
    timings.push(last.ms);
  }
  const result = { rows, claims: claimCount, participants, pools: last.pools, runs, medianMs: Math.round(median(timings) * 10) / 10, timingsMs: timings.map((t) => Math.round(t * 10) / 10) };
  publish(result);
}

function publish(result: unknown): void {
  (window as unknown as { __benchResult: unknown }).__benchResult = result;
  document.getElementById('result')!.textContent = JSON.stringify(result, null, 2);
}

const exportUrl = new URLSearchParams(location.search).get('import');
if (exportUrl === null) setTimeout(run, 0);
else {
  const params = new URLSearchParams(location.search);
  const runs = Number.parseInt(params.get('runs') ?? '3', 10);
  runImportBench(exportUrl, runs, params.get('warmup') !== '0').then(publish, (error: unknown) => publish({ error: String(error) }));
}
