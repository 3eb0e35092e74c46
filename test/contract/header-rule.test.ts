/**
 * One header rule for every table (docs/RULES.md, "Column headers"): the same header row gets the
 * same verdict from every reader of both adapters. The batch job reads a claims CSV, the Claims
 * table of a workbook and its Programs table, export files and Payments reports; the add-in reads
 * its own Claims, Programs, Earnings and Payments tables (on the fake workbook) and imports export
 * files and Payments reports. Each case is a
 * header row: spellings of the layout's names that core reads as those columns, a header that
 * repeats a column in another spelling, and a row that lacks a required column.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { fake } from '../addin/fake-excel.js';
import { reconcile, type CommandIO } from '../../batch/reconcile/reconcile.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import { importExports, loadWorkbook, saveSettings, setUpWorkbook } from '../../addin/taskpane/workbook-ops.js';
import { replaceRows } from '../../addin/excel/table-io.js';
import { recordToCells } from '../../addin/excel/record-cells.js';
import { claimToRow, parseClaimRow } from '../../core/claims/claim-row.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { Dec } from '../../core/money/decimal.js';
import { CLAIMS_COLUMNS, EARNINGS_COLUMNS, PAYMENTS_COLUMNS, PROGRAMS_COLUMNS, TABLES } from '../../core/workbook-layout.js';

const AS_OF = '2022-02-10';
const silent: CommandIO = { stdout: () => undefined, stderr: () => undefined, progress: false, now: () => new Date(`${AS_OF}T12:00:00Z`) };
const folders: string[] = [];
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'header-rule-'));
  folders.push(dir);
  return dir;
}

/** `claimId` → `Claim Id`, `claim_id`, `CLAIMID`, `claim-id`: how people and other tools spell a layout name. */
const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').split(' ');
const SPELLINGS: Readonly<Record<string, (name: string) => string>> = {
  'layout names': (n) => n,
  'title words': (n) => words(n).map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' '),
  snake_case: (n) => words(n).join('_').toLowerCase(),
  'UPPER CASE': (n) => n.toUpperCase(),
  'kebab-case': (n) => words(n).join('-').toLowerCase(),
};

/** What a reader made of a header row: the header problems it reported, and what it read when it reported none. */
interface Verdict {
  readonly codes: readonly string[];
  readonly read: readonly string[] | null;
}
const verdict = (codes: Iterable<string>, read: readonly string[]): Verdict => {
  const sorted = [...new Set(codes)].sort();
  return { codes: sorted, read: sorted.length === 0 ? read : null };
};
const HEADER_CODES = new Set(['duplicate_header', 'missing_column']);

interface HeaderCase {
  readonly name: string;
  readonly headers: readonly string[];
  readonly expected: Verdict;
}

/** The spellings; then `repeat` in place of an optional column, beside the column it names; then a required column renamed away. */
function cases(layout: readonly string[], repeat: { at: number; as: string }, missing: { at: number; as: string } | null, read: readonly string[]): HeaderCase[] {
  const spelled = Object.entries(SPELLINGS).map(([name, spell]) => ({ name, headers: layout.map(spell), expected: verdict([], read) }));
  const replace = (at: number, as: string) => layout.map((n, i) => (i === at ? as : n));
  return [
    ...spelled,
    { name: `${repeat.as} in place of ${layout[repeat.at]}`, headers: replace(repeat.at, repeat.as), expected: verdict(['duplicate_header'], []) },
    ...(missing ? [{ name: `${layout[missing.at]} renamed ${missing.as}`, headers: replace(missing.at, missing.as), expected: verdict(['missing_column'], []) }] : []),
  ];
}

// ---- the data each case's rows hold ---------------------------------------------------------

