/**
 * The ledger the custom functions read, computed from the workbook once and shared: a sheet full
 * of COOP.AVAILABLE calls must not read the tables once per cell. It is dropped when one of the
 * co-op tables changes (Excel's table change events, the same the task pane refreshes on) and
 * replaced when the pane computes a fresh one; either way, listeners (the streaming functions)
 * are told to compute their values again.
 */
import { DEFAULT_SETTINGS, type LedgerSettings } from '../../core/settings.js';
import { TABLES } from '../../core/workbook-layout.js';
import { workbookNames } from '../excel/table-io.js';
import { loadStoredSettings } from '../ledger/ledger-settings-store.js';
import { todayIso } from '../ledger/today.js';
import type { Ledger } from '../ledger/workbook-ledger.js';
import { loadLedger } from '../ledger/load-ledger.js';
import { onTablesChanged } from '../excel/table-changes.js';

let cached: Promise<Ledger> | null = null;
let settings: LedgerSettings = DEFAULT_SETTINGS;
const listeners = new Set<() => void>();

/** Calls `listener` whenever the ledger may have changed; returns how to stop. */
export function onLedgerChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(): void {
  for (const listener of [...listeners]) listener();
}

const WATCHED: ReadonlySet<string> = new Set([TABLES.earnings, TABLES.programs, TABLES.claims]);
onTablesChanged((table) => {
  if (!WATCHED.has(table)) return;
  cached = null;
  changed();
});

export function currentSettings(): LedgerSettings {
  return settings;
}

export function useSettings(next: LedgerSettings): void {
  settings = next;
  cached = null;
}

/** Drops the cached ledger, or replaces it with one the task pane just computed. */
export function invalidateLedger(next?: Ledger): void {
  cached = next ? Promise.resolve(next) : null;
  changed();
}

export function currentLedger(): Promise<Ledger> {
  if (cached) return cached;
  const ledger = Excel.run(async (context) => {
    const stored = await loadStoredSettings(context);
    settings = stored.settings;
    const names = await workbookNames(context);
    return (await loadLedger(context, { names, settings: stored.settings, asOf: stored.asOf ?? todayIso() })).ledger;
  });
  cached = ledger;
  ledger.catch(() => {
    if (cached === ledger) cached = null;
  });
  return ledger;
}
