import { DEFAULT_SETTINGS, withSettings } from '../../core/settings.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { fake } from '../addin/fake-excel.js';
import { reconcile, type CommandIO } from '../../batch/reconcile/reconcile.js';
import { main } from '../../batch/cli.js';
import { SETTING_KEYS } from '../../addin/ledger/ledger-settings-store.js';
import { readExportFile, readPickedFiles } from '../../addin/import/read-export-file.js';
import { importExports, loadWorkbook, saveSettings, setUpWorkbook, writeBalances } from '../../addin/taskpane/workbook-ops.js';
import { appendRows } from '../../addin/excel/table-io.js';
import { recordToCells } from '../../addin/excel/record-cells.js';
import { policyEntryToCells } from '../../addin/ledger/program-rows.js';
import { parseClaimRow, claimToRow } from '../../core/claims/claim-row.js';
import { parsePolicyFile } from '../../core/policy/parse-policy-file.js';
import { fromExcelSerial, type IsoDate } from '../../core/calendar/calendar-date.js';
import { formatAmount } from '../../core/money/round.js';
import { Dec } from '../../core/money/decimal.js';
import { poolKeyString } from '../../core/pools/pool-key.js';
import { BALANCES_COLUMNS, CLAIMS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { IMPORT_LOG_CODES } from '../../core/reconcile/import-log.js';
import type { DataSet } from './data-sets.js';

/** What the contract compares: the same in the batch job's reports and in the workbook. */
export interface Outcome {
  /** Balances rows, each as `column=value` text in BALANCES_COLUMNS order, keyed by pool. */
  readonly balances: Map<string, string[]>;
  /** Finding codes per pool (pool-level findings only), sorted. */
  readonly codesByPool: Map<string, string[]>;
  /** claimId → the pool it draws on ('' for none). */
  readonly draws: Map<string, string>;
  /** The claims a payment row shows paid, sorted. */
  readonly paid: string[];
  /** The Payments report's findings, each `code paymentId`, sorted (where each is named differs: a report's line, a table's row). */
  readonly payments: string[];
  /**
   * Each `conflicting_duplicate` finding (one earningId with other facts): its earningId, the row
   * counted (`file:line`) and the row it replaced (`expected`), sorted. Rows are the files' in the
   * batch job's report and the Earnings table's in the workbook.
   */
  readonly conflicts: readonly { readonly earningId: string; readonly at: string; readonly expected: string }[];
  /**
   * How many rows each code of what an import logs stands for (`duplicate_earning`,
   * `earning_updated`, `earning_restated`, `rows_quarantined`, `no_rows`): the batch job's findings of the downloads it reads (an
   * `earning_updated` counts its pair of files' rows), the workbook's of its import log and tables.
   */
  readonly logged: Readonly<Record<string, number>>;
  /**
   * The zip entries that are no export (`zip_entry_not_csv`), by the name each adapter gives them,
   * sorted: the batch job's finding's file, the workbook's import log row's file.
   */
  readonly notExports: readonly string[];
  /** The add-in only: rows of the workbook's tables its ledger refused (the batch job stops on a refused row instead). */
  readonly refusedRows?: number;
}

const csv = (path: string): Record<string, string>[] => Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
const poolOf = (r: { participantId?: string; programName?: string; earningPeriod?: string; currency?: string }) =>
  poolKeyString({ participantId: r.participantId ?? '', programName: r.programName ?? '', earningPeriod: r.earningPeriod ?? '', currency: r.currency ?? '' });

type Conflicts = Outcome['conflicts'];

/**
 * Rows per logged code: a finding of the import log, an `earning_updated` of a pair of downloads
 * or the batch job's one `rows_quarantined` stands for `actual` rows; any other for its one row.
 */
function loggedCounts(findings: readonly { code?: string; file?: string; actual?: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) {
    if (!f.code || !(IMPORT_LOG_CODES as readonly string[]).includes(f.code)) continue;
    const rows = f.file === TABLES.importLog || f.code === 'earning_updated' || f.code === 'rows_quarantined' ? Number(f.actual) : 1;
    out[f.code] = (out[f.code] ?? 0) + rows;
  }
  return out;
}

function conflictsOf(findings: readonly { code?: string; earningId?: string; file?: string; line?: string | number; expected?: string }[]): Conflicts {
  return findings
    .filter((f) => f.code === 'conflicting_duplicate')
    .map((f) => ({ earningId: f.earningId ?? '', at: `${f.file ?? ''}:${String(f.line ?? '')}`, expected: f.expected ?? '' }))
    .sort((a, b) => (a.earningId + a.at < b.earningId + b.at ? -1 : 1));
}

function group(codes: Iterable<[string, string]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [pool, code] of codes) out.set(pool, [...(out.get(pool) ?? []), code]);
  for (const list of out.values()) list.sort();
  return out;
}

