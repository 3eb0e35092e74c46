/**
 * Excel answers the date-system probe (DATE(1904,1,2)) with something that is neither system's
 * serial: every operation stops before it reads a table or writes a cell, and the pane says so in
 * the user's language, never as Excel's raw answer (docs/RULES.md, "Workbook cells").
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { fake } from './fake-excel.js';
import { freshWorkbook } from './workbook-session.js';
import { appendClaim, importExports, loadWorkbook, savePrograms, setUpWorkbook, updateClaim, writeBalances } from '../../addin/taskpane/workbook-ops.js';
import { DateSystemError } from '../../addin/excel/date-system.js';
import { errorText } from '../../addin/taskpane/error-text.js';
import { createLocale } from '../../addin/i18n/locale.js';
import { LANGUAGES, message } from '../../addin/i18n/messages.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import { parseClaimRow } from '../../core/claims/claim-row.js';
import { historyEntry } from '../../core/claims/claim-history.js';
import { isoDate } from '../../core/calendar/calendar-date.js';
import { ALL_TABLES } from '../../addin/excel/workbook-setup.js';
import { available, claimEnd } from '../../addin/functions/functions.js';
import { invalidateLedger } from '../../addin/functions/ledger-cache.js';
import { streaming } from './streaming-invocation.js';

const TAGS = { en: 'en-US', nl: 'nl-NL', de: 'de-DE', fr: 'fr-FR', sv: 'sv-SE' } as const;

function claimOf(id: string, status: string) {
  const claim = parseClaimRow({
    claimId: id, participantId: '4410021', programName: 'CSP Indirect Reseller', activityType: 'Event', activityName: 'Roadshow',
    activityStart: '2021-10-01', activityEnd: '2021-10-02', currency: 'EUR', amountClaimed: '1000', status, submittedDate: '2022-02-01',
    invoices: 'i.pdf', proofs: 'p.pdf',
  });
  if (!claim.ok) throw new Error(JSON.stringify(claim.issues));
  return claim.value;
}

/** A workbook with the samples imported, a claim and Balances written; what every table holds. */
async function workbook() {
  await freshWorkbook('2022-02-10');
  await importExports([parseExportText('e.csv', readFileSync('samples/earnings/earnings_2020-07_2021-06.csv', 'utf8'))], () => undefined);
  const claim = claimOf('CLM-1', 'Submitted');
  await appendClaim(claim, historyEntry(claim, 'edited', { at: isoDate('2022-02-01'), by: 't' }, ['created']));
  const state = await loadWorkbook({ reread: true });
  await writeBalances(state.ledger);
  return state;
}

const snapshot = () => JSON.stringify([...ALL_TABLES, 'Payments', 'ImportLog'].map((t) => fake.tableValues(t)));

describe.each([
  ['an error', { error: '#VALUE!' }],
  ['a number that is no system\'s serial', { value: 1000 }],
] as const)('Excel answers the date-system probe with %s', (_, answer) => {
  test('every operation is refused with DateSystemError and writes nothing', async () => {
    const state = await workbook();
    const before = snapshot();
    fake.setDateAnswer(answer);
    const claim = claimOf('CLM-2', 'Submitted');
    const operations: [string, () => Promise<unknown>][] = [
      ['load', () => loadWorkbook({ reread: true })],
      ['import', () => importExports([parseExportText('p.csv', readFileSync('samples/payments.csv', 'utf8')), parseExportText('e.csv', readFileSync('samples/earnings/earnings_2021-07_2021-11.tsv', 'utf8'))], () => undefined)],
      ['new claim', () => appendClaim(claim, historyEntry(claim, 'edited', { at: isoDate('2022-02-01'), by: 't' }, ['created']))],
      ['claim saved', () => updateClaim(claimOf('CLM-1', 'Approved'), [historyEntry(claimOf('CLM-1', 'Approved'), 'status_changed', { at: isoDate('2022-02-05'), by: 't' }, ['Submitted → Approved'])])],
      ['recalculate', () => writeBalances(state.ledger)],
      ['programs saved', () => savePrograms([{ programName: 'Hosting', coopShare: '0.5' }])],
    ];
    for (const [name, operation] of operations) {
      await expect(operation(), name).rejects.toBeInstanceOf(DateSystemError);
      expect(snapshot(), name).toBe(before);
    }
    // Answered rightly again, the same workbook reads as before.
    fake.setDateAnswer(null);
    expect((await loadWorkbook({ reread: true })).fingerprint).toBe(state.fingerprint);
  }, 60_000);

  test.each(LANGUAGES)('the pane says it in %s, in its own words, not as Excel\'s answer', async (language) => {
    fake.reset();
    await setUpWorkbook();
    fake.setDateAnswer(answer);
    const error = await loadWorkbook().catch((e: unknown) => e);
    const locale = createLocale(TAGS[language]);
    const text = errorText(locale, error);
    expect(text).toBe(message(language, 'error.dateSystem'));
    expect(text).not.toBe(errorText(locale, new Error((error as Error).message)));
    expect(text).not.toContain('error' in answer ? answer.error : String(answer.value));
  });

  test.each(LANGUAGES)('a COOP.* cell is #N/A and says it in %s, in the pane\'s words, not as Excel\'s answer', async (language) => {
    fake.reset(TAGS[language]);
    try {
      await setUpWorkbook();
      fake.setDateAnswer(answer);
      // Nothing read yet: the functions ask the workbook, the date system with it.
      invalidateLedger();
      const end = streaming(claimEnd, 'FY21 H1');
      const cell = streaming(available, '4410021', 'CSP Indirect Reseller', 'FY21 H1', 'EUR');
      for (const shown of [await end.nth(1), await cell.nth(1)]) {
        expect(shown).toBeInstanceOf(CustomFunctions.Error);
        expect([(shown as CustomFunctions.Error).code, (shown as CustomFunctions.Error).message]).toEqual(['#N/A', message(language, 'error.dateSystem')]);
      }
      end.cancel();
      cell.cancel();
    } finally {
      fake.reset('en-US');
    }
  });
});
