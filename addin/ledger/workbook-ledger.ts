/**
 * Turns the workbook's tables into core's records (earnings, claims, a policy catalog), runs core's
 * one reconciliation engine on them, the same the batch job runs, and turns pools into Balances
 * rows. Pure over `TableData`, so the task pane, the custom functions and the benchmark share it
 * and tests need no Excel. No rule lives here.
 */
import { parsePolicyRows } from '../../core/policy/parse-policy-rows.js';
import { policyCatalog, type PolicyCatalog } from '../../core/policy/policy-catalog.js';
import type { PoolBalance } from '../../core/pools/pool-balance.js';
import { poolKeyString, type PoolKey } from '../../core/pools/pool-key.js';
import { parseClaimRow, REQUIRED_CLAIMS_COLUMNS } from '../../core/claims/claim-row.js';
import { readTableHeader, tableHeaderIssues, type TableHeader } from '../../core/tables/table-header.js';
import { headerRefusesTable, type RefusedTable } from '../../core/tables/refused-table.js';
import type { Claim } from '../../core/claims/claim.js';
import type { DateSystem, IsoDate } from '../../core/calendar/calendar-date.js';
import type { Dec } from '../../core/money/decimal.js';
import { balanceRow } from '../../core/pools/balance-row.js';
import { parseCurrency, type CurrencyCode } from '../../core/money/currency.js';
import type { LedgerSettings } from '../../core/settings.js';
import type { Issue } from '../../core/issues.js';
import { isBlankCell } from '../../core/tables/blank-row.js';
import { detach } from '../../core/text/detach.js';
import { amountColumnCurrency, BALANCES_COLUMNS, CLAIMS_COLUMNS, columnKind, EARNINGS_COLUMNS, IMPORT_LOG_COLUMNS, IMPORT_ORDER_COLUMN, PROGRAMS_COLUMNS, REQUIRED_EARNINGS_COLUMNS, TABLES, type ColumnSpec } from '../../core/workbook-layout.js';
import { importLogFindings, readImportLogRow, REQUIRED_IMPORT_LOG_COLUMNS, type ImportLogEntry } from '../../core/reconcile/import-log.js';
import type { EarningRecord, RowLocation } from '../../core/reconcile/earning-record.js';
import { earningKind } from '../../core/reconcile/earning-type.js';
import { acceptsFastReading, payToCurrencyOf, readEarningRow } from '../../core/reconcile/earning-row.js';
import { earningsLedgerOf, type EarningsTotals } from '../../core/reconcile/earnings-ledger.js';
import { readingOrderWhenSorted } from '../../core/reconcile/reading-order.js';
import { ReadingOrderLines, type LineNumbering } from '../../core/reconcile/run-lines.js';
import { MemoryEarningIdStore } from '../../core/reconcile/memory-earning-id-store.js';
import { MemoryFindingSink } from '../../core/reconcile/finding-sink.js';
import { settleAsOf } from '../../core/reconcile/settle.js';
import { compareFindings, type Finding } from '../../core/reconcile/finding.js';
import type { PaymentRecord } from '../../core/reconcile/payments-check.js';
import { paymentsRowReader, paymentsTableHeader } from './payments-table-record.js';
import {
  amountToCell,
  cellAsText,
  dateFromCell,
  dateToCell,
  textToCell,
  type CellValue,
} from '../excel/cell-values.js';
import type { TableData } from '../excel/table-io.js';
import { ClaimParses } from './claim-parses.js';
import { cellText, columnIndex, earningRowText, earningsLayout, importOrderCell, scaledOf, TableEarning, type EarningsLayout } from './earnings-table-record.js';

export interface LedgerTables {
  readonly earnings: TableData | null;
  readonly programs: TableData | null;
  readonly claims: TableData | null;
  /** The Payments table, made by the first import of a Payments report: absent, no payment is checked. */
  readonly payments?: TableData | null;
  /** The import log, made by the first import that has something to log: absent, it adds no finding. */
  readonly importLog?: TableData | null;
}

