#!/usr/bin/env node
// Runs the test suite once per time zone: results must not depend on the machine's zone.
import { spawnSync } from 'node:child_process';

const zones = ['UTC', 'America/New_York'];
const extra = process.argv.slice(2);
for (const zone of zones) {
  process.stdout.write(`\n=== tests with TZ=${zone} ===\n`);
  const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...extra], {
    stdio: 'inherit',
    env: { ...process.env, TZ: zone },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
