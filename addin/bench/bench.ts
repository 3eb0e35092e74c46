/**
 * The add-in benchmark's page. By default: computing balances for 100,000 earnings rows and 2,000
 * claims in the browser, from table data shaped exactly as Excel returns it (numbers for amounts,
 * serials for dates), through the same functions the task pane and COOP.AVAILABLE use, once after
 * the Earnings table changed and once after a claim edit (`?rows=&claims=&runs=` change the sizes). With `?import=URL`: the import of that export file
 * into the fake workbook, end to end (import-bench.ts). Run by scripts/bench-addin.mjs.
 */
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { withSettings } from '../../core/settings.js';
import { balanceToCells, catalogOf, computeLedger, readEarningsPass, settleLedger } from '../ledger/workbook-ledger.js';
import { runImportBench } from './import-bench.js';
import { ClaimParses } from '../ledger/claim-parses.js';
import { generateTables } from './generate-tables.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed(runs: number, once: () => { pools: number }): { medianMs: number; timingsMs: number[]; pools: number } {
  once(); // warm-up: JIT and the date cache, as after the pane's first load
  const timings: number[] = [];
  let pools = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    pools = once().pools;
    timings.push(performance.now() - t0);
  }
  return { medianMs: Math.round(median(timings) * 10) / 10, timingsMs: timings.map((t) => Math.round(t * 10) / 10), pools };
}

/**
 * Three recalculations: everything from scratch (`computeLedger`: the pane's first load, nothing
 * kept yet); after the Earnings table changed, or the Recalculate button (every earnings row through
 * the engine, the unchanged claims' parses kept, as load-ledger.ts does); and after a claim edit
 * (the kept pass settled against the edited Claims table).
 */
function run(): void {
  const params = new URLSearchParams(location.search);
  const rows = Number.parseInt(params.get('rows') ?? '100000', 10);
  const claimCount = Number.parseInt(params.get('claims') ?? '2000', 10);
  const runs = Number.parseInt(params.get('runs') ?? '5', 10);
  const participants = Number.parseInt(params.get('participants') ?? '20', 10);
  let tables: ReturnType<typeof generateTables> | null = generateTables(rows, claimCount, participants);
  const settings = withSettings();
  const options = { asOf: '2022-02-10' as IsoDate, settings };
  const scratch = timed(runs, () => {
    const ledger = computeLedger({ earnings: tables!.earnings, programs: null, claims: tables!.claims }, options);
    return { pools: ledger.balances.map(balanceToCells).length };
  });
  const programs = catalogOf(null);
  const parses = new ClaimParses();
  const earningsChange = timed(runs, () => {
    const ledger = settleLedger(readEarningsPass(tables!.earnings, programs.catalog, settings), programs, tables!.claims, options, parses);
    return { pools: ledger.balances.map(balanceToCells).length };
  });
  const kept = readEarningsPass(tables.earnings, programs.catalog, settings);
  const claims = tables.claims;
  // The pane keeps the pass, not the Earnings table's rows (load-ledger.ts): neither does this.
  tables = null;
  const amount = claims.headers.indexOf('amountClaimed');
  let edits = 0;
  const claimEdit = timed(runs, () => {
    // A user edits one claim's amount between recalculations.
    const row = claims.rows[edits++ % claims.rows.length]!;
    row[amount] = Number(row[amount]) + 1;
    const ledger = settleLedger(kept, programs, claims, options, parses);
    return { pools: ledger.balances.map(balanceToCells).length };
  });
  publish({ rows, claims: claimCount, participants, pools: scratch.pools, runs, scratch, earningsChange, claimEdit });
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
