import { parseArgs } from 'node:util';
import { asOfDate } from '../core/calendar/local-date.js';
import { DEFAULT_SETTINGS, MAX_EXPIRY_DAYS, readSettings } from '../core/settings.js';
import { CSV_DIALECTS, isCsvDialectName } from './output/csv-dialect.js';
import { reconcile, EXIT, FAIL_ON_VALUES, type ReconcileOptions, type CommandIO } from './reconcile/reconcile.js';
import { commandLinePathProblem } from './command-line-paths.js';

export const HELP = `coop-ledger — reconcile Partner Center co-op earnings, claims and payments

Usage
  coop-ledger reconcile --earnings PATH [options]

Options
  --earnings PATH        Earnings export: a CSV or TSV file, a .zip of them (as Partner Center
                         downloads them) or a folder of them. Repeatable; when an earningId repeats
                         with a new payment, name or USD amount, the newer download wins (the
                         latest date in its rows; on a tie, the file named later).
  --payments PATH        Partner Center Payments report (CSV). Optional, repeatable.
  --claims PATH          Claims register: a CSV, or an .xlsx co-op workbook (its Claims table).
  --programs PATH        Program policies: a JSON file, or an .xlsx co-op workbook (its Programs
                         table). The built-in catalog applies otherwise, and underneath.
  --accounts PATH        Journal account names as JSON, e.g. {"coopFunds": "1450 Co-op receivable"}.
  --as-of YYYY-MM-DD     Reconcile as of this date. Default: today in the local time zone.
  --out DIR              Output folder, created if needed. Default: ./reports
  --number-locale TAG    How numbers are written when not invariant, e.g. nl-NL for 1.234,56, as
                         the workbook's Settings say it ("Numbers in imported files").
                         Default: invariant (1,234.56, as Partner Center writes them).
  --fiscal-year-start M  The month (1-12) the fiscal year starts in, as the workbook's Settings
                         say it. Default: ${DEFAULT_SETTINGS.fiscalYearStartMonth} (July, Microsoft's fiscal year).
  --expiry-days D,D      Days before a pool's next deadline from which unused money is flagged
                         (funds_expiring, the shading, report.html), as the workbook's Settings
                         say it. The shortest is a warning, longer ones are info.
                         Default: ${DEFAULT_SETTINGS.expiryDays.join(',')}.
  --fail-on LEVEL        error | warning | never: findings at or above LEVEL make the exit code 1.
                         Default: error.
  --fail-on-new          Exit 1 only for findings at or above --fail-on that the previous run did
                         not have (see changes.csv), so a weekly job reports only news.
  --previous DIR         The previous run's report set, compared with this run (changes.csv,
                         journal-delta.csv). Default: the set already in --out.
  --csv-dialect NAME     rfc4180 (default: "," and "." decimals, no BOM) or excel-eu (";", decimal
                         commas, UTF-8 BOM, ISO dates: opens as columns in a European Excel).
  --skip-bad-rows        Copy unparsable rows to quarantine.csv and go on, instead of rejecting
                         the run.
  --quiet                No progress on stderr.
  -h, --help             This help.

Outputs (in --out, replaced together only when the run completes)
  balances.csv  findings.csv  claims.csv  journal.csv  reconciliation.xlsx  summary.json
  journal-delta.csv  what to post since the previous run (new lines; reversals of changed ones)
  changes.csv        what changed since the previous run (findings, pools, claims)
  report.html        a one-page report for managers: totals, money at risk, windows, findings
  On rejected input: input-errors.csv only (nothing else in --out changes).

Exit codes
  0   reconciled; no finding at or above --fail-on (with --fail-on-new: no new one)
  1   reconciled; findings at or above --fail-on (with --fail-on-new: new ones)
  2   usage error, or a bad policy/accounts file
  65  input rejected (malformed CSV, missing column, bad amount or date): see input-errors.csv
  70  internal error

Example
  coop-ledger reconcile --earnings exports/ --claims claims.csv --programs programs.json \\
    --as-of 2022-02-10 --out reports/2022-02 --number-locale nl-NL
`;

class UsageError extends Error {
  /** showUsage: whether "run --help" helps; not for a value that is well-formed but unknown. */
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
  }
}

