/**
 * The task pane's workbook operations: each is one Excel.run, built from the glue in
 * addin/excel. Nothing here touches the DOM.
 */
import { balanceRow } from '../../core/pools/balance-row.js';
import { CLAIM_HISTORY_COLUMNS, CLAIMS_COLUMNS, EARNINGS_COLUMNS, IMPORT_LOG_COLUMNS, PAYMENTS_COLUMNS, PROGRAMS_COLUMNS, BALANCES_COLUMNS, TABLES, type ColumnSpec } from '../../core/workbook-layout.js';
import { claimToRow, REQUIRED_CLAIMS_COLUMNS } from '../../core/claims/claim-row.js';
import { historyEntryToRow, type ClaimHistoryEntry } from '../../core/claims/claim-history.js';
import type { Claim } from '../../core/claims/claim.js';
import { newClaimIssues } from '../../core/claims/new-claim.js';
import type { Issue } from '../../core/issues.js';
import { settingsRefusing } from '../../core/settings.js';
import { ImportLogTally, importLogEntryToRow, missingLogColumns, REQUIRED_IMPORT_LOG_COLUMNS, type ImportLogCount } from '../../core/reconcile/import-log.js';
import type { ZipProblemCode } from '../../core/tables/zip-entries.js';
import { TableColumnsError } from '../excel/table-placement.js';
import { readTableHeader } from '../../core/tables/table-header.js';
import type { DateSystem, IsoDate } from '../../core/calendar/calendar-date.js';
import { queueDateSystem, type QueuedDateSystem } from '../excel/date-system.js';
import { appendRows, addColumns, appendRoom, queueAppend, queueLastUsedRow, readTables, replaceRows, writeRow, type TableData } from '../excel/table-io.js';
import type { WorkbookNames } from '../../core/tables/table-location.js';
import { locateTable, offsetBelowHeader } from '../../core/tables/table-location.js';
import type { RefusedTable } from '../../core/tables/refused-table.js';
import { ALL_TABLES, ensureCoopTables, ensureTables, madeTableData, sheetsInTheWay, type SetupResult } from '../excel/workbook-setup.js';
import { queueFindRows, queueWriteFoundRow, selectRow } from '../excel/table-rows.js';
import { placementIssues, placementOf } from '../excel/table-placement.js';
import type { PoolKey } from '../../core/pools/pool-key.js';
import { NUMBER_FORMATS, rowFormatsOf, numberFormatOf } from '../../core/number-formats.js';
import { recordToCells } from '../excel/record-cells.js';
import { textFromCell, type CellValue } from '../excel/cell-values.js';
import { saveStoredSettings, type StoredSettings } from '../ledger/ledger-settings-store.js';
import { queueWorkbookBasics } from '../ledger/workbook-basics.js';
import { balanceToCells, catalogOf, earningsHeaderVerdict, paymentsHeaderVerdict, type Ledger } from '../ledger/workbook-ledger.js';
import { earningsWritten, fingerprintOf, loadLedger } from '../ledger/load-ledger.js';
import { defaultProgramRows } from '../ledger/program-rows.js';
import { todayIso } from '../ledger/today.js';
import { asOfDate } from '../../core/calendar/local-date.js';
import { existingEarnings, nextImportOrderOf, planImport, type ImportPlan } from '../import/plan-import.js';
import { existingPayments, planPaymentsImport, type PaymentsPlan, type PlanPaymentsOptions } from '../import/plan-payments-import.js';
import type { ParsedExport } from '../import/parse-export.js';
import { invalidateLedger, useSettings } from '../functions/ledger-cache.js';

export interface WorkbookState {
  readonly missing: string[];
  readonly stored: StoredSettings;
  readonly asOf: IsoDate;
  /** The workbook's date system, in which its tables were read (docs/RULES.md, "Workbook cells"). */
  readonly dateSystem: DateSystem;
  readonly ledger: Ledger;
  readonly programs: TableData | null;
  /** participantId → participantName from the Earnings table (the export's own names). */
  readonly participantNames: ReadonlyMap<string, string>;
  /** Changes when anything read changes: a refresh that finds the same workbook redraws nothing. */
  readonly fingerprint: string;
}

