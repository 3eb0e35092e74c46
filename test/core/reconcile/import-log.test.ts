import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  missingLogColumns,
  importLogCode,
  ImportLogTally,
  importLogEntryToRow,
  importLogFindings,
  IMPORT_LOG_CODES,
  readImportLogRow,
  type ImportLogCode,
  type ImportLogEntry,
} from '../../../core/reconcile/import-log.js';
import { isoDate } from '../../../core/calendar/calendar-date.js';

const ON = isoDate('2026-12-02');
interface Event {
  readonly file: string;
  readonly line: number;
  readonly earningId: string;
  readonly code: ImportLogCode;
}
const event = (file: string, line: number, earningId: string, code: ImportLogCode): Event => ({ file, line, earningId, code });
/** The log rows of these events, as the import notes them one by one, dated `on`. */
function importLogEntries(events: readonly Event[], on: ImportLogEntry['importedOn']): ImportLogEntry[] {
  const tally = new ImportLogTally();
  for (const e of events) tally.note(e.file, e.line, e.earningId, e.code);
  return tally.entries().map((c) => ({ ...c, importedOn: on }));
}

describe('what an import logs', () => {
  test('repeats and updates are counted per file and code, from the first; a restatement is a row of its own', () => {
    const entries = importLogEntries(
      [
        event('jan.csv', 2, 'E1', 'duplicate_earning'),
        event('jan.csv', 3, 'E2', 'earning_updated'),
        event('jan.csv', 5, 'E4', 'duplicate_earning'),
        event('feb.csv', 2, 'E1', 'duplicate_earning'),
        event('jan.csv', 6, 'E5', 'earning_restated'),
        event('jan.csv', 7, 'E6', 'earning_restated'),
        event('jan.csv', 9, 'E8', 'earning_updated'),
      ],
      ON,
    );
    expect(entries.map((e) => [e.file, e.code, e.count, e.line, e.earningId])).toEqual([
      ['jan.csv', 'duplicate_earning', 2, 2, 'E1'],
      ['jan.csv', 'earning_updated', 2, 3, 'E2'],
      ['feb.csv', 'duplicate_earning', 1, 2, 'E1'],
      ['jan.csv', 'earning_restated', 1, 6, 'E5'],
      ['jan.csv', 'earning_restated', 1, 7, 'E6'],
    ]);
    expect(entries.every((e) => e.importedOn === ON)).toBe(true);
    expect(importLogEntries([], ON)).toEqual([]);
  });

  test('rows left out are counted per file as a file\'s reading counts them, an error without an earningId', () => {
    const tally = new ImportLogTally();
    tally.note('jan.csv', 7, '', 'rows_quarantined', 3);
    tally.note('jan.csv', 2, 'E1', 'duplicate_earning');
    tally.note('jan.csv', 40, '', 'rows_quarantined', 2);
    const entries = tally.entries();
    expect(entries.map((e) => [e.code, e.count, e.line])).toEqual([['rows_quarantined', 5, 7], ['duplicate_earning', 1, 2]]);
    const [finding] = importLogFindings([{ entry: { ...entries[0]!, importedOn: ON }, at: { file: 'ImportLog', line: 2 } }]);
    expect(finding).toMatchObject({ severity: 'error', code: 'rows_quarantined', expected: 'jan.csv:7', actual: '5' });
    expect(finding).not.toHaveProperty('earningId');
    expect(finding!.message).toBe('5 rows of jan.csv (the first on line 7) could not be read and were not imported, imported on 2026-12-02: every total lacks them; import the corrected download, then delete this row of the log');
  });

  test('rows left out: one per refused row however many problems it has, from the first line; nothing for a file refused whole', () => {
    const tally = new ImportLogTally();
    tally.noteLeftOut('jan.csv', false, [9, 4, 4, 4, 12]);
    tally.noteLeftOut('feb.csv', true, [2, 3]);
    tally.noteLeftOut('mar.csv', false, []);
    expect(tally.entries()).toEqual([{ file: 'jan.csv', code: 'rows_quarantined', count: 3, line: 4, earningId: '' }]);
  });

  test('a download without rows is a warning kept per file; other warnings are not the log\'s', () => {
    const tally = new ImportLogTally();
    tally.noteWarning('mar.csv', 3, 'no_rows');
    tally.noteWarning('mar.zip', 1, 'zip_entry_not_csv');
    const entries = tally.entries();
    expect(entries).toEqual([{ file: 'mar.csv', code: 'no_rows', count: 1, line: 3, earningId: '' }]);
    const [finding] = importLogFindings([{ entry: { ...entries[0]!, importedOn: ON }, at: { file: 'ImportLog', line: 5 } }]);
    expect(finding).toMatchObject({ severity: 'warning', code: 'no_rows', expected: 'mar.csv:3', actual: '1' });
  });

  test('a zip\'s entries that are no export are logged each under its name as a source (zip!entry); a zip refused whole logs nothing', () => {
    const tally = new ImportLogTally();
    tally.noteZipEntries([
      { file: 'q1.zip', entry: 'readme.txt', code: 'zip_entry_not_csv' },
      { file: 'locked.zip', entry: 'notes.pdf', code: 'zip_entry_not_csv' },
      { file: 'locked.zip', entry: 'secret.csv', code: 'zip_encrypted' },
      { file: 'q1.zip', entry: 'proof/flyer.pdf', code: 'zip_entry_not_csv' },
      { file: 'q2.zip', entry: 'inner.zip', code: 'zip_nested' },
    ]);
    const entries = tally.entries();
    expect(entries).toEqual([
      { file: 'q1.zip!readme.txt', code: 'zip_entry_not_csv', count: 1, line: 0, earningId: '' },
      { file: 'q1.zip!proof/flyer.pdf', code: 'zip_entry_not_csv', count: 1, line: 0, earningId: '' },
    ]);
    const [finding] = importLogFindings([{ entry: { ...entries[0]!, importedOn: ON }, at: { file: 'ImportLog', line: 2 } }]);
    expect(finding).toMatchObject({ severity: 'warning', code: 'zip_entry_not_csv', expected: 'q1.zip!readme.txt', actual: '1' });
    expect(finding!.message).toBe('q1.zip!readme.txt is not a CSV or TSV file and was not read, imported on 2026-12-02: only the exports in a zip are imported');
  });

  test('what importing a row does decides its code: a skip its own, a rewrite an update or restatement, an append nothing', () => {
    expect(importLogCode({ action: 'skip', code: 'duplicate_earning', restamp: true })).toBe('duplicate_earning');
    expect(importLogCode({ action: 'skip', code: 'earning_restated', restamp: false })).toBe('earning_restated');
    expect(importLogCode({ action: 'rewrite', kind: 'updated' })).toBe('earning_updated');
    expect(importLogCode({ action: 'rewrite', kind: 'restated' })).toBe('earning_restated');
    expect(importLogCode({ action: 'append', code: 'conflicting_duplicate' })).toBeNull();
    expect(importLogCode({ action: 'append', code: null })).toBeNull();
  });

  test('every event is counted once, whatever the grouping', () => {
    const eventArb = fc.record({
      file: fc.constantFrom('a.csv', 'b.csv', 'c.csv'),
      line: fc.integer({ min: 2, max: 1_000 }),
      earningId: fc.constantFrom('E1', 'E2', 'E3'),
      code: fc.constantFrom(...IMPORT_LOG_CODES),
    });
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        const entries = importLogEntries(events, ON);
        for (const code of IMPORT_LOG_CODES) {
          const logged = entries.filter((e) => e.code === code).reduce((n, e) => n + e.count, 0);
          expect(logged).toBe(events.filter((e) => e.code === code).length);
        }
        expect(entries.filter((e) => e.code === 'earning_restated').every((e) => e.count === 1)).toBe(true);
        // One row per file and grouped code.
        const grouped = entries.filter((e) => e.code !== 'earning_restated').map((e) => `${e.file} ${e.code}`);
        expect(new Set(grouped).size).toBe(grouped.length);
      }),
    );
  });

  test('a row of the log is a finding at that row, with the severity the batch job gives its code', () => {
    const [repeat, update, restated] = importLogEntries(
      [event('jan.csv', 4, 'E1', 'duplicate_earning'), event('jan.csv', 5, 'E2', 'duplicate_earning'), event('feb.csv', 8, 'E3', 'earning_updated'), event('feb.csv', 9, 'E4', 'earning_restated')],
      ON,
    );
    const findings = importLogFindings([
      { entry: repeat!, at: { file: 'ImportLog', line: 2 } },
      { entry: update!, at: { file: 'ImportLog', line: 3 } },
      { entry: restated!, at: { file: 'ImportLog', line: 4 } },
    ]);
    expect(findings.map((f) => [f.severity, f.code, f.file, f.line, f.earningId, f.expected, f.actual])).toEqual([
      ['warning', 'duplicate_earning', 'ImportLog', 2, 'E1', 'jan.csv:4', '2'],
      ['info', 'earning_updated', 'ImportLog', 3, 'E3', 'feb.csv:8', '1'],
      ['warning', 'earning_restated', 'ImportLog', 4, 'E4', 'feb.csv:9', '1'],
    ]);
    expect(findings[0]!.message).toBe('2 rows of jan.csv (the first on line 4) repeated an earning already read with identical content, imported on 2026-12-02; counted once');
    expect(findings[2]!.message).toContain('1 row of feb.csv (line 9) restated');
    // A line cleared by hand: the download alone.
    const [cleared] = importLogFindings([{ entry: { ...update!, line: 0, importedOn: null }, at: { file: 'ImportLog', line: 3 } }]);
    expect([cleared!.expected, cleared!.message]).toEqual(['feb.csv', "1 row of feb.csv updated an earning's payment, descriptive fields or exchange rate; the newer download's version is used"]);
  });
});