export interface LedgerClaim {
  readonly claim: Claim;
  /** The sheet row of the claim's row in the Claims table, as a problem names it. */
  readonly row: number;
  /** The pool it belongs to, when its dates name one. */
  readonly poolKey: PoolKey | null;
  /** Whether it draws on that pool (core's answer: a rejected claim draws nothing). */
  readonly drawsOnPool: boolean;
  /** Whether a `Claim` payment row in Earnings pays it (core's answer, docs/RULES.md "Paid claims"). */
  readonly paid: boolean;
}

export interface RowProblem {
  readonly table: string;
  /** The sheet row, as Excel's row header shows it (`TableData.rowNumbers`); 0 for the table as a whole. */
  readonly row: number;
  readonly issues: readonly Issue[];
}

export interface Ledger {
  readonly asOf: IsoDate;
  readonly settings: LedgerSettings;
  readonly catalog: PolicyCatalog;
  readonly balances: PoolBalance[];
  readonly claims: LedgerClaim[];
  /**
   * What core's checks found, as in the batch job's findings.csv. The pane words each by its code
   * and shows core's fields (pool, ids, expected, actual); a claim finding's message is its code.
   */
  readonly findings: Finding[];
  readonly problems: RowProblem[];
  /**
   * The table core refused, if any: the Programs table (a header or a row it cannot read) or the
   * Claims register (its header lacks a required column or repeats one). Nothing was computed (no
   * balances, claims or findings) and `problems` says why, as the batch job stops on either
   * (docs/RULES.md, "A refused table"). With Programs refused, `catalog` is the built-in one, for
   * lists of names only.
   */
  readonly refusedTable: RefusedTable | null;
  /**
   * The stored settings core refuses that refuse the calculation (a mistyped as-of date, a start
   * month of 13): nothing was computed, as the batch job stops on such an option (docs/RULES.md,
   * "Stored settings"). Empty when none is refused.
   */
  readonly refusedSettings: readonly Issue[];
}

/**
 * A table's rows as column → text records, cells rendered the way core's row parsers read them.
 * Columns are named by core's header rule (docs/RULES.md, "Column headers"): a header that names a
 * layout column (`Coop Share` for `coopShare`) is keyed by the layout's name; a repeated one is not read.
 * A date cell is read in the table's date system.
 */
export function rowsAsRecords(table: TableData, columns: readonly ColumnSpec[]): Record<string, string>[] {
  return table.rows.map(recordReader(readTableHeader(table.headers, { known: columns.map((c) => c.name) }), columns, table.dateSystem));
}

/** Reads one row of a table with this header, its dates in `system`, as a column → text record (`rowsAsRecords`). */
function recordReader(header: TableHeader, columns: readonly ColumnSpec[], system: DateSystem): (row: readonly unknown[]) => Record<string, string> {
  const readAs = header.keys.map((key) => columnKind(columns, key));
  return (row) => {
    const record: Record<string, string> = {};
    header.keys.forEach((key, i) => {
      if (key !== '') record[key] = cellAsText(row[i], readAs[i], system);
    });
    return record;
  };
}

/** What is wrong with a table's header (a repeat, a required column missing), as one problem of the table (row 0), or none. */
function headerProblems(table: Pick<TableData, 'name' | 'headers'>, header: TableHeader): RowProblem[] {
  const issues = tableHeaderIssues(table.name, table.headers, header);
  return issues.length > 0 ? [{ table: table.name, row: 0, issues }] : [];
}

export function catalogOf(programs: TableData | null): ProgramsRead {
  if (!programs) return { catalog: policyCatalog(), problems: [], refused: false };
  const header = readTableHeader(programs.headers, { known: PROGRAMS_COLUMNS.map((c) => c.name) });
  // A repeated header or any row core refuses makes the whole table unusable, as the batch job
  // refuses it: the built-in catalog never stands in for the team's policies, silently or not.
  if (headerRefusesTable(header)) return { catalog: policyCatalog(), problems: headerProblems(programs, header), refused: true };
  if (programs.rows.length === 0) return { catalog: policyCatalog(), problems: [], refused: false };
  const parsed = parsePolicyRows(programs.rows.map(recordReader(header, PROGRAMS_COLUMNS, programs.dateSystem)));
  if (parsed.ok) return { catalog: policyCatalog(parsed.value), problems: [], refused: false };
  return { catalog: policyCatalog(), problems: programsRowProblems(programs, parsed.issues), refused: true };
}