/**
 * Reads everything the pane shows and computes the ledger, in one Excel.run: the table names,
 * settings and date system in one sync, then the tables (load-ledger.ts: the Earnings table only when it changed
 * since the last recalculation, or when `reread` asks for it).
 */
export async function loadWorkbook(options: { reread?: boolean } = {}): Promise<WorkbookState> {
  const state = await Excel.run(async (context) => {
    const basics = queueWorkbookBasics(context);
    await context.sync();
    const { names, stored, dateSystem } = basics.read();
    // A table is there when core's rule finds it as a table; a sheet standing for one is read, but
    // the pane writes only to tables, so it is still to be set up (docs/RULES.md, "Where a table is").
    const missing = ALL_TABLES.filter((name) => locateTable(name, names).kind !== 'table');
    const asOf = asOfDate(stored.asOf, new Date());
    const refusedSettings = settingsRefusing(stored.issues, 'calculation');
    const loaded = await loadLedger(context, { names, settings: stored.settings, asOf, dateSystem, refusedSettings, ...(options.reread ? { reread: true } : {}) });
    const fingerprint = fingerprintOf([JSON.stringify([missing, stored, asOf, dateSystem]), loaded.fingerprint]);
    return { missing, stored, asOf, dateSystem, ledger: loaded.ledger, programs: loaded.programs, participantNames: loaded.participantNames, fingerprint };
  });
  useSettings(state.stored.settings, state.stored.issues, state.dateSystem);
  invalidateLedger(state.ledger);
  return state;
}

export function setUpWorkbook(): Promise<SetupResult> {
  return Excel.run((context) => ensureCoopTables(context, defaultProgramRows()));
}

/**
 * Core refuses a co-op table, so nothing is computed with it: the Balances table keeps what it
 * held, as the batch job writes nothing. Nothing is imported while the Programs table is refused,
 * since the import compares programs by it, nor into a refused Earnings or Payments table, whose
 * rows the import must read to know what it holds (docs/RULES.md, "A refused table").
 */
export class RefusedTableError extends Error {
  constructor(
    readonly table: RefusedTable,
    readonly problems: readonly Ledger['problems'][number][],
  ) {
    super(`the ${table} table cannot be read: ${problems.flatMap((p) => p.issues.map((i) => i.code)).join(', ')}`);
    this.name = 'RefusedTableError';
  }
}

/**
 * Writes the Balances table from the ledger (values first, formats after, one sync per block), its
 * dates in the workbook's date system, asked in the write's first sync (`replaceRows`).
 */
export function writeBalances(ledger: Ledger): Promise<number> {
  if (ledger.refusedSettings.length > 0) return Promise.reject(new RefusedSettingError(ledger.refusedSettings));
  if (ledger.refusedTable !== null) return Promise.reject(new RefusedTableError(ledger.refusedTable, ledger.problems));
  const rows = (dates: DateSystem) => ledger.balances.map((b) => balanceToCells(b, dates));
  // Each pool's amounts in its currency (core's number formats), as the cells hold them.
  const rowFormats = (i: number) => {
    // The currency each amount column names is read from core's row, not known here.
    const row = balanceRow(ledger.balances[i]!);
    return rowFormatsOf(BALANCES_COLUMNS, (column) => {
      const value = row[column];
      return typeof value === 'string' ? value : null;
    });
  };
  return Excel.run((context) => replaceRows(context, TABLES.balances, rows, { layout: { columns: BALANCES_COLUMNS }, rowFormats }));
}

export interface ImportOutcome {
  /**
   * What the import did, every file's summary, rejection and warning together in the order the
   * files came, whichever table they went to (the Earnings exports' skipped rows are `skipped`).
   */
  readonly plan: ImportPlan;
  /** The Payments reports' own plan (null: none was imported). */
  readonly payments: PaymentsPlan | null;
  readonly written: number;
  /** Every row this import wrote to the import log (docs/RULES.md, "Import log"). */
  readonly logged: readonly ImportLogCount[];
}

