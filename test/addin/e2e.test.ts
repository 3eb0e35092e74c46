/**
 * End to end in headless Chromium: the built task pane served from localhost, office.js answered
 * with the in-memory fake workbook (fake-office/fake-office.js, which imitates batching), and the
 * real flows clicked through. Screenshots go to test-artifacts/ (and docs/screenshots/ with
 * UPDATE_SCREENSHOTS=1).
 *
 * Needs Debian's chromium (`apt-get install -y chromium`). Builds dist/ with webpack first unless
 * ADDIN_DIST_PREBUILT=1 says a current dist/ is already there.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLAIMS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { makeZip } from '../support/make-zip.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
const artifacts = path.join(root, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const fakeOffice = readFileSync(path.join(root, 'test/addin/fake-office/fake-office.js'), 'utf8');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.map': 'application/json',
};

function serveDist(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const file = path.normalize(path.join(dist, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ server, origin: `http://localhost:${typeof address === 'object' && address ? address.port : 0}` });
  }));
}

let browser: Browser;
let context: BrowserContext;
let server: Server;
let origin: string;
const foreignRequests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`headless Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  if (process.env.ADDIN_DIST_PREBUILT !== '1') {
    const build = spawnSync(process.execPath, [path.join(root, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`webpack failed:\n${build.stdout}\n${build.stderr}`);
  }
  mkdirSync(artifacts, { recursive: true });
  ({ server, origin } = await serveDist());
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    // playwright-core gives every launch a fresh, empty --user-data-dir of its own.
  });
  context = await browser.newContext({ viewport: { width: 420, height: 900 }, locale: 'en-US', timezoneId: 'America/New_York' });
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: 'text/javascript', body: fakeOffice });
    if (url.startsWith(origin)) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

async function openPane(query = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${origin}/taskpane.html${query}`);
  return { page, errors };
}

const testId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

function tableRows(page: Page, table: string): Promise<{ headers: string[]; rows: unknown[][] }> {
  return page.evaluate((name) => (window as unknown as { FakeOffice: { tableValues(n: string): { headers: string[]; rows: unknown[][] } } }).FakeOffice.tableValues(name), table);
}

/** Rows of claims.csv as a user would paste them into the Claims table (formulas quoted). */
function sampleClaimRows(): string[][] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path.join(root, 'samples/claims.csv'), 'utf8'), { header: true, skipEmptyLines: true });
  return parsed.data.map((r) => CLAIMS_COLUMNS.map((c) => {
    const v = r[c.name] ?? '';
    return /^[=+\-@]/.test(v) ? `'${v}` : v;
  }));
}

const sampleFiles = () => readdirSync(path.join(root, 'samples/earnings')).sort().map((f) => path.join(root, 'samples/earnings', f));

