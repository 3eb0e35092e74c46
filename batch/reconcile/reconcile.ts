import { copyFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import Papa from 'papaparse';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import type { NumberLocale } from '../../core/money/parse-amount.js';
import { DEFAULT_SETTINGS, type LedgerSettings } from '../../core/settings.js';
import { refusesWholeFile, SEVERITIES, type Severity } from '../../core/codes.js';
import type { PolicyCatalog } from '../../core/policy/policy-catalog.js';
import { parseClaimRow, REQUIRED_CLAIMS_COLUMNS } from '../../core/claims/claim-row.js';
import type { Issue } from '../../core/issues.js';
import { CLAIMS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { describeRequirement } from '../../core/tables/header-row.js';
import { headerRefusesTable } from '../../core/tables/refused-table.js';
import { readEarningsLedger, type EarningsTotals } from '../../core/reconcile/earnings-ledger.js';
import type { LocatedClaim } from '../../core/reconcile/claims-check.js';
import type { PaymentRecord } from '../../core/reconcile/payments-check.js';
import { settleAsOf } from '../../core/reconcile/settle.js';
import { inputFindings } from '../../core/reconcile/input-findings.js';
import { compareFindings, SEVERITY_RANK, type Finding } from '../../core/reconcile/finding.js';
import { expandInputs } from '../input/expand-inputs.js';
import { fileSource } from '../input/input-source.js';
import { readCsvRecords, type RecordLocation, type RejectedRow } from '../input/csv-records.js';
import { readEarnings } from '../input/read-earnings.js';
import { readPayments } from '../input/read-payments.js';
import { inputIssue, type InputIssue } from '../input/input-issue.js';
import { readWorkbookTable } from '../input/read-workbook-table.js';
import { scratchFolders, withAtomicOutput, writeSingleOutput } from '../output/atomic-output.js';
import { createCsvWriter, writeCsvFile } from '../output/csv-writer.js';
import { EarningIdLog } from './earning-id-log.js';
import { FindingSpill } from './finding-spill.js';
import type { JournalAccounts } from '../../core/journal/journal-accounts.js';
import { describeIssue } from './messages.js';
// The reports the next run reads back are written with core's column lists, the ones it reads them by.
import { BALANCES_REPORT, CLAIMS_REPORT, FINDINGS_REPORT, JOURNAL_REPORT, claimReportRow, findingRow, journalRow } from '../../core/reports/report-files.js';
import { writeWorkbookReport } from './workbook-report.js';
import type { InputSummary } from './input-summary.js';
import { INPUT_ERROR_COLUMNS, inputErrorRow, QUARANTINE_FILE } from './input-errors.js';
import { ConfigError, loadAccounts, loadPolicies } from './load-config.js';
import { holdsWorkbook } from '../input/file-head.js';
import { hashWhileReading, sha256Of } from './input-hashing.js';
import { countBySeverity, summaryJson } from './summary-json.js';
// The run compared with the previous one (changes, journal delta) and the HTML report.
import { DEFAULT_DIALECT, type CsvDialect } from '../output/csv-dialect.js';
import { CHANGES_REPORT_COLUMNS, changeRow } from '../output/changes-report.js';
import { changeCounts } from '../../core/changes/change-counts.js';
import { loadPreviousReports, sincePrevious } from './since-previous.js';
import { writeHtmlReport } from '../output/report-html.js';
import { balanceRow } from '../../core/pools/balance-row.js';

export const EXIT = { ok: 0, findings: 1, usage: 2, inputRejected: 65, internal: 70 } as const;

/** The severity a run fails at or above (core's scale, `SEVERITIES`, info being no reason to fail), or never. */
export type FailOn = Exclude<Severity, 'info'> | 'never';

/** `--fail-on`'s values, in core's order of severity. */
export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES.filter((s): s is Exclude<Severity, 'info'> => s !== 'info'), 'never'];

export interface ReconcileOptions {
  readonly earnings: readonly string[];
  readonly payments: readonly string[];
  readonly claims?: string | undefined;
  readonly programs?: string | undefined;
  readonly accounts?: string | undefined;
  readonly asOf: IsoDate;
  readonly out: string;
  readonly numberLocale?: NumberLocale | undefined;
  /** The ledger's settings (the fiscal year's start month); default: core's. */
  readonly settings?: LedgerSettings | undefined;
  readonly failOn: FailOn;
  /** Exit 1 only for findings at or above --fail-on that the previous run did not have. */
  readonly failOnNew?: boolean;
  /** The previous run's report set; default: what --out holds before this run. */
  readonly previous?: string | undefined;
  /** How every CSV is written; default RFC 4180. */
  readonly csvDialect?: CsvDialect;
  readonly skipBadRows: boolean;
  readonly quiet: boolean;
}

/** How a command talks to the world; tests pass their own. */
export interface CommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Show progress (stderr is a terminal). */
  readonly progress: boolean;
  /** The wall clock, read only for the default --as-of. */
  now(): Date;
}

