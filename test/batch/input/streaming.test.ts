import { describe, expect, test } from 'vitest';
import { Readable } from 'node:stream';
import type { InputSource } from '../../../batch/input/input-source.js';
import { readEarnings } from '../../../batch/input/read-earnings.js';
import { EARNINGS_HEADER } from './helpers.js';

function generated(rows: number): InputSource {
  async function* lines(): AsyncGenerator<Buffer> {
    let batch: string[] = [`${EARNINGS_HEADER},note\r\n`];
    for (let i = 1; i <= rows; i++) {
      const note = i % 1000 === 0 ? '"multi\nline, quoted"' : 'plain';
      batch.push(`E${i},P-${i % 97},Contoso,CSP Indirect Reseller,${i % 2 ? 'Co-op' : 'Rebate'},${i}.25,${i}.50,2021-03-15,EUR,T${i},Azure,${note}\r\n`);
      if (batch.length === 500) {
        yield Buffer.from(batch.join(''), 'utf8');
        batch = [];
      }
    }
    yield Buffer.from(batch.join(''), 'utf8');
  }
  return { name: 'generated.csv', path: 'generated.csv', open: () => Promise.resolve(Readable.from(lines())) };
}

describe('streaming', () => {
  test('a 200,000-row export streams through, row by row, with every row counted and located', async () => {
    const rows = 200_000;
    let count = 0;
    let coop = 0;
    let lastLine = 0;
    const issues: unknown[] = [];
    const summary = await readEarnings(generated(rows), {
      onRow: (row) => {
        count++;
        if (row.kind === 'coop') coop++;
        lastLine = row.location.line;
      },
      onIssue: (i) => void issues.push(i),
    });
    expect(issues).toEqual([]);
    expect(summary).toMatchObject({ records: rows, rejected: 0, complete: true });
    expect(count).toBe(rows);
    expect(coop).toBe(rows / 2);
    // One header line, one line per row, plus one more for each of the 200 quoted two-line notes before the last row.
    expect(lastLine).toBe(1 + rows + 199);
  });
});
