import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import { fake } from '../addin/fake-excel.js';
import { SAMPLES, generatedExport, type DataSet } from './data-sets.js';
import { addinOutcome, batchCommandLineOutcome, batchOutcome, commandLineOf } from './paths.js';
import { collectEarnings, source } from '../batch/input/helpers.js';
import { main } from '../../batch/cli.js';
import { readSettings } from '../../core/settings.js';
import { SETTING_KEYS } from '../../addin/ledger/ledger-settings-store.js';
import { readExportFile, readPickedFiles } from '../../addin/import/read-export-file.js';
import { importExports, loadWorkbook, RefusedSettingError, setUpWorkbook } from '../../addin/taskpane/workbook-ops.js';
import { TABLES } from '../../core/workbook-layout.js';
import { scratchFolder } from './scratch.js';

/*
 * An export that went through a European Excel (`1.234,56`, `;` between cells) is read the same
 * way by the batch job told `--number-locale nl-NL` and by the add-in whose workbook stores the
 * number locale `nl-NL`: the same Balances as the invariant original. An amount that reads two
 * ways, or a tag nobody knows, is refused by both alike.
 */
const scratch = scratchFolder('contract-nl-');

/** The amount columns core's row rule reads, as their headers are spelt in lower case. */
const AMOUNT_COLUMNS = new Set(['earningamount', 'earningamountusd', 'earningamountinlastpaymentcurrency']);

/**
 * `-1234.5` as a Dutch Excel writes it, `-1.234,50`; text that is no plain amount stays as it is.
 * At least two decimals and never three, as an Excel that shows cents writes them: `1.234` and
 * `1,234` read differently invariantly and in nl-NL, which core refuses (docs/RULES.md, "Money").
 * Text only: money is never a float.
 */
function nlAmount(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return text;
  const grouped = m[2]!.replace(/\B(?=(\d{3})+$)/g, '.');
  const fraction = (m[3] ?? '').padEnd(2, '0');
  return `${m[1]}${grouped},${fraction.length === 3 ? `${fraction}0` : fraction}`;
}

/** An export as a Dutch Excel saves it: `;` between cells (tabs stay tabs) and amounts in nl-NL; the lines before the header as they were. */
function asDutchExcel(text: string, path: string): string {
  const delimiter = path.endsWith('.tsv') ? '\t' : ',';
  const records = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, delimiter, skipEmptyLines: false }).data;
  const headerAt = records.findIndex((r) => r.some((name) => name.toLowerCase() === 'earningid'));
  const amountAt = records[headerAt]!.flatMap((name, i) => (AMOUNT_COLUMNS.has(name.toLowerCase()) ? [i] : []));
  const rewritten = records.map((r, k) => (k <= headerAt ? r : r.map((cell, i) => (amountAt.includes(i) ? nlAmount(cell) : cell))));
  return Papa.unparse(rewritten, { delimiter: delimiter === ',' ? ';' : delimiter, newline: '\r\n' });
}

/** The set with every export rewritten as a Dutch Excel saves it, and the number locale nl-NL. */
function dutch(set: DataSet): DataSet {
  const folder = join(scratch, set.name.replace(/\W+/g, '-'));
  mkdirSync(folder, { recursive: true });
  const earnings = set.earnings.map((path) => {
    const to = join(folder, basename(path));
    writeFileSync(to, asDutchExcel(readFileSync(path, 'utf8'), path));
    return to;
  });
  return { ...set, name: `${set.name}, saved by a Dutch Excel`, earnings, numberLocale: 'nl-NL' };
}

const originals: DataSet[] = [SAMPLES, generatedExport(scratch, 'nl', 2_000, '2022-02-10')];

describe.each(originals)('$name', (original) => {
  test('saved by a Dutch Excel, it gives the same Balances through the batch job with --number-locale nl-NL and the add-in with the stored number locale, as the original', async () => {
    const set = dutch(original);
    // The files really hold amounts whose `.` is a group mark, which an invariant reading would misread or refuse.
    expect(set.earnings.some((path) => /[;\t]-?\d{1,3}(\.\d{3})+,\d+[;\t]/.test(readFileSync(path, 'utf8')))).toBe(true);
    const expected = await batchOutcome(original);
    const batch = await batchCommandLineOutcome(set);
    const addin = await addinOutcome(set);
    expect(expected.balances.size).toBeGreaterThan(0);
    expect(Object.fromEntries(batch.balances)).toEqual(Object.fromEntries(expected.balances));
    expect(Object.fromEntries(addin.balances)).toEqual(Object.fromEntries(expected.balances));
    expect(Object.fromEntries(addin.codesByPool)).toEqual(Object.fromEntries(batch.codesByPool));
    expect(addin.paid).toEqual(expected.paid);
    // Every row the import wrote is read back by the ledger, the pay-to amounts too (`3.600,00`).
    expect(addin.refusedRows).toBe(0);
  });
});