export interface ReconcileSummary {
  readonly exitCode: number;
  readonly out: string;
  /** Every finding but the `duplicate_earning` ones, which can run to millions: those are in findings.csv. */
  readonly findings: readonly Finding[];
}

/** The files a run may write into --out; a folder holding only these is ours to replace. */
export const OUTPUT_FILES = [
  'balances.csv',
  'findings.csv',
  'claims.csv',
  'journal.csv',
  'journal-delta.csv',
  'changes.csv',
  'report.html',
  'reconciliation.xlsx',
  'summary.json',
  QUARANTINE_FILE,
  'input-errors.csv',
] as const;

export async function reconcile(options: ReconcileOptions, io: CommandIO): Promise<ReconcileSummary> {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const log = (s: string) => {
    if (!options.quiet) io.stderr(s);
  };
  const inputs: InputSummary[] = [];
  let catalog: PolicyCatalog;
  let accounts: JournalAccounts;
  try {
    catalog = await loadPolicies(options.programs, inputs);
    accounts = await loadAccounts(options.accounts, inputs);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(error.lines.map((l) => `coop-ledger: ${l}\n`).join(''));
      return { exitCode: EXIT.usage, out: options.out, findings: [] };
    }
    throw error;
  }

  const inputIssues: InputIssue[] = [];
  const quarantined: RejectedRow[] = [];
  const onRejectedRow = (row: RejectedRow) => {
    if (options.skipBadRows) quarantined.push(row);
  };
  const locale = options.numberLocale ? { locale: options.numberLocale } : {};

  // Earnings: one reading counts every row and stores its earningId; a second reading, only when
  // an earningId came more than once, takes the repeats out again (core's ledger decides).
  const expanded = await expandInputs(options.earnings);
  inputIssues.push(...expanded.issues);
  // Scratch files (the earningId log, spilled findings) go next to --out, and go when the run ends.
  const folders = scratchFolders(options.out);
  const ids = new EarningIdLog(folders);
  const spilled = new FindingSpill(folders);
  const rowsPerSource = new Map<string, number>();
  const digests = new Map<string, () => string | undefined>();
  const started = process.hrtime.bigint();
  let ledger: EarningsTotals;
  try {
    const progress = makeProgress(io, options.quiet);
    let reading = 0;
    let rowsRead = 0;
    ledger = await readEarningsLedger({ catalog, settings, stores: { ids, duplicates: spilled } }, async (visit) => {
      const first = reading++ === 0;
      for (const [ordinal, source] of expanded.sources.entries()) {
        visit.beginSource(source.name, ordinal);
        // A file named on the command line is hashed as it is read, not read again for summary.json.
        const named = first && source.entry === undefined && source.name === source.path && options.earnings.includes(source.path) && !digests.has(source.path);
        const tapped = named ? hashWhileReading(source) : undefined;
        if (tapped) digests.set(source.path, tapped.digest);
        const summary = await readEarnings(tapped?.source ?? source, {
          ...locale,
          onRow: first
            ? (row) => {
                visit.row(row);
                progress(source.name, ++rowsRead);
              }
            : (row) => visit.row(row),
          onIssue: first ? (i) => inputIssues.push(i) : () => undefined,
          ...(first ? { onRejectedRow } : {}),
        });
        if (first) rowsPerSource.set(source.path, (rowsPerSource.get(source.path) ?? 0) + summary.records);
      }
    });
  } catch (error) {
    ids.dispose();
    spilled.dispose();
    throw error;
  }
  for (const path of options.earnings) {
    // The files this argument named: itself, or those inside it (a folder). A sibling whose name
    // merely starts alike (`exports-old` beside `exports`, `data.zip` beside `data`) is not one.
    const rows = [...rowsPerSource].filter(([p]) => isWithin(path, p)).reduce((n, [, c]) => n + c, 0);
    inputs.push({ kind: 'earnings', path, sha256: digests.get(path)?.() ?? (await sha256Of(path)), rows });
  }

  // One list per report: core ranks each report by its own rows (docs/RULES.md, "A payment repeated").
  const paymentReports: PaymentRecord[][] = [];
  for (const path of options.payments) {
    const payments: PaymentRecord[] = [];
    paymentReports.push(payments);
    const rows = await readPaymentsFile(path, locale, payments, inputIssues, onRejectedRow);
    inputs.push({ kind: 'payments', path, sha256: await sha256Of(path), rows });
  }
  const claims: LocatedClaim[] = [];
  if (options.claims) {
    const rows = await readClaims(options.claims, locale, claims, inputIssues, onRejectedRow);
    inputs.push({ kind: 'claims', path: options.claims, sha256: await sha256Of(options.claims), rows });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  log(`read ${ledger.rowsRead} earnings rows from ${expanded.sources.length} file(s) in ${seconds.toFixed(1)} s\n`);

  // The previous run's reports, read before anything replaces them; a damaged set rejects the run.
  const previous = await loadPreviousReports(options.previous, options.out, inputIssues);
  const csv = { dialect: options.csvDialect ?? DEFAULT_DIALECT };

  // Rejected input: with --skip-bad-rows, a row's own errors (core's `refusesWholeFile` says whose)
  // have quarantined that row, and the run goes on; any other error (a missing column, a quote never
  // closed, an unreadable file, a damaged previous run) rejects the run (docs/RULES.md, "Severity of
  // input problems"). A row's errors are known by the row they refused, never by their line: a
  // quote's problem is on the quote's line, which a cell of two lines puts below the row's first.
  const quarantinedIssues = new Set(quarantined.flatMap((q) => q.issues));
  const blocking = inputIssues.filter((i) => i.severity === 'error' && !(quarantinedIssues.has(i) && !refusesWholeFile(i.code)));
  if (blocking.length > 0) {
    spilled.dispose();
    await writeSingleOutput(options.out, 'input-errors.csv', async (path) => {
      await writeCsvFile(path, INPUT_ERROR_COLUMNS, inputIssues.map(inputErrorRow), csv);
    });
    io.stderr(blocking.slice(0, 20).map((i) => `coop-ledger: ${i.file}${i.line ? `:${i.line}` : ''}${i.column ? `:${i.column}` : ''}: ${i.message} ${i.hint}\n`).join(''));
    if (blocking.length > 20) io.stderr(`coop-ledger: ... and ${blocking.length - 20} more\n`);
    io.stderr(`coop-ledger: input rejected; every problem is listed in ${join(options.out, 'input-errors.csv')}; nothing else was written\n`);
    return { exitCode: EXIT.inputRejected, out: options.out, findings: [] };
  }

  // Settle as of the date: claims draw on pools, balances, every check (core's one engine).
  const settled = settleAsOf({ earnings: ledger, claims, paymentReports, catalog, settings, asOf: options.asOf, describeIssue, accounts });
  const balances = settled.balances;
  const claimReports = settled.claims;
  const journal = settled.journal;
  // duplicate_earning findings stay on disk (one per repeated row); the rest are sorted here
  // and the two are merged, in report order, as they are written.
  const findings: Finding[] = [
    ...settled.findings,
    ...inputFindings({
      problems: inputIssues.map((i) => ({ severity: i.severity, code: i.code, message: `${i.message} ${i.hint}`.trim(), file: i.file, ...(i.line ? { line: i.line } : {}) })),
      quarantinedRows: quarantined.length,
      quarantinedTo: QUARANTINE_FILE,
    }),
  ].sort(compareFindings);
  const threshold = options.failOn === 'never' ? Infinity : SEVERITY_RANK[options.failOn];
  const atOrAbove = findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ||
    (Object.keys(spilled.bySeverity) as (keyof typeof spilled.bySeverity)[]).some((s) => spilled.bySeverity[s] > 0 && SEVERITY_RANK[s] >= threshold);

  // Since the previous run: the journal to post and what changed (core/journal, core/changes).
  // The per-row duplicate_earning findings stay on disk: they are counted, not compared one by one.
  const since = sincePrevious(previous, { findings, balances, claims: claimReports, journal }, options.asOf);
  const changes = changeCounts(since.changes);
  const newAtOrAbove = Object.entries(changes.newFindingsBySeverity).some(
    ([severity, n]) => n > 0 && SEVERITY_RANK[severity as Finding['severity']] >= threshold,
  );
  const exitCode = (options.failOnNew ? newAtOrAbove : atOrAbove) ? EXIT.findings : EXIT.ok;
  const findingCounts = [...findings, ...spilled.counts()];

  await withAtomicOutput(
    options.out,
    async (dir) => {
      await writeCsvFile(join(dir, BALANCES_REPORT.file), BALANCES_REPORT.columns, balances.map(balanceRow), csv);
      await writeCsvFile(join(dir, FINDINGS_REPORT.file), FINDINGS_REPORT.columns, mapAsync(spilled.merge(findings), findingRow), csv);
      await writeCsvFile(join(dir, CLAIMS_REPORT.file), CLAIMS_REPORT.columns, claimReports.map(claimReportRow), csv);
      // The delta holds the journal's own line objects: on a first run all of them, in the
      // journal's order, and then its file is journal.csv's bytes, copied rather than written
      // again; otherwise the lines the two share are formatted once.
      const journalRows = journal.map(journalRow);
      if (sameLines(since.journalDelta, journal)) {
        await writeCsvFile(join(dir, JOURNAL_REPORT.file), JOURNAL_REPORT.columns, journalRows, csv);
        await copyFile(join(dir, JOURNAL_REPORT.file), join(dir, 'journal-delta.csv'));
      } else {
        const rowOf = new Map(journal.map((l, i) => [l, journalRows[i]!]));
        const shared = { ...csv, recordMemo: new WeakMap() };
        await writeCsvFile(join(dir, JOURNAL_REPORT.file), JOURNAL_REPORT.columns, journalRows, shared);
        await writeCsvFile(join(dir, 'journal-delta.csv'), JOURNAL_REPORT.columns, since.journalDelta.map((l) => rowOf.get(l) ?? journalRow(l)), shared);
      }
      await writeCsvFile(join(dir, 'changes.csv'), CHANGES_REPORT_COLUMNS, since.changes.map(changeRow), csv);
      await writeHtmlReport(join(dir, 'report.html'), { asOf: options.asOf, settings, balances, findings: findingCounts, changes: since.changes });
      if (quarantined.length > 0) await writeQuarantine(join(dir, QUARANTINE_FILE), quarantined, csv.dialect);
      await writeWorkbookReport(join(dir, 'reconciliation.xlsx'), {
        asOf: options.asOf,
        settings,
        inputs,
        balances,
        findings: spilled.merge(findings),
        findingCounts: countBySeverity(findings, spilled.bySeverity),
        claims: claimReports,
        journal,
      });
      const summary = { ...summaryJson(options, inputs, ledger, spilled, balances.length, claims.length, findings, quarantined.length, exitCode), changes };
      await writeFile(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    },
    { ownedFiles: OUTPUT_FILES },
  ).finally(() => spilled.dispose());
  const counts = countBySeverity(findings, spilled.bySeverity);
  const errors = counts.error;
  const warnings = counts.warning;
  io.stdout(
    `Reconciled ${ledger.rowsCounted} earnings rows (${ledger.duplicateRows} duplicates counted once), ${claims.length} claims, ` +
      `${balances.length} pools as of ${options.asOf}: ${errors} errors, ${warnings} warnings.\n` +
      `${changes.byChange.new_finding} new and ${changes.byChange.resolved_finding} resolved findings since the previous run.\n` +
      `Reports in ${options.out}/: balances.csv findings.csv claims.csv journal.csv journal-delta.csv changes.csv report.html reconciliation.xlsx summary.json\n`,
  );
  return { exitCode, out: options.out, findings };
}

/** `file` is `argument` itself or a file inside the folder `argument`. */
function isWithin(argument: string, file: string): boolean {
  const rel = relative(argument, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The same line objects in the same order (not merely equal lines). */
function sameLines<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

async function* mapAsync<T, U>(items: AsyncIterable<T>, f: (item: T) => U): AsyncGenerator<U> {
  for await (const item of items) yield f(item);
}

function makeProgress(io: CommandIO, quiet: boolean): (file: string, rows: number) => void {
  if (quiet || !io.progress) return () => undefined;
  const start = process.hrtime.bigint();
  let next = 100_000;
  return (file, rows) => {
    if (rows < next) return;
    next += 100_000;
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    io.stderr(`\r${file}: ${rows.toLocaleString('en-US')} rows, ${Math.round(rows / s).toLocaleString('en-US')} rows/s   `);
  };
}

async function readPaymentsFile(
  path: string,
  locale: { locale?: NumberLocale },
  into: PaymentRecord[],
  issues: InputIssue[],
  onRejectedRow: (row: RejectedRow) => void,
): Promise<number> {
  const summary = await readPayments(fileSource(path), {
    ...locale,
    onIssue: (i) => issues.push(i),
    onRejectedRow,
    // The row is core's record (`readPaymentRecord`), as the add-in reads its Payments table.
    onRow: (row) => void into.push(row),
  });
  return summary.records;
}

async function readClaims(
  path: string,
  locale: { locale?: NumberLocale },
  into: LocatedClaim[],
  issues: InputIssue[],
  onRejectedRow: (row: RejectedRow) => void,
): Promise<number> {
  // --number-locale says how a text file writes numbers; a workbook's numbers are numbers, and
  // its cells read as the add-in reads them (docs/RULES.md, "Workbook cells").
  const workbook = await holdsWorkbook(path);
  const rowLocale = workbook ? {} : locale;
  const accept = (values: Record<string, string>, location: RecordLocation): InputIssue[] => {
    const r = parseClaimRow(values, rowLocale);
    if (!r.ok) return r.issues.map((i) => cellIssue(location, String(i.path[0] ?? ''), i, i.input ?? ''));
    into.push({ claim: r.value, location });
    return [];
  };
  if (workbook) {
    const read = await readWorkbookTable(path, TABLES.claims, CLAIMS_COLUMNS);
    for (const p of read.problems) {
      issues.push(
        inputIssue(p.code, {
          file: path,
          ...(p.location ? { line: p.location.row } : {}),
          ...(p.location?.column !== undefined ? { column: p.location.column } : {}),
          ...(p.input ? { raw: p.input } : {}),
          message: `The workbook's Claims table cannot be read (${p.code}).`,
          hint: 'Open the workbook in Excel, check the Claims table, save it and run again.',
        }),
      );
    }
    if (!read.ok) return 0;
    // The same required columns as a claims CSV, named by core's header rule (docs/RULES.md, "Column headers").
    const { missing } = read.table.header;
    if (missing.length > 0) {
      const names = missing.map(describeRequirement).join(', ');
      issues.push(
        inputIssue('missing_column', {
          file: `${path}!${read.table.sheet}`,
          line: read.table.headerRow,
          message: `The Claims table lacks ${names}.`,
          hint: 'Add the missing columns to the Claims table (or rename the columns that hold them), save it and run again.',
          params: { missing: names },
        }),
      );
    }
    // A header core refuses (a required column missing, one repeated) refuses the whole register,
    // its rows unread, as the add-in refuses it (docs/RULES.md, "A refused table").
    if (headerRefusesTable(read.table.header)) return 0;
    for (const row of read.table.rows) {
      const location = { file: `${path}!${read.table.sheet}`, line: row.location.row };
      const rowIssues = accept(row.values, location);
      issues.push(...rowIssues);
      // A row core refuses is quarantined like a CSV record (with --skip-bad-rows); a workbook row
      // has no text of its own, so its cells, as read, stand for it as one CSV line.
      if (rowIssues.some((i) => i.severity === 'error')) onRejectedRow({ location, raw: Papa.unparse([[...row.cells]]), issues: rowIssues });
    }
    return read.table.rows.length;
  }
  const summary = await readCsvRecords(fileSource(path), {
    required: REQUIRED_CLAIMS_COLUMNS,
    known: CLAIMS_COLUMNS.map((c) => c.name),
    onIssue: (i) => issues.push(i),
    onRejectedRow,
    onRecord: (record, location) => accept(record, location),
  });
  return summary.records;
}

function cellIssue(location: RecordLocation, column: string, i: Issue, raw: string): InputIssue {
  return inputIssue(i.code as InputIssue['code'], {
    file: location.file,
    line: location.line,
    columnName: column,
    raw,
    message: describeIssue(i),
    hint: 'Correct the cell in the source file and run again, or pass --skip-bad-rows to quarantine the row.',
  });
}

async function writeQuarantine(path: string, rows: readonly RejectedRow[], dialect: CsvDialect): Promise<void> {
  const writer = createCsvWriter(
    path,
    [
      { name: 'file', kind: 'text' },
      { name: 'line', kind: 'integer' },
      { name: 'codes', kind: 'text' },
      { name: 'raw', kind: 'text' },
    ],
    { dialect },
  );
  for (const r of rows) {
    await writer.writeRow({ file: r.location.file, line: r.location.line, codes: [...new Set(r.issues.map((i) => i.code))].join(';'), raw: r.raw });
  }
  await writer.close();
}