/** parsePolicyRows' issues (path `[Programs, index, column]`, or `[Programs, column]` for the table) as problems of their rows. */
function programsRowProblems(programs: TableData, issues: readonly Issue[]): RowProblem[] {
  const byRow = new Map<number, Issue[]>();
  for (const i of issues) {
    const index = i.path[1];
    const row = typeof index === 'number' ? (programs.rowNumbers[index] ?? 0) : 0;
    byRow.set(row, [...(byRow.get(row) ?? []), i]);
  }
  return [...byRow].sort(([a], [b]) => a - b).map(([row, rowIssues]) => ({ table: programs.name, row, issues: rowIssues }));
}

export interface ClaimsRead {
  readonly claims: { claim: Claim; row: number }[];
  readonly problems: RowProblem[];
  /** The register's header refuses it (`headerRefusesTable`): nothing may be computed with it (Ledger.refusedTable). */
  readonly refused: boolean;
}

export function readClaims(claims: TableData | null, parses: ClaimParses = new ClaimParses()): ClaimsRead {
  const out: { claim: Claim; row: number }[] = [];
  if (!claims) return { claims: out, problems: [], refused: false };
  // The register's required columns, as the batch job requires them of a claims file or workbook.
  const header = readTableHeader(claims.headers, { known: CLAIMS_COLUMNS.map((c) => c.name), required: REQUIRED_CLAIMS_COLUMNS });
  const problems = headerProblems(claims, header);
  if (headerRefusesTable(header)) return { claims: out, problems, refused: true };
  parses.begin(claims.headers, claims.dateSystem);
  const record = recordReader(header, CLAIMS_COLUMNS, claims.dateSystem);
  claims.rows.forEach((row, i) => {
    const parsed = parses.parse(row, () => parseClaimRow(record(row)));
    const at = claims.rowNumbers[i]!;
    if (parsed.ok) out.push({ claim: parsed.value, row: at });
    else problems.push({ table: TABLES.claims, row: at, issues: parsed.issues });
  });
  return { claims: out, problems, refused: false };
}

export interface PaymentsRead {
  /** The rows core reads, in table order, each located at its sheet row (a repeated paymentId is core's to settle). */
  readonly payments: PaymentRecord[];
  readonly problems: RowProblem[];
  /** The table's header refuses it (`headerRefusesTable`): nothing may be computed with it (Ledger.refusedTable). */
  readonly refused: boolean;
}

/**
 * The Payments table's rows as core's payment records (`readPaymentRecord`, the rule the batch job
 * reads `--payments` by): a row core refuses is a problem naming its sheet row and left out; a
 * header that lacks a required column or repeats one refuses the table, as the batch job rejects
 * such a report (docs/RULES.md, "A refused table").
 */
export function readPayments(table: TableData | null | undefined): PaymentsRead {
  const payments: PaymentRecord[] = [];
  if (!table) return { payments, problems: [], refused: false };
  const { problems, refused } = paymentsHeaderVerdict(table);
  if (refused) return { payments, problems, refused: true };
  const read = paymentsRowReader(paymentsTableHeader(table.headers), table.dateSystem);
  table.rows.forEach((cells, i) => {
    const row = table.rowNumbers[i]!;
    const r = read(cells, row);
    if (r.ok) payments.push(r.value);
    else problems.push({ table: table.name, row, issues: r.issues.map((issue) => ({ ...issue, path: [table.name, row, ...issue.path] })) });
  });
  return { payments, problems, refused: false };
}

export interface ImportLogRead {
  /** The rows core reads, each at its sheet row. */
  readonly entries: { readonly entry: ImportLogEntry; readonly at: RowLocation }[];
  readonly problems: RowProblem[];
}

/**
 * The import log's rows as core's entries (`readImportLogRow`): a row core refuses is a problem
 * naming its sheet row and counts nothing. A header that lacks a required column or repeats one is
 * one problem of the table, and no row is read: the log says what was seen at import, and no
 * balance depends on it, so it refuses no computation.
 */
