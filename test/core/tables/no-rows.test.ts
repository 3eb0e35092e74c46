import { describe, expect, test } from 'vitest';
import { hasNoRows } from '../../../core/tables/no-rows.js';

describe('a file with a header and no rows', () => {
  test('is one with no record after its header, neither read nor refused', () => {
    expect(hasNoRows(0, 0)).toBe(true);
    // A file whose every row was refused has rows: its rows' problems say what is wrong.
    expect(hasNoRows(0, 2)).toBe(false);
    expect(hasNoRows(3, 0)).toBe(false);
  });
});