/** A row's cells in a table's order, to its number formats. */
type RowFormats = (row: readonly CellValue[]) => string[];

/**
 * Number formats of a row of a table with these headers, by the layout column each names (core's
 * header rule: `Earning Date` is `earningDate`) and core's formats: an amount's by the currency
 * its row names, as the batch job's workbook shows it; a column the layout does not know as text.
 */
function formatsFor(headers: readonly string[], columns: readonly ColumnSpec[]): RowFormats {
  const header = readTableHeader(headers, { known: columns.map((c) => c.name) });
  const specs = header.keys.map((key) => columns.find((c) => c.name === key));
  const at = new Map(header.keys.map((key, i) => [key, i]));
  // A row's formats depend only on its currency cells: one array per distinct set of them, shared
  // by every row that has it (an import of 100k rows holds a handful, not 100k).
  const currencyAt = [...new Set(specs.flatMap((s) => (s?.currencyColumn === undefined ? [] : [s.currencyColumn])))].map((name) => at.get(name) ?? -1);
  const byCurrencies = new Map<string, string[]>();
  return (row) => {
    const key = currencyAt.map((i) => (i < 0 ? '' : textFromCell(row[i]))).join('\u0000');
    let formats = byCurrencies.get(key);
    if (formats === undefined) {
      const currencyOf = (column: string) => {
        const i = at.get(column);
        return i === undefined ? null : textFromCell(row[i]);
      };
      formats = specs.map((spec) => (spec ? numberFormatOf(spec, currencyOf) : NUMBER_FORMATS.text));
      byCurrencies.set(key, formats);
    }
    return formats;
  };
}

/**
 * Writes an import plan's rewrites of rows the table holds: whole rows (`updates`), and rows a
 * newer download repeats unchanged, whose download date only is written (`restamps`). `index`
 * counts the rows read, which leave blank rows out: a row is written where the table holds it
 * (its sheet row, `rowNumbers`), never at that count, which would write over another row.
 */
async function rewriteHeldRows(
  context: Excel.RequestContext,
  tableName: string,
  rowNumbers: readonly number[],
  plan: Pick<ImportPlan | PaymentsPlan, 'updates' | 'restamps'>,
  formats: RowFormats,
): Promise<void> {
  if (plan.updates.length === 0 && plan.restamps.length === 0) return;
  const body = context.workbook.tables.getItem(tableName).getDataBodyRange().load('rowIndex');
  await context.sync();
  for (const u of plan.updates) await writeRow(context, tableName, offsetBelowHeader(body.rowIndex, rowNumbers[u.index]!), u.cells, formats(u.cells));
  for (const r of plan.restamps) body.getCell(offsetBelowHeader(body.rowIndex, rowNumbers[r.index]!), r.column).values = [[r.cell]];
  if (plan.restamps.length > 0) await context.sync();
}

/** The Payments table's share of an import, planned: against the table, or, before the first import of a report makes it, against the empty table it will be. Writes nothing. */
async function planPayments(
  context: Excel.RequestContext,
  files: readonly ParsedExport[],
  options: PlanPaymentsOptions,
  names: WorkbookNames,
): Promise<{ plan: PaymentsPlan; table: TableData; lastUsedRow: number }> {
  const { dateSystem } = options;
  const location = locateTable(TABLES.payments, names);
  // What is below the table limits its room, read with its shape.
  const lastUsed = location.kind === 'table' ? queueLastUsedRow(context, location.table) : null;
  const held = location.kind === 'table' ? (await readTables(context, [TABLES.payments], undefined, names, dateSystem)).get(TABLES.payments) : null;
  const refusal = held ? paymentsHeaderVerdict(held) : null;
  if (refusal?.refused) throw new RefusedTableError(TABLES.payments, refusal.problems);
  const table: TableData = held ?? madeTableData(TABLES.payments, dateSystem);
  return { plan: planPaymentsImport(table.headers, existingPayments(table), files, options), table, lastUsedRow: lastUsed?.read() ?? 0 };
}

