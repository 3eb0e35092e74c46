import type { Locale } from '../i18n/locale.js';
import { RowNotFoundError } from '../excel/table-rows.js';
import { TableColumnsError } from '../excel/table-placement.js';
import { DateSystemError } from '../excel/date-system.js';
import { ClaimRefusedError, RefusedSettingError, RefusedTableError, SheetFullError, SheetNotTableError } from './workbook-ops.js';
import { refusedSettingsText, refusedTableText } from '../i18n/refusal-text.js';

/**
 * What the user reads when an operation fails: what happened and what to do, in their language.
 * Excel's own error codes are recognised where there is something better to say than its text.
 */
export function errorText(locale: Locale, error: unknown): string {
  if (error instanceof RowNotFoundError) return locale.t('claims.gone', { id: error.key.claimId ?? Object.values(error.key).join(' ') });
  if (error instanceof ClaimRefusedError) return error.issues.map((i) => locale.issue(i)).join(' ');
  if (error instanceof RefusedSettingError) return refusedSettingsText(locale, error.issues);
  if (error instanceof TableColumnsError) return `${error.table}: ${error.issues.map((i) => locale.issue(i)).join(' ')}`;
  if (error instanceof SheetNotTableError) return locale.t('error.sheetNotTable', { table: error.table });
  // Excel's answer to the date-system probe means nothing to a user: say what was kept safe and what to do.
  if (error instanceof DateSystemError) return locale.t('error.dateSystem');
  if (error instanceof SheetFullError) return locale.t('error.sheetFull', { table: error.table, room: locale.integer(error.room), rows: locale.integer(error.rows) });
  if (error instanceof RefusedTableError) return refusedTableText(locale, error.table, error.problems.length);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ItemNotFound') {
    const table = /table (\w+)/i.exec(message)?.[1] ?? '';
    return locale.t('error.tableMissing', { table });
  }
  return locale.t('error.generic', { message });
}
