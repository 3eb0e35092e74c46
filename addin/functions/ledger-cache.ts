/**
 * The ledger the custom functions read, computed from the workbook at most once per few seconds:
 * a sheet full of COOP.AVAILABLE calls recalculates together and must not read the tables once
 * per cell. The task pane refreshes it after every change it makes.
 */
import { DEFAULT_SETTINGS, type LedgerSettings } from '../../core/settings.js';
import { TABLES } from '../../core/workbook-layout.js';
import { readTables } from '../excel/table-io.js';
import { loadStoredSettings } from '../ledger/ledger-settings-store.js';
import { todayIso } from '../ledger/today.js';
import { computeLedger, type Ledger } from '../ledger/workbook-ledger.js';

const FRESH_MS = 5_000;
let cached: { at: number; ledger: Promise<Ledger> } | null = null;
let settings: LedgerSettings = DEFAULT_SETTINGS;

export function currentSettings(): LedgerSettings {
  return settings;
}

export function useSettings(next: LedgerSettings): void {
  settings = next;
  cached = null;
}

/** Drops the cached ledger, or replaces it with one the task pane just computed. */
export function invalidateLedger(next?: Ledger): void {
  cached = next ? { at: Date.now(), ledger: Promise.resolve(next) } : null;
}

export function currentLedger(): Promise<Ledger> {
  if (cached && Date.now() - cached.at < FRESH_MS) return cached.ledger;
  const ledger = Excel.run(async (context) => {
    const stored = await loadStoredSettings(context);
    settings = stored.settings;
    const tables = await readTables(context, [TABLES.earnings, TABLES.programs, TABLES.claims]);
    return computeLedger(
      { earnings: tables.get(TABLES.earnings) ?? null, programs: tables.get(TABLES.programs) ?? null, claims: tables.get(TABLES.claims) ?? null },
      { asOf: stored.asOf ?? todayIso(), settings: stored.settings },
    );
  });
  cached = { at: Date.now(), ledger };
  ledger.catch(() => {
    cached = null;
  });
  return ledger;
}