describe('the log\'s columns an import needs and the table lacks', () => {
  test.each([
    [['line', 'earningId'], ['line', 'earningId'], []],
    [['importedOn'], ['importedOn'], []],
    [['count', 'line'], ['line'], ['count']],
    [['file', 'code'], [], ['file', 'code']],
    [[], [], []],
  ])('missing %j: added back %j, refusing for %j', (missing, add, refuse) => {
    expect(missingLogColumns(missing)).toEqual({ add, refuse });
  });
});

describe('a log row in the workbook', () => {
  const entryArb: fc.Arbitrary<ImportLogEntry> = fc.record({
    importedOn: fc.option(fc.integer({ min: 0, max: 20_000 }).map((d) => isoDate(new Date(Date.UTC(2000, 0, 1) + d * 86_400_000).toISOString().slice(0, 10))), { nil: null }),
    file: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s !== ''),
    code: fc.constantFrom(...IMPORT_LOG_CODES),
    count: fc.integer({ min: 1, max: 1_000_000 }),
    line: fc.integer({ min: 1, max: 1_000_000 }),
    earningId: fc.string({ maxLength: 12 }).map((s) => s.trim()),
  });

  test('is read back as written', () => {
    fc.assert(
      fc.property(entryArb, (entry) => {
        expect(readImportLogRow(importLogEntryToRow(entry))).toEqual({ ok: true, value: entry });
      }),
    );
  });

  test('edited into something it does not say is refused, each problem in its column', () => {
    const row = importLogEntryToRow(importLogEntries([event('jan.csv', 4, 'E1', 'duplicate_earning')], ON)[0]!);
    const problems = (edit: Record<string, string>) => {
      const read = readImportLogRow({ ...row, ...edit });
      return read.ok ? [] : read.issues.map((i) => [i.code, i.path.join('.'), i.input ?? '']);
    };
    expect(problems({})).toEqual([]);
    expect(problems({ code: 'split_mismatch' })).toEqual([['invalid_type', 'code', 'split_mismatch']]);
    expect(problems({ count: '0' })).toEqual([['invalid_type', 'count', '0']]);
    expect(problems({ count: '2.5' })).toEqual([['invalid_type', 'count', '2.5']]);
    expect(problems({ file: ' ', count: '' })).toEqual([['missing_field', 'file', ''], ['missing_field', 'count', '']]);
    // A cleared or mistyped date or line says less, not something else: the row still counts.
    expect(readImportLogRow({ ...row, importedOn: '', line: '' })).toMatchObject({ ok: true, value: { importedOn: null, line: 0, count: 1 } });
    expect(readImportLogRow({ ...row, importedOn: 'yesterday', line: 'x' })).toMatchObject({ ok: true, value: { importedOn: null, line: 0, count: 1 } });
  });
});
