/**
 * The real office.js (the pinned @microsoft/office-js package), served offline as the dev server
 * serves it (its `static` folders from webpack.config.js), loading the development build of the
 * task pane outside Office in headless Chromium: the pane must tell the user it needs Excel, with
 * no script error and no request leaving the machine.
 *
 * Builds the pane into its own folder (not dist/, which test/addin/e2e.test.ts builds and serves).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { chromiumMissing, launchChromium } from './headless-chromium.mjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The CDN folder the production page's script tag points into, and the package folder that mirrors it. */
const CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
const OFFICE_JS_DIST = path.join(root, 'node_modules/@microsoft/office-js/dist');

// The project's own webpack configuration (plain JS, so imported by URL, untyped).
const { default: webpackConfig } = (await import(pathToFileURL(path.join(root, 'webpack.config.js')).href)) as {
  default: (env: unknown, argv: { mode: string }) => unknown;
};

interface StaticFolder {
  readonly directory: string;
  readonly publicPath?: string;
}
const devServerFolders = (): StaticFolder[] => {
  const config = webpackConfig(undefined, { mode: 'development' }) as { devServer?: { static?: StaticFolder[] } };
  return config.devServer?.static ?? [];
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
};

let dist: string;
let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  const missing = chromiumMissing();
  if (missing !== null) throw new Error(missing);
  dist = mkdtempSync(path.join(tmpdir(), 'coop-ledger-office-js-'));
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'development', '--output-path', dist], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`webpack failed:\n${build.stdout}\n${build.stderr}`);
  // The dev server's folders, with the build in place of dist/.
  const folders = devServerFolders().map((f) => (f.directory === path.join(root, 'dist') ? { ...f, directory: dist } : f));
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const pathname = decodeURIComponent(url.pathname);
    for (const { directory, publicPath = '/' } of folders) {
      if (!pathname.startsWith(publicPath)) continue;
      const file = path.normalize(path.join(directory, pathname.slice(publicPath.length)));
      if (!file.startsWith(directory) || !existsSync(file)) continue;
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      return void res.end(readFileSync(file));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe('the task pane with the real office.js, outside Office', () => {
  test('the development page loads office.js from the dev server, which serves the pinned package; production keeps the CDN', () => {
    expect(readFileSync(path.join(dist, 'taskpane.html'), 'utf8')).toContain('<script src="/office-js/office.js"></script>');
    expect(devServerFolders()).toContainEqual(expect.objectContaining({ directory: OFFICE_JS_DIST, publicPath: '/office-js/' }));
    expect(existsSync(path.join(OFFICE_JS_DIST, 'office.js'))).toBe(true);
    const production = webpackConfig(undefined, { mode: 'production' }) as { plugins: object[] };
    expect(production.plugins.map((p) => p.constructor.name)).not.toContain('LocalOfficeJsPlugin');
    expect(readFileSync(path.join(root, 'addin/taskpane/taskpane.html'), 'utf8')).toContain(`<script src="${CDN}office.js"></script>`);
  });

  async function openPane() {
    const context = await browser.newContext({ viewport: { width: 420, height: 700 }, locale: 'en-US' });
    const served: string[] = [];
    const foreign: string[] = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(origin)) {
        if (url.startsWith(`${origin}/office-js/`)) served.push(url.slice(`${origin}/office-js/`.length));
        return route.continue();
      }
      // office.js frames a telemetry page outside Office; the pane's CSP blocks it before any request.
      foreign.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const scriptErrors: Error[] = [];
    page.on('pageerror', (e) => scriptErrors.push(e));
    await page.goto(`${origin}/taskpane.html`);
    return { context, page, served, foreign, scriptErrors };
  }

  test('loads the pinned office.js offline; it reports no Office host and raises no script error of its own', async () => {
    const { context, page, served, foreign, scriptErrors } = await openPane();
    const info = await page.evaluate(() => (window as unknown as { Office: { onReady(): Promise<{ host: unknown }> } }).Office.onReady());
    expect(info.host).toBeNull();
    expect(served).toContain('office.js');
    // An error thrown in office.js's own code has its top stack frame there (the pane's callbacks
    // run under office.js's frames too, so only the top one tells).
    const thrownInOfficeJs = (e: Error) => ((e.stack ?? '').split('\n').find((l) => l.trim().startsWith('at ')) ?? '').includes('/office-js/');
    expect(scriptErrors.filter(thrownInOfficeJs).map((e) => e.message)).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });

  test('says the pane must be opened in Excel, without a script error', async () => {
    const { context, page, scriptErrors } = await openPane();
    try {
      const errorNotice = () => page.evaluate(() => document.querySelector('#status.error')?.textContent ?? '');
      await expect.poll(errorNotice, { timeout: 10_000 }).toMatch(/Excel/);
      expect(scriptErrors.map((e) => e.message)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