export function readImportLog(table: TableData | null | undefined): ImportLogRead {
  const entries: ImportLogRead['entries'] = [];
  if (!table) return { entries, problems: [] };
  const header = readTableHeader(table.headers, { known: IMPORT_LOG_COLUMNS.map((c) => c.name), required: REQUIRED_IMPORT_LOG_COLUMNS });
  const problems = headerProblems(table, header);
  if (headerRefusesTable(header)) return { entries, problems };
  const record = recordReader(header, IMPORT_LOG_COLUMNS, table.dateSystem);
  table.rows.forEach((cells, i) => {
    const row = table.rowNumbers[i]!;
    const read = readImportLogRow(record(cells));
    if (read.ok) entries.push({ entry: read.value, at: { file: table.name, line: row } });
    else problems.push({ table: table.name, row, issues: read.issues.map((issue) => ({ ...issue, path: [table.name, row, ...issue.path] })) });
  });
  return { entries, problems };
}

export interface LedgerOptions {
  readonly asOf: IsoDate;
  readonly settings: LedgerSettings;
}

/** The workbook's name for where an Earnings or Claims row is: its table and its sheet row. */
const EARNINGS_SOURCE = TABLES.earnings;
const CLAIMS_SOURCE = TABLES.claims;

/**
 * What the Earnings table comes to once core has read it: everything that depends on the earnings
 * rows alone (with the programs and settings). Claims and the date are not in it, so it is kept
 * between recalculations while the Earnings table is unchanged (earnings-memo.ts): settling it
 * again against edited claims is all a claim edit costs.
 */
export interface EarningsPass {
  readonly totals: EarningsTotals;
  /** The per-row `duplicate_earning` findings. */
  readonly duplicates: readonly Finding[];
  /** Rows that could not be read, by table row. */
  readonly problems: readonly RowProblem[];
  /** participantId → participantName, the export's own names (the first non-empty one of each). */
  readonly participantNames: ReadonlyMap<string, string>;
  /** The table's header refuses it (`headerRefusesTable`): nothing may be computed with it (Ledger.refusedTable). */
  readonly refused: boolean;
}

/** What core finds in a table's header (`headerProblems`), and whether it refuses the table. */
export interface HeaderVerdict {
  readonly problems: RowProblem[];
  readonly refused: boolean;
}

/**
 * The Earnings table's header by core's rule, as the batch job reads an export's: a table that
 * lacks a required column, or repeats one, is refused as a whole (one problem, not one per row), as
 * the batch job rejects such an export (docs/RULES.md, "A refused table").
 */
export function earningsHeaderVerdict(table: Pick<TableData, 'name' | 'headers'>): HeaderVerdict {
  const header = readTableHeader(table.headers, { known: EARNINGS_COLUMNS.map((c) => c.name), required: REQUIRED_EARNINGS_COLUMNS });
  return { problems: headerProblems(table, header), refused: headerRefusesTable(header) };
}

/** The Payments table's header by the Payments report's rule (docs/RULES.md, "A refused table"). */
export function paymentsHeaderVerdict(table: Pick<TableData, 'name' | 'headers'>): HeaderVerdict {
  const header = paymentsTableHeader(table.headers);
  return { problems: headerProblems(table, header), refused: headerRefusesTable(header) };
}

/** Reads the Earnings table through core's engine (docs/RULES.md, "Repeated earningIds" and what follows). */
export function readEarningsPass(table: TableData | null, catalog: PolicyCatalog, settings: LedgerSettings): EarningsPass {
  const verdict = table ? earningsHeaderVerdict(table) : null;
  const headerProblem = verdict?.problems ?? [];
  const refused = verdict?.refused ?? false;
  const read = table && !refused ? new TableEarnings(table) : null;
  const duplicates = new MemoryFindingSink();
  const stores = { ids: new MemoryEarningIdStore(), duplicates };
  const lines = read?.lines();
  const totals = earningsLedgerOf({ catalog, settings, stores, rowAt: read ? (location) => read.rowAt(location) : undefined, ...(lines ? { lines } : {}) }, (visit) => {
    visit.beginSource(EARNINGS_SOURCE, 0);
    read?.readAll((row) => visit.row(row));
  });
  return { totals, duplicates: duplicates.findings(), problems: [...headerProblem, ...(read?.problems ?? [])], participantNames: read?.participantNames ?? new Map(), refused };
}

