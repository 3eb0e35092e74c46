// @vitest-environment happy-dom
/**
 * The Findings view on the fake workbook, rendered in happy-dom: core's findings of the workbook
 * (the sample exports, programs and claims, with a row pasted twice) grouped by code in the
 * ledger's order, each finding with the row it names; the empty state; the group limit; the
 * titles in every language. The same view in Chromium, with the keyboard, is in e2e.test.ts.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { fake } from './fake-excel.js';
import { loadWorkbook, saveSettings, setUpWorkbook, type WorkbookState } from '../../addin/taskpane/workbook-ops.js';
import { PAGE, renderFindings } from '../../addin/taskpane/views/findings-view.js';
import type { App } from '../../addin/taskpane/app.js';
import { createLocale } from '../../addin/i18n/locale.js';
import { message, type MessageKey } from '../../addin/i18n/messages.js';
import { addinOutcome } from '../contract/paths.js';
import { SAMPLES } from '../contract/data-sets.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { EARNINGS_COLUMNS, FINDINGS_COLUMNS, PROGRAMS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { FINDING_DETAIL_FIELDS, type Finding } from '../../core/reconcile/finding.js';

function appOn(state: WorkbookState, tag = 'en-US'): App {
  return {
    locale: createLocale(tag),
    state,
    get ready() {
      return state.missing.length === 0;
    },
    reload: () => Promise.resolve(),
    notify: () => undefined,
    guard: (action) => action(),
    show: () => undefined,
    takeClaimIntent: () => null,
  };
}

function render(state: WorkbookState, tag = 'en-US'): HTMLElement {
  const root = document.createElement('main');
  document.body.replaceChildren(root);
  renderFindings(appOn(state, tag), root);
  return root;
}

const all = (root: ParentNode, testId: string) => Array.from(root.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`));
const one = (root: ParentNode, testId: string) => root.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
const group = (root: ParentNode, code: string) => root.querySelector<HTMLElement>(`[data-testid="finding-group"][data-codes="${code}"]`)!;
const open = (g: HTMLElement) => one(g, 'finding-group-open')!.click();
const codesOf = (root: ParentNode) => all(root, 'finding-group').map((g) => `${/severity-(\w+)/.exec(g.className)![1]} ${g.getAttribute('data-codes')}`);
/** A settled selection: the select runs its Excel.run after the click. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** An Earnings row with these values, in the layout's column order. */
const earningsRow = (values: Record<string, unknown>) => EARNINGS_COLUMNS.map((c) => values[c.name] ?? '');

// The groups a user opened stay open through re-renders (module state, as in the pane): the
// workbooks whose groups start folded come first.
describe('the Findings view on other workbooks', () => {
  beforeEach(async () => {
    fake.reset();
    await setUpWorkbook();
    await saveSettings({ asOf: '2022-02-10' as IsoDate, fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 'findings' });
  });

  test('a workbook with nothing to look at says so, with no group', async () => {
    const root = render(await loadWorkbook({ reread: true }));
    expect(one(root, 'findings-none')).not.toBeNull();
    expect(all(root, 'finding-group')).toHaveLength(0);
    expect(['error', 'warning', 'info'].map((s) => one(root, `findings-count-${s}`)!.textContent)).toEqual(['0 errors', '0 warnings', '0 notices']);
  });

  test('rows core could not read are said beside the findings, so an empty list is not taken for a clean workbook', async () => {
    fake.appendRows(TABLES.earnings, [earningsRow({ earningId: 'E1', participantId: 'P1', programName: 'Hosting', earningType: 'Co-op', earningAmount: 10, earningAmountUSD: 10, earningDate: 'not a date', transactionCurrency: 'USD' })]);
    const root = render(await loadWorkbook({ reread: true }));
    expect(one(root, 'findings-unread')!.textContent).toBe(createLocale('en-US').t('findings.unread', { count: 1 }));
  });

  test('a Programs table core refuses is said: nothing was checked, which is not a clean workbook', async () => {
    fake.appendRows(TABLES.programs, [PROGRAMS_COLUMNS.map((c) => ({ name: 'Broken share', coopShare: 1.5 })[c.name] ?? '')]);
    const root = render(await loadWorkbook({ reread: true }));
    expect(one(root, 'findings-refused')).not.toBeNull();
    expect(one(root, 'findings-none')).toBeNull();
  });

  test(`a large group shows its first ${PAGE}, then ${PAGE} more at each request`, async () => {
    // 1,030 earnings, each pasted twice: 1,030 duplicate_earning findings in one group (the pane never builds them all on load).
    const rows = Array.from({ length: 1030 }, (_, i) =>
      earningsRow({ earningId: `E${i}`, participantId: 'P1', programName: 'Hosting', earningType: 'Co-op', earningAmount: 2000, earningAmountUSD: 2000, earningDate: '2021-08-01', transactionCurrency: 'USD' }),
    );
    fake.appendRows(TABLES.earnings, [...rows, ...rows]);
    const root = render(await loadWorkbook({ reread: true }));
    const duplicates = group(root, 'duplicate_earning');
    expect(one(duplicates, 'finding-group-count')!.textContent).toBe('1,030');
    expect(root.querySelectorAll('*').length).toBeLessThan(100);
    open(duplicates);
    expect(all(duplicates, 'finding')).toHaveLength(PAGE);
    expect(one(duplicates, 'findings-showing')!.textContent).toContain('1,030');
    one(duplicates, 'findings-more')!.click();
    expect(all(duplicates, 'finding')).toHaveLength(2 * PAGE);
    // The first finding just drawn has the focus, for a keyboard user to read on.
    expect(document.activeElement).toBe(all(duplicates, 'finding')[PAGE]);
    // Down to the last page, which shows what is left and offers no more.
    for (let i = 0; i < 18; i++) one(duplicates, 'findings-more')!.click();
    expect(all(duplicates, 'finding')).toHaveLength(20 * PAGE);
    expect(one(duplicates, 'findings-more')!.textContent).toBe(createLocale('en-US').t('findings.more', { count: 30 }));
    one(duplicates, 'findings-more')!.click();
    expect(all(duplicates, 'finding')).toHaveLength(1030);
    expect(one(duplicates, 'findings-more')!.closest('p')!.hidden).toBe(true);
    // Folded again, it holds nothing.
    open(duplicates);
    expect(all(duplicates, 'finding')).toHaveLength(0);
  });
});

