/**
 * Reads the co-op tables and computes the ledger, inside the caller's Excel.run: what the task
 * pane and the custom functions both do. The Earnings table's pass through the engine is kept
 * between recalculations (earnings-memo.ts): while the table is unchanged its rows are not read
 * again, and a recalculation settles the kept pass against the Programs and Claims tables, which
 * are small and always read.
 */
import type { DateSystem, IsoDate } from '../../core/calendar/calendar-date.js';
import type { LedgerSettings } from '../../core/settings.js';
import { TABLES } from '../../core/workbook-layout.js';
import { locateTable, sheetHoldsOptionalTable, type WorkbookNames } from '../../core/tables/table-location.js';
import { sheetHeaderColumns } from '../../core/workbook-tables.js';
import { onTablesChanged, watching } from '../excel/table-changes.js';
import { queueTableShapes, readTableRows, type TableData } from '../excel/table-io.js';
import { EarningsMemo } from './earnings-memo.js';
import { ClaimParses } from './claim-parses.js';
import { catalogOf, readEarningsPass, refusedLedger, refusedSettingsLedger, settleLedger, type Ledger } from './workbook-ledger.js';
import type { Issue } from '../../core/issues.js';

const memo = new EarningsMemo();
const claimParses = new ClaimParses();
onTablesChanged((table) => {
  if (table === TABLES.earnings) memo.forget();
});

/** The add-in itself wrote the Earnings table: what was kept of it is not used again. */
export function earningsWritten(): void {
  memo.forget();
}

export interface LoadedLedger {
  readonly ledger: Ledger;
  readonly programs: TableData | null;
  /** participantId → participantName from the Earnings table (the export's own names). */
  readonly participantNames: ReadonlyMap<string, string>;
  /** Changes when anything read changes: a refresh that finds the same tables redraws nothing. */
  readonly fingerprint: string;
  /** False when the Earnings table was unchanged and its kept pass was settled again. */
  readonly earningsRead: boolean;
}

export interface LoadOptions {
  /** The workbook's table and sheet names (read by the caller in its first sync). */
  readonly names: WorkbookNames;
  readonly settings: LedgerSettings;
  readonly asOf: IsoDate;
  /** The workbook's date system (asked by the caller in its first sync: `queueDateSystem`), which every table read carries. */
  readonly dateSystem: DateSystem;
  /** Read the Earnings table again even when nothing says it changed (the user's Recalculate). */
  readonly reread?: boolean;
  /**
   * The stored settings core refuses that refuse the calculation (`settingsRefusing`): the tables
   * are read as always (the pane lists them), but nothing is computed with a default in their place.
   */
  readonly refusedSettings?: readonly Issue[];
}

/** The tables read, and the ledger computed from them as of `asOf`, or refused for a stored setting core refuses. */
export async function loadLedger(context: Excel.RequestContext, options: LoadOptions): Promise<LoadedLedger> {
  const loaded = await loadTablesLedger(context, options);
  const refused = options.refusedSettings ?? [];
  return refused.length === 0 ? loaded : { ...loaded, ledger: refusedSettingsLedger(loaded.ledger, refused) };
}

