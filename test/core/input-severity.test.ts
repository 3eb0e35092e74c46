import { describe, expect, test } from 'vitest';
import { INPUT_CODES, inputSeverity, isSeverity, refusesWholeFile, SEVERITIES, SEVERITY_RANK } from '../../core/codes.js';

describe("core's severity of input problems", () => {
  test('a file that is not an export is an error when it was taken to be read, a warning when found beside the exports', () => {
    expect(inputSeverity('unsupported_file', 'read')).toBe('error');
    expect(inputSeverity('unsupported_file', 'beside')).toBe('warning');
  });

  test('a header without rows and a zip entry that is not an export are warnings wherever they are found', () => {
    for (const place of ['read', 'beside'] as const) {
      expect(inputSeverity('no_rows', place)).toBe('warning');
      expect(inputSeverity('zip_entry_not_csv', place)).toBe('warning');
    }
  });

  test('every other input code is an error, wherever it is found', () => {
    const lenient = new Set(['no_rows', 'zip_entry_not_csv', 'unsupported_file']);
    for (const code of INPUT_CODES.filter((c) => !lenient.has(c))) {
      expect([inputSeverity(code, 'read'), inputSeverity(code, 'beside')], code).toEqual(['error', 'error']);
    }
  });

  test('a row\'s own error refuses that row; any other error refuses its whole file; a warning refuses nothing', () => {
    const rowErrors = ['malformed_csv', 'ragged_row', 'invalid_amount', 'invalid_date', 'invalid_currency', 'missing_field'];
    for (const code of rowErrors) expect(refusesWholeFile(code as (typeof INPUT_CODES)[number]), code).toBe(false);
    for (const code of ['unclosed_quote', 'record_too_large', 'invalid_encoding', 'missing_column', 'zip_encrypted'] as const) expect(refusesWholeFile(code), code).toBe(true);
    for (const code of INPUT_CODES) if (inputSeverity(code) === 'warning') expect(refusesWholeFile(code), code).toBe(false);
    expect(refusesWholeFile('unsupported_file', 'beside')).toBe(false);
  });

  test('a cell\'s value that core\'s row reader refuses under a code of its own is the row\'s error, not the file\'s', () => {
    for (const code of ['invalid_claim_status', 'invalid_type', 'invalid_period_label', 'invalid_document_name'] as const) expect(refusesWholeFile(code), code).toBe(false);
  });
});

describe("core's severity scale", () => {
  test('lists each severity once, most severe first, as the rank orders them', () => {
    expect(SEVERITIES).toEqual(['error', 'warning', 'info']);
    expect([...SEVERITIES].sort((a, b) => SEVERITY_RANK[b] - SEVERITY_RANK[a])).toEqual(SEVERITIES);
    expect(Object.keys(SEVERITY_RANK).sort()).toEqual([...SEVERITIES].sort());
  });

  test.each([['error', true], ['warning', true], ['info', true], ['Error', false], ['', false], ['never', false], ['toString', false]] as const)(
    'text read back as %j is a severity: %s',
    (text, is) => {
      expect(isSeverity(text)).toBe(is);
    },
  );
});