/** The programs as core's catalog, with the problems of reading them. */
export interface ProgramsRead {
  /** The table's policies over the built-in ones; the built-in ones alone when the table is refused. */
  readonly catalog: PolicyCatalog;
  readonly problems: readonly RowProblem[];
  /** The table has problems: nothing may be computed with it (Ledger.refusedTable). */
  readonly refused: boolean;
}

/** What the workbook comes to while core refuses its Programs, Earnings or Claims table: that table's problems, nothing computed. */
export function refusedLedger(table: RefusedTable, catalog: PolicyCatalog, problems: readonly RowProblem[], options: LedgerOptions): Ledger {
  const { asOf, settings } = options;
  return { asOf, settings, catalog, balances: [], claims: [], findings: [], problems: [...problems], refusedTable: table, refusedSettings: [] };
}

/** A ledger with nothing computed, for settings core refuses: the tables' own problems are kept. */
export function refusedSettingsLedger(ledger: Ledger, refused: readonly Issue[]): Ledger {
  return { ...ledger, balances: [], claims: [], findings: [], refusedSettings: [...refused] };
}

/** Settles earnings already read against the Claims and Payments tables, as of a date: the rest of the computation. */
export function settleLedger(
  earnings: EarningsPass,
  programs: ProgramsRead,
  tables: Pick<LedgerTables, 'claims' | 'payments' | 'importLog'>,
  options: LedgerOptions,
  parses?: ClaimParses,
): Ledger {
  if (programs.refused) return refusedLedger(TABLES.programs, programs.catalog, programs.problems, options);
  if (earnings.refused) return refusedLedger(TABLES.earnings, programs.catalog, earnings.problems, options);
  const { asOf, settings } = options;
  const { catalog } = programs;
  const claimRows = readClaims(tables.claims, parses);
  if (claimRows.refused) return refusedLedger(TABLES.claims, catalog, claimRows.problems, options);
  const paymentRows = readPayments(tables.payments);
  if (paymentRows.refused) return refusedLedger(TABLES.payments, catalog, paymentRows.problems, options);
  const logRows = readImportLog(tables.importLog);
  const problems = [...programs.problems, ...earnings.problems, ...claimRows.problems, ...paymentRows.problems, ...logRows.problems];
  const settled = settleAsOf({
    earnings: earnings.totals,
    claims: claimRows.claims.map(({ claim, row }) => ({ claim, location: { file: CLAIMS_SOURCE, line: row } })),
    // As the batch job hands core a --payments report: the findings name the Payments table's sheet
    // rows. The table is one report: an import keeps one row per paymentId, the version that counts.
    paymentReports: [paymentRows.payments],
    catalog,
    settings,
    asOf,
    describeIssue: (i) => i.code,
  });
  const claims: LedgerClaim[] = claimRows.claims.map(({ claim, row }, i) => ({
    claim,
    row,
    poolKey: settled.claims[i]!.pool,
    drawsOnPool: settled.claims[i]!.drawsOnPool,
    paid: settled.claims[i]!.paid,
  }));
  const findings = [...settled.findings, ...earnings.duplicates, ...importLogFindings(logRows.entries)].sort(compareFindings);
  return { asOf, settings, catalog, balances: settled.balances, claims, findings, problems, refusedTable: null, refusedSettings: [] };
}

/** The whole computation: core's engine over the workbook's tables, as of a date. */
export function computeLedger(tables: LedgerTables, options: LedgerOptions): Ledger {
  const programs = catalogOf(tables.programs);
  if (programs.refused) return refusedLedger(TABLES.programs, programs.catalog, programs.problems, options);
  return settleLedger(readEarningsPass(tables.earnings, programs.catalog, options.settings), programs, tables, options);
}

/**
 * The Earnings table's rows as core's earning records, located by their table row, made as the
 * ledger reads them (it reads a second time only when an earningId repeats): a record lives as
 * long as the ledger looks at it, so 100,000 of them are never held at once. A row core's
 * acceptance rule refuses (docs/RULES.md, "Accepted rows": a required text empty, a date, currency
 * or amount that cannot be read) is a problem that names its row and column, and is left out, as
 * the batch job and the import leave it out; problems are taken on the first reading.
 */