/** Makes a table an import writes to when the workbook lacks it (as set-up makes the others); no sync when it is there. */
async function makeTable(context: Excel.RequestContext, name: string, names: WorkbookNames): Promise<void> {
  if (locateTable(name, names).kind !== 'table') await ensureTables(context, [name]);
}

/**
 * Writes the Payments table's share of an import: the table made when first needed, as set-up
 * makes the others (its header is the layout's, which the plan was made against), then its new
 * columns, the rows it rewrites and the rows it adds.
 */
async function writePayments(context: Excel.RequestContext, { plan, table }: { plan: PaymentsPlan; table: TableData }, names: WorkbookNames): Promise<number> {
  await makeTable(context, TABLES.payments, names);
  await addColumns(context, TABLES.payments, plan.newColumns);
  const formats = formatsFor([...table.headers, ...plan.newColumns], PAYMENTS_COLUMNS);
  await rewriteHeldRows(context, TABLES.payments, table.rowNumbers, plan, formats);
  return appendRows(context, TABLES.payments, plan.cells, { rowFormats: (i) => formats(plan.cells[i]!) });
}

/**
 * An import would add more rows to a table than its sheet has below it (a worksheet ends at row
 * 1,048,576): refused before anything is written, since Excel would refuse a block halfway and
 * leave the blocks before it written.
 */
export class SheetFullError extends Error {
  constructor(
    readonly table: string,
    readonly rows: number,
    readonly room: number,
  ) {
    super(`${table}: ${rows} rows to add, room for ${room} on its sheet`);
    this.name = 'SheetFullError';
  }
}

/** Refuses a plan that appends more rows to `table` than its sheet has room for (`appendRoom`). */
function assertRoom(table: TableData, rows: number, lastUsedRow: number): void {
  const room = appendRoom(table, lastUsedRow);
  if (rows > room) throw new SheetFullError(table.name, rows, room);
}

/**
 * A table the import must make (the Payments table, made by the first import of a Payments
 * report, or the import log, by the first import with something to log), or append to (the
 * Earnings table), is where a sheet of that name holds data of its own: that sheet is never
 * written over, so nothing of the import is written.
 */
export class SheetNotTableError extends Error {
  constructor(readonly table: string) {
    super(`${table} sheet holds data but is not a table`);
    this.name = 'SheetNotTableError';
  }
}

/**
 * The workbook's stored number locale is refused (a tag Intl does not know): the files are not
 * imported, since reading `1.234,56` invariantly would refuse it, and `1.234` would be read as
 * another amount than the batch job reads with the same tag (docs/RULES.md, "Money").
 */
export class RefusedSettingError extends Error {
  constructor(readonly issues: readonly Issue[]) {
    super(`a stored setting cannot be read: ${issues.map((i) => `${String(i.path[0])} ${i.code}`).join(', ')}`);
    this.name = 'RefusedSettingError';
  }
}

/**
 * Appends parsed exports to Earnings and rewrites the rows a newer download updates (`planImport`),
 * and Payments reports (a file whose header core reads as one) to the Payments table
 * (`planPaymentsImport`), reading the files' numbers with the number locale stored in the
 * workbook, read in the same run; then writes what it did not append to the import log. Every date
 * it reads or writes is in the workbook's date system, asked in its first sync. Everything
 * is planned and checked before the first write; once writing has started, Excel has no
 * transaction to undo it, and an error leaves what was written.
 */
