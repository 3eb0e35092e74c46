/**
 * The ledger and the settings the custom functions read, read from the workbook once and shared:
 * a sheet full of COOP.AVAILABLE or COOP.CLAIMEND calls must not read the workbook once per cell.
 * The ledger is dropped when one of the co-op tables changes (Excel's table change events, the same
 * the task pane refreshes on) and replaced when the pane computes a fresh one; the settings are
 * replaced when the pane or a recalculation reads them and they differ, and so is the workbook's
 * date system, read with them (date-system.ts). Either way, listeners (the streaming functions) are
 * told to compute their values again.
 */
import { settingsRefusing, type LedgerSettings } from '../../core/settings.js';
import type { DateSystem } from '../../core/calendar/calendar-date.js';
import { TABLES } from '../../core/workbook-layout.js';
import { queueWorkbookBasics } from '../ledger/workbook-basics.js';
import { queueDateSystem } from '../excel/date-system.js';
import { queueStoredSettings } from '../ledger/ledger-settings-store.js';
import { asOfDate } from '../../core/calendar/local-date.js';
import type { Ledger } from '../ledger/workbook-ledger.js';
import { loadLedger } from '../ledger/load-ledger.js';
import { onTablesChanged } from '../excel/table-changes.js';
import type { Issue } from '../../core/issues.js';
import { FunctionInputError } from './coop-functions.js';

/** The settings as read, with those core refuses that refuse the calculation (`settingsRefusing`), and the workbook's date system. */
interface SettingsRead {
  readonly settings: LedgerSettings;
  readonly refused: readonly Issue[];
  readonly dateSystem: DateSystem;
}

/** What the calendar functions compute with: the workbook's settings, and the date system their date serials are in. */
export interface FunctionSettings {
  readonly settings: LedgerSettings;
  readonly dateSystem: DateSystem;
}

let cached: Promise<Ledger> | null = null;
let settingsRead: Promise<SettingsRead> | null = null;
/** The settings the functions last computed with, to tell whether a reading changes anything. */
let known: string | null = null;
const listeners = new Set<() => void>();
const settingsListeners = new Set<() => void>();

/** Calls `listener` whenever the ledger may have changed; returns how to stop. */
export function onLedgerChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(): void {
  for (const listener of [...listeners]) listener();
}

// The Payments table too: a refused one leaves nothing computed (docs/RULES.md, "A refused table").
const WATCHED: ReadonlySet<string> = new Set([TABLES.earnings, TABLES.programs, TABLES.claims, TABLES.payments]);
onTablesChanged((table) => {
  if (!WATCHED.has(table)) return;
  cached = null;
  changed();
});

/** Calls `listener` whenever the workbook's settings change (the fiscal-year start, the claim window); returns how to stop. */
export function onSettingsChanged(listener: () => void): () => void {
  settingsListeners.add(listener);
  return () => settingsListeners.delete(listener);
}

/** Takes the settings as just read from the workbook; the functions that read them are told when they differ. */
function settingsAre(next: SettingsRead): void {
  settingsRead = Promise.resolve(next);
  const text = JSON.stringify([next.settings, next.refused.map((i) => [i.path, i.input]), next.dateSystem]);
  if (known === text) return;
  const first = known === null;
  known = text;
  if (!first) for (const listener of [...settingsListeners]) listener();
}

/**
 * The settings stored in the workbook, as core reads them (`readSettings`): read once, then kept
 * until the pane or a recalculation reads them again, with the workbook's date system. Never a
 * default held here: a function asked before the pane opened still answers with the workbook's
 * fiscal-year start, and in its date system.
 */
export function currentSettings(): Promise<FunctionSettings> {
  // A stored setting core refuses refuses the calculation here too: no default in its place.
  return settingsState().then(({ settings, refused, dateSystem }) => {
    if (refused.length > 0) throw new FunctionInputError({ reason: 'refused_settings', issues: refused });
    return { settings, dateSystem };
  });
}

function settingsState(): Promise<SettingsRead> {
  if (settingsRead) return settingsRead;
  const read = Excel.run(async (context) => {
    // One sync: the settings and the date system together.
    const stored = queueStoredSettings(context);
    const dates = queueDateSystem(context);
    await context.sync();
    const { settings, issues } = stored.read();
    return { settings, refused: settingsRefusing(issues, 'calculation'), dateSystem: dates.read() };
  });
  settingsRead = read;
  read.then(
    (next) => {
      if (settingsRead === read) settingsAre(next);
    },
    () => {
      if (settingsRead === read) settingsRead = null;
    },
  );
  return read;
}

/** The settings and date system the pane just read with the workbook. */
export function useSettings(next: LedgerSettings, issues: readonly Issue[], dateSystem: DateSystem): void {
  settingsAre({ settings: next, refused: settingsRefusing(issues, 'calculation'), dateSystem });
  cached = null;
}

/**
 * Replaces the cached ledger with one the task pane just computed; or, with none, forgets what was
 * read of the workbook (the ledger and its settings), to read it again when next asked.
 */
export function invalidateLedger(next?: Ledger): void {
  cached = next ? Promise.resolve(next) : null;
  if (!next) settingsRead = null;
  changed();
}

export function currentLedger(): Promise<Ledger> {
  if (cached) return cached;
  const ledger = Excel.run(async (context) => {
    // The settings, the table names and the date system in one sync, as the pane reads them.
    const basics = queueWorkbookBasics(context);
    await context.sync();
    const { names, stored, dateSystem } = basics.read();
    settingsAre({ settings: stored.settings, refused: settingsRefusing(stored.issues, 'calculation'), dateSystem });
    return (await loadLedger(context, { names, settings: stored.settings, asOf: asOfDate(stored.asOf, new Date()), dateSystem, refusedSettings: settingsRefusing(stored.issues, 'calculation') })).ledger;
  });
  cached = ledger;
  ledger.catch(() => {
    if (cached === ledger) cached = null;
  });
  return ledger;
}
