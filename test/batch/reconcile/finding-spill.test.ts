import { describe, expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { FindingSpill } from '../../../batch/reconcile/finding-spill.js';
import { compareFindings, type Finding } from '../../../core/reconcile/finding.js';

function dup(file: string, line: number, earningId = `E${line}`): Finding {
  return { severity: 'warning', code: 'duplicate_earning', message: `m ${file}:${line}`, file, line, earningId };
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('findings kept on disk', () => {
  test('come back merged with the other findings in report order, as a stable sort of everything would give', async () => {
    const spill = new FindingSpill();
    // Files read out of name order, one of them twice: the runs interleave.
    const runs = [
      ['b.csv', [2, 5, 9]],
      ['a.csv', [3, 4]],
      ['b.csv', [2, 7]],
    ] as const;
    const spilled: Finding[] = [];
    runs.forEach(([file, lines], ordinal) => {
      spill.beginSource(ordinal);
      for (const line of lines) {
        const f = dup(file, line, `E${line}-${ordinal}`);
        spill.add(f);
        spilled.push(f);
      }
    });
    spill.finish();
    const others: Finding[] = (
      [
        { severity: 'error', code: 'conflicting_duplicate', message: 'x', file: 'a.csv', line: 1 },
        { severity: 'warning', code: 'claim_missing_documents', message: 'y' },
        { severity: 'warning', code: 'funds_expiring', message: 'z' },
        { severity: 'info', code: 'threshold_conversion_expected', message: 'w' },
      ] satisfies Finding[]
    ).sort(compareFindings);
    const expected = [...others, ...spilled].sort(compareFindings);
    expect(await all(spill.merge(others))).toEqual(expected);
    expect(await all(spill.merge(others))).toEqual(expected);
    expect([spill.count, spill.bySeverity.warning]).toEqual([7, 7]);
    expect(spill.counts()).toEqual([{ severity: 'warning', code: 'duplicate_earning', count: 7 }]);
    spill.dispose();
  });

  test('each code is counted with the severity core gave its findings, not one the adapter assumes', () => {
    const spill = new FindingSpill();
    spill.beginSource(0);
    spill.add(dup('a.csv', 2));
    spill.add({ severity: 'error', code: 'conflicting_duplicate', message: 'x', file: 'a.csv', line: 3 });
    spill.add({ severity: 'error', code: 'conflicting_duplicate', message: 'x', file: 'a.csv', line: 4 });
    spill.add({ severity: 'info', code: 'threshold_conversion_expected', message: 'w', file: 'a.csv', line: 5 });
    spill.finish();
    expect(spill.counts()).toEqual([
      { severity: 'warning', code: 'duplicate_earning', count: 1 },
      { severity: 'error', code: 'conflicting_duplicate', count: 2 },
      { severity: 'info', code: 'threshold_conversion_expected', count: 1 },
    ]);
    expect(spill.bySeverity).toEqual({ error: 2, warning: 1, info: 1 });
    spill.dispose();
  });

  test('nothing spilled: the sorted findings pass through, and no file is made', async () => {
    const spill = new FindingSpill();
    spill.beginSource(0);
    spill.finish();
    const others: Finding[] = [{ severity: 'info', code: 'threshold_conversion_expected', message: 'w' }];
    expect(await all(spill.merge(others))).toEqual(others);
    spill.dispose();
  });

  test('dispose removes the temporary files', () => {
    const spill = new FindingSpill();
    spill.beginSource(0);
    spill.add(dup('a.csv', 2));
    spill.finish();
    const dir = (spill as unknown as { dir: string }).dir;
    expect(existsSync(dir)).toBe(true);
    spill.dispose();
    expect(existsSync(dir)).toBe(false);
  });
});
