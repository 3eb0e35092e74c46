/**
 * Every code core's reconciliation can put among the ledger's findings has a title in every
 * language of the pane, driven by core's own lists: a code core adds without titles fails here.
 * Input codes reach the add-in's ledger only through its import log (`IMPORT_LOG_CODES`: a
 * download without rows); its import reports the others in the Import view, and core's
 * `inputFindings` is the batch job's.
 */
import { describe, expect, test } from 'vitest';
import { FINDING_CODES as CORE_FINDING_CODES } from '../../core/codes.js';
import { IMPORT_LOG_CODES } from '../../core/reconcile/import-log.js';
import { LANGUAGES, messageTable } from '../../addin/i18n/messages.js';
import { createLocale } from '../../addin/i18n/locale.js';
import { findingTitle } from '../../addin/taskpane/views/findings-view.js';

/** Every code the ledger's findings can carry: the reconciliation's, and the import log's. */
const FINDING_CODES = [...new Set([...CORE_FINDING_CODES, ...IMPORT_LOG_CODES])];

describe('finding titles', () => {
  test.each(LANGUAGES.map((l) => [l]))('every finding code has a title in %s', (language) => {
    const table: Readonly<Record<string, unknown>> = messageTable(language);
    const missing = FINDING_CODES.filter((code) => typeof table[`finding.${code}`] !== 'string' || table[`finding.${code}`] === '');
    expect(missing).toEqual([]);
  });

  test.each(LANGUAGES.filter((l) => l !== 'en').map((l) => [l]))('no title in %s is the English one', (language) => {
    const english: Readonly<Record<string, unknown>> = messageTable('en');
    const table: Readonly<Record<string, unknown>> = messageTable(language);
    expect(FINDING_CODES.filter((code) => table[`finding.${code}`] === english[`finding.${code}`])).toEqual([]);
  });

  test('the view shows each code under its title, never under the bare code', () => {
    for (const language of LANGUAGES) {
      const locale = createLocale(language);
      expect(FINDING_CODES.filter((code) => findingTitle(locale, code) === code), language).toEqual([]);
    }
  });
});
