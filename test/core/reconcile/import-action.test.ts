import { describe, expect, test } from 'vitest';
import { unreadRowToRewrite } from '../../../core/reconcile/import-action.js';

describe('the row core cannot read that an import rewrites', () => {
  const rows = (...reads: boolean[]) => reads.map((r, row) => ({ row, reads: r }));
  const rewritten = (...reads: boolean[]) => unreadRowToRewrite(rows(...reads), (r) => r.reads)?.row;

  test('is the first of the id\'s rows, in reading order, when core reads none of them', () => {
    expect(rewritten(false)).toBe(0);
    expect(rewritten(false, false, false)).toBe(0);
  });

  test('is none when a row core reads names the id, wherever it is: that row holds the version', () => {
    expect(rewritten(true)).toBeUndefined();
    expect(rewritten(false, true)).toBeUndefined();
    expect(rewritten(false, false, true, false)).toBeUndefined();
  });

  test('is none when the table holds no row of the id', () => {
    expect(rewritten()).toBeUndefined();
  });
});