describe('the Findings view', () => {
  let samples: WorkbookState;

  beforeEach(async () => {
    // The samples as the pane imports them, then the first export row pasted again at the bottom
    // (sheet row 59), as a user pastes an export twice: one duplicate_earning beside the samples' findings.
    await addinOutcome(SAMPLES);
    const earnings = fake.tableValues(TABLES.earnings)!;
    fake.appendRows(TABLES.earnings, [earnings.rows[0]!]);
    samples = await loadWorkbook({ reread: true });
  }, 60_000);

  test('lists the duplicated row and the split mismatch under their codes, errors first, each finding with its row', async () => {
    const root = render(samples);
    // Counts by severity, core's: the samples' findings (their Payments report's too, and what their
    // import logged: a download's 4 repeated rows, another's 12 updated) plus the pasted row's duplicate.
    expect(['error', 'warning', 'info'].map((s) => one(root, `findings-count-${s}`)!.textContent)).toEqual(['7 errors', '10 warnings', '6 notices']);
    // One group per code, in the ledger's order (severity first), nothing rendered inside a folded group.
    expect(codesOf(root)).toEqual([
      'error claim_dates_invalid', 'error claim_missing_documents', 'error claim_overdraws_pool', 'error claim_paid_amount_mismatch', 'error claim_period_mismatch', 'error claim_program_not_eligible', 'error payment_mismatch',
      'warning claim_approved_unpaid', 'warning duplicate_earning', 'warning funds_expiring', 'warning funds_forfeited', 'warning rollover_mismatch', 'warning split_mismatch', 'warning unknown_program',
      'info earning_updated', 'info threshold_conversion_expected',
    ]);
    expect(all(root, 'finding')).toHaveLength(0);
    expect(all(root, 'finding-group-count').map((c) => Number(c.textContent))).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 5]);

    const duplicate = group(root, 'duplicate_earning');
    open(duplicate);
    expect(one(duplicate, 'finding-group-open')!.getAttribute('aria-expanded')).toBe('true');
    const [dup, logged] = all(duplicate, 'finding');
    expect(one(dup!, 'finding-where')!.textContent).toBe('Earnings, row 59');
    expect(one(dup!, 'finding-earningId')!.textContent).toBe(String(fake.tableValues(TABLES.earnings)!.rows[0]![0]));
    // The row it repeats, as core names it.
    expect(one(dup!, 'finding-expected')!.textContent).toBe('Earnings:2');
    // What the import skipped is in the import log: its row, the download and first line, and how many rows.
    expect(one(logged!, 'finding-where')!.textContent).toBe('ImportLog, row 3');
    expect([one(logged!, 'finding-expected')!.textContent, one(logged!, 'finding-actual')!.textContent]).toEqual(['samples/earnings/earnings_2021-11_2022-02.csv:2', '4']);
    one(logged!, 'finding-where')!.click();
    await expect.poll(() => fake.selection).toMatchObject({ sheet: TABLES.importLog, row: 2, rowCount: 1 });

    const split = group(root, 'split_mismatch');
    open(split);
    const [mismatch] = all(split, 'finding');
    expect(one(mismatch!, 'finding-where')!.textContent).toBe('Earnings, row 47');
    expect(one(mismatch!, 'finding-pool')!.textContent).toBe('4431766 · Microsoft Commerce Incentives · FY22 H1 · JPY'.replace('4431766', samples.participantNames.get('4431766')!));
    expect(one(mismatch!, 'finding-transactionId')!.textContent).toBe('TX-300104');
    expect([one(mismatch!, 'finding-expected')!.textContent, one(mismatch!, 'finding-actual')!.textContent]).toEqual(['rebate 330000 / co-op 220000', 'rebate 300000 / co-op 250000']);

    // Its row button selects the row it names: Excel's row 47 is the fake's 0-based row 46.
    one(mismatch!, 'finding-where')!.click();
    await settle();
    await expect.poll(() => fake.selection).toMatchObject({ sheet: TABLES.earnings, row: 46, rowCount: 1 });
    // A claim is selected by its claimId, wherever a sort has moved it since.
    fake.sortTable(TABLES.claims, 'claimId', true);
    const overdraw = group(root, 'claim_overdraws_pool');
    open(overdraw);
    expect(one(overdraw, 'finding-claimId')!.textContent).toBe('CLM-1010');
    one(overdraw, 'finding-where')!.click();
    const claimIds = fake.tableValues(TABLES.claims)!.rows.map((r) => r[0]);
    await expect.poll(() => fake.selection).toMatchObject({ sheet: TABLES.claims, row: claimIds.indexOf('CLM-1010') + 1 });

    // A payment finding names its Payments table row, the report's line 10 imported, and selects it.
    const payment = group(root, 'payment_mismatch');
    open(payment);
    const [mismatched] = all(payment, 'finding');
    expect(one(mismatched!, 'finding-paymentId')!.textContent).toBe('PMT-4447309-CSPDB-21H2-USD');
    expect(one(mismatched!, 'finding-where')!.textContent).toBe('Payments, row 10');
    one(mismatched!, 'finding-where')!.click();
    await expect.poll(() => fake.selection).toMatchObject({ sheet: TABLES.payments, row: 9, rowCount: 1 });

    // Open groups stay open through the re-render a reload causes.
    const again = render(samples);
    expect(all(group(again, 'split_mismatch'), 'finding')).toHaveLength(1);
    expect(all(group(again, 'funds_expiring'), 'finding')).toHaveLength(0);
  });

  test('switching the language shows every group under its title in that language', () => {
    const codes = codesOf(render(samples)).map((c) => c.split(' ')[1]!);
    for (const [tag, language] of [['nl-NL', 'nl'], ['de-DE', 'de'], ['fr-FR', 'fr'], ['sv-SE', 'sv']] as const) {
      const titles = all(render(samples, tag), 'finding-group-title').map((t) => t.textContent);
      expect(titles).toEqual(codes.map((code) => message(language, `finding.${code}` as MessageKey)));
      expect(titles.filter((t, i) => t === message('en', `finding.${codes[i]}` as MessageKey))).toEqual([]);
    }
  });
});

