/**
 * The task pane's workbook operations: each is one Excel.run, built from the glue in
 * addin/excel. Nothing here touches the DOM.
 */
import { CLAIM_HISTORY_COLUMNS, CLAIMS_COLUMNS, EARNINGS_COLUMNS, PROGRAMS_COLUMNS, BALANCES_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { claimToRow } from '../../core/claims/claim-row.js';
import { historyEntryToRow, type ClaimHistoryEntry } from '../../core/claims/claim-history.js';
import type { Claim } from '../../core/claims/claim.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { appendRows, addColumns, readTables, replaceRows, writeRow, type TableData } from '../excel/table-io.js';
import { ensureCoopTables, missingTables, type SetupResult } from '../excel/workbook-setup.js';
import { formatsOf, NUMBER_FORMATS } from '../excel/column-formats.js';
import { recordToCells } from '../excel/record-cells.js';
import type { CellValue } from '../excel/cell-values.js';
import { loadStoredSettings, saveStoredSettings, type StoredSettings } from '../ledger/ledger-settings-store.js';
import { balanceToCells, computeLedger, type Ledger } from '../ledger/workbook-ledger.js';
import { defaultProgramRows } from '../ledger/program-rows.js';
import { todayIso } from '../ledger/today.js';
import { existingEarnings, planImport, type ImportPlan } from '../import/plan-import.js';
import type { ParsedExport } from '../import/parse-export.js';
import { invalidateLedger, useSettings } from '../functions/ledger-cache.js';

export interface WorkbookState {
  readonly missing: string[];
  readonly stored: StoredSettings;
  readonly asOf: IsoDate;
  readonly ledger: Ledger;
  readonly programs: TableData | null;
}

/** Reads everything the pane shows and computes the ledger (one Excel.run). */
export async function loadWorkbook(): Promise<WorkbookState> {
  const state = await Excel.run(async (context) => {
    const missing = await missingTables(context);
    const stored = await loadStoredSettings(context);
    const tables = await readTables(context, [TABLES.earnings, TABLES.programs, TABLES.claims]);
    const asOf = stored.asOf ?? todayIso();
    const programs = tables.get(TABLES.programs) ?? null;
    const ledger = computeLedger(
      { earnings: tables.get(TABLES.earnings) ?? null, programs, claims: tables.get(TABLES.claims) ?? null },
      { asOf, settings: stored.settings },
    );
    return { missing, stored, asOf, ledger, programs };
  });
  useSettings(state.stored.settings);
  invalidateLedger(state.ledger);
  return state;
}

export function setUpWorkbook(): Promise<SetupResult> {
  return Excel.run((context) => ensureCoopTables(context, defaultProgramRows()));
}

/** Writes the Balances table from the ledger (values first, formats after, one sync per block). */
export function writeBalances(ledger: Ledger): Promise<number> {
  const rows = ledger.balances.map(balanceToCells);
  return Excel.run((context) => replaceRows(context, TABLES.balances, rows, { formats: formatsOf(BALANCES_COLUMNS) }));
}

export interface ImportOutcome {
  readonly plan: ImportPlan;
  readonly written: number;
}

/** Appends parsed exports to Earnings and rewrites the rows a newer download updates (`planImport`). */
export function importExports(files: readonly ParsedExport[], onProgress: (written: number, total: number) => void): Promise<ImportOutcome> {
  return Excel.run(async (context) => {
    const table = (await readTables(context, [TABLES.earnings])).get(TABLES.earnings);
    if (!table) throw new Error('Earnings table missing');
    const plan = planImport(table.headers, existingEarnings(table.headers, table.rows), files);
    await addColumns(context, TABLES.earnings, plan.newColumns);
    const kinds = new Map(EARNINGS_COLUMNS.map((c) => [c.name.toLowerCase(), c.kind]));
    const formats = [...table.headers, ...plan.newColumns].map((h) => {
      const kind = kinds.get(h.toLowerCase());
      return kind ? NUMBER_FORMATS[kind] : NUMBER_FORMATS.text;
    });
    // A newer download's version of an earning the table holds rewrites its row (docs/RULES.md, "Repeated earningIds").
    for (const u of plan.updates) await writeRow(context, TABLES.earnings, u.index, u.cells);
    const written = await appendRows(context, TABLES.earnings, plan.cells, { formats, onProgress });
    return { plan, written };
  });
}

function claimCells(claim: Claim): CellValue[] {
  return recordToCells(claimToRow(claim), CLAIMS_COLUMNS);
}

function historyCells(entries: readonly ClaimHistoryEntry[]): CellValue[][] {
  return entries.map((e) => recordToCells(historyEntryToRow(e), CLAIM_HISTORY_COLUMNS));
}

/** Adds a claim and its history entry. */
export function appendClaim(claim: Claim, entry: ClaimHistoryEntry): Promise<void> {
  return Excel.run(async (context) => {
    await appendRows(context, TABLES.claims, [claimCells(claim)], { formats: formatsOf(CLAIMS_COLUMNS) });
    await appendRows(context, TABLES.claimHistory, historyCells([entry]), { formats: formatsOf(CLAIM_HISTORY_COLUMNS) });
  });
}

/** Rewrites a claim's row and appends the history entries of the change. */
export function updateClaim(rowIndex: number, claim: Claim, entries: readonly ClaimHistoryEntry[]): Promise<void> {
  return Excel.run(async (context) => {
    await writeRow(context, TABLES.claims, rowIndex, claimCells(claim));
    await appendRows(context, TABLES.claimHistory, historyCells(entries), { formats: formatsOf(CLAIM_HISTORY_COLUMNS) });
  });
}

export function saveSettings(values: { asOf: IsoDate | null; fiscalYearStartMonth: number; user: string }): Promise<void> {
  return Excel.run((context) => saveStoredSettings(context, values));
}

/** Replaces the Programs table with edited rows (text records in PROGRAMS_COLUMNS). */
export function savePrograms(records: readonly Record<string, string>[]): Promise<number> {
  const rows = records.map((r) => recordToCells(r, PROGRAMS_COLUMNS));
  return Excel.run((context) => replaceRows(context, TABLES.programs, rows, { formats: formatsOf(PROGRAMS_COLUMNS) }));
}
