/**
 * The words for a computation core refuses, the same in the task pane (error-text.ts) and in a
 * COOP.* cell (docs/RULES.md, "A refused table", "Stored settings"): a stored setting each by its
 * issue, named as the Settings view labels it; a refused table by the message that names it.
 */
import type { Locale } from './locale.js';
import type { MessageKey } from './messages.js';
import type { Issue } from '../../core/issues.js';
import type { RefusedTable } from '../../core/tables/refused-table.js';
import { TABLES } from '../../core/workbook-layout.js';

/** Each stored setting core may refuse, by the label the Settings view gives it. */
const SETTING_LABEL: Readonly<Record<string, MessageKey>> = {
  asOf: 'settings.asOf',
  fiscalYearStartMonth: 'settings.fiscalStart',
  expiryDays: 'settings.expiryDays',
  numberLocale: 'settings.numberLocale',
};

/** Each table core may refuse, with the words that say so. */
const REFUSED_TABLE_MESSAGE: Readonly<Record<RefusedTable, MessageKey>> = {
  [TABLES.programs]: 'error.programsRefused',
  [TABLES.earnings]: 'error.earningsRefused',
  [TABLES.claims]: 'error.claimsRefused',
  [TABLES.payments]: 'error.paymentsRefused',
};

/** The stored settings core refuses, each by its issue and its Settings label. */
export function refusedSettingsText(locale: Locale, issues: readonly Issue[]): string {
  return issues.map((i) => locale.issue(i, locale.t(SETTING_LABEL[String(i.path[0])] ?? 'settings.numberLocale'))).join(' ');
}

/** A table core refuses, with `problems` of its rows or header. */
export function refusedTableText(locale: Locale, table: RefusedTable, problems: number): string {
  return locale.t(REFUSED_TABLE_MESSAGE[table], { count: problems });
}
