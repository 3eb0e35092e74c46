// @vitest-environment happy-dom
/**
 * The Import view, rendered in happy-dom on the fake workbook, with the worker's reading done in
 * this process: a file that is not read is listed with its reason in words, in each language,
 * never with core's reason code; a rejected row with the numbers and the row core's problem names.
 */
import { describe, expect, test, vi } from 'vitest';
import { fake } from './fake-excel.js';
import { importExports, setUpWorkbook } from '../../addin/taskpane/workbook-ops.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import { EARNINGS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { renderImport } from '../../addin/taskpane/views/import-view.js';
import { viewApp } from './view-app.js';
import { fileRefusalKey, message } from '../../addin/i18n/messages.js';
import { makeZip } from '../support/make-zip.js';
import { MAX_SIGNIFICANT_DIGITS } from '../../core/money/parse-amount.js';
import { DATE_FORMATS_EXPECTED } from '../../core/calendar/calendar-date.js';

vi.mock('../../addin/import/parse-in-worker.js', async () => {
  const { readExportFile } = await import('../../addin/import/read-export-file.js');
  return { parseInWorker: readExportFile };
});

/** What the view lists as rejected once its report shows `expected` (or after a while, whatever it lists then). */
async function importInView(tag: string, file: File, expected: string, before: () => Promise<void> = async () => undefined, listed = 'import-rejected'): Promise<string[]> {
  fake.reset();
  await setUpWorkbook();
  await before();
  const root = document.createElement('main');
  document.body.replaceChildren(root);
  await viewApp(tag, renderImport, root);
  const input = root.querySelector<HTMLInputElement>('[data-testid="import-files"]')!;
  Object.defineProperty(input, 'files', { value: [file] });
  root.querySelector<HTMLButtonElement>('[data-testid="import-run"]')!.click();
  const rejected = () => Array.from(root.querySelectorAll(`[data-testid="${listed}"]`), (li) => li.textContent ?? '');
  for (let i = 0; i < 200 && !rejected().includes(expected); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  return rejected();
}

describe('a file that is not read, in the Import view', () => {
  const xlsx = makeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'xl/workbook.xml', data: '<workbook/>' }]);
  test.each([
    ['en-US', 'en', 'earnings.xlsx', 'workbook'],
    ['de-DE', 'de', 'earnings.csv', 'workbook'],
    ['fr-FR', 'fr', 'earnings.csv', 'zip_signature'],
  ] as const)('in %s (pane language %s), %s is listed with the words for its reason (%s), not its code', async (tag, language, name, reason) => {
    const bytes = reason === 'zip_signature' ? makeZip([{ name: 'e.csv', data: 'earningId\nE1\n' }]) : xlsx;
    const expected = `${name}:1 — ${message(language, 'issue.unsupported_file', { input: message(language, fileRefusalKey(reason)) })}`;
    expect(await importInView(tag, new File([new Uint8Array(bytes)], name), expected)).toEqual([expected]);
  });
});

describe('a rejected row in the Import view says what core found', () => {
  const HEADER = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency';
  const csv = (rows: string[]) => `${HEADER}\n${rows.join('\n')}\n`;

  test('a ragged row: its cell count and the header\'s', async () => {
    const expected = `e.csv:2 — ${message('en', 'issue.ragged_row', { input: '7', expected: '8' })}`;
    expect(await importInView('en-US', new File([csv(['E1,P1,Hosting,Co-op,10.00,10.00,2021-01-05'])], 'e.csv'), expected)).toEqual([expected]);
  });

  test('an amount with more significant digits than a cell holds is said so, in each of its columns, not "not an amount"', async () => {
    // The limit is core's, said from the issue: the message holds no number of its own.
    const at = (column: string) => `e.csv:2 — ${message('de', 'issue.invalid_amount.too_precise', { column, input: '1499.9999999999999', maxSignificantDigits: String(MAX_SIGNIFICANT_DIGITS) })}`;
    const rejected = await importInView('de-DE', new File([csv(['E1,P1,Hosting,Co-op,1499.9999999999999,1499.9999999999999,2021-01-05,USD'])], 'e.csv'), at('earningAmountUSD'));
    expect(rejected).toEqual([at('earningAmount'), at('earningAmountUSD')]);
    expect(rejected[0]).toContain(` ${MAX_SIGNIFICANT_DIGITS} `);
  });

  test('a date core cannot read is said with the forms core reads, not an empty pair of brackets', async () => {
    const expected = `e.csv:2 — ${message('nl', 'issue.invalid_date', { column: 'earningDate', input: '31/12/2021', expected: DATE_FORMATS_EXPECTED })}`;
    const rejected = await importInView('nl-NL', new File([csv(['E1,P1,Hosting,Co-op,10.00,10.00,31/12/2021,USD'])], 'e.csv'), expected);
    expect(rejected).toEqual([expected]);
    expect(rejected[0]).toContain('M/d/yyyy');
  });

  test('a Payments row whose currencyCode is another currency than its earnedCurrencyCode: both currencies, in words, not "not a currency code"', async () => {
    const report = 'participantId,programName,earned,earnedUSD,totalPayment,earnedCurrencyCode,paymentCurrencyCode,paymentId,paymentStatus,paymentDate,currencyCode\nP1,Hosting,10.00,11.30,,EUR,,PAY-1,Pending,,USD\n';
    const expected = `p.csv:2 — ${message('fr', 'issue.invalid_currency.conflicting', { column: 'currencyCode', input: 'USD', expected: 'EUR' })}`;
    const rejected = await importInView('fr-FR', new File([report], 'p.csv'), expected);
    expect(rejected).toEqual([expected]);
    expect(rejected[0]).toContain('EUR');
    expect(rejected[0]).not.toBe(`p.csv:2 — ${message('fr', 'issue.invalid_currency', { column: 'currencyCode', input: 'USD' })}`);
  });

  test('a row that conflicts with an earning the workbook holds below a blank row names that row by its sheet row', async () => {
    const held = async () => {
      await importExports([parseExportText('a.csv', csv(['E1,P1,Hosting,Co-op,10.00,10.00,2021-01-05,USD']))], () => undefined);
      fake.appendRows(TABLES.earnings, [EARNINGS_COLUMNS.map(() => '')]);
      await importExports([parseExportText('b.csv', csv(['E2,P1,Hosting,Co-op,20.00,20.00,2021-01-05,USD']))], () => undefined);
    };
    // E2 is on sheet row 4: the header on row 1, E1 on row 2, the blank row 3.
    const conflict = message('en', 'import.conflict', { line: 2, id: 'E2', finding: message('en', 'finding.conflicting_duplicate') });
    const expected = `c.csv: ${conflict} (${message('en', 'findings.row', { table: 'Earnings', row: '4' })})`;
    expect(await importInView('en-US', new File([csv(['E2,P1,Hosting,Co-op,25.00,25.00,2021-01-05,USD'])], 'c.csv'), expected, held, 'import-conflict')).toEqual([expected]);
  });
});