const EARNINGS_HEADER = EARNINGS_COLUMNS.map((c) => c.name);
const EARNING: Readonly<Record<string, string>> = {
  earningId: 'E1',
  participantId: 'P1',
  programName: 'CSP Indirect Reseller',
  earningType: 'Co-op',
  earningAmount: '20000.00',
  earningAmountUSD: '20000.00',
  earningDate: '2021-08-01',
  transactionCurrency: 'USD',
  transactionId: 'T1',
  lever: 'Core',
};
const EARNINGS_CSV = Papa.unparse([EARNINGS_HEADER, EARNINGS_HEADER.map((h) => EARNING[h] ?? '')], { newline: '\n' });

const claim = (() => {
  const parsed = parseClaimRow({
    claimId: 'C1',
    participantId: 'P1',
    programName: 'CSP Indirect Reseller',
    activityType: 'Event',
    activityName: 'Webinar',
    activityStart: '2022-01-10',
    activityEnd: '2022-01-11',
    currency: 'USD',
    amountClaimed: '100',
    status: 'Editing',
  });
  if (!parsed.ok) throw new Error('the test claim does not parse');
  return parsed.value;
})();
const CLAIM_TEXTS = CLAIMS_COLUMNS.map((c) => claimToRow(claim)[c.name] ?? '');

/** A Programs row that moves a number both adapters show: the program's threshold. */
const PROGRAM: Readonly<Record<string, string>> = { name: 'CSP Indirect Reseller', thresholdUSD: '30000' };
const PROGRAM_TEXTS = PROGRAMS_COLUMNS.map((c) => PROGRAM[c.name] ?? '');

// ---- the batch job ----------------------------------------------------------------------------

async function workbookWith(table: string, headers: readonly string[], row: readonly string[], dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(table);
  ws.addRow([...headers]);
  ws.addRow([...row]);
  const path = join(dir, `${table}.xlsx`);
  await wb.xlsx.writeFile(path);
  return path;
}

interface BatchRun {
  readonly codes: string[];
  /** The paymentIds of the payment findings. */
  readonly payments: string[];
  readonly claims: string[];
  readonly thresholds: string[];
  readonly earnings: number;
}

async function runBatch(files: { earnings?: string; claims?: string; programs?: string; payments?: string }, dir: string): Promise<BatchRun> {
  const earnings = files.earnings ?? join(dir, 'earnings.csv');
  if (!files.earnings) writeFileSync(earnings, EARNINGS_CSV);
  const out = join(dir, 'out');
  let stderr = '';
  const summary = await reconcile(
    { earnings: [earnings], payments: files.payments ? [files.payments] : [], ...(files.claims ? { claims: files.claims } : {}), ...(files.programs ? { programs: files.programs } : {}), asOf: AS_OF as IsoDate, out, failOn: 'never', skipBadRows: false, quiet: true },
    { ...silent, stderr: (s) => void (stderr += s) },
  );
  const csv = (name: string) => (existsSync(join(out, name)) ? Papa.parse<Record<string, string>>(readFileSync(join(out, name), 'utf8'), { header: true, skipEmptyLines: true }).data : []);
  // A refused policy file stops the run before any report (exit 2): its problems are on stderr.
  const codes = summary.exitCode === 2 ? [...stderr.matchAll(/: (duplicate_header|missing_column)\b/g)].map((m) => m[1]!) : csv('input-errors.csv').map((e) => e.code!);
  const counted = JSON.parse(existsSync(join(out, 'summary.json')) ? readFileSync(join(out, 'summary.json'), 'utf8') : '{"counts":{}}') as { counts: { earningsRowsCounted?: number } };
  return {
    codes: codes.filter((c) => HEADER_CODES.has(c)),
    payments: csv('findings.csv').filter((f) => f.code === 'payment_mismatch').map((f) => f.paymentId!),
    claims: csv('claims.csv').map((c) => c.claimId!),
    thresholds: csv('balances.csv').map((b) => b.thresholdUSD!),
    earnings: counted.counts.earningsRowsCounted ?? 0,
  };
}

// ---- the add-in -------------------------------------------------------------------------------

