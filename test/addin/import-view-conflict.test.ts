// @vitest-environment happy-dom
/**
 * The Import view, rendered in happy-dom on the fake workbook: a row with other facts under an
 * earningId the workbook holds is appended (docs/RULES.md, "Repeated earningIds"), and the report
 * lists it, in each language, with the title of the Findings' error that names both rows.
 */
import { describe, expect, test, vi } from 'vitest';
import { fake } from './fake-excel.js';
import { setUpWorkbook } from '../../addin/taskpane/workbook-ops.js';
import { renderImport } from '../../addin/taskpane/views/import-view.js';
import { viewApp } from './view-app.js';
import { message } from '../../addin/i18n/messages.js';
import { TABLES } from '../../core/workbook-layout.js';

vi.mock('../../addin/import/parse-in-worker.js', async () => {
  const { readExportFile } = await import('../../addin/import/read-export-file.js');
  return { parseInWorker: readExportFile };
});

const HEADER = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,transactionId,lever';
const csv = (name: string, rows: string[]) => new File([[HEADER, ...rows].join('\r\n') + '\r\n'], name);

/** Imports each file in turn in the view; returns the last report's conflict items. */
async function importInView(tag: string, files: File[]): Promise<string[]> {
  fake.reset();
  await setUpWorkbook();
  const root = document.createElement('main');
  document.body.replaceChildren(root);
  await viewApp(tag, renderImport, root);
  const input = root.querySelector<HTMLInputElement>('[data-testid="import-files"]')!;
  const button = root.querySelector<HTMLButtonElement>('[data-testid="import-run"]')!;
  const summaries = () => root.querySelectorAll('[data-testid="import-summary"]').length;
  for (const file of files) {
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    root.querySelector('[data-testid="import-report"]')!.replaceChildren();
    button.click();
    for (let i = 0; i < 400 && (summaries() === 0 || button.disabled); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Array.from(root.querySelectorAll('[data-testid="import-conflict"]'), (li) => li.textContent ?? '');
}

describe('a row with other facts under a held earningId, in the Import view', () => {
  test.each([
    ['en-US', 'en'],
    ['nl-NL', 'nl'],
    ['sv-SE', 'sv'],
  ] as const)('in %s, is listed as a conflict, and the Earnings table holds both rows', async (tag, language) => {
    const a = csv('a.csv', ['E1,P1,Hosting,Co-op,2000.00,2000.00,2021-01-05,USD,T1,L']);
    const b = csv('b.csv', ['E1,P1,Hosting,Co-op,1000.00,1000.00,2021-01-05,USD,T1,L', 'E2,P1,Hosting,Co-op,1.00,1.00,2021-02-20,USD,T2,L']);
    const listed = await importInView(tag, [a, b]);
    const finding = message(language, 'finding.conflicting_duplicate');
    // The version it replaces is the workbook's, on sheet row 2: named, so the two can be looked up.
    const held = message(language, 'findings.row', { table: 'Earnings', row: '2' });
    expect(listed).toEqual([`b.csv: ${message(language, 'import.conflict', { line: 2, id: 'E1', finding })} (${held})`]);
    const table = fake.tableValues(TABLES.earnings)!;
    const at = (name: string) => table.headers.indexOf(name);
    expect(table.rows.map((r) => [r[at('earningId')], r[at('earningAmount')]])).toEqual([['E1', 2000], ['E1', 1000], ['E2', 1]]);
  });
});

describe('what an import did not add, in the Import view', () => {
  const logged = () => document.body.querySelector('[data-testid="import-logged"]')?.textContent ?? null;

  test.each([
    ['en-US', 'en'],
    ['de-DE', 'de'],
    ['fr-FR', 'fr'],
  ] as const)('in %s, the report says where it is kept once the report is gone; an import that added every row says nothing of it', async (tag, language) => {
    const a = () => csv('a.csv', ['E1,P1,Hosting,Co-op,2000.00,2000.00,2021-01-05,USD,T1,L']);
    await importInView(tag, [a()]);
    expect(logged()).toBeNull();
    await importInView(tag, [a(), a()]);
    expect(logged()).toBe(message(language, 'import.logged', { table: TABLES.importLog }));
    expect(fake.tableValues(TABLES.importLog)!.rows).toHaveLength(1);
  });
});
