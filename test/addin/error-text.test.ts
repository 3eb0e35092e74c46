import { describe, expect, test } from 'vitest';
import { createLocale } from '../../addin/i18n/locale.js';
import { errorText } from '../../addin/taskpane/error-text.js';
import { TableColumnsError } from '../../addin/excel/table-placement.js';
import { RefusedSettingError, RefusedTableError } from '../../addin/taskpane/workbook-ops.js';
import { issue } from '../../core/issues.js';
import { message } from '../../addin/i18n/messages.js';

describe('what the user reads when a write is refused', () => {
  test.each([['en-US'], ['nl-NL'], ['de-DE'], ['fr-FR'], ['sv-SE']])('%s: a table lacking a column names the table and the column, in the language', (tag) => {
    const locale = createLocale(tag);
    const text = errorText(locale, new TableColumnsError('Balances', [issue('missing_column', [], 'available')]));
    expect(text).toBe(`Balances: ${locale.issue(issue('missing_column', [], 'available'))}`);
    expect(text).toContain('available');
    expect(text).not.toBe(errorText(locale, new Error('x')));
  });

  test('a refused Programs table says so, not Excel failed', () => {
    const locale = createLocale('nl-NL');
    const text = errorText(locale, new RefusedTableError('Programs', [{ table: 'Programs', row: 2, issues: [issue('invalid_share', ['Programs', 1, 'coopShare'], '1.5')] }]));
    expect(text).toBe(message('nl', 'error.programsRefused'));
  });

  test('a refused Claims table says so, and is not taken for a refused Programs table', () => {
    const locale = createLocale('de-DE');
    const text = errorText(locale, new RefusedTableError('Claims', [{ table: 'Claims', row: 0, issues: [issue('missing_column', ['Claims', 'amountClaimed'], 'amountClaimed')] }]));
    expect(text).toBe(message('de', 'error.claimsRefused'));
  });

  test.each([['Earnings', 'error.earningsRefused'], ['Payments', 'error.paymentsRefused']] as const)('a refused %s table names that table, not another', (table, key) => {
    const locale = createLocale('sv-SE');
    const text = errorText(locale, new RefusedTableError(table, [{ table, row: 0, issues: [issue('duplicate_header', [table, 'earned'], 'earned')] }]));
    expect(text).toBe(message('sv', key));
    expect(text).toContain(table);
  });

  test('an import refused for its stored number locale names the setting and the tag, not Excel failed', () => {
    const locale = createLocale('fr-FR');
    const refused = issue('invalid_setting', ['numberLocale'], 'xx-YY', { expected: 'nl-NL', reason: 'unknown_locale' });
    const text = errorText(locale, new RefusedSettingError([refused]));
    expect(text).toBe(locale.issue(refused, message('fr', 'settings.numberLocale')));
    expect(text).toContain('xx-YY');
  });
});