/** A fresh fake workbook with the export imported; then `table`'s header row renamed to `headers` and its body replaced by `row`. */
async function workbookTable(table: string, headers: readonly string[], row: readonly (string | number | boolean)[]): Promise<void> {
  fake.reset();
  await setUpWorkbook();
  await saveSettings({ asOf: AS_OF as IsoDate, fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 'header-rule' });
  await importExports([parseExportText('earnings.csv', EARNINGS_CSV)], () => undefined);
  await Excel.run(async (context) => {
    context.workbook.tables.getItem(table).getHeaderRowRange().values = [[...headers]];
    await context.sync();
    await replaceRows(context, table, [row]);
  });
}

const tableProblems = (problems: readonly { table: string; row: number; issues: readonly { code: string }[] }[], table: string) =>
  problems.filter((p) => p.table === table && p.row === 0).flatMap((p) => p.issues.map((i) => i.code)).filter((c) => HEADER_CODES.has(c));

// ---- the cases --------------------------------------------------------------------------------

const CLAIMS_LAYOUT = CLAIMS_COLUMNS.map((c) => c.name);
const CLAIMS_CASES = cases(CLAIMS_LAYOUT, { at: CLAIMS_LAYOUT.indexOf('notes'), as: 'Claim Id' }, { at: CLAIMS_LAYOUT.indexOf('claimId'), as: 'reference' }, ['C1']);

describe('the Claims register: every reader gives a header row the same verdict', () => {
  test.each(CLAIMS_CASES)('$name', async ({ headers, expected }) => {
    const dir = folder();
    const csvPath = join(dir, 'claims.csv');
    writeFileSync(csvPath, Papa.unparse([headers, CLAIM_TEXTS], { newline: '\n' }));
    const fromCsv = await runBatch({ claims: csvPath }, dir);
    const xlsxDir = folder();
    const fromXlsx = await runBatch({ claims: await workbookWith('Claims', headers, CLAIM_TEXTS, xlsxDir) }, xlsxDir);

    await workbookTable(TABLES.claims, headers, recordToCells(claimToRow(claim), CLAIMS_COLUMNS, '1900'));
    const { ledger } = await loadWorkbook({ reread: true });
    const addin = verdict(tableProblems(ledger.problems, 'Claims'), ledger.claims.map((c) => c.claim.claimId));

    expect(verdict(fromCsv.codes, fromCsv.claims)).toEqual(expected);
    expect(verdict(fromXlsx.codes, fromXlsx.claims)).toEqual(expected);
    expect(addin).toEqual(expected);
  });
});

const PROGRAMS_LAYOUT = PROGRAMS_COLUMNS.map((c) => c.name);
// The Programs table requires no column (a row layers over the built-in catalog), so its cases end with the repeat.
const PROGRAMS_CASES = cases(PROGRAMS_LAYOUT, { at: PROGRAMS_LAYOUT.indexOf('until'), as: 'Threshold USD' }, null, ['30000']);

describe('the Programs table: every reader gives a header row the same verdict', () => {
  test.each(PROGRAMS_CASES)('$name', async ({ headers, expected }) => {
    const dir = folder();
    const fromXlsx = await runBatch({ programs: await workbookWith('Programs', headers, PROGRAM_TEXTS, dir) }, dir);

    await workbookTable(TABLES.programs, headers, PROGRAM_TEXTS.map((t) => (t === '' ? '' : /^\d+$/.test(t) ? Number(t) : t)));
    const { ledger } = await loadWorkbook({ reread: true });
    const addin = verdict(tableProblems(ledger.problems, 'Programs'), ledger.balances.map((b) => b.thresholdUSD?.toFixed() ?? ""));

    expect(verdict(fromXlsx.codes, fromXlsx.thresholds.map((t) => new Dec(t).toFixed()))).toEqual(expected);
    expect(addin).toEqual(expected);
  });
});

const EARNINGS_CASES = cases(EARNINGS_HEADER, { at: EARNINGS_HEADER.indexOf('paymentStatus'), as: 'Earning Id' }, { at: EARNINGS_HEADER.indexOf('earningDate'), as: 'bookingDate' }, ['1']);

