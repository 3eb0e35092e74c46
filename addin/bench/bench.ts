/**
 * The add-in benchmark's page. By default: computing balances for 100,000 earnings rows and 2,000
 * claims in the browser, from table data shaped exactly as Excel returns it (numbers for amounts,
 * serials for dates), through the same computeLedger the task pane and COOP.AVAILABLE use
 * (`?rows=&claims=&runs=` change the sizes). With `?import=URL`: the import of that export file
 * into the fake workbook, end to end (import-bench.ts). Run by scripts/bench-addin.mjs.
 */
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { withSettings } from '../../core/settings.js';
import { computeLedger } from '../ledger/workbook-ledger.js';
import { balanceToCells } from '../ledger/workbook-ledger.js';
import { runImportBench } from './import-bench.js';
import { generateTables } from './generate-tables.js';

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
