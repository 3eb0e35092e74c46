// @vitest-environment happy-dom
/**
 * The Import view, rendered in happy-dom on the fake workbook, with the worker's reading done in
 * this process: a file that is not read is listed with its reason in words, in each language,
 * never with core's reason code.
 */
import { describe, expect, test, vi } from 'vitest';
import { fake } from './fake-excel.js';
import { setUpWorkbook } from '../../addin/taskpane/workbook-ops.js';
import { renderImport } from '../../addin/taskpane/views/import-view.js';
import { viewApp } from './view-app.js';
import { fileRefusalKey, message } from '../../addin/i18n/messages.js';
import { makeZip } from '../support/make-zip.js';

vi.mock('../../addin/import/parse-in-worker.js', async () => {
  const { readExportFile } = await import('../../addin/import/read-export-file.js');
  return { parseInWorker: readExportFile };
});

/** What the view lists as rejected once its report shows `expected` (or after a while, whatever it lists then). */
async function importInView(tag: string, file: File, expected: string): Promise<string[]> {
  fake.reset();
  await setUpWorkbook();
  const root = document.createElement('main');
  document.body.replaceChildren(root);
  await viewApp(tag, renderImport, root);
  const input = root.querySelector<HTMLInputElement>('[data-testid="import-files"]')!;
  Object.defineProperty(input, 'files', { value: [file] });
  root.querySelector<HTMLButtonElement>('[data-testid="import-run"]')!.click();
  const rejected = () => Array.from(root.querySelectorAll('[data-testid="import-rejected"]'), (li) => li.textContent ?? '');
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