describe('a finding\'s fields in the pane and in findings.csv', () => {
  /** A workbook state holding only these findings: what the view reads of it. */
  const holding = (findings: Finding[]) =>
    ({ ledger: { findings, problems: [], refusedSettings: [], refusedTable: null }, participantNames: new Map(), missing: ['Earnings'] }) as unknown as WorkbookState;

  test('every id and figure core says a finding gives is shown under its own name, in core\'s order, as findings.csv has it', () => {
    const finding: Finding = { severity: 'error', code: 'payment_mismatch', message: '', ...Object.fromEntries(FINDING_DETAIL_FIELDS.map((name) => [name, `value of ${name}`])) };
    const root = render(holding([finding]));
    // An earlier test may have left the group open (the pane keeps it open through re-renders).
    const head = one(group(root, 'payment_mismatch'), 'finding-group-open')!;
    if (head.getAttribute('aria-expanded') !== 'true') head.click();
    const shown = Array.from(one(root, 'finding')!.querySelectorAll('dd')).map((dd) => [dd.getAttribute('data-testid'), dd.textContent]);
    expect(FINDING_DETAIL_FIELDS.length).toBeGreaterThan(0);
    expect(shown).toEqual(FINDING_DETAIL_FIELDS.map((name) => [`finding-${name}`, `value of ${name}`]));
    // Each under its label in the user's language, never its field name.
    expect(Array.from(one(root, 'finding')!.querySelectorAll('dt')).map((dt) => dt.textContent)).toEqual(FINDING_DETAIL_FIELDS.map((name) => message('en', `findings.field.${name}`)));
  });

  test('every column of findings.csv is one the pane says: what and where a finding is, its pool, or one of its ids and figures', () => {
    // The columns the pane says in its own way: the group's severity and title, the row it points to, the pool line.
    const saidApart = ['severity', 'code', 'message', 'file', 'line', 'participantId', 'programName', 'earningPeriod', 'currency'];
    expect(FINDINGS_COLUMNS.map((c) => c.name)).toEqual([...saidApart, ...FINDING_DETAIL_FIELDS]);
  });
});