export function importExports(
  files: readonly ParsedExport[],
  onProgress: (written: number, total: number) => void,
  zipSkipped: readonly { readonly file: string; readonly entry: string; readonly code: ZipProblemCode }[] = [],
): Promise<ImportOutcome> {
  return Excel.run(async (context) => {
    // The workbook's names, read once: where each table is, for every step below.
    const basics = queueWorkbookBasics(context);
    await context.sync();
    const { names, stored, dateSystem } = basics.read();
    const earningsAt = locateTable(TABLES.earnings, names);
    // What is below the table limits its room, read with the tables' shapes.
    const earningsLastUsed = earningsAt.kind === 'table' ? queueLastUsedRow(context, earningsAt.table) : null;
    const read = await readTables(context, [TABLES.earnings, TABLES.programs], undefined, names, dateSystem);
    const { numberLocale, issues } = stored;
    const localeRefused = settingsRefusing(issues, 'import');
    if (localeRefused.length > 0) throw new RefusedSettingError(localeRefused);
    const table = read.get(TABLES.earnings);
    if (!table) throw new Error('Earnings table missing');
    // Programs are compared by their canonical name in the workbook's catalog, as the ledger compares them.
    const programs = catalogOf(read.get(TABLES.programs) ?? null);
    if (programs.refused) throw new RefusedTableError(TABLES.programs, programs.problems);
    const { catalog } = programs;
    const locale = { ...(numberLocale ? { locale: numberLocale } : {}), dateSystem };
    const paymentsFiles = files.filter((f) => f.kind === 'payments');
    const earningsFiles = files.filter((f) => f.kind !== 'payments');
    // A sheet standing for the Earnings table is read, never written (docs/RULES.md, "Where a
    // table is"): the rows are not appended to it, and nothing is written.
    if (earningsFiles.length > 0 && earningsAt.kind === 'sheet') throw new SheetNotTableError(TABLES.earnings);
    // A table the import writes to must be read to know what it holds: into a refused one every
    // row would be appended again (docs/RULES.md, "A refused table").
    const earningsRefusal = earningsHeaderVerdict(table);
    if (earningsFiles.length > 0 && earningsRefusal.refused) throw new RefusedTableError(TABLES.earnings, earningsRefusal.problems);
    const earningsPlan = planImport(table.headers, existingEarnings(table, catalog), earningsFiles, catalog, { ...locale, firstOrder: nextImportOrderOf(table) });
    const payments = paymentsFiles.length > 0 ? await planPayments(context, paymentsFiles, locale, names) : null;
    assertRoom(table, earningsPlan.cells.length, earningsLastUsed?.read() ?? 0);
    if (payments !== null) assertRoom(payments.table, payments.plan.cells.length, payments.lastUsedRow);
    // What the import read and does not append is kept in the import log, where the ledger finds
    // it on every recalculation (docs/RULES.md, "Import log").
    const zips = new ImportLogTally();
    zips.noteZipEntries(zipSkipped);
    const logged = [...zips.entries(), ...earningsPlan.logged, ...(payments?.plan.logged ?? [])];
    // The tables it may make: a sheet of that name holding data is never written over
    // (docs/RULES.md, "Where a table is"), and the import is refused before anything is written.
    const making = [...(payments !== null ? [TABLES.payments] : []), ...(logged.length > 0 ? [TABLES.importLog] : [])];
    const inTheWay = await sheetsInTheWay(context, making, names);
    if (inTheWay.length > 0) throw new SheetNotTableError(inTheWay[0]!);
    const log = await queueImportLog(context, logged, names, dateSystem);
    const paymentsWritten = payments === null ? 0 : await writePayments(context, payments, names);
    const plan = payments === null ? earningsPlan : mergedPlan(files, earningsPlan, payments.plan);
    await addColumns(context, TABLES.earnings, plan.newColumns);
    const formats = formatsFor([...table.headers, ...plan.newColumns], EARNINGS_COLUMNS);
    // What the ledger kept of the table is stale from the first write; forgotten again once the
    // last is done, so that a recalculation which read the table halfway keeps nothing.
    earningsWritten();
    try {
      // A newer download's version of an earning the table holds rewrites its row (docs/RULES.md, "Repeated earningIds").
      await rewriteHeldRows(context, TABLES.earnings, table.rowNumbers, plan, formats);
      const written = await appendRows(context, TABLES.earnings, plan.cells, { rowFormats: (i) => formats(plan.cells[i]!), onProgress });
      if (log !== null) {
        log.write();
        await context.sync();
      }
      return { plan, payments: payments?.plan ?? null, written: written + paymentsWritten, logged };
    } finally {
      earningsWritten();
    }
  });
}