test('the Dutch samples imported a second time add and rewrite nothing: every row written is found again, its pay-to amount too', async () => {
  const set = dutch(SAMPLES);
  fake.reset();
  await setUpWorkbook();
  await Excel.run(async (context) => {
    context.workbook.settings.add(SETTING_KEYS.numberLocale, 'nl-NL');
    await context.sync();
  });
  const picked = () => set.earnings.map((path) => Object.assign(new Blob([readFileSync(path)]), { name: path }));
  const first = await importExports((await readPickedFiles(picked(), readExportFile)).flatMap((r) => r.parsed), () => undefined);
  expect(first.plan.cells.length).toBeGreaterThan(0);
  // The paid rows hold a pay-to amount such as 600,00.
  const table = fake.tableValues(TABLES.earnings)!;
  const payTo = table.headers.indexOf('earningAmountInLastPaymentCurrency');
  expect(table.rows.filter((row) => typeof row[payTo] === 'number').length).toBeGreaterThan(0);
  const again = await importExports((await readPickedFiles(picked(), readExportFile)).flatMap((r) => r.parsed), () => undefined);
  expect(again.plan.cells).toHaveLength(0);
  expect(again.plan.updates).toHaveLength(0);
});

const HEADER = 'earningId;participantId;programName;earningType;earningAmount;earningAmountUSD;earningDate;transactionCurrency';

/** The add-in's import of one file into a fresh workbook whose Settings hold `numberLocale` (undefined: none stored). */
async function addinImport(text: string, numberLocale: string | undefined) {
  fake.reset();
  await setUpWorkbook();
  if (numberLocale !== undefined) {
    await Excel.run(async (context) => {
      context.workbook.settings.add(SETTING_KEYS.numberLocale, numberLocale);
      await context.sync();
    });
  }
  const read = await readExportFile(Object.assign(new Blob([text]), { name: 'e.csv' }));
  const { plan } = await importExports(read.parsed, () => undefined);
  const table = fake.tableValues(TABLES.earnings)!;
  // An Excel table with no rows shows one blank row.
  const rows = table.rows.filter((row) => row.some((cell) => cell !== ''));
  const amounts = rows.map((row) => row[table.headers.indexOf('earningAmount')]);
  return { rejected: plan.rejected.map((r) => [r.code, r.line, r.column]), amounts };
}

/** The batch job's reader of one file, with the number locale its command line reads by core's settings rule. */
async function batchRead(text: string, numberLocale: string | undefined) {
  const locale = readSettings({ numberLocale }).numberLocale;
  const r = await collectEarnings(source(text, 'e.csv'), locale ? { locale } : {});
  return { rejected: r.issues.map((i) => [i.code, i.line, i.columnName]), amounts: r.rows.map((e) => e.amountScaled) };
}

describe('an amount that reads two ways, and a tag nobody knows', () => {
  // `1,234` is 1234 invariantly and 1.234 in nl-NL: a guess would be wrong one time in two.
  const ambiguous = `${HEADER}\r\nE1;P1;Hosting;Co-op;1,234;;2021-01-05;USD\r\nE2;P1;Hosting;Co-op;1.234,50;;2021-01-05;USD\r\n`;

  test('1,234 under nl-NL is invalid_amount at its line and column in both; 1.234,50 on the next line is read as 1234.50 by both', async () => {
    const batch = await batchRead(ambiguous, 'nl-NL');
    const addin = await addinImport(ambiguous, 'nl-NL');
    expect(batch.rejected).toEqual([['invalid_amount', 2, 'earningAmount']]);
    expect(addin.rejected).toEqual([['invalid_amount', 2, 'earningAmount']]);
    expect(batch.amounts).toEqual([{ units: 12345, scale: 1 }]);
    expect(addin.amounts).toEqual([1234.5]);
  });

  test('the same file without a number locale reads 1,234 as 1234 and refuses 1.234,50, in both', async () => {
    const batch = await batchRead(ambiguous, undefined);
    const addin = await addinImport(ambiguous, undefined);
    expect(batch.rejected).toEqual([['invalid_amount', 3, 'earningAmount']]);
    expect(addin.rejected).toEqual([['invalid_amount', 3, 'earningAmount']]);
    expect(batch.amounts).toEqual([{ units: 1234, scale: 0 }]);
    expect(addin.amounts).toEqual([1234]);
  });

  test('a tag Intl does not know is refused by both: the batch job exits 2 and the add-in imports nothing, with core\'s invalid_setting at numberLocale', async () => {
    const path = join(scratch, 'unknown-tag.csv');
    writeFileSync(path, `${HEADER}\r\nE1;P1;Hosting;Co-op;10,00;;2021-01-05;USD\r\n`);
    const out = join(scratch, 'unknown-tag-out');
    const code = await main(commandLineOf({ name: 'unknown tag', earnings: [path], asOf: '2022-02-10', numberLocale: 'xx-YY' }, out), {
      stdout: () => undefined,
      stderr: () => undefined,
      progress: false,
      now: () => new Date('2022-02-10T12:00:00Z'),
    });
    expect(code).toBe(2);
    expect(readSettings({ numberLocale: 'xx-YY' }).issues.map((i) => [i.code, i.path[0]])).toEqual([['invalid_setting', 'numberLocale']]);

    const refused = await addinImport(readFileSync(path, 'utf8'), 'xx-YY').then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(RefusedSettingError);
    expect((refused as RefusedSettingError).issues.map((i) => [i.code, i.path[0], i.input])).toEqual([['invalid_setting', 'numberLocale', 'xx-YY']]);
    expect(fake.tableValues(TABLES.earnings)!.rows.flat().filter((cell) => cell !== '')).toEqual([]);
    // The pane lists it under Settings, as the other refused stored values.
    const { stored } = await loadWorkbook({ reread: true });
    expect(stored.issues.map((i) => [i.code, i.path[0]])).toEqual([['invalid_setting', 'numberLocale']]);
  });
});
