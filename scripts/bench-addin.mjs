#!/usr/bin/env node
/* global window */
// The add-in half of issue 6's benchmark: balances for 100,000 earnings rows and 2,000 claims,
// computed in headless Chromium by dist/bench.html (addin/bench/bench.ts). Prints the median
// milliseconds and whether the 250 ms target is met.
//
//   node scripts/bench-addin.mjs [--rows 100000] [--claims 2000] [--participants 20] [--runs 5] [--no-build]
//
// Needs Debian's chromium (apt-get install -y chromium) or CHROMIUM_PATH.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const rows = option('rows', '100000');
const claims = option('claims', '2000');
const runs = option('runs', '5');
const participants = option('participants', '20');
const TARGET_MS = 250;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(executablePath)) {
  console.error(`Chromium not found at ${executablePath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  process.exit(2);
}
if (!args.includes('--no-build') || !existsSync(path.join(dist, 'bench.html'))) {
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };
const server = createServer((req, res) => {
  const file = path.normalize(path.join(dist, new URL(req.url ?? '/', 'http://localhost').pathname));
  if (!file.startsWith(dist) || !existsSync(file)) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = server.address().port;

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://localhost:${port}/bench.html?rows=${rows}&claims=${claims}&runs=${runs}&participants=${participants}`);
  await page.waitForFunction(() => window.__benchResult, undefined, { timeout: 300_000 });
  const result = await page.evaluate(() => window.__benchResult);
  const version = browser.version();
  console.log(`add-in balances: ${result.rows} earnings rows, ${result.claims} claims, ${result.participants} participants -> ${result.pools} pools`);
  console.log(`  median ${result.medianMs} ms over ${result.runs} runs (after one warm-up) in headless Chromium ${version}`);
  console.log(`  runs: ${result.timingsMs.join(', ')} ms`);
  console.log(`  target < ${TARGET_MS} ms: ${result.medianMs < TARGET_MS ? 'met' : 'NOT met'}`);
} finally {
  await browser.close();
  server.close();
}
