import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import type { NumberLocale } from '../../core/money/parse-amount.js';
import { formatAmount } from '../../core/money/round.js';
import { DEFAULT_SETTINGS } from '../../core/settings.js';
import { policyCatalog, resolvePolicy, type PolicyCatalog } from '../../core/policy/policy-catalog.js';
import { parsePolicyFile } from '../../core/policy/parse-policy-file.js';
import { parsePolicyRows } from '../../core/policy/parse-policy-rows.js';
import { parseClaimRow } from '../../core/claims/claim-row.js';
import { computeBalances } from '../../core/pools/pool-balance.js';
import { formatPath, type Issue } from '../../core/issues.js';
import { CLAIMS_COLUMNS } from '../../core/workbook-layout.js';
import { expandInputs } from '../input/expand-inputs.js';
import { fileSource } from '../input/input-source.js';
import { readCsvRecords, type RecordLocation, type RejectedRow } from '../input/csv-records.js';
import { readEarnings } from '../input/read-earnings.js';
import type { InputSource } from '../input/input-source.js';
import { readPayments } from '../input/read-payments.js';
import { inputError, type InputIssue } from '../input/input-issue.js';
import { scratchFolders, withAtomicOutput, writeSingleOutput } from '../output/atomic-output.js';
import { createCsvWriter, writeCsvFile } from '../output/csv-writer.js';
import { readWorkbookTable } from '../output/read-workbook-table.js';
import { EarningsLedger } from './earnings-ledger.js';
import { drawClaims, checkClaims, type LocatedClaim } from './claims-check.js';
import { poolFindings, rolloverFindings } from './pool-findings.js';
import { paymentFindings, type PaymentRecord } from './payments-check.js';
import { DEFAULT_ACCOUNTS, type JournalAccounts } from '../../core/journal/journal-accounts.js';
import { compareFindings, SEVERITY_RANK, type Finding } from './finding.js';
import { describeIssue } from './messages.js';
import {
  BALANCE_REPORT_COLUMNS,
  CLAIM_REPORT_COLUMNS,
  FINDING_REPORT_COLUMNS,
  balanceRow,
  claimReportRow,
  findingRow,
} from './report-rows.js';
import { writeWorkbookReport } from './workbook-report.js';
import type { InputSummary } from './input-summary.js';
import { INPUT_ERROR_COLUMNS, inputErrorRow, QUARANTINE_FILE } from './input-errors.js';
// The run compared with the previous one (changes, journal delta) and the HTML report.
import { DEFAULT_DIALECT, type CsvDialect } from '../output/csv-dialect.js';
import { JOURNAL_REPORT_COLUMNS, journalRow } from '../output/journal-report.js';
import { CHANGES_REPORT_COLUMNS, changeRow } from '../output/changes-report.js';
import { changeCounts } from '../../core/changes/change-counts.js';
import { loadPreviousReports, journalOfRun, sincePrevious } from './since-previous.js';
import { writeHtmlReport } from '../output/report-html.js';

export const EXIT = { ok: 0, findings: 1, usage: 2, inputRejected: 65, internal: 70 } as const;

export type FailOn = 'error' | 'warning' | 'never';