class TableEarnings {
  readonly problems: RowProblem[] = [];
  /** participantId → the first non-empty participantName of its rows (exports repeat it on every row), read with the problems. */
  readonly participantNames = new Map<string, string>();
  private readings = 0;
  private readonly layout: EarningsLayout;
  // Tables repeat a handful of dates, types and currencies over many rows: each is read once.
  private readonly dates = new Map<unknown, IsoDate | null>();
  private readonly currencies = new Map<string, CurrencyCode | null>();
  private readonly payToCurrencies = new Map<string, CurrencyCode | '' | null>();
  private readonly kinds = new Map<string, ReturnType<typeof earningKind>>();
  /** Body index by table row, when the table's rows are not its body in order (built on the first `rowAt` that needs it). */
  private indexOfLine: Map<number, number> | undefined;

  /**
   * The rows' indices in core's reading order, or null when the table is in that order (a table
   * nobody sorted): the order the import numbered them in, whatever the table's sort.
   */
  private readonly order: readonly number[] | null;

  constructor(private readonly table: TableData) {
    this.layout = earningsLayout(table, EARNINGS_SOURCE);
    const at = columnIndex(table, IMPORT_ORDER_COLUMN);
    const { rows } = table;
    this.order = at < 0 ? null : readingOrderWhenSorted(rows.length, (i) => importOrderCell(rows[i]![at]));
  }

  /** How core numbers the rows as read: by their sheet rows, or by their place in the reading order. */
  lines(): LineNumbering | undefined {
    const { order } = this;
    return order === null ? undefined : new ReadingOrderLines(order.map((i) => this.lineAt(i)));
  }

  /** Each row that can be read, in core's reading order, to `visit`: a plain loop, so no iterator per row. */
  readAll(visit: (row: EarningRecord) => void): void {
    const first = this.readings++ === 0;
    const { order } = this;
    const count = this.table.rows.length;
    for (let k = 0; k < count; k++) {
      const record = this.recordAt(order === null ? k : order[k]!, first);
      if (record !== null) visit(record);
    }
  }

  /** The record of the row at a location the ledger was given, read again (core asks only when its earningId repeats). */
  rowAt(location: RowLocation): EarningRecord {
    const { rows } = this.table;
    // Row i is at the first row's line + i unless blank rows were left out before it.
    let i = location.line - this.lineAt(0);
    if (!(i >= 0 && i < rows.length && this.lineAt(i) === location.line)) {
      this.indexOfLine ??= new Map(rows.map((_, at) => [this.lineAt(at), at]));
      i = this.indexOfLine.get(location.line) ?? -1;
    }
    const record = i >= 0 ? this.recordAt(i, false) : null;
    if (record === null) throw new RangeError(`${EARNINGS_SOURCE} has no readable row ${location.line}`);
    return record;
  }

