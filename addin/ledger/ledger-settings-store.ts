/**
 * The add-in's settings live in the workbook (Excel's workbook settings), so everyone who opens
 * the file sees the same as-of date and fiscal-year start.
 */
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { readSettings, type LedgerSettings } from '../../core/settings.js';
import type { Issue } from '../../core/issues.js';

export const SETTING_KEYS = {
  asOf: 'coopLedger.asOf',
  fiscalYearStartMonth: 'coopLedger.fiscalYearStartMonth',
  expiryDays: 'coopLedger.expiryDays',
  user: 'coopLedger.user',
} as const;

export interface StoredSettings {
  /** A fixed as-of date, or null for today. */
  readonly asOf: IsoDate | null;
  readonly settings: LedgerSettings;
  readonly user: string;
  /**
   * What core refused in the stored values (`invalid_setting` at `fiscalYearStartMonth` or
   * `expiryDays`, `invalid_date` at `asOf`): the default is used in its place, and the pane shows
   * the issue.
   */
  readonly issues: readonly Issue[];
}

/** The settings as stored in the workbook, read by core's rules (`readSettings`), as the batch job reads its options. */
export function storedSettingsFrom(values: Readonly<Record<string, unknown>>): StoredSettings {
  const { settings, asOf, issues } = readSettings({
    asOf: values[SETTING_KEYS.asOf],
    fiscalYearStartMonth: values[SETTING_KEYS.fiscalYearStartMonth],
    expiryDays: values[SETTING_KEYS.expiryDays],
  });
  const user = typeof values[SETTING_KEYS.user] === 'string' ? (values[SETTING_KEYS.user] as string) : '';
  return { asOf, settings, user, issues };
}

/** Queues reading the add-in's settings; `read()` gives them after the caller's next sync. */
export function queueStoredSettings(context: Excel.RequestContext): { read(): StoredSettings } {
  const items = Object.values(SETTING_KEYS).map((key) => {
    const item = context.workbook.settings.getItemOrNullObject(key);
    item.load('value');
    return { key, item };
  });
  return {
    read() {
      const values: Record<string, unknown> = {};
      for (const { key, item } of items) if (!item.isNullObject) values[key] = item.value;
      return storedSettingsFrom(values);
    },
  };
}

/** Reads the add-in's settings (one sync). */
export async function loadStoredSettings(context: Excel.RequestContext): Promise<StoredSettings> {
  const settings = queueStoredSettings(context);
  await context.sync();
  return settings.read();
}

export async function saveStoredSettings(
  context: Excel.RequestContext,
  values: { asOf: IsoDate | null; fiscalYearStartMonth: number; expiryDays: readonly number[]; user: string },
): Promise<void> {
  const settings = context.workbook.settings;
  settings.add(SETTING_KEYS.asOf, values.asOf ?? '');
  settings.add(SETTING_KEYS.fiscalYearStartMonth, String(values.fiscalYearStartMonth));
  settings.add(SETTING_KEYS.expiryDays, values.expiryDays.join(', '));
  settings.add(SETTING_KEYS.user, values.user);
  await context.sync();
}