export interface ReconcileOptions {
  readonly earnings: readonly string[];
  readonly payments: readonly string[];
  readonly claims?: string | undefined;
  readonly programs?: string | undefined;
  readonly accounts?: string | undefined;
  readonly asOf: IsoDate;
  readonly out: string;
  readonly numberLocale?: NumberLocale | undefined;
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

class ConfigError extends Error {
  constructor(readonly lines: readonly string[]) {
    super(lines.join('\n'));
  }
}

export async function reconcile(options: ReconcileOptions, io: CommandIO): Promise<ReconcileSummary> {
  const settings = DEFAULT_SETTINGS;
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

  // Earnings: pass 1 counts every row and logs its earningId.
  const expanded = await expandInputs(options.earnings);
  inputIssues.push(...expanded.issues);
  // Scratch files (the earningId log, spilled findings) go next to --out, and go when the run ends.
  const ledger = new EarningsLedger(catalog, settings, scratchFolders(options.out));
  const rowsPerSource = new Map<string, number>();
  const digests = new Map<string, () => string | undefined>();
  const started = process.hrtime.bigint();
  try {
    const progress = makeProgress(io, options.quiet);
    for (const [ordinal, source] of expanded.sources.entries()) {
      ledger.beginSource(source.name, ordinal);
      // A file named on the command line is hashed as it is read, not read again for summary.json.
      const named = source.entry === undefined && source.name === source.path && options.earnings.includes(source.path) && !digests.has(source.path);
      const tapped = named ? hashWhileReading(source) : undefined;
      if (tapped) digests.set(source.path, tapped.digest);
      const summary = await readEarnings(tapped?.source ?? source, {
        ...locale,
        onRow: (row) => {
          ledger.add(row);
          progress(source.name, ledger.rowsRead);
        },
        onIssue: (i) => inputIssues.push(i),
        onRejectedRow,
      });
      rowsPerSource.set(source.path, (rowsPerSource.get(source.path) ?? 0) + summary.records);
    }
    // Pass 2, only when an earningId came more than once: repeats are retracted and reported, and
    // of different contents the row from the file named last is the one counted.
    if (ledger.resolveIds()) {
      ledger.startSecondPass();
      for (const [ordinal, source] of expanded.sources.entries()) {
        ledger.beginSource(source.name, ordinal);
        await readEarnings(source, {
          ...locale,
          onRow: (row) => ledger.secondPass(row),
          onIssue: () => undefined,
        });
      }
    }
    ledger.finish();
  } catch (error) {
    ledger.dispose();
    throw error;
  }
  for (const path of options.earnings) {
    const rows = [...rowsPerSource].filter(([p]) => p === path || p.startsWith(path)).reduce((n, [, c]) => n + c, 0);
    inputs.push({ kind: 'earnings', path, sha256: digests.get(path)?.() ?? (await sha256Of(path)), rows });
  }

  const payments: PaymentRecord[] = [];
  for (const path of options.payments) {
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

  // Rejected input: with --skip-bad-rows, rows that could not be parsed are quarantined and the
  // run goes on; any other problem (a missing column, an unreadable file) rejects the run.
  const quarantinedLines = new Set(quarantined.map((q) => `${q.location.file}\u0000${q.location.line}`));
  const blocking = inputIssues.filter(
    (i) => i.severity === 'error' && !(options.skipBadRows && i.line !== undefined && quarantinedLines.has(`${i.file}\u0000${i.line}`)),
  );
  if (blocking.length > 0) {
    ledger.dispose();
    await writeSingleOutput(options.out, 'input-errors.csv', async (path) => {
      await writeCsvFile(path, INPUT_ERROR_COLUMNS, inputIssues.map(inputErrorRow), csv);
    });
    io.stderr(blocking.slice(0, 20).map((i) => `coop-ledger: ${i.file}${i.line ? `:${i.line}` : ''}${i.column ? `:${i.column}` : ''}: ${i.message} ${i.hint}\n`).join(''));
    if (blocking.length > 20) io.stderr(`coop-ledger: ... and ${blocking.length - 20} more\n`);
    io.stderr(`coop-ledger: input rejected; every problem is listed in ${join(options.out, 'input-errors.csv')}; nothing else was written\n`);
    return { exitCode: EXIT.inputRejected, out: options.out, findings: [] };
  }

  // Settle: claims draw on pools, then balances as of the date, then every check.
  const drawings = drawClaims(claims, ledger.pools, catalog, settings, ledger.claimPayments);
  const policyFor = (program: string, period: Parameters<typeof resolvePolicy>[2]) => resolvePolicy(catalog, program, period);
  const balances = computeBalances(ledger.pools, { asOf: options.asOf, policyFor });
  const claimCheck = checkClaims(drawings, balances, catalog, settings, options.asOf, ledger.claimPayments);
  // duplicate_earning findings stay on disk (one per repeated row); the rest are sorted here
  // and the two are merged, in report order, as they are written.
  const findings: Finding[] = [
    ...ledger.findings,
    ...ledger.unknownProgramFindings(),
    ...ledger.splitFindings(),
    ...poolFindings(balances),
    ...rolloverFindings(balances, ledger.rollovers.values()),
    ...claimCheck.findings,
    ...paymentFindings(payments, ledger.paymentSums),
    ...(quarantined.length > 0
      ? [{
          severity: 'error' as const,
          code: 'rows_quarantined' as const,
          message: `${quarantined.length} unparsable row(s) were left out and copied to ${QUARANTINE_FILE}`,
          actual: String(quarantined.length),
        }]
      : []),
    ...inputIssues
      .filter((i) => i.severity === 'warning')
      .map((i) => ({ severity: 'warning' as const, code: i.code as Finding['code'], message: `${i.message} ${i.hint}`.trim(), file: i.file, ...(i.line ? { line: i.line } : {}) })),
  ].sort(compareFindings);
  const threshold = options.failOn === 'never' ? Infinity : SEVERITY_RANK[options.failOn];
  const spilled = ledger.duplicates;
  const atOrAbove = findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ||
    (Object.keys(spilled.bySeverity) as Finding['severity'][]).some((s) => spilled.bySeverity[s] > 0 && SEVERITY_RANK[s] >= threshold);

  // Since the previous run: the journal to post and what changed (core/journal, core/changes).
  const journal = journalOfRun(balances, ledger.coopByMonth, claimCheck.reports, ledger.claimPayments, options.asOf, accounts);
  const allFindings: Finding[] = [];
  for await (const f of spilled.merge(findings)) allFindings.push(f);
  const since = sincePrevious(previous, { findings: allFindings, balances, claims: claimCheck.reports, journal }, options.asOf);
  const changes = changeCounts(since.changes);
  const newAtOrAbove = Object.entries(changes.newFindingsBySeverity).some(
    ([severity, n]) => n > 0 && SEVERITY_RANK[severity as Finding['severity']] >= threshold,
  );
  const exitCode = (options.failOnNew ? newAtOrAbove : atOrAbove) ? EXIT.findings : EXIT.ok;

  await withAtomicOutput(
    options.out,
    async (dir) => {
      await writeCsvFile(join(dir, 'balances.csv'), BALANCE_REPORT_COLUMNS, balances.map(balanceRow), { ...csv, currencyColumn: 'currency' });
      await writeCsvFile(join(dir, 'findings.csv'), FINDING_REPORT_COLUMNS, mapAsync(spilled.merge(findings), findingRow), csv);
      await writeCsvFile(join(dir, 'claims.csv'), CLAIM_REPORT_COLUMNS, claimCheck.reports.map(claimReportRow), { ...csv, currencyColumn: 'currency' });
      await writeCsvFile(join(dir, 'journal.csv'), JOURNAL_REPORT_COLUMNS, journal.map(journalRow), { ...csv, currencyColumn: 'currency' });
      await writeCsvFile(join(dir, 'journal-delta.csv'), JOURNAL_REPORT_COLUMNS, since.journalDelta.map(journalRow), { ...csv, currencyColumn: 'currency' });
      await writeCsvFile(join(dir, 'changes.csv'), CHANGES_REPORT_COLUMNS, since.changes.map(changeRow), { ...csv, currencyColumn: 'currency' });
      await writeHtmlReport(join(dir, 'report.html'), { asOf: options.asOf, balances, findings: allFindings, changes: since.changes });
      if (quarantined.length > 0) await writeQuarantine(join(dir, QUARANTINE_FILE), quarantined, csv.dialect);
      await writeWorkbookReport(join(dir, 'reconciliation.xlsx'), {
        asOf: options.asOf,
        inputs,
        balances,
        findings: spilled.merge(findings),
        findingCounts: countBySeverity(findings, spilled.bySeverity),
        claims: claimCheck.reports,
        journal,
      });
      const summary = { ...summaryJson(options, inputs, ledger, balances.length, claims.length, findings, quarantined.length, exitCode), changes };
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

function countBySeverity(findings: readonly Finding[], more: Readonly<Record<Finding['severity'], number>>): Record<Finding['severity'], number> {
  const counts = { ...more };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
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

/**
 * A source whose bytes are hashed (sha256) as they are read; `digest` is the file's digest once a
 * reading has gone to its end, else undefined (a reading stopped by an error).
 */
function hashWhileReading(source: InputSource): { source: InputSource; digest: () => string | undefined } {
  const hash = createHash('sha256');
  let digest: string | undefined;
  async function* tap(bytes: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of bytes) {
      hash.update(chunk);
      yield chunk;
    }
    digest = hash.digest('hex');
  }
  return {
    source: { ...source, open: async () => Readable.from(tap((await source.open()) as AsyncIterable<Buffer>)) },
    digest: () => digest,
  };
}

async function sha256Of(path: string): Promise<string> {
  const { stat, readdir } = await import('node:fs/promises');
  const info = await stat(path);
  const hash = createHash('sha256');
  if (info.isDirectory()) {
    // A folder's digest covers its files' names and digests, in name order.
    for (const name of (await readdir(path)).sort()) {
      const child = join(path, name);
      if ((await stat(child)).isFile()) hash.update(`${name}\u0000${await sha256Of(child)}\n`);
    }
    return hash.digest('hex');
  }
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function isWorkbook(path: string): boolean {
  return /\.xlsx$/i.test(path);
}

async function loadPolicies(path: string | undefined, inputs: InputSummary[]): Promise<PolicyCatalog> {
  if (!path) return policyCatalog();
  let result;
  try {
    if (isWorkbook(path)) {
      const read = await readWorkbookTable(path, 'Programs');
      if (!read.ok) throw new ConfigError(read.problems.map((p) => `${path}: ${p.code}${p.input ? `: ${p.input}` : ''}`));
      result = parsePolicyRows(read.table.rows.map((r) => r.values));
    } else {
      const text = await readFile(path, 'utf8');
      let json: unknown;
      try {
        json = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch (error) {
        throw new ConfigError([`${path}: ${jsonErrorWhere(text, error)}: not valid JSON; fix the syntax there`]);
      }
      result = parsePolicyFile(json);
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([`${path}: cannot read the policy file (${(error as Error).message})`]);
  }
  if (!result.ok) throw new ConfigError(result.issues.map((i) => `${path}: ${issueLine(i)}`));
  inputs.push({ kind: 'programs', path, sha256: await sha256Of(path), rows: result.value.length });
  return policyCatalog(result.value);
}

function issueLine(i: Issue): string {
  const message = describeIssue(i);
  const where = formatPath(i.path);
  return message.startsWith(where) ? message : `${where}: ${message}`;
}

/** `line 3, column 7` from a JSON.parse error's position, when the engine gives one. */
function jsonErrorWhere(text: string, error: unknown): string {
  const m = /position (\d+)/.exec((error as Error).message);
  if (!m) return 'end of file';
  const pos = Number.parseInt(m[1]!, 10);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

async function loadAccounts(path: string | undefined, inputs: InputSummary[]): Promise<JournalAccounts> {
  if (!path) return DEFAULT_ACCOUNTS;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ConfigError([`${path}: cannot read accounts (${(error as Error).message})`]);
  }
  const problems: string[] = [];
  const accounts: Record<string, string> = { ...DEFAULT_ACCOUNTS };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) problems.push(`${path}: expected an object of account names`);
  else {
    for (const [key, value] of Object.entries(json)) {
      if (!(key in DEFAULT_ACCOUNTS)) problems.push(`${path}: ${key}: unknown account; known: ${Object.keys(DEFAULT_ACCOUNTS).join(', ')}`);
      else if (typeof value !== 'string' || value.trim() === '') problems.push(`${path}: ${key}: must be a non-empty string`);
      else accounts[key] = value;
    }
  }
  if (problems.length) throw new ConfigError(problems);
  inputs.push({ kind: 'accounts', path, sha256: await sha256Of(path), rows: null });
  return accounts as unknown as JournalAccounts;
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
    onRow: (row) =>
      into.push({
        paymentId: row.paymentId,
        participantId: row.participantId,
        programName: row.programName,
        earned: row.earned,
        currency: row.earnedCurrency,
        location: row.location,
      }),
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
  const accept = (values: Record<string, string>, location: RecordLocation): InputIssue[] => {
    const r = parseClaimRow(values, locale);
    if (!r.ok) return r.issues.map((i) => cellIssue(location, String(i.path[0] ?? ''), i, i.input ?? ''));
    into.push({ claim: r.value, location });
    return [];
  };
  if (isWorkbook(path)) {
    const read = await readWorkbookTable(path, 'Claims');
    for (const p of read.problems) {
      issues.push(
        inputError(p.code === 'duplicate_header' ? 'duplicate_header' : 'read_failed', {
          file: path,
          ...(p.location ? { line: p.location.row } : {}),
          ...(p.input ? { raw: p.input } : {}),
          message: `The workbook's Claims table cannot be read (${p.code}).`,
          hint: 'Open the workbook in Excel, check the Claims table, save it and run again.',
        }),
      );
    }
    if (!read.ok) return 0;
    for (const row of read.table.rows) issues.push(...accept(row.values, { file: `${path}!${read.table.sheet}`, line: row.location.row }));
    return read.table.rows.length;
  }
  const summary = await readCsvRecords(fileSource(path), {
    required: ['claimId', 'participantId', 'programName', 'activityStart', 'activityEnd', 'currency', 'amountClaimed', 'status'],
    known: CLAIMS_COLUMNS.map((c) => c.name),
    onIssue: (i) => issues.push(i),
    onRejectedRow,
    onRecord: (record, location) => accept(record, location),
  });
  return summary.records;
}

function cellIssue(location: RecordLocation, column: string, i: Issue, raw: string): InputIssue {
  return inputError(i.code as InputIssue['code'], {
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

function summaryJson(
  options: ReconcileOptions,
  inputs: readonly InputSummary[],
  ledger: EarningsLedger,
  pools: number,
  claims: number,
  findings: readonly Finding[],
  quarantined: number,
  exitCode: number,
) {
  const bySeverity: Record<string, number> = countBySeverity(findings, ledger.duplicates.bySeverity);
  const byCode: Record<string, number> = Object.fromEntries(ledger.duplicates.byCode);
  for (const f of findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  const totals: Record<string, Record<string, string>> = {};
  for (const currency of [...ledger.totals.keys()].sort()) {
    const byKind = ledger.totals.get(currency)!;
    totals[currency] = Object.fromEntries([...byKind.keys()].sort().map((k) => [k, formatAmount(byKind.get(k)!, currency)]));
  }
  return {
    asOf: options.asOf,
    failOn: options.failOn,
    inputs,
    counts: {
      earningsRowsRead: ledger.rowsRead,
      earningsRowsCounted: ledger.rowsCounted,
      duplicateRows: ledger.duplicateRows,
      conflictingEarningIds: ledger.conflictingIds,
      quarantinedRows: quarantined,
      claims,
      pools,
    },
    totals,
    findings: { bySeverity, byCode: Object.fromEntries(Object.keys(byCode).sort().map((k) => [k, byCode[k]])) },
    exitCode,
  };
}