  /** The table's body row at `i` as a record, or null (a problem, noted when `first`) when it cannot be read. */
  private recordAt(i: number, first: boolean): TableEarning | null {
    const { table, layout, dates, currencies, payToCurrencies } = this;
    const { earningDate: iDate, transactionCurrency: iCurrency, earningAmount: iAmount, earningAmountUSD: iUSD, earningType: iType } = layout;
    const { lastPaymentCurrency: iPayCurrency, earningAmountInLastPaymentCurrency: iPay } = layout;
    const row = table.rows[i]!;
    const line = this.lineAt(i);
    if (first) this.noteName(row);
    const dateCell = iDate < 0 ? '' : row[iDate];
    let earningDate = dates.get(dateCell);
    if (earningDate === undefined) dates.set(dateCell, (earningDate = dateFromCell(dateCell, table.dateSystem)));
    const currencyText = cellText(row, iCurrency);
    let currency = currencies.get(currencyText);
    if (currency === undefined) {
      const r = parseCurrency(currencyText);
      currencies.set(currencyText, (currency = r.ok ? r.value : null));
    }
    const amountCell = iAmount < 0 ? '' : row[iAmount];
    const amountScaled = scaledOf(amountCell);
    const usdCell = iUSD < 0 ? '' : row[iUSD];
    const usdBlank = isBlankCell(usdCell);
    // A row in USD (or a table that copies the amount) repeats the amount cell: the same reading, shared.
    const amountUSDScaled = usdBlank ? null : usdCell === amountCell ? amountScaled : scaledOf(usdCell);
    const payCurrencyText = cellText(row, iPayCurrency);
    let paymentCurrency = payToCurrencies.get(payCurrencyText);
    if (paymentCurrency === undefined) payToCurrencies.set(payCurrencyText, (paymentCurrency = payToCurrencyOf(payCurrencyText)));
    const payCell = iPay < 0 ? '' : row[iPay];
    const payBlank = isBlankCell(payCell);
    const amountInPaymentCurrencyScaled = payBlank ? null : scaledOf(payCell);
    const earningType = cellText(row, iType);
    if (
      !acceptsFastReading(
        cellText(row, layout.earningId), cellText(row, layout.participantId), cellText(row, layout.programName), earningType,
        amountScaled, amountUSDScaled, usdBlank, earningDate, currency, paymentCurrency, amountInPaymentCurrencyScaled, payBlank,
      )
    ) {
      // The fast path only reads typed cells quickly, and core says whether what it read is a
      // whole accepted row (`acceptsFastReading`); whether a row it does not take is refused, and
      // why, is core's acceptance rule (docs/RULES.md, "Accepted rows"), fed the cells as the text it reads.
      const reading = readEarningRow(earningRowText(row, layout, table.dateSystem));
      if (!reading.ok) {
        if (first) this.problems.push({ table: EARNINGS_SOURCE, row: line, issues: reading.issues.map((i) => ({ ...i, path: [EARNINGS_SOURCE, line, ...i.path] })) });
        return null;
      }
      // A row the fast path cannot read but the rule accepts is read the rule's way, never dropped.
      return new TableEarning(row, layout, line, { kind: this.kindOf(earningType), ...reading.value });
    }
    // Accepted: core has said the amount, date and currencies were read.
    return new TableEarning(row, layout, line, {
      kind: this.kindOf(earningType), earningDate: earningDate!, currency: currency!, amountScaled: amountScaled!, amountUSDScaled,
      paymentCurrency: paymentCurrency!, amountInPaymentCurrencyScaled,
    });
  }

  private kindOf(earningType: string): ReturnType<typeof earningKind> {
    let kind = this.kinds.get(earningType);
    if (kind === undefined) this.kinds.set(earningType, (kind = earningKind(earningType)));
    return kind;
  }

  /** The sheet row of the table's row `i`. */
  private lineAt(i: number): number {
    return this.table.rowNumbers[i] ?? 0;
  }

  private noteName(row: readonly unknown[]): void {
    // The name first: a table without names (or a row without one) has nothing to note, and needs no lookup.
    const name = cellText(row, this.layout.participantName);
    if (name === '') return;
    const id = cellText(row, this.layout.participantId);
    if (id === '' || this.participantNames.has(id)) return;
    this.participantNames.set(detach(id), name);
  }
}

export function claimsOfPool(ledger: Ledger, key: PoolKey): LedgerClaim[] {
  const id = poolKeyString(key);
  return ledger.claims.filter((c) => c.poolKey !== null && poolKeyString(c.poolKey) === id);
}

/** One Balances row in BALANCES_COLUMNS order: amounts rounded to the currency, dates as serials in the workbook's date system. */
export function balanceToCells(b: PoolBalance, system: DateSystem): CellValue[] {
  const row = balanceRow(b);
  const cur = b.key.currency;
  // Core says what each column holds; the cell is its kind's: a date serial, an amount rounded to
  // the pool's currency (a USD column's to USD), text never read as a number or a formula.
  return BALANCES_COLUMNS.map(({ name, kind }) => {
    const value = row[name];
    if (value === null || value === undefined) return '';
    if (kind === 'date') return dateToCell(value as IsoDate, system);
    if (kind === 'amount' || kind === 'amountUSD') return amountToCell(value as Dec, amountColumnCurrency(kind, cur));
    if (typeof value === 'string') return textToCell(value);
    return value as number | boolean;
  });
}