describe('the task pane in headless Chromium', () => {
  test('sets up a workbook, imports the sample export, recalculates and runs a claim through its statuses', async () => {
    const { page, errors } = await openPane();
    await testId(page, 'setup').click();
    await expect.poll(() => page.evaluate(() => document.getElementById('setup')!.hidden)).toBe(true);
    const programs = await tableRows(page, TABLES.programs);
    expect(programs.rows.length).toBeGreaterThan(5);

    // As of the sample's download date, and the sample's MCI threshold (samples/programs.json).
    await testId(page, 'tab-settings').click();
    await testId(page, 'settings-asOf').fill('2022-02-10');
    await testId(page, 'settings-user').fill('e2e tester');
    await testId(page, 'settings-save').click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('Settings saved');
    await page.getByRole('button', { name: 'Add program row' }).click();
    const lastRow = page.locator('[data-testid="programs-table"] tbody tr').last();
    await lastRow.locator('input[name="name"]').fill('Microsoft Commerce Incentives');
    await lastRow.locator('input[name="thresholdUSD"]').fill('10000');
    await testId(page, 'programs-save').click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('Programs table saved');
    await shot(page, 'settings');

    await testId(page, 'tab-import').click();
    await testId(page, 'import-files').setInputFiles(sampleFiles());
    await testId(page, 'import-run').click();
    await testId(page, 'import-summary').first().waitFor();
    const summaries = await testId(page, 'import-summary').allTextContents();
    expect(summaries.join('\n')).toMatch(/earnings_2020-07_2021-06\.csv: 30 added, 0 skipped, 0 rejected/);
    // The November overlap: 4 earnings appear in both later files and count once. The re-download
    // after the payment run repeats 12 with payment fields filled in: rejected until re-imports
    // update the rows they hold.
    const added = summaries.map((s) => Number(/(\d+) added/.exec(s)![1])).reduce((a, b) => a + b, 0);
    const skipped = summaries.map((s) => Number(/(\d+) skipped/.exec(s)![1])).reduce((a, b) => a + b, 0);
    expect({ added, skipped }).toEqual({ added: 55, skipped: 4 });
    await shot(page, 'import');

    // Re-importing the same files adds nothing.
    await testId(page, 'import-files').setInputFiles(sampleFiles());
    await testId(page, 'import-run').click();
    await expect.poll(async () => (await testId(page, 'import-summary').allTextContents()).join('\n')).toMatch(/earnings_2020-07_2021-06\.csv: 0 added, 30 skipped/);
    expect((await tableRows(page, TABLES.earnings)).rows.length).toBe(55);

    // The claims register, pasted in as a finance user would.
    const claimRows = sampleClaimRows();
    await page.evaluate(([name, rows]) => (window as unknown as { FakeOffice: { appendRows(n: string, r: unknown): void } }).FakeOffice.appendRows(name as string, rows), [TABLES.claims, claimRows] as const);

    await testId(page, 'tab-balances').click();
    await testId(page, 'recalculate').click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('Balances table written: 14 pools');
    const balances = await tableRows(page, TABLES.balances);
    const col = (name: string) => balances.headers.indexOf(name);
    const pools = balances.rows.map((r) => ({
      key: `${String(r[col('participantId')])} ${String(r[col('programName')])} ${String(r[col('earningPeriod')])} ${String(r[col('currency')])}`,
      status: r[col('status')],
      earned: r[col('coopEarned')],
      converted: r[col('convertedToRebate')],
      draft: r[col('claimsDraft')],
      pending: r[col('claimsPending')],
      approved: r[col('claimsApproved')],
      paid: r[col('claimsPaid')],
      available: r[col('available')],
      forfeited: r[col('forfeited')],
      days: `${String(r[col('daysToUsageEnd')])}/${String(r[col('daysToClaimDeadline')])}`,
    }));
    // samples/README.md, "Expected pools (balances.csv) at as-of 2022-02-10": the batch job's oracle.
    expect(pools).toEqual([
      { key: '4410021 CSP Indirect Reseller FY21 H1 EUR', status: 'closed', earned: 6000, converted: 0, draft: 0, pending: 0, approved: 2500, paid: 2500, available: 0, forfeited: 3500, days: '-225/-179' },
      { key: '4410021 CSP Indirect Reseller FY21 H2 EUR', status: 'claim-only', earned: 3000, converted: 0, draft: 0, pending: 2600, approved: 0, paid: 0, available: 400, forfeited: 0, days: '-41/5' },
      { key: '4410021 CSP Indirect Reseller FY21 H2 USD', status: 'claim-only', earned: 1875, converted: 0, draft: 0, pending: 0, approved: 1800, paid: 1750, available: 75, forfeited: 0, days: '-41/5' },
      { key: '4410021 CSP Indirect Reseller FY22 H1 EUR', status: 'open', earned: 9650, converted: 0, draft: 3000, pending: 0, approved: 0, paid: 0, available: 9650, forfeited: 0, days: '140/186' },
      { key: '4410021 CSP Indirect Reseller FY22 H2 EUR', status: 'accruing', earned: 1200, converted: 0, draft: 0, pending: 0, approved: 0, paid: 0, available: 1200, forfeited: 0, days: '324/370' },
      { key: '4420487 Hosting FY21 H2 GBP', status: 'converted', earned: 600, converted: 600, draft: 0, pending: 0, approved: 0, paid: 0, available: 0, forfeited: 0, days: '-41/5' },
      { key: '4420487 Hosting FY22 H1 GBP', status: 'open', earned: 1200, converted: 0, draft: 0, pending: 0, approved: 0, paid: 0, available: 1200, forfeited: 0, days: '140/186' },
      { key: '4431766 CSP Indirect Reseller FY21 H1 JPY', status: 'closed', earned: 600000, converted: 0, draft: 0, pending: 0, approved: 400000, paid: 0, available: 0, forfeited: 200000, days: '-225/-179' },
      { key: '4431766 CSP Indirect Reseller FY21 H2 JPY', status: 'converted', earned: 300000, converted: 300000, draft: 0, pending: 0, approved: 0, paid: 0, available: 0, forfeited: 0, days: '-41/5' },
      { key: '4431766 Microsoft Commerce Incentives FY22 H1 JPY', status: 'open', earned: 1250000, converted: 0, draft: 0, pending: 0, approved: 0, paid: 0, available: 1250000, forfeited: 0, days: '140/186' },
      { key: '4447309 CSP Direct Bill Partner FY21 H2 USD', status: 'claim-only', earned: 4000, converted: 0, draft: 0, pending: 3100, approved: 1500, paid: 0, available: -600, forfeited: 0, days: '-41/5' },
      { key: '4447309 Microsoft Commerce Incentives FY22 H2 USD', status: 'accruing', earned: 800, converted: 0, draft: 0, pending: 0, approved: 0, paid: 0, available: 800, forfeited: 0, days: '324/370' },
      { key: '4447309 Surface PC and Surface Hub ADD FY21 H2 USD', status: 'converted', earned: 900, converted: 900, draft: 0, pending: 0, approved: 0, paid: 0, available: 0, forfeited: 0, days: '-41/5' },
      { key: '4447309 Surface PC and Surface Hub ADD FY22 H1 USD', status: 'open', earned: 1800, converted: 0, draft: 0, pending: 0, approved: 0, paid: 0, available: 1800, forfeited: 0, days: '140/186' },
    ]);
    // Dates are Excel serials with a date format; nothing the add-in wrote became a formula.
    expect(balances.rows[0]![col('claimEnd')]).toBe(44423); // 2021-08-15
    expect(await page.evaluate(() => (window as unknown as { FakeOffice: { model: { formulas: unknown[] } } }).FakeOffice.model.formulas)).toEqual([]);

    // The pane shows the same numbers, formatted for en-US, and the alerts.
    const alerts = await testId(page, 'alerts').textContent();
    expect(alerts).toContain('400.00 EUR of 4410021 / CSP Indirect Reseller (FY21 H2) expires within 30 days');
    expect(alerts).toContain('4447309 / CSP Direct Bill Partner (FY21 H2) is overdrawn by 600.00 USD');
    expect(alerts).toContain('4447309 / Microsoft Commerce Incentives (FY22 H2) is below its threshold and will convert to rebate');
    const pool2 = page.locator('[data-pool="4410021|CSP Indirect Reseller|FY21 H2|EUR"]');
    await expect.poll(() => pool2.locator('[data-testid="available"]').textContent()).toBe('400.00 EUR');
    await expect.poll(() => pool2.locator('[data-testid="pending"]').textContent()).toBe('2,600.00 EUR');
    await pool2.click();
    await expect.poll(() => testId(page, 'pool-claims').textContent()).toContain('CLM-1004');
    await expect.poll(() => testId(page, 'pool-claims').textContent()).toContain('CLM-1015');
    await shot(page, 'balances');

    // A claim that fails validation: it needs more than the pool has.
    await testId(page, 'tab-claims').click();
    await testId(page, 'claim-new').click();
    const fill = async (values: Record<string, string>) => {
      for (const [field, value] of Object.entries(values)) await testId(page, `claim-${field}`).fill(value);
    };
    await fill({
      claimId: 'CLM-2001', participantId: '4410021', programName: 'CSP Indirect Reseller', activityType: 'Event',
      activityName: 'Partner breakfast', activityStart: '2021-10-05', activityEnd: '2021-10-05', currency: 'EUR',
      amountClaimed: '1000.00', invoices: 'INV-1.pdf', proofs: 'photos.pdf', notes: 'breakfast <b>bold</b>',
    });
    await expect.poll(() => testId(page, 'problem-claim_overdraws_pool').textContent()).toBe('Needs 1,000.00 EUR, but only 400.00 EUR is available.');
    expect(await testId(page, 'claim-save').isDisabled()).toBe(true);
    await testId(page, 'claim-programName').fill('OSU - Microsoft 365');
    await testId(page, 'problem-claim_program_not_eligible').waitFor();
    await shot(page, 'claims-invalid');

    // One that passes.
    await fill({ programName: 'CSP - Indirect Reseller', amountClaimed: '350.00' });
    await testId(page, 'claim-valid').waitFor();
    await expect.poll(() => testId(page, 'claim-retain').textContent()).toBe('Keep documents until Oct 5, 2023');
    await testId(page, 'claim-save').click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('Claim CLM-2001 saved');

    const row = page.locator('tr[data-claim="CLM-2001"]');
    await row.click();
    await expect.poll(() => testId(page, 'selected-status').textContent()).toBe('Editing');
    // Edited while still Editing: each change and each new document is a history entry.
    await fill({ activityName: 'Partner breakfast Q4', csrs: 'csr-1.pdf' });
    await testId(page, 'claim-save').click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('Claim CLM-2001 saved');
    await row.click();
    // Only the allowed moves are offered.
    expect(await testId(page, 'claim-transitions').locator('button').allTextContents()).toEqual(['Move to Submitted']);
    await testId(page, 'move-Submitted').click();
    await expect.poll(() => testId(page, 'selected-status').textContent()).toBe('Submitted');
    await testId(page, 'move-Under-review').click();
    await expect.poll(() => testId(page, 'selected-status').textContent()).toBe('Under review');
    expect(await testId(page, 'claim-transitions').locator('button').allTextContents()).toEqual(['Move to Approved', 'Move to Rejected', 'Move to Action required']);
    await testId(page, 'claim-amountApproved').fill('300.00');
    await testId(page, 'move-Approved').click();
    await expect.poll(() => testId(page, 'selected-status').textContent()).toBe('Approved');
    await expect.poll(() => page.locator('tr[data-claim="CLM-2001"] [data-testid="claim-status"]').textContent()).toBe('Approved');
    await shot(page, 'claims');

    const claims = await tableRows(page, TABLES.claims);
    const saved = claims.rows.find((r) => r[0] === 'CLM-2001')!;
    const c = (name: string) => saved[claims.headers.indexOf(name)];
    expect([c('status'), c('amountClaimed'), c('amountApproved'), c('submittedDate'), c('notes')]).toEqual(['Approved', 350, 300, 44602, 'breakfast <b>bold</b>']);
    const history = await tableRows(page, TABLES.claimHistory);
    expect(history.rows.map((r) => [r[0], r[1], r[2], r[3], r[4]])).toEqual([
      ['CLM-2001', 44602, 'e2e tester', 'edited', 'created'],
      ['CLM-2001', 44602, 'e2e tester', 'edited', 'activityName: Partner breakfast → Partner breakfast Q4'],
      ['CLM-2001', 44602, 'e2e tester', 'document_added', 'csr: csr-1.pdf'],
      ['CLM-2001', 44602, 'e2e tester', 'status_changed', 'Editing → Submitted'],
      ['CLM-2001', 44602, 'e2e tester', 'status_changed', 'Submitted → Under review'],
      ['CLM-2001', 44602, 'e2e tester', 'status_changed', 'Under review → Approved; amountApproved 300 EUR'],
    ]);

    await testId(page, 'tab-balances').click();
    await expect.poll(() => pool2.locator('[data-testid="available"]').textContent()).toBe('100.00 EUR');
    await expect.poll(() => pool2.locator('[data-testid="approved"]').textContent()).toBe('300.00 EUR');
    await shot(page, 'taskpane');
    // The README's screenshot is refreshed on request only, so a test run leaves the tree clean.
    if (process.env.UPDATE_SCREENSHOTS) {
      mkdirSync(path.join(root, 'docs/screenshots'), { recursive: true });
      copyFileSync(path.join(artifacts, 'taskpane.png'), path.join(root, 'docs/screenshots/taskpane.png'));
    }

    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.close();
  }, 120_000);

  test('workbook text is never interpreted as HTML', async () => {
    const { page } = await openPane();
    await testId(page, 'setup').click();
    await expect.poll(() => page.evaluate(() => document.getElementById('setup')!.hidden)).toBe(true);
    const hostile = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';
    await page.evaluate(
      ([claimsTable, programsTable, html, width]) => {
        const fake = (window as unknown as { FakeOffice: { appendRows(n: string, r: unknown[][]): void } }).FakeOffice;
        fake.appendRows(programsTable as string, [[html, '', 0.4, 1500, true, '', '']]);
        const row = Array(width as number).fill('');
        Object.assign(row, { 0: 'CLM-X', 1: html, 2: html, 4: 'Event', 5: html, 6: '2021-10-01', 7: '2021-10-02', 8: 'EUR', 9: '10', 11: 'Editing', 17: html });
        fake.appendRows(claimsTable as string, [row]);
      },
      [TABLES.claims, TABLES.programs, hostile, CLAIMS_COLUMNS.length] as const,
    );
    // Recalculate reads the workbook again.
    await testId(page, 'tab-balances').click();
    await testId(page, 'recalculate').click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('Balances table written');
    for (const tab of ['balances', 'claims', 'settings']) {
      await testId(page, `tab-${tab}`).click();
      await page.waitForTimeout(100);
    }
    await testId(page, 'tab-claims').click();
    await page.locator('tr[data-claim="CLM-X"]').click();
    await expect.poll(() => page.locator('tr[data-claim="CLM-X"]').textContent()).toContain(hostile);
    await testId(page, 'tab-balances').click();
    await page.locator('[data-testid="pool"]').first().click();
    await expect.poll(() => testId(page, 'pool-claims').textContent()).toContain(hostile);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    await page.close();
  }, 60_000);

  test('the page allows only its own scripts and office.js', async () => {
    const html = readFileSync(path.join(dist, 'taskpane.html'), 'utf8');
    const csp = /http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/i.exec(html)?.[1] ?? '';
    expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com;");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    const { page } = await openPane();
    const blocked = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 50));
      return (window as unknown as { __inline?: number }).__inline;
    });
    expect(blocked).toBeUndefined();
    await page.close();
  });

  test('speaks the Office display language, with its number and date formats', async () => {
    const { page } = await openPane('?officeLanguage=nl-NL');
    await expect.poll(() => testId(page, 'tab-balances').textContent()).toBe('Saldi');
    await expect.poll(() => testId(page, 'setup').textContent()).toBe('Werkmap inrichten');
    await testId(page, 'setup').click();
    await testId(page, 'tab-import').click();
    // The sample export zipped, as Partner Center delivers it, with one entry that must be refused.
    const zipPath = path.join(artifacts, 'sample-export.zip');
    writeFileSync(zipPath, makeZip([...sampleFiles().map((f) => ({ name: path.basename(f), data: readFileSync(f) })), { name: '../evil.csv', data: 'earningId\n1\n' }]));
    await testId(page, 'import-files').setInputFiles(zipPath);
    await testId(page, 'import-run').click();
    await expect.poll(() => testId(page, 'import-summary').first().textContent()).toContain('toegevoegd');
    expect(await testId(page, 'import-zip-problem').textContent()).toBe('sample-export.zip ../evil.csv: niet geïmporteerd, het pad wijst buiten het archief.');
    expect((await tableRows(page, TABLES.earnings)).rows.length).toBe(55);
    await testId(page, 'tab-balances').click();
    const pool = page.locator('[data-pool="4410021|CSP Indirect Reseller|FY22 H1|EUR"]');
    await expect.poll(() => pool.locator('[data-testid="earned"]').textContent()).toBe('9.650,00 EUR');
    await shot(page, 'balances-nl');
    await page.close();
  }, 60_000);
});
