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

interface Timed {
  medianMs: number;
  timingsMs: number[];
}

function summary(timings: number[]): Timed {
  return { medianMs: Math.round(median(timings) * 10) / 10, timingsMs: timings.map((t) => Math.round(t * 10) / 10) };
}

function time(once: () => void): number {
  const t0 = performance.now();
  once();
  return performance.now() - t0;
}

/**
 * Three recalculations: everything from scratch (`computeLedger`: the pane's first load, nothing
 * kept yet); after the Earnings table changed, or the Recalculate button (every earnings row through
 * the engine, the unchanged claims' parses kept, as load-ledger.ts does); and after a claim edit
 * (the kept pass settled against the edited Claims table).
 *
 * The very first run from scratch is timed on its own (`cold`): the code not compiled yet and the
 * heap at its first size, as in a fresh Excel session. Then each is run once more to warm up and
 * `runs` rounds follow, the three taking turns: the JIT's and the heap's warming up takes several
 * 100,000-row passes, and run one measure after another, the first measured took all of it.
 */
function run(): void {
  const params = new URLSearchParams(location.search);
  const rows = Number.parseInt(params.get('rows') ?? '100000', 10);
  const claimCount = Number.parseInt(params.get('claims') ?? '2000', 10);
  const runs = Number.parseInt(params.get('runs') ?? '5', 10);
  const participants = Number.parseInt(params.get('participants') ?? '20', 10);
  const tables = generateTables(rows, claimCount, participants);
  const settings = withSettings();
  const options = { asOf: '2022-02-10' as IsoDate, settings };
  let pools = 0;
  const scratch = () => {
    const ledger = computeLedger({ earnings: tables.earnings, programs: null, claims: tables.claims }, options);
    pools = ledger.balances.map((b) => balanceToCells(b, '1900')).length;
  };
  const cold = time(scratch);
  const programs = catalogOf(null);
  const parses = new ClaimParses();
  const earningsChange = () => {
    const ledger = settleLedger(readEarningsPass(tables.earnings, programs.catalog, settings), programs, tables, options, parses);
    pools = ledger.balances.map((b) => balanceToCells(b, '1900')).length;
  };
  const kept = readEarningsPass(tables.earnings, programs.catalog, settings);
  const claims = tables.claims;
  const amount = claims.headers.indexOf('amountClaimed');
  let edits = 0;
  const claimEdit = () => {
    // A user edits one claim's amount between recalculations.
    const row = claims.rows[edits++ % claims.rows.length]!;
    row[amount] = Number(row[amount]) + 1;
    const ledger = settleLedger(kept, programs, { claims }, options, parses);
    pools = ledger.balances.map((b) => balanceToCells(b, '1900')).length;
  };
  const measures = [scratch, earningsChange, claimEdit];
  for (const once of measures) once();
  const timings: number[][] = measures.map(() => []);
  for (let i = 0; i < runs; i++) measures.forEach((once, m) => timings[m]!.push(time(once)));
  const [scratchTimes, changeTimes, editTimes] = timings.map(summary) as [Timed, Timed, Timed];
  publish({ rows, claims: claimCount, participants, pools, runs, coldMs: Math.round(cold * 10) / 10, scratch: scratchTimes, earningsChange: changeTimes, claimEdit: editTimes });
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