async function loadTablesLedger(context: Excel.RequestContext, options: LoadOptions): Promise<LoadedLedger> {
  const { names, settings, asOf, dateSystem } = options;
  const wanted = [TABLES.earnings, TABLES.programs, TABLES.claims, TABLES.payments, TABLES.importLog];
  // Where each table is, core's rule (docs/RULES.md, "Where a table is"); a sheet standing for one
  // is read in this same sync, its header searched for core's columns of that table (sheetHeaderColumns).
  const shapes = queueTableShapes(context, wanted, names);
  await context.sync();
  const earningsShape = shapes.find((s) => s.name === TABLES.earnings);
  // Kept only while Excel reports the table's changes: without its events nothing says it is
  // still the same. The table's size and place are in the key, so a size other than the kept
  // pass's is read again even if a change event was missed, and so is a table moved down by rows
  // inserted above it (its rows are named by their sheet rows). The date system too: the same
  // cells are other dates once the workbook's system is switched.
  const watched = watching(TABLES.earnings);
  if (options.reread || !watched) memo.forget();
  const key = JSON.stringify([earningsShape && 'body' in earningsShape ? [earningsShape.body.rowIndex, earningsShape.body.rowCount, earningsShape.body.columnCount] : null, settings, dateSystem]);
  const generation = memo.begin();
  let kept = memo.find(key);
  const read = await readTableRows(context, wanted, kept ? shapes.filter((s) => s !== earningsShape) : shapes, dateSystem);
  const programsTable = read.get(TABLES.programs) ?? null;
  const claimsTable = read.get(TABLES.claims) ?? null;
  // The Payments table is optional: a sheet of that name that is not a Payments report's is the team's own (core's rule).
  // So is the import log.
  const optionalTable = (name: string): TableData | null => {
    const table = read.get(name) ?? null;
    return table !== null && locateTable(name, options.names).kind === 'sheet' && !sheetHoldsOptionalTable(table.headers, sheetHeaderColumns(name)) ? null : table;
  };
  const paymentsTable = optionalTable(TABLES.payments);
  const importLogTable = optionalTable(TABLES.importLog);
  const programs = catalogOf(programsTable);
  if (programs.refused) {
    // Nothing is computed with a Programs table core refuses; the kept pass stays for when it is fixed.
    return { ledger: refusedLedger(TABLES.programs, programs.catalog, programs.problems, { asOf, settings }), programs: programsTable, participantNames: new Map(), fingerprint: fingerprintOf([programsTable]), earningsRead: false };
  }
  const programsPrint = fingerprintOf([programsTable]);
  // The pass depends on the programs too (canonical names, splits): edited programs read it again.
  let table = read.get(TABLES.earnings) ?? null;
  if (kept && kept.programs !== programsPrint) {
    kept = null;
    if (earningsShape) table = (await readTableRows(context, [TABLES.earnings], [earningsShape], dateSystem)).get(TABLES.earnings) ?? null;
  }
  const earningsRead = kept === null;
  if (kept === null) {
    kept = { pass: readEarningsPass(table, programs.catalog, settings), fingerprint: fingerprintOf([table]), programs: programsPrint };
    if (watched) memo.keep(generation, key, kept);
  }
  const ledger = settleLedger(kept.pass, programs, { claims: claimsTable, payments: paymentsTable, importLog: importLogTable }, { asOf, settings }, claimParses);
  return {
    ledger,
    programs: programsTable,
    participantNames: kept.pass.participantNames,
    fingerprint: fingerprintOf([kept.fingerprint, programsTable, claimsTable, paymentsTable, importLogTable]),
    earningsRead,
  };
}

/**
 * FNV-1a over every cell read (not a security hash: it only tells "same as last time"). A number
 * is hashed by its 64 bits, not its decimal text: making the text of the Earnings table's 300,000
 * numbers took most of the time of fingerprinting it. A number and a text cell are told apart.
 */
export function fingerprintOf(parts: readonly (string | TableData | null)[]): string {
  let hash = FNV_OFFSET;
  for (const part of parts) {
    if (part === null) hash = mixText(hash, '\u0000');
    else if (typeof part === 'string') hash = mixText(hash, part);
    else {
      hash = mixText(hash, part.name);
      // The same cells are other dates in the other date system.
      hash = mixText(hash, part.dateSystem);
      for (const header of part.headers) hash = mixText(hash, header);
      for (const row of part.rows) for (const cell of row) hash = mixCell(hash, cell);
    }
  }
  return (hash >>> 0).toString(16);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Ends a text cell, so that cells are told apart from one another ('ab', '' from 'a', 'b'). */
const END_OF_TEXT = 0x1f;
/** Ends a number cell: 1 is not the text '1'. */
const END_OF_NUMBER = 0x1e;
const numberBits = new Float64Array(1);
const numberWords = new Uint32Array(numberBits.buffer);

function mixText(hash: number, text: string): number {
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return Math.imul(hash ^ END_OF_TEXT, FNV_PRIME);
}

function mixCell(hash: number, cell: unknown): number {
  if (typeof cell === 'string') return mixText(hash, cell);
  if (typeof cell !== 'number') return mixText(hash, String(cell));
  numberBits[0] = cell;
  hash = Math.imul(hash ^ numberWords[0]!, FNV_PRIME);
  hash = Math.imul(hash ^ numberWords[1]!, FNV_PRIME);
  return Math.imul(hash ^ END_OF_NUMBER, FNV_PRIME);
}
