/**
 * report.html: escaped data, nothing but inline CSS and SVG, and what a manager sees, checked in
 * headless Chromium (Debian's chromium, as test/addin/e2e.test.ts uses it). The screenshot goes
 * to test-artifacts/ (and to docs/screenshots/ with UPDATE_SCREENSHOTS=1, for the README).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path, { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { Dec } from '../../../core/money/decimal.js';
import { isoDate } from '../../../core/calendar/calendar-date.js';
import { createPoolLedger, addCoopEarning } from '../../../core/pools/pool-ledger.js';
import { computeBalances } from '../../../core/pools/pool-balance.js';
import { poolAlerts } from '../../../core/pools/pool-alerts.js';
import { renderHtmlReport } from '../../../batch/output/report-html.js';
import { DEFAULT_SETTINGS, withSettings } from '../../../core/settings.js';
import { tempDirs } from '../../support/temp-dir.js';
import { runCli } from '../reconcile/run.js';
import { EARNINGS_HEADER } from './helpers.js';

const root = path.resolve(import.meta.dirname, '../../..');
const artifacts = join(root, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EVIL = '<img src=x onerror=alert(1)>';
const dirs = tempDirs();

const SAMPLE = ['reconcile', '--earnings', 'samples/earnings', '--payments', 'samples/payments.csv', '--claims', 'samples/claims.csv', '--programs', 'samples/programs.json', '--as-of', '2022-02-10', '--quiet'];

function poolsNamed(program: string) {
  const ledger = createPoolLedger();
  addCoopEarning(ledger, { participantId: 'P"1\'', programName: program, earningDate: isoDate('2021-08-01'), currency: 'EUR', amount: new Dec('1234.5'), amountUSD: new Dec(1400) });
  return computeBalances(ledger, { asOf: isoDate('2022-02-10'), policyFor: () => ({ thresholdUSD: new Dec(100) }) });
}

describe('report.html as text', () => {
  const html = renderHtmlReport({
    asOf: isoDate('2022-02-10'),
    settings: DEFAULT_SETTINGS,
    balances: poolsNamed(EVIL),
    findings: [{ severity: 'error', code: EVIL }],
    changes: [{ change: 'claim_changed', severity: '', code: '', participantId: 'P1', programName: EVIL, earningPeriod: 'FY22 H1', currency: 'EUR', claimId: EVIL, field: 'status', before: EVIL, after: 'Approved' }],
  });

  test('every piece of data is escaped', () => {
    expect(html).not.toContain(EVIL);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('P&quot;1&#39;');
  });

  test('holds no script and loads nothing: no script element, no src or href, a policy forbidding both', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<[a-z]+[^>]*\s(src|href|srcset|action)=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  test('draws each open pool\'s usage and claim windows and the amount available', () => {
    expect(html.match(/<rect /g)).toHaveLength(2);
    expect(html).toContain('1234.50 EUR');
    expect(html).toContain('today 2022-02-10');
  });
});

describe('report.html follows core', () => {
  const render = (extra: object = {}) =>
    renderHtmlReport({ asOf: isoDate('2022-02-10'), settings: DEFAULT_SETTINGS, balances: poolsNamed('CSP'), changes: [], findings: [], ...extra });
  const headers = (html: string) => [...html.matchAll(/<th[^>]*>(Expiring within \d+ days)<\/th>/g)].map((m) => m[1]);

  test('its horizons of money at risk are the run\'s settings', () => {
    expect(headers(render())).toEqual(DEFAULT_SETTINGS.expiryDays.map((d) => `Expiring within ${d} days`));
    const own = render({ settings: withSettings({ expiryDays: [7, 90] }) });
    expect(headers(own)).toEqual(['Expiring within 7 days', 'Expiring within 90 days']);
    expect(own).toContain('within 7 or 90 days');
  });

  test('findings are ranked by core\'s severity scale, most severe first, then by count', () => {
    const html = render({
      findings: [
        { severity: 'info', code: 'i1', count: 9 },
        { severity: 'warning', code: 'w1' },
        { severity: 'error', code: 'e1' },
        { severity: 'warning', code: 'w2', count: 3 },
        { severity: 'constructor', code: 'x1', count: 99 },
      ],
    });
    const section = html.slice(html.indexOf('Findings by code'));
    expect([...section.matchAll(/<td>([a-z]\d)<\/td>/g)].map((m) => m[1])).toEqual(['e1', 'w2', 'w1', 'i1', 'x1']);
  });
});

describe('report.html lists money at risk in core\'s order', () => {
  test('its rows are core\'s expiring alerts, most urgent first, in the order core gives them', () => {
    const ledger = createPoolLedger();
    // Two claim-only pools whose claim deadline is close, and an open pool whose usage end is not:
    // core orders the two by their pool key, which is not the order of their programs.
    for (const [participantId, programName, earningDate] of [['P3', 'Azure', '2021-03-01'], ['P1', 'Zeta', '2021-03-01'], ['P2', 'Hosting', '2021-04-01'], ['P0', 'Open', '2021-08-01']] as const) {
      addCoopEarning(ledger, { participantId, programName, earningDate: isoDate(earningDate), currency: 'EUR', amount: new Dec('100'), amountUSD: new Dec(1400) });
    }
    const asOf = isoDate('2022-01-10');
    const balances = computeBalances(ledger, { asOf, policyFor: () => ({ thresholdUSD: new Dec(100) }) });
    const html = renderHtmlReport({ asOf, settings: DEFAULT_SETTINGS, balances, changes: [], findings: [] });
    const section = html.slice(html.indexOf('Money at risk'), html.indexOf('</table>', html.indexOf('Money at risk')));
    const rows = [...section.matchAll(/<tr><td>[^<]*<\/td><td>[^<]*<\/td><td[^>]*>[^<]*<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)].map((m) => `${m[1]} ${m[2]}`);
    const core = poolAlerts(balances, DEFAULT_SETTINGS).filter((a) => a.kind === 'expiring').map((a) => `${a.pool.key.participantId} ${a.pool.key.programName}`);
    expect(core).toEqual(['P1 Zeta', 'P2 Hosting', 'P3 Azure']);
    expect(rows).toEqual(core);
  });
});

describe('report.html in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`headless Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await dirs.cleanup();
  });

  async function open(file: string) {
    const context = await browser.newContext({ viewport: { width: 1150, height: 900 }, javaScriptEnabled: true });
    const requests: string[] = [];
    const dialogs: string[] = [];
    const errors: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === pathToFileURL(file).href) return route.continue();
      requests.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    return { context, page, requests, dialogs, errors };
  }

  test('a program named like an HTML tag shows as text: nothing runs, nothing is fetched', async () => {
    const work = await dirs.make();
    const earnings = join(work, 'earnings.csv');
    await writeFile(earnings, `${EARNINGS_HEADER}\nE1,P1,"${EVIL}",Co-op,5000.00,5000.00,2021-08-01,USD,T1,Core\n`);
    const out = join(work, 'reports');
    await runCli(['reconcile', '--earnings', earnings, '--as-of', '2022-02-10', '--out', out, '--quiet']);
    expect(await readFile(join(out, 'report.html'), 'utf8')).not.toContain(EVIL);
    const { context, page, requests, dialogs, errors } = await open(join(out, 'report.html'));
    expect(await page.getByText(EVIL).count()).toBeGreaterThan(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await context.close();
  });

  test('the samples\' report shows totals, money at risk, the timeline, findings and changes', async () => {
    const out = join(await dirs.make(), 'reports');
    await runCli([...SAMPLE, '--out', out]);
    const { context, page, requests, errors } = await open(join(out, 'report.html'));
    const headings = await page.locator('h2').allTextContents();
    expect(headings.map((h) => h.split(' ')[0])).toEqual(['Totals', 'Money', 'Open', 'Findings', 'Changes']);
    expect(await page.locator('svg rect').count()).toBeGreaterThan(0);
    expect(await page.locator('svg line').count()).toBe(1);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'report-html.png'), fullPage: true });
    if (process.env.UPDATE_SCREENSHOTS) {
      mkdirSync(join(root, 'docs/screenshots'), { recursive: true });
      copyFileSync(join(artifacts, 'report-html.png'), join(root, 'docs/screenshots/report-html.png'));
    }
    await context.close();
  });
});