/** The payments check's findings as the contract compares them. */
function paymentFindings(findings: readonly { code: string; paymentId?: string | undefined }[]): string[] {
  return findings.filter((f) => f.code === 'payment_mismatch').map((f) => `${f.code} ${f.paymentId ?? ''}`).sort();
}

const silent: CommandIO = { stdout: () => undefined, stderr: () => undefined, progress: false, now: () => new Date('2022-02-10T12:00:00Z') };

/** The batch job, in process, as `coop-ledger reconcile` runs it. */
export async function batchOutcome(set: DataSet): Promise<Outcome> {
  const out = mkdtempSync(join(tmpdir(), 'contract-batch-'));
  try {
    const summary = await reconcile(
      {
        earnings: set.earnings,
        payments: set.payments ?? [],
        claims: set.claims,
        programs: set.programs,
        asOf: set.asOf as IsoDate,
        settings: withSettings({ fiscalYearStartMonth: set.fiscalYearStartMonth ?? 7, ...(set.expiryDays ? { expiryDays: set.expiryDays } : {}) }),
        out,
        failOn: 'never',
        skipBadRows: set.skipBadRows ?? false,
        quiet: true,
      },
      silent,
    );
    if (summary.exitCode !== 0) throw new Error(`${set.name}: the batch job exited with ${summary.exitCode}`);
    return reportsOutcome(out);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** What the batch job's reports in `out` say. */
function reportsOutcome(out: string): Outcome {
  const balances = new Map(csv(join(out, 'balances.csv')).map((r) => [poolOf(r), BALANCES_COLUMNS.map((c) => `${c.name}=${r[c.name] ?? ''}`)]));
  const findings = csv(join(out, 'findings.csv'));
  const codesByPool = group(findings.filter((f) => f.earningPeriod).map((f) => [poolOf(f), f.code!]));
  const claims = csv(join(out, 'claims.csv'));
  const draws = new Map(claims.map((c) => [c.claimId!, c.drawsOnPool === 'true' ? poolOf({ ...c, earningPeriod: c.fundingPeriod }) : '']));
  const paid = claims.filter((c) => c.paid === 'true').map((c) => c.claimId!).sort();
  const payments = paymentFindings(findings.map((f) => ({ code: f.code!, paymentId: f.paymentId })));
  const notExports = findings.filter((f) => f.code === 'zip_entry_not_csv').map((f) => f.file ?? '').sort();
  return { balances, codesByPool, draws, paid, payments, conflicts: conflictsOf(findings), logged: loggedCounts(findings), notExports };
}

/** The command line `coop-ledger reconcile` is given for a data set (settings as options). */
export function commandLineOf(set: DataSet, out: string): string[] {
  return [
    'reconcile',
    ...set.earnings.flatMap((path) => ['--earnings', path]),
    ...(set.payments ?? []).flatMap((path) => ['--payments', path]),
    ...(set.claims ? ['--claims', set.claims] : []),
    ...(set.programs ? ['--programs', set.programs] : []),
    '--as-of',
    set.asOf,
    ...(set.fiscalYearStartMonth ? ['--fiscal-year-start', String(set.fiscalYearStartMonth)] : []),
    ...(set.expiryDays ? ['--expiry-days', set.expiryDays.join(',')] : []),
    ...(set.numberLocale !== undefined ? ['--number-locale', set.numberLocale] : []),
    ...(set.skipBadRows ? ['--skip-bad-rows'] : []),
    '--fail-on',
    'never',
    '--quiet',
    '--out',
    out,
  ];
}

/** The batch job from its command line (batch/cli.ts `main`, in process): its options read as a user gives them. */
export async function batchCommandLineOutcome(set: DataSet): Promise<Outcome> {
  const out = mkdtempSync(join(tmpdir(), 'contract-cli-'));
  try {
    let stderr = '';
    const code = await main(commandLineOf(set, out), { ...silent, stderr: (s) => void (stderr += s) });
    if (code !== 0) throw new Error(`${set.name}: coop-ledger exited with ${code}: ${stderr}`);
    return reportsOutcome(out);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const DATE_COLUMNS = new Set(['earningStart', 'earningEnd', 'usageStart', 'usageEnd', 'claimStart', 'claimEnd']);
const USD_COLUMNS = new Set(['coopEarnedUSD', 'thresholdUSD']);

/** A Balances cell as the batch job writes the same value in balances.csv. */
function cellText(column: string, value: unknown, currency: string): string {
  if (value === '' || value === null || value === undefined) return '';
  if (DATE_COLUMNS.has(column)) return fromExcelSerial(value as number, '1900') ?? String(value);
  if (typeof value === 'boolean') return String(value);
  const kind = BALANCES_COLUMNS.find((c) => c.name === column)?.kind;
  if (typeof value === 'number' && (kind === 'amount' || kind === 'amountUSD')) return formatAmount(new Dec(value), USD_COLUMNS.has(column) ? 'USD' : currency);
  return String(value);
}

/**
 * The add-in, on the fake workbook: set up, import the export files and Payments reports, add the
 * programs and the claims, then Recalculate (compute the ledger, write the Balances table) and read
 * the table back. `imports` are the files of each import in turn: by default one import of all of
 * them, picked together as the batch job is given them together.
 */
export interface AddinPathOptions {
  /** The Earnings table sorted by this column after each import, as a user sorts it (Data > Sort). */
  readonly sortEarnings?: { readonly column: string; readonly descending: boolean };
}

export async function addinOutcome(
  set: DataSet,
  imports: readonly (readonly string[])[] = [[...set.earnings, ...(set.payments ?? [])]],
  options: AddinPathOptions = {},
): Promise<Outcome> {
  fake.reset();
  await setUpWorkbook();
  await saveSettings({ asOf: set.asOf as IsoDate, fiscalYearStartMonth: set.fiscalYearStartMonth ?? 7, expiryDays: set.expiryDays ?? DEFAULT_SETTINGS.expiryDays, user: 'contract' });
  // The tag as a user stores it in the workbook; the import reads it by core's rules.
  if (set.numberLocale !== undefined) {
    const tag = set.numberLocale;
    await Excel.run(async (context) => {
      context.workbook.settings.add(SETTING_KEYS.numberLocale, tag);
      await context.sync();
    });
  }
  // The pane's own reading: the files picked together, in core's order of sources, each decoded
  // by core's encoding rule and parsed (readPickedFiles, readExportFile), not a test's shortcut.
  for (const paths of imports) {
    const picked = paths.map((path) => Object.assign(new Blob([readFileSync(path)]), { name: path }));
    const read = await readPickedFiles(picked, readExportFile);
    await importExports(
      read.flatMap((r) => r.parsed),
      () => undefined,
      read.flatMap((r) => r.skipped),
    );
    if (options.sortEarnings) fake.sortTable(TABLES.earnings, options.sortEarnings.column, options.sortEarnings.descending);
  }
  if (set.programs) {
    const parsed = parsePolicyFile(JSON.parse(readFileSync(set.programs, 'utf8')));
    if (!parsed.ok) throw new Error(`${set.programs}: not a policy file`);
    await Excel.run((context) => appendRows(context, TABLES.programs, parsed.value.map(policyEntryToCells)));
  }
  if (set.claims) {
    const rows = csv(set.claims).map((record) => {
      const claim = parseClaimRow(record);
      if (!claim.ok) throw new Error(`${set.claims}: claim ${record.claimId} does not parse`);
      return recordToCells(claimToRow(claim.value), CLAIMS_COLUMNS, '1900');
    });
    await Excel.run((context) => appendRows(context, TABLES.claims, rows));
  }
  const { ledger } = await loadWorkbook();
  await writeBalances(ledger);
  const table = fake.tableValues(TABLES.balances)!;
  const at = (name: string) => table.headers.indexOf(name);
  const balances = new Map(
    table.rows.map((row) => {
      const currency = String(row[at('currency')]);
      const texts = BALANCES_COLUMNS.map((c) => `${c.name}=${cellText(c.name, row[at(c.name)], currency)}`);
      const key = poolOf({ participantId: String(row[at('participantId')]), programName: String(row[at('programName')]), earningPeriod: String(row[at('earningPeriod')]), currency });
      return [key, texts];
    }),
  );
  const codesByPool = group(ledger.findings.filter((f) => f.earningPeriod).map((f) => [poolOf(f), f.code]));
  const draws = new Map(ledger.claims.map((c) => [c.claim.claimId, c.drawsOnPool ? poolKeyString(c.poolKey!) : '']));
  const paid = ledger.claims.filter((c) => c.paid).map((c) => c.claim.claimId).sort();
  // A log row's finding names the download it counts in `expected` (with no line for a zip's entry).
  const notExports = ledger.findings.filter((f) => f.code === 'zip_entry_not_csv' && f.file === TABLES.importLog).map((f) => f.expected ?? '').sort();
  return {
    balances,
    codesByPool,
    draws,
    paid,
    payments: paymentFindings(ledger.findings),
    conflicts: conflictsOf(ledger.findings),
    logged: loggedCounts(ledger.findings),
    notExports,
    refusedRows: ledger.problems.length,
  };
}
