// The batch benchmark: for each export shape, on the same generated file, in the same run,
// measures
//   1. raw read of the file (bytes only)
//   2. bare papaparse streaming parse of the text, header:false (no work per row); header:true
//      too with --header-true
//   3. the batch job's CSV reader alone (scripts/bench/read-records.mjs), no work per record
//   4. the full `coop-ledger reconcile` (all outputs written)
// each in a child process of its own (so its peak RSS is its own), once to warm up and then
// --runs times (default 3), the measures taking turns within each round so that the machine's
// load falls on them alike; prints the median wall time, rows/s, MB/s, peak RSS and the ratio of
// reconcile to the bare parse, and the median CPU time (user + system) of each child with its
// ratio: on a machine shared with other work, CPU time moves less with the load than wall time.
// Then runs scripts/bench-addin.mjs when present.
//
// Shapes (scripts/generate/bulk-export.ts): a = default (a name quoted when it holds a comma,
// about one line in ten), b = quoted-name (a quoted customer name in every row), c = all-quoted
// (every field quoted), d = narrow (the ledger's columns and a few more, 21 in all).
//
//   npm run bench                        every shape at 1M rows
//   npm run bench -- --all               every shape at 1M and 5M rows (5M is up to 2 GB on disk)
//   npm run bench -- --rows 100k --shapes a,c
//   npm run bench -- --runs 5 --no-build --no-addin --header-true
//   npm run bench -- --rows 5M --runs 1 --no-warmup       (a 5M file is too big to stay cached anyway)
//
// Exports are generated with the repo's generator (scripts/generate-exports.ts, seed 1) and
// cached in .bench-cache/ (git-ignored), so later runs start at once.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, '.bench-cache');

function parseArgs(argv) {
  const args = { rows: [], shapes: [], all: false, runs: 3, warmup: true, build: true, addin: true, headerTrue: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new RangeError(`${a} needs a value`);
      return v;
    };
    if (a === '--rows') args.rows.push(...value().split(',').map(parseCount));
    else if (a === '--shapes') args.shapes.push(...value().split(',').map(shapeOf));
    else if (a === '--header-true') args.headerTrue = true;
    else if (a === '--no-warmup') args.warmup = false;
    else if (a === '--all') args.all = true;
    else if (a === '--runs') args.runs = parseCount(value());
    else if (a === '--no-build') args.build = false;
    else if (a === '--no-addin') args.addin = false;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('npm run bench [-- --rows N[,N...]] [--shapes a,b,c,d] [--all] [--runs R] [--no-warmup] [--header-true] [--no-build] [--no-addin]\n');
      process.exit(0);
    } else throw new RangeError(`unknown option ${a}`);
  }
  if (args.rows.length === 0) args.rows = args.all ? [1_000_000, 5_000_000] : [1_000_000];
  if (args.shapes.length === 0) args.shapes = Object.values(SHAPES);
  return args;
}

const SHAPES = { a: 'default', b: 'quoted-name', c: 'all-quoted', d: 'narrow' };
const SHAPE_TITLES = {
  default: '(a) 90 columns, a name quoted in about one line in ten',
  'quoted-name': '(b) 90 columns, a quoted customer name in every row',
  'all-quoted': '(c) 90 columns, every field quoted',
  narrow: '(d) 21 columns (the ledger\'s and a few more)',
};

/** `a`..`d` or a generator shape name. */
function shapeOf(text) {
  const shape = SHAPES[text] ?? (Object.values(SHAPES).includes(text) ? text : undefined);
  if (!shape) throw new RangeError(`not a shape: ${text} (a, b, c, d or ${Object.values(SHAPES).join(', ')})`);
  return shape;
}

/** `100k`, `1M`, `1_000_000`, `1000000`. */
function parseCount(text) {
  const m = /^(\d[\d_]*)([kKmM]?)$/.exec(text);
  if (!m) throw new RangeError(`not a count: ${text}`);
  const n = Number.parseInt(m[1].replace(/_/g, ''), 10);
  return n * ({ k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[m[2]] ?? 1);
}

function label(rows) {
  return rows % 1_000_000 === 0 ? `${rows / 1_000_000}M` : rows % 1000 === 0 ? `${rows / 1000}k` : String(rows);
}

function exportFor(rows, shape) {
  const file = join(cache, shape === 'default' ? `earnings-${rows}-seed1.csv` : `earnings-${rows}-seed1-${shape}.csv`);
  if (existsSync(file)) return file;
  mkdirSync(cache, { recursive: true });
  const partial = `${file}.partial`;
  process.stdout.write(`generating ${label(rows)} rows (${shape}) into ${file} ...\n`);
  const r = spawnSync('npx', ['tsx', 'scripts/generate-exports.ts', '--rows', String(rows), '--seed', '1', '--shape', shape, '--out', partial], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('the generator failed');
  renameSync(partial, file);
  return file;
}

/** Runs a child; resolves with wall seconds, its stdout and exit code. */
function run(command, args, env = {}) {
  return new Promise((resolveRun, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolveRun({ seconds, stdout, stderr, code });
    });
  });
}

