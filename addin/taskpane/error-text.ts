import type { Locale } from '../i18n/locale.js';
import { RowNotFoundError } from '../excel/table-rows.js';
import { TableColumnsError } from '../excel/table-placement.js';
import { ClaimRefusedError, RefusedSettingError, RefusedTableError } from './workbook-ops.js';

/**
 * What the user reads when an operation fails: what happened and what to do, in their language.
 * Excel's own error codes are recognised where there is something better to say than its text.
 */
export function errorText(locale: Locale, error: unknown): string {
  if (error instanceof RowNotFoundError) return locale.t('claims.gone', { id: error.key.claimId ?? Object.values(error.key).join(' ') });
  if (error instanceof ClaimRefusedError) return error.issues.map((i) => locale.issue(i)).join(' ');
  if (error instanceof RefusedSettingError) return error.issues.map((i) => locale.issue(i, locale.t('settings.numberLocale'))).join(' ');
  if (error instanceof TableColumnsError) return `${error.table}: ${error.issues.map((i) => locale.issue(i)).join(' ')}`;
  if (error instanceof RefusedTableError) {
    const key = error.table === 'Claims' ? 'error.claimsRefused' : error.table === 'Payments' ? 'error.paymentsRefused' : 'error.programsRefused';
    return locale.t(key, { count: error.problems.length });
  }
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ItemNotFound') {
    const table = /table (\w+)/i.exec(message)?.[1] ?? '';
    return locale.t('error.tableMissing', { table });
  }
  return locale.t('error.generic', { message });
}