/** The options read by core's settings rules, and what each must be. */
const SETTING_OPTIONS = {
  asOf: { flag: '--as-of', expected: 'a yyyy-MM-dd date' },
  fiscalYearStartMonth: { flag: '--fiscal-year-start', expected: 'a month from 1 to 12' },
  expiryDays: { flag: '--expiry-days', expected: `whole days from 0 to ${MAX_EXPIRY_DAYS}, separated by commas (30,60)` },
  numberLocale: { flag: '--number-locale', expected: 'a locale tag this system knows, like nl-NL' },
} as const;

function parseOptions(argv: readonly string[], io: CommandIO): ReconcileOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      earnings: { type: 'string', multiple: true },
      payments: { type: 'string', multiple: true },
      claims: { type: 'string' },
      programs: { type: 'string' },
      accounts: { type: 'string' },
      'as-of': { type: 'string' },
      out: { type: 'string' },
      'number-locale': { type: 'string' },
      'fiscal-year-start': { type: 'string' },
      'expiry-days': { type: 'string' },
      'fail-on': { type: 'string' },
      'fail-on-new': { type: 'boolean' },
      previous: { type: 'string' },
      'csv-dialect': { type: 'string' },
      'skip-bad-rows': { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const [command, ...rest] = positionals;
  if (command !== 'reconcile') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (!values.earnings?.length) throw new UsageError('--earnings is required');

  // Read by core's rules for stored settings, so the batch job and the workbook accept the same values.
  const read = readSettings({
    fiscalYearStartMonth: values['fiscal-year-start'],
    expiryDays: values['expiry-days'],
    asOf: values['as-of'],
    numberLocale: values['number-locale'],
  });
  const refused = read.issues[0];
  if (refused) {
    const option = SETTING_OPTIONS[String(refused.path[0]) as keyof typeof SETTING_OPTIONS];
    // A tag this system does not know may be well-formed (`xx-YY`): the usage text would not help.
    if (option === SETTING_OPTIONS.numberLocale) throw new UsageError(`${option.flag} "${refused.input ?? ''}" is not ${option.expected}`, false);
    throw new UsageError(`${option.flag} must be ${option.expected}, not "${refused.input ?? ''}"`);
  }
  // Without --as-of, the calendar date where the job runs (core's `asOfDate`, as the add-in
  // takes it): the one place the batch job reads the clock.
  const asOf = asOfDate(read.asOf, io.now());
  const failOnText = values['fail-on'] ?? 'error';
  // Core's severities (FAIL_ON_VALUES), so a severity renamed in core is a value accepted here, not one no run fails on.
  const failOn = FAIL_ON_VALUES.find((v) => v === failOnText);
  if (failOn === undefined) throw new UsageError(`--fail-on must be ${FAIL_ON_VALUES.slice(0, -1).join(', ')} or ${FAIL_ON_VALUES.at(-1)!}, not "${failOnText}"`);
  const dialect = values['csv-dialect'] ?? 'rfc4180';
  if (!isCsvDialectName(dialect)) throw new UsageError(`--csv-dialect must be ${Object.keys(CSV_DIALECTS).join(' or ')}, not "${dialect}"`);
  return {
    earnings: values.earnings,
    payments: values.payments ?? [],
    claims: values.claims,
    programs: values.programs,
    accounts: values.accounts,
    asOf,
    out: values.out ?? 'reports',
    numberLocale: read.numberLocale ?? undefined,
    settings: read.settings,
    failOn,
    failOnNew: values['fail-on-new'] ?? false,
    previous: values.previous,
    csvDialect: CSV_DIALECTS[dialect],
    skipBadRows: values['skip-bad-rows'] ?? false,
    quiet: values.quiet ?? false,
  };
}

function nodeIO(): CommandIO {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    progress: Boolean(process.stderr.isTTY),
    now: () => new Date(),
  };
}

/** Parses arguments, runs the command and returns the exit code; never exits the process itself. */
export async function main(argv: readonly string[], io: CommandIO = nodeIO()): Promise<number> {
  let options: ReconcileOptions | 'help';
  try {
    options = parseOptions(argv, io);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      const usage = error instanceof UsageError && !error.showUsage ? '' : 'Run "coop-ledger --help" for usage.\n';
      io.stderr(`coop-ledger: ${error.message}\n${usage}`);
      return EXIT.usage;
    }
    throw error;
  }
  if (options === 'help') {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const pathProblem = await commandLinePathProblem(options);
  if (pathProblem !== null) {
    io.stderr(`coop-ledger: ${pathProblem}\n`);
    return EXIT.usage;
  }
  try {
    const summary = await reconcile(options, io);
    return summary.exitCode;
  } catch (error) {
    io.stderr(`coop-ledger: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.internal;
  }
}