/**
 * The import log's rows of an import's plans (`logged`), dated today, its table made when first
 * needed as the Payments table is (a sheet in its way is refused before: `sheetsInTheWay`), and
 * their writing queued by the log's header: null when there is nothing to log. A column the user
 * deleted that the rows fill is added back, or refuses the import before it writes anything else,
 * naming the column, by core's rule (`missingLogColumns`).
 */
async function queueImportLog(context: Excel.RequestContext, logged: readonly ImportLogCount[], names: WorkbookNames, dateSystem: DateSystem): Promise<{ write(): void } | null> {
  if (logged.length === 0) return null;
  const importedOn = todayIso();
  const records = logged.map((count) => importLogEntryToRow({ ...count, importedOn }));
  await makeTable(context, TABLES.importLog, names);
  const queue = () => queueAppend(context, [{ table: TABLES.importLog, columns: IMPORT_LOG_COLUMNS, records, required: REQUIRED_IMPORT_LOG_COLUMNS }], { read: () => dateSystem });
  let append = queue();
  await context.sync();
  let issues = append.issues();
  // Which missing columns come back and which refuse the import is core's (`missingLogColumns`).
  const missing = missingLogColumns(issues.filter((i) => i.code === 'missing_column').map((i) => String(i.input)));
  if (missing.refuse.length > 0) throw new TableColumnsError(TABLES.importLog, issues.filter((i) => i.code !== 'missing_column' || missing.refuse.includes(String(i.input))));
  if (missing.add.length > 0) {
    await addColumns(context, TABLES.importLog, missing.add);
    append = queue();
    await context.sync();
    issues = append.issues();
  }
  if (issues.length > 0) throw new TableColumnsError(TABLES.importLog, issues);
  return append;
}

/** The Earnings plan with the Payments reports' summaries, rejections and warnings, each file's in the order the files came. */
function mergedPlan(files: readonly ParsedExport[], earnings: ImportPlan, payments: PaymentsPlan): ImportPlan {
  const order = new Map(files.map((f, i) => [f.file, i] as const));
  const at = (file: string) => order.get(file) ?? 0;
  const byFile = <T extends { readonly file: string }>(list: readonly T[]) => [...list].sort((a, b) => at(a.file) - at(b.file));
  return {
    ...earnings,
    files: byFile([...earnings.files, ...payments.files]),
    rejected: byFile([...earnings.rejected, ...payments.rejected]),
    warnings: byFile([...earnings.warnings, ...payments.warnings]),
  };
}

function historyRecords(entries: readonly ClaimHistoryEntry[]): Record<string, string>[] {
  return entries.map(historyEntryToRow);
}

/** The register's required columns, as the ledger reads it: a claim is never written where it could not be read back. */
const CLAIMS_REQUIRED: readonly string[] = REQUIRED_CLAIMS_COLUMNS;

/**
 * Adds a claim and its history entry together: one sync to learn both tables' headers and shapes
 * and the register's claimIds as they stand now (someone may have typed a row since the pane read
 * it), one to write. Whether the claim may be added is core's decision (`newClaimIssues`, and
 * `missing_column` for a column the table lacks); each value goes under the column whose header
 * names it (docs/RULES.md, "Writing by the header"), its dates in the workbook's date system, asked
 * in the first sync.
 */
export function appendClaim(claim: Claim, entry: ClaimHistoryEntry): Promise<void> {
  return Excel.run(async (context) => {
    const findRegister = queueFindRows(context, TABLES.claims, { claimId: claim.claimId });
    const append = queueAppend(
      context,
      [
        { table: TABLES.claims, columns: CLAIMS_COLUMNS, records: [claimToRow(claim)], required: CLAIMS_REQUIRED },
        { table: TABLES.claimHistory, columns: CLAIM_HISTORY_COLUMNS, records: historyRecords([entry]) },
      ],
      queueDateSystem(context),
    );
    await context.sync();
    const refused = append.issues();
    if (refused.length > 0) throw new ClaimRefusedError(claim.claimId, refused);
    const register = await findRegister();
    const issues = newClaimIssues(claim.claimId, register.column('claimId').map(textFromCell));
    if (issues.length > 0) throw new ClaimRefusedError(claim.claimId, issues);
    append.write();
  });
}