describe('an earnings export: the batch job and the add-in import give a header row the same verdict', () => {
  test.each(EARNINGS_CASES)('$name', async ({ headers, expected }) => {
    const dir = folder();
    const text = Papa.unparse([headers, EARNINGS_HEADER.map((h) => EARNING[h] ?? '')], { newline: '\n' });
    const path = join(dir, 'earnings.csv');
    writeFileSync(path, text);
    const fromCsv = await runBatch({ earnings: path }, dir);

    fake.reset();
    await setUpWorkbook();
    const { plan } = await importExports([parseExportText('earnings.csv', text)], () => undefined);
    const addin = verdict(
      plan.rejected.map((r) => r.code).filter((c) => HEADER_CODES.has(c)),
      [String(plan.cells.length)],
    );

    expect(verdict(fromCsv.codes, [String(fromCsv.earnings)])).toEqual(expected);
    expect(addin).toEqual(expected);
  });
});

/** A payment no earnings row carries: one `payment_mismatch` wherever it is read. */
const PAYMENTS_HEADER = PAYMENTS_COLUMNS.map((c) => c.name);
const PAYMENT: Readonly<Record<string, string>> = { paymentId: 'PAY-1', participantId: 'P1', programName: 'CSP Indirect Reseller', earned: '100.00', earnedCurrencyCode: 'USD' };
const PAYMENT_TEXTS = PAYMENTS_HEADER.map((h) => PAYMENT[h] ?? '');
const PAYMENTS_CASES = cases(PAYMENTS_HEADER, { at: PAYMENTS_HEADER.indexOf('paymentStatus'), as: 'Payment Id' }, { at: PAYMENTS_HEADER.indexOf('earned'), as: 'Amount' }, ['PAY-1']);
const paymentFindings = (findings: readonly { code: string; paymentId?: string }[]) => findings.filter((f) => f.code === 'payment_mismatch').map((f) => f.paymentId ?? '');

describe('a Payments report: the batch job, the add-in import and the add-in\'s Payments table give a header row the same verdict', () => {
  test.each(PAYMENTS_CASES)('$name', async ({ headers, expected }) => {
    const dir = folder();
    const text = Papa.unparse([headers, PAYMENT_TEXTS], { newline: '\n' });
    const path = join(dir, 'payments.csv');
    writeFileSync(path, text);
    const fromCsv = await runBatch({ payments: path }, dir);

    // The report imported, its payments then checked on Recalculate.
    fake.reset();
    await setUpWorkbook();
    await saveSettings({ asOf: AS_OF as IsoDate, fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 'header-rule' });
    const { plan } = await importExports([parseExportText('earnings.csv', EARNINGS_CSV), parseExportText('payments.csv', text)], () => undefined);
    const imported = verdict(plan.rejected.map((r) => r.code).filter((c) => HEADER_CODES.has(c)), paymentFindings((await loadWorkbook({ reread: true })).ledger.findings));

    // The Payments table, made by an import, with its header row renamed.
    fake.reset();
    await setUpWorkbook();
    await saveSettings({ asOf: AS_OF as IsoDate, fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 'header-rule' });
    await importExports([parseExportText('earnings.csv', EARNINGS_CSV), parseExportText('payments.csv', Papa.unparse([PAYMENTS_HEADER], { newline: '\n' }))], () => undefined);
    await Excel.run(async (context) => {
      context.workbook.tables.getItem(TABLES.payments).getHeaderRowRange().values = [[...headers]];
      await context.sync();
      await replaceRows(context, TABLES.payments, [PAYMENT_TEXTS.map((t) => (/^\d+\.\d+$/.test(t) ? Number(t) : t))]);
    });
    const { ledger } = await loadWorkbook({ reread: true });
    const table = verdict(tableProblems(ledger.problems, 'Payments'), paymentFindings(ledger.findings));

    expect(verdict(fromCsv.codes, fromCsv.payments)).toEqual(expected);
    expect(imported).toEqual(expected);
    expect(table).toEqual(expected);
  });
});
