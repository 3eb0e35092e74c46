/**
 * The add-in's settings live in the workbook (Excel's workbook settings), so everyone who opens
 * the file sees the same as-of date and fiscal-year start.
 */
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { readSettings, storeSettings, withSettings, type LedgerSettings, type StoredSettingValues } from '../../core/settings.js';
import type { Issue } from '../../core/issues.js';
import type { NumberLocale } from '../../core/money/parse-amount.js';

/** The workbook setting that holds each of core's stored settings, and the pane's user name. */
export const SETTING_KEYS = {
  asOf: 'coopLedger.asOf',
  fiscalYearStartMonth: 'coopLedger.fiscalYearStartMonth',
  expiryDays: 'coopLedger.expiryDays',
  numberLocale: 'coopLedger.numberLocale',
  user: 'coopLedger.user',
} as const satisfies Record<keyof StoredSettingValues | 'user', string>;

export interface StoredSettings {
  /** A fixed as-of date, or null for today. */
  readonly asOf: IsoDate | null;
  readonly settings: LedgerSettings;
  /** How numbers are written in imported text files (`1.234,56`), or null for the invariant form only. */
  readonly numberLocale: NumberLocale | null;
  /** The stored tag as saved ('' for none), so the Settings view shows a refused one as it is. */
  readonly numberLocaleTag: string;
  readonly user: string;
  /**
   * What core refused in the stored values (`invalid_setting` at `fiscalYearStartMonth`,
   * `expiryDays` or `numberLocale`, `invalid_date` at `asOf`): never replaced by the default
   * (core's `settingsRefusing`: nothing is calculated on a refused as-of date, month or horizons,
   * nothing imported on a refused number locale), and the pane shows the issue.
   */
  readonly issues: readonly Issue[];
}

/** The settings as stored in the workbook, read by core's rules (`readSettings`), as the batch job reads its options. */
export function storedSettingsFrom(values: Readonly<Record<string, unknown>>): StoredSettings {
  const { settings, asOf, numberLocale, issues } = readSettings({
    asOf: values[SETTING_KEYS.asOf],
    fiscalYearStartMonth: values[SETTING_KEYS.fiscalYearStartMonth],
    expiryDays: values[SETTING_KEYS.expiryDays],
    numberLocale: values[SETTING_KEYS.numberLocale],
  });
  const user = typeof values[SETTING_KEYS.user] === 'string' ? (values[SETTING_KEYS.user] as string) : '';
  const storedTag = values[SETTING_KEYS.numberLocale];
  const numberLocaleTag = storedTag === undefined || storedTag === null ? '' : String(storedTag).trim();
  return { asOf, settings, numberLocale, numberLocaleTag, user, issues };
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

/**
 * Saves the settings in the workbook, each in the form core stores it (`storeSettings`, the inverse
 * of the `readSettings` that reads them back). Values core's rules refuse are a bug of the caller
 * (the pane saves what `readSettings` read from its fields) and throw before anything is written.
 */
export async function saveStoredSettings(
  context: Excel.RequestContext,
  values: { asOf: IsoDate | null; fiscalYearStartMonth: number; expiryDays: readonly number[]; numberLocale?: NumberLocale | null; user: string },
): Promise<void> {
  const stored = storeSettings({
    settings: withSettings({ fiscalYearStartMonth: values.fiscalYearStartMonth, expiryDays: values.expiryDays }),
    asOf: values.asOf,
    numberLocale: values.numberLocale ?? null,
  });
  const settings = context.workbook.settings;
  settings.add(SETTING_KEYS.asOf, stored.asOf);
  settings.add(SETTING_KEYS.fiscalYearStartMonth, stored.fiscalYearStartMonth);
  settings.add(SETTING_KEYS.expiryDays, stored.expiryDays);
  // Left as it is when the caller does not say (a save that is not about imported files).
  if (values.numberLocale !== undefined) settings.add(SETTING_KEYS.numberLocale, stored.numberLocale);
  settings.add(SETTING_KEYS.user, values.user);
  await context.sync();
}