/** Core refused to add a claim to the register (its issues say why, e.g. `duplicate_claim`); nothing was written. */
export class ClaimRefusedError extends Error {
  constructor(
    readonly claimId: string,
    readonly issues: readonly Issue[],
  ) {
    super(`claim ${claimId} not added: ${issues.map((i) => i.code).join(', ')}`);
    this.name = 'ClaimRefusedError';
  }
}

/**
 * Rewrites a claim's row, found by its claimId at the moment of writing (never by a position
 * read earlier: the table may have been sorted since), and appends the history entries of the
 * change, in two syncs, its dates in the workbook's date system, asked in the first.
 */
export function updateClaim(claim: Claim, entries: readonly ClaimHistoryEntry[]): Promise<void> {
  return Excel.run(async (context) => {
    const key = { claimId: claim.claimId };
    const findRows = queueFindRows(context, TABLES.claims, key);
    const dates: QueuedDateSystem = queueDateSystem(context);
    const append = queueAppend(context, [{ table: TABLES.claimHistory, columns: CLAIM_HISTORY_COLUMNS, records: historyRecords(entries) }], dates);
    await context.sync();
    const rows = await findRows();
    // Each value under the column whose header names it (docs/RULES.md, "Writing by the header").
    const claimRecord = claimToRow(claim);
    const cells = recordToCells(claimRecord, CLAIMS_COLUMNS, dates.read());
    const placement = placementOf(TABLES.claims, rows.headerRow(), CLAIMS_COLUMNS);
    const refused = [...placementIssues(placement, [cells], CLAIMS_REQUIRED), ...append.issues()];
    if (refused.length > 0) throw new ClaimRefusedError(claim.claimId, refused);
    queueWriteFoundRow(context, key, rows, placement, cells, rowFormatsOf(CLAIMS_COLUMNS, (column) => claimRecord[column]));
    append.write();
  });
}

/** Selects a pool's row in the Balances table, when Recalculate has written it. */
export function selectBalanceRow(key: PoolKey): Promise<boolean> {
  return Excel.run((context) =>
    selectRow(context, TABLES.balances, { participantId: key.participantId, programName: key.programName, earningPeriod: key.earningPeriod, currency: key.currency }),
  );
}

/** Selects a claim's row in the Claims table. */
export function selectClaimRow(claimId: string): Promise<boolean> {
  return Excel.run((context) => selectRow(context, TABLES.claims, { claimId }));
}

/**
 * Selects a row of a table by its sheet row, as the ledger's findings name Earnings rows (core's
 * `sheetRowBelowHeader`). The row is the one the last load read: the pane reloads after every
 * change to the table (a sort included), so it names the row the user sees.
 */
export function selectTableRowAt(tableName: string, row: number): Promise<void> {
  return Excel.run(async (context) => {
    const table = context.workbook.tables.getItem(tableName);
    const body = table.getDataBodyRange().load('rowIndex');
    await context.sync();
    table.worksheet.activate();
    // The body's first row (0-based) is the header's row as Excel numbers it (1-based).
    body.getRow(offsetBelowHeader(body.rowIndex, row)).select();
    await context.sync();
  });
}

export function saveSettings(values: Parameters<typeof saveStoredSettings>[1]): Promise<void> {
  return Excel.run((context) => saveStoredSettings(context, values));
}

/** Replaces the Programs table with edited rows (text records in PROGRAMS_COLUMNS), dates in the workbook's date system (`replaceRows`). */
export function savePrograms(records: readonly Record<string, string>[]): Promise<number> {
  const rows = (dates: DateSystem) => records.map((r) => recordToCells(r, PROGRAMS_COLUMNS, dates));
  // Under the columns as the user heads them (docs/RULES.md, "Writing by the header").
  return Excel.run((context) => replaceRows(context, TABLES.programs, rows, { layout: { columns: PROGRAMS_COLUMNS } }));
}
