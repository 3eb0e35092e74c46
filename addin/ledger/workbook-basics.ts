/**
 * What every operation that reads the ledger learns first, in one sync with its other first loads:
 * where the tables are, the add-in's stored settings, and the workbook's date system (the task
 * pane's load, the import, and the COOP.* functions' own read of the ledger).
 */
import type { DateSystem } from '../../core/calendar/calendar-date.js';
import type { WorkbookNames } from '../../core/tables/table-location.js';
import { queueDateSystem } from '../excel/date-system.js';
import { queueWorkbookNames } from '../excel/table-io.js';
import { queueStoredSettings, type StoredSettings } from './ledger-settings-store.js';

export interface WorkbookBasics {
  readonly names: WorkbookNames;
  readonly stored: StoredSettings;
  /** The date system the workbook's date cells are in (docs/RULES.md, "Workbook cells"). */
  readonly dateSystem: DateSystem;
}

/**
 * Queues the three; `read()` gives them after the caller's next sync, and throws DateSystemError
 * when Excel's answer tells no date system, before the caller reads or writes any table.
 */
export function queueWorkbookBasics(context: Excel.RequestContext): { read(): WorkbookBasics } {
  const names = queueWorkbookNames(context);
  const stored = queueStoredSettings(context);
  const dates = queueDateSystem(context);
  return {
    read: () => ({ names: names.read(), stored: stored.read(), dateSystem: dates.read() }),
  };
}
