import { describe, expect, test } from 'vitest';
import { unsafeZipPath, zipEntryDecision, zipEntryName, ZIP_PROBLEM_SEVERITY, type ZipProblemCode } from '../../../core/tables/zip-entries.js';

const entry = (name: string, more: { encrypted?: boolean; compressionMethod?: number } = {}) => ({ name, encrypted: false, compressionMethod: 8, ...more });

describe("core's rule for a zip's entries", () => {
  test.each([
    ['2021/earnings_01.csv', {}, 'read'],
    ['earnings.TSV', { compressionMethod: 0 }, 'read'],
    ['2021/', {}, 'pass_over'],
    ['__MACOSX/2021/._earnings_01.csv', {}, 'pass_over'],
    ['2021/._earnings_01.csv', {}, 'pass_over'],
    ['.DS_Store', {}, 'pass_over'],
    ['2021/Thumbs.db', {}, 'pass_over'],
    ['2021/Desktop.ini', {}, 'pass_over'],
    ['.hidden-earnings.csv', {}, 'read'],
    ['.earnings.csv.swp', {}, 'zip_entry_not_csv'],
    ['../earnings.csv', {}, 'zip_unsafe_path'],
    ['a/../../earnings.csv', {}, 'zip_unsafe_path'],
    ['/earnings.csv', {}, 'zip_unsafe_path'],
    ['\\earnings.csv', {}, 'zip_unsafe_path'],
    ['C:earnings.csv', {}, 'zip_unsafe_path'],
    ['..\\earnings.csv', {}, 'zip_unsafe_path'],
    ['a\0.csv', {}, 'zip_unsafe_path'],
    // An unsafe name is said as such whatever else is wrong with the entry.
    ['../readme.pdf', { encrypted: true }, 'zip_unsafe_path'],
    ['2021/older.ZIP', {}, 'zip_nested'],
    ['readme.pdf', {}, 'zip_entry_not_csv'],
    ['earnings.csv.txt', {}, 'zip_entry_not_csv'],
    ['earnings.csv', { encrypted: true }, 'zip_encrypted'],
    ['earnings.csv', { compressionMethod: 12 }, 'zip_unsupported'],
  ])('%s %j is %s', (name, more, decision) => {
    expect(zipEntryDecision(entry(name, more))).toBe(decision);
  });

  test.each([
    ['../a.csv', 'parent'],
    ['a\\..\\b.csv', 'parent'],
    ['/a.csv', 'absolute'],
    ['D:\\a.csv', 'absolute'],
    ['a\0b.csv', 'nul'],
    ['a..b/c.csv', null],
    ['a/b.csv', null],
  ])('the name %j is unsafe as %s', (name, reason) => {
    expect(unsafeZipPath(name)).toBe(reason);
  });

  test('a name written with `\\` is the same name with `/`', () => {
    expect(zipEntryName('2021\\jan\\earnings.csv')).toBe('2021/jan/earnings.csv');
  });

  test('an entry that is not an export is a warning; every other zip problem is an error', () => {
    const warnings = (Object.entries(ZIP_PROBLEM_SEVERITY) as [ZipProblemCode, string][]).filter(([, s]) => s === 'warning').map(([c]) => c);
    expect(warnings).toEqual(['zip_entry_not_csv']);
  });
});
