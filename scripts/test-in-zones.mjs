#!/usr/bin/env node
// Runs the test suite once per time zone: results must not depend on the machine's zone.
// Ends with one plain line, "N passed, N failed", summed over both runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const zones = ['UTC', 'America/New_York'];
const extra = process.argv.slice(2);
mkdirSync('test-artifacts', { recursive: true });
let passed = 0;
let failed = 0;
let status = 0;
for (const zone of zones) {
  process.stdout.write(`\n=== tests with TZ=${zone} ===\n`);
  const report = `test-artifacts/vitest-${zone.replace('/', '-')}.json`;
  const r = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
    { stdio: 'inherit', env: { ...process.env, TZ: zone } },
  );
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
  } catch {
    failed += 1; // no report: the run itself failed
  }
  if (r.status !== 0) {
    status = r.status ?? 1;
    break;
  }
}
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(status !== 0 ? status : failed > 0 ? 1 : 0);
