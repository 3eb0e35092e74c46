import { describe, expect, test } from 'vitest';
import { delimiterCandidates, EXPORT_DELIMITERS, isExportFileName, isMacResourceFork, isZipFileName } from '../../../core/tables/export-files.js';
import { zipEntryDecision } from '../../../core/tables/zip-entries.js';

describe('which zip entries are exports', () => {
  test.each([
    ['earnings.csv', true],
    ['2022/EARNINGS.TSV', true],
    ['earnings.txt', false],
    ['earnings.csv.pdf', false],
    ['__MACOSX/._earnings.csv', false],
    ['2022/__MACOSX/._earnings.csv', false],
    ['._earnings.csv', false],
    ['2022/._earnings.csv', false],
    ['dir\\._earnings.csv', false],
  ])('%s: %s', (name, expected) => {
    expect(zipEntryDecision({ name, encrypted: false, compressionMethod: 8 }) === 'read').toBe(expected);
  });

  test('a resource fork is told apart from an entry that is not an export (one is passed over, the other reported)', () => {
    expect(isMacResourceFork('__MACOSX/._earnings.csv')).toBe(true);
    expect(isMacResourceFork('notes.txt')).toBe(false);
    expect(isExportFileName('notes.txt')).toBe(false);
  });

  test('exports are delimited by tab, comma or semicolon, tried in that order', () => {
    expect(EXPORT_DELIMITERS).toEqual(['\t', ',', ';']);
  });

  test.each([
    ['earningId\tparticipantName\tnote, with a comma', ['\t', ',']],
    ['earningId;participantName', [',', ';']],
    ['earningId', [',']],
    ['a|b', [',']],
  ])('a header line %j is tried split by %j, in that order', (line, expected) => {
    expect(delimiterCandidates(line)).toEqual(expected);
  });
});

describe('which files are opened as zips', () => {
  test.each([
    ['exports.zip', true],
    ['EXPORTS.ZIP', true],
    ['dir/Exports.Zip', true],
    ['exports.zip.csv', false],
    ['exports.gz', false],
    ['zip', false],
  ])('%s: %s', (name, zip) => {
    expect(isZipFileName(name)).toBe(zip);
  });
});
