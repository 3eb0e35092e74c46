// Runs `coop-ledger reconcile` of two or more builds on the same export, the builds taking turns
// (a burst of load from elsewhere then falls on all of them), and prints each build's CPU time
// (user + system of the child, V8's helper threads and the zlib pool included), the part of it
// spent after the inputs were read (settling and writing the reports), wall time and peak RSS
// per run, with the medians. A build is a checkout with `npm run build:batch` done, e.g.
// an older commit in a worktree of its own:
//
//   git worktree add ../old 3b061ec && (cd ../old && npm ci && npm run build:batch)
//   node scripts/bench/compare-builds.mjs --file .bench-cache/earnings-1000000-seed1-narrow.csv --runs 3 ../old .
//
// Every build writes into a fresh folder each run (no previous report set), as `npm run bench`
// does; --keep DIR keeps each build's last report set in DIR/<n> for compare-reports.mjs.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = { file: null, runs: 3, warmup: true, keep: null, builds: [] };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--file') args.file = argv[++i];
  else if (a === '--runs') args.runs = Number.parseInt(argv[++i], 10);
  else if (a === '--no-warmup') args.warmup = false;
  else if (a === '--keep') args.keep = argv[++i];
  else args.builds.push(resolve(a));
}
if (!args.file || args.builds.length < 1 || !(args.runs > 0)) {
  process.stderr.write('usage: node scripts/bench/compare-builds.mjs --file EXPORT [--runs N] [--no-warmup] [--keep DIR] BUILD_DIR...\n');
  process.exit(2);
}

function reconcileOnce(build, out, usageFile, readEndFile) {
  return new Promise((resolveRun, reject) => {
    rmSync(out, { recursive: true, force: true });
    const started = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      [
        '--import', join(here, 'report-rss.mjs'), '--import', join(here, 'report-read-end.mjs'),
        join(build, 'bin/coop-ledger.js'), 'reconcile', '--earnings', resolve(args.file), '--as-of', '2022-02-10', '--out', out, '--fail-on', 'never',
      ],
      { cwd: build, env: { ...process.env, BENCH_RSS_FILE: usageFile, BENCH_READ_END_FILE: readEndFile }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${build}: reconcile exited ${code}: ${stderr}`));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
      const readEnd = JSON.parse(readFileSync(readEndFile, 'utf8'));
      if (readEnd.cpuSeconds === null) return reject(new Error(`${build}: no "read N earnings rows" line on stderr`));
      resolveRun({ seconds, cpu: usage.cpuSeconds, afterRead: usage.cpuSeconds - readEnd.cpuSeconds, rssMB: usage.maxRssKB / 1024 });
    });
  });
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const work = mkdtempSync(join(tmpdir(), 'coop-compare-'));
try {
  const results = args.builds.map(() => []);
  const once = async (j) => reconcileOnce(args.builds[j], join(work, `out-${j}`), join(work, `usage-${j}`), join(work, `read-end-${j}`));
  if (args.warmup) for (let j = 0; j < args.builds.length; j++) await once(j);
  for (let i = 0; i < args.runs; i++) {
    for (let j = 0; j < args.builds.length; j++) {
      const r = await once(j);
      results[j].push(r);
      process.stdout.write(`run ${i + 1} ${args.builds[j]}: CPU ${r.cpu.toFixed(2)} s (after reading ${r.afterRead.toFixed(2)} s), wall ${r.seconds.toFixed(2)} s, peak RSS ${r.rssMB.toFixed(0)} MB\n`);
    }
  }
  process.stdout.write(`\n${args.file}, median of ${args.runs} runs\n`);
  args.builds.forEach((build, j) => {
    const rs = results[j];
    process.stdout.write(
      `${build}: CPU ${median(rs.map((r) => r.cpu)).toFixed(2)} s (${rs.map((r) => r.cpu.toFixed(2)).join(', ')}), ` +
        `after reading ${median(rs.map((r) => r.afterRead)).toFixed(2)} s (${rs.map((r) => r.afterRead.toFixed(2)).join(', ')}), ` +
        `wall ${median(rs.map((r) => r.seconds)).toFixed(2)} s (${rs.map((r) => r.seconds.toFixed(2)).join(', ')}), peak RSS ${Math.max(...rs.map((r) => r.rssMB)).toFixed(0)} MB\n`,
    );
  });
  if (args.keep) {
    mkdirSync(args.keep, { recursive: true });
    args.builds.forEach((_, j) => {
      rmSync(join(args.keep, String(j)), { recursive: true, force: true });
      cpSync(join(work, `out-${j}`), join(args.keep, String(j)), { recursive: true });
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