async function bare(mode, file) {
  const r = await run(process.execPath, [join(root, 'scripts/bench/bare-parse.mjs'), mode, file]);
  if (r.code !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  return { seconds: r.seconds, rssKB: out.maxRssKB, cpu: out.cpuSeconds, rows: out.rows };
}

async function readerOnce(file) {
  const r = await run(process.execPath, [join(root, 'scripts/bench/read-records.mjs'), file]);
  if (r.code !== 0) throw new Error(`the reader failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  return { seconds: r.seconds, rssKB: out.maxRssKB, cpu: out.cpuSeconds, rows: out.rows };
}

async function reconcileOnce(file, work) {
  const out = join(work, 'reports');
  const rssFile = join(work, 'rss');
  rmSync(out, { recursive: true, force: true });
  const r = await run(
    process.execPath,
    ['--import', join(root, 'scripts/bench/report-rss.mjs'), join(root, 'bin/coop-ledger.js'), 'reconcile', '--earnings', file, '--as-of', '2022-02-10', '--out', out, '--quiet', '--fail-on', 'never'],
    { BENCH_RSS_FILE: rssFile },
  );
  if (r.code !== 0) throw new Error(`reconcile exited ${r.code}: ${r.stderr}`);
  const usage = JSON.parse(readFileSync(rssFile, 'utf8'));
  return { seconds: r.seconds, rssKB: usage.maxRssKB, cpu: usage.cpuSeconds };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Each measure once to warm up (page cache, code cache), then `runs` rounds in which every
 * measure runs once in turn: a burst of load from elsewhere on the machine then falls on all of
 * them rather than on one.
 */
async function measureTogether(measures, runs, warmup) {
  if (warmup) for (const m of measures) await m.once();
  const results = measures.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < measures.length; j++) results[j].push(await measures[j].once());
  }
  return measures.map((m, j) => ({
    name: m.name,
    seconds: median(results[j].map((r) => r.seconds)),
    cpu: median(results[j].map((r) => r.cpu)),
    rssKB: Math.max(...results[j].map((r) => r.rssKB)),
    all: results[j].map((r) => r.seconds),
  }));
}

function pad(text, width, right = false) {
  text = String(text);
  return right ? text.padStart(width) : text.padEnd(width);
}

function printTable(rows, shape, bytes, results, floor) {
  const mb = bytes / 1e6;
  const cpuFloor = results.find((r) => r.name === 'papaparse header:false').cpu;
  process.stdout.write(
    `\n${SHAPE_TITLES[shape]}: ${label(rows)} rows, ${(bytes / 1e9).toFixed(2)} GB\n` +
      `${pad('measure', 22)}${pad('median s', 10, true)}${pad('rows/s', 12, true)}${pad('MB/s', 9, true)}${pad('peak RSS MB', 13, true)}${pad('x parse', 9, true)}` +
      `${pad('CPU s', 8, true)}${pad('x parse', 9, true)}   runs s\n`,
  );
  for (const r of results) {
    process.stdout.write(
      `${pad(r.name, 22)}${pad(r.seconds.toFixed(2), 10, true)}${pad(Math.round(rows / r.seconds).toLocaleString('en-US'), 12, true)}` +
        `${pad((mb / r.seconds).toFixed(0), 9, true)}${pad((r.rssKB / 1024).toFixed(0), 13, true)}${pad((r.seconds / floor).toFixed(2), 9, true)}` +
        `${pad(r.cpu.toFixed(2), 8, true)}${pad((r.cpu / cpuFloor).toFixed(2), 9, true)}   ${r.all.map((s) => s.toFixed(2)).join(' ')}\n`,
    );
  }
}

const args = parseArgs(process.argv.slice(2));
if (args.build) {
  const b = spawnSync('npm', ['run', '--silent', 'build:batch'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
process.stdout.write(`node ${process.version}, ${args.runs} runs${args.warmup ? ' after a warm-up' : ''}, median wall time of each child process\n`);
const work = mkdtempSync(join(tmpdir(), 'coop-bench-'));
const summary = [];
try {
  for (const rows of args.rows) {
    for (const shape of args.shapes) {
      const file = exportFor(rows, shape);
      const bytes = statSync(file).size;
      const measures = [
        { name: 'raw read', once: () => bare('raw', file) },
        { name: 'papaparse header:false', once: () => bare('papa', file) },
        ...(args.headerTrue ? [{ name: 'papaparse header:true', once: () => bare('papa-header', file) }] : []),
        { name: 'coop-ledger CSV reader', once: () => readerOnce(file) },
        { name: 'coop-ledger reconcile', once: () => reconcileOnce(file, work) },
      ];
      const results = await measureTogether(measures, args.runs, args.warmup);
      const papa = results.find((r) => r.name === 'papaparse header:false');
      const rec = results.find((r) => r.name === 'coop-ledger reconcile');
      printTable(rows, shape, bytes, results, papa.seconds);
      summary.push({ rows, shape, seconds: rec.seconds, parse: papa.seconds, rssMB: rec.rssKB / 1024, ratio: rec.seconds / papa.seconds, cpuRatio: rec.cpu / papa.cpu });
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write('\nreconcile vs. the bare parse, papaparse header:false (target: ratio <= 1.3 at 1M rows, peak RSS <= 200 MB)\n');
for (const s of summary) {
  process.stdout.write(
    `  ${pad(label(s.rows), 4)} ${pad(s.shape, 12)} reconcile ${s.seconds.toFixed(2)} s, parse ${s.parse.toFixed(2)} s, ratio ${s.ratio.toFixed(2)} (CPU time ${s.cpuRatio.toFixed(2)}), peak RSS ${s.rssMB.toFixed(0)} MB\n`,
  );
}

const addinBench = join(root, 'scripts/bench-addin.mjs');
if (args.addin && existsSync(addinBench)) {
  process.stdout.write('\nadd-in benchmark (scripts/bench-addin.mjs)\n');
  const r = spawnSync(process.execPath, [addinBench], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.stdout.write(`scripts/bench-addin.mjs exited ${r.status}\n`);
} else if (args.addin) {
  process.stdout.write('\n(no scripts/bench-addin.mjs: add-in benchmark skipped)\n');
}
