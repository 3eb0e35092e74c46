// The batch job's ledger alone, in its own process, over records read once into memory:
//   node scripts/bench/ledger-alone.mjs FILE [ROUNDS]
// Reads FILE with the job's earnings reader (build/batch/input/read-earnings.js), keeps every
// record, then feeds them ROUNDS times (default 9) to core's ledger (`readEarningsLedger`) with the
// job's own disk-backed earningId log and finding spill. What the ledger's per-row work costs,
// without the reading and the reports; the CPU time (user + system) of each round is measured
// in-process, so load from elsewhere moves it less than wall time. Prints one JSON line: rows,
// the median and fastest round in CPU ms, and the median in CPU µs per row. Keep FILE small
// (200k rows take about 0.5 GB held in memory).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const load = (path) => import(join(root, 'build', path));
const { readEarnings } = await load('batch/input/read-earnings.js');
const { fileSource } = await load('batch/input/input-source.js');
const { readEarningsLedger } = await load('core/reconcile/earnings-ledger.js');
const { EarningIdLog } = await load('batch/reconcile/earning-id-log.js');
const { FindingSpill } = await load('batch/reconcile/finding-spill.js');
const { DEFAULT_SETTINGS } = await load('core/settings.js');
const { policyCatalog } = await load('core/policy/policy-catalog.js');

const file = process.argv[2];
const rounds = Number.parseInt(process.argv[3] ?? '9', 10);
if (!file || !(rounds > 0)) throw new Error('usage: node scripts/bench/ledger-alone.mjs FILE [ROUNDS]');
const records = [];
let errors = 0;
await readEarnings(fileSource(file), { onRow: (r) => records.push(r), onIssue: (i) => void (i.severity === 'error' && errors++) });
if (errors > 0) throw new Error(`${errors} errors reading ${file}`);

const catalog = policyCatalog();
const cpuMs = [];
for (let i = 0; i < rounds; i++) {
  const ids = new EarningIdLog();
  const duplicates = new FindingSpill();
  const before = process.cpuUsage();
  await readEarningsLedger({ catalog, settings: DEFAULT_SETTINGS, stores: { ids, duplicates } }, async (visit) => {
    visit.beginSource(file, 0);
    for (const r of records) visit.row(r);
  });
  const used = process.cpuUsage(before);
  cpuMs.push((used.user + used.system) / 1000);
  ids.dispose();
  duplicates.dispose();
}
cpuMs.sort((a, b) => a - b);
const median = cpuMs[cpuMs.length >> 1];
console.log(JSON.stringify({ rows: records.length, rounds, medianCpuMs: Math.round(median), fastestCpuMs: Math.round(cpuMs[0]), cpuMicrosPerRow: Number(((1000 * median) / records.length).toFixed(2)) }));
