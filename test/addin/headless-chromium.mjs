// Headless Chromium for the add-in's browser tests and benchmark: Debian's build (apt-get install -y
// chromium) or CHROMIUM_PATH, driven by playwright-core, with the flags that keep it from reaching
// the network on its own (updates, sync, background requests). One launcher, so the end-to-end
// test, the office.js test and scripts/bench-addin.mjs cannot drift apart.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether the browser is installed, with the message to show when it is not. */
export function chromiumMissing() {
  return existsSync(CHROMIUM_PATH) ? null : `headless Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`;
}

/** Launches it (playwright-core gives every launch a fresh, empty --user-data-dir of its own); throws when it is not installed. */
export async function launchChromium() {
  const missing = chromiumMissing();
  if (missing !== null) throw new Error(missing);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
