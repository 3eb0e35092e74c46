// The batch benchmark (issue 6): on the same generated export, in the same run, measures
//   1. raw read of the file (bytes only)
//   2. bare papaparse streaming parse of the text, header false and true (no work per row)
//   3. the full `coop-ledger reconcile` (all outputs written)
// each in a child process of its own (so its peak RSS is its own), once to warm up and then
// --runs times (default 3), and prints the median wall time, rows/s, MB/s, peak RSS and the
// ratio of reconcile to the faster bare parse. Then runs scripts/bench-addin.mjs when present.
//
//   npm run bench                        100k and 1M rows
//   npm run bench -- --rows 5000000      one size (repeat --rows for several)
//   npm run bench -- --all               100k, 1M and 5M (5M is ~1.5 GB on disk and takes minutes)
//   npm run bench -- --runs 5 --no-build --no-addin
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
  const args = { rows: [], all: false, runs: 3, build: true, addin: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new RangeError(`${a} needs a value`);
      return v;
    };
    if (a === '--rows') args.rows.push(...value().split(',').map(parseCount));
    else if (a === '--all') args.all = true;
    else if (a === '--runs') args.runs = parseCount(value());
    else if (a === '--no-build') args.build = false;
    else if (a === '--no-addin') args.addin = false;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('npm run bench [-- --rows N[,N...]] [--all] [--runs R] [--no-build] [--no-addin]\n');
      process.exit(0);
    } else throw new RangeError(`unknown option ${a}`);
  }
  if (args.rows.length === 0) args.rows = args.all ? [100_000, 1_000_000, 5_000_000] : [100_000, 1_000_000];
  return args;
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

function exportFor(rows) {
  const file = join(cache, `earnings-${rows}-seed1.csv`);
  if (existsSync(file)) return file;
  mkdirSync(cache, { recursive: true });
  const partial = `${file}.partial`;
  process.stdout.write(`generating ${label(rows)} rows into ${file} ...\n`);
  const r = spawnSync('npx', ['tsx', 'scripts/generate-exports.ts', '--rows', String(rows), '--seed', '1', '--out', partial], {
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
  return { seconds: r.seconds, rssKB: out.maxRssKB, rows: out.rows };
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
  return { seconds: r.seconds, rssKB: Number(readFileSync(rssFile, 'utf8')) };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

async function measure(name, once, runs) {
  await once(); // warm-up: page cache, code cache
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await once());
  return { name, seconds: median(results.map((r) => r.seconds)), rssKB: Math.max(...results.map((r) => r.rssKB)), all: results.map((r) => r.seconds) };
}

function pad(text, width, right = false) {
  text = String(text);
  return right ? text.padStart(width) : text.padEnd(width);
}

function printTable(rows, bytes, results, floor) {
  const mb = bytes / 1e6;
  process.stdout.write(
    `\n${label(rows)} rows, ${(bytes / 1e9).toFixed(2)} GB\n` +
      `${pad('measure', 22)}${pad('median s', 10, true)}${pad('rows/s', 12, true)}${pad('MB/s', 9, true)}${pad('peak RSS MB', 13, true)}${pad('x parse', 9, true)}   runs s\n`,
  );
  for (const r of results) {
    process.stdout.write(
      `${pad(r.name, 22)}${pad(r.seconds.toFixed(2), 10, true)}${pad(Math.round(rows / r.seconds).toLocaleString('en-US'), 12, true)}` +
        `${pad((mb / r.seconds).toFixed(0), 9, true)}${pad((r.rssKB / 1024).toFixed(0), 13, true)}${pad((r.seconds / floor).toFixed(2), 9, true)}   ${r.all.map((s) => s.toFixed(2)).join(' ')}\n`,
    );
  }
}

const args = parseArgs(process.argv.slice(2));
if (args.build) {
  const b = spawnSync('npm', ['run', '--silent', 'build:batch'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
process.stdout.write(`node ${process.version}, ${args.runs} runs after a warm-up, median wall time of each child process\n`);
const work = mkdtempSync(join(tmpdir(), 'coop-bench-'));
const summary = [];
try {
  for (const rows of args.rows) {
    const file = exportFor(rows);
    const bytes = statSync(file).size;
    const raw = await measure('raw read', () => bare('raw', file), args.runs);
    const papa = await measure('papaparse header:false', () => bare('papa', file), args.runs);
    const papaHeader = await measure('papaparse header:true', () => bare('papa-header', file), args.runs);
    const rec = await measure('coop-ledger reconcile', () => reconcileOnce(file, work), args.runs);
    const floor = Math.min(papa.seconds, papaHeader.seconds);
    printTable(rows, bytes, [raw, papa, papaHeader, rec], floor);
    summary.push({ rows, seconds: rec.seconds, rssMB: rec.rssKB / 1024, ratio: rec.seconds / floor });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write('\nreconcile vs. the faster bare parse (target: ratio <= 1.3 at 1M rows, peak RSS <= 200 MB)\n');
for (const s of summary) {
  process.stdout.write(`  ${pad(label(s.rows), 6)} ${s.seconds.toFixed(2)} s  ${s.rssMB.toFixed(0)} MB  ratio ${s.ratio.toFixed(2)}\n`);
}

const addinBench = join(root, 'scripts/bench-addin.mjs');
if (args.addin && existsSync(addinBench)) {
  process.stdout.write('\nadd-in benchmark (scripts/bench-addin.mjs)\n');
  const r = spawnSync(process.execPath, [addinBench], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.stdout.write(`scripts/bench-addin.mjs exited ${r.status}\n`);
} else if (args.addin) {
  process.stdout.write('\n(no scripts/bench-addin.mjs: add-in benchmark skipped)\n');
}
