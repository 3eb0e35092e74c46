import { describe, expect } from 'vitest';
import { fc, test as prop } from '@fast-check/vitest';
import Papa from 'papaparse';
import { readCsvRecords } from '../../../batch/input/csv-records.js';
import { sourceFromChunks } from '../../../batch/input/input-source.js';
import { chunked } from '../../support/chunked.js';

// The reader splits lines without a quote itself and hands lines with one to papaparse. These
// properties hold it to papaparse over the whole text, the way the reader used it before: the
// same records with the same cells on the same lines, the same rows refused, the same stop.

const HEADER = 'a,b,c,d';
const COLUMNS = 4;

interface Seen {
  readonly records: { line: number; cells: string[] }[];
  /** Rows refused: where, why, and for a ragged row how many cells it has. */
  readonly refused: { line: number; code: string; cells?: number }[];
  readonly stopped: { line?: number; code: string } | undefined;
}

/** What papaparse makes of the rows after the header, with the reader's rules applied to its rows. */
function oracle(text: string, newline: '\n' | '\r'): Seen {
  const records: Seen['records'] = [];
  const refused: Seen['refused'] = [];
  let stopped: Seen['stopped'];
  const bodyStart = text.indexOf(newline) + 1;
  const body = text.slice(bodyStart);
  const lineOf = (pos: number) => 2 + body.slice(0, pos).split(newline).length - 1;
  let start = 0;
  const parser = new Papa.Parser({
    delimiter: ',',
    newline,
    quoteChar: '"',
    header: false,
    fastMode: false,
    step: (r: { data: string[][]; errors: { code: string; index?: number }[]; meta: { cursor: number } }) => {
      if (stopped) return;
      const rowStart = start;
      start = r.meta.cursor;
      const cells = r.data[0] ?? [];
      const line = lineOf(rowStart);
      if (r.errors.some((e) => e.code === 'MissingQuotes')) {
        stopped = { code: 'unclosed_quote' };
        return;
      }
      const last = cells.length - 1;
      if (newline === '\n' && last >= 0 && cells[last]!.endsWith('\r')) cells[last] = cells[last]!.slice(0, -1);
      if (cells.every((c) => c.trim() === '')) return;
      if (r.errors.some((e) => e.code === 'InvalidQuotes')) refused.push({ line, code: 'malformed_csv' });
      else if (cells.length !== COLUMNS) refused.push({ line, code: 'ragged_row', cells: cells.length });
      else records.push({ line, cells: [...cells] });
    },
  });
  parser.parse(body, 0, false);
  return { records, refused, stopped };
}

async function read(text: string, cuts: readonly number[], reads?: readonly string[]): Promise<Seen> {
  const records: Seen['records'] = [];
  const refused: Seen['refused'] = [];
  let stopped: Seen['stopped'];
  await readCsvRecords(sourceFromChunks('t.csv', chunked(Buffer.from(text, 'utf8'), cuts)), {
    required: ['a'],
    known: ['a', 'b', 'c', 'd'],
    ...(reads ? { reads } : {}),
    onFields: (cells, location) => void records.push({ line: location.line, cells: [...cells] }),
    onRejectedRow: (row) => {
      const issue = row.issues[0]!;
      refused.push({ line: row.location.line, code: issue.code, ...(issue.code === 'ragged_row' ? { cells: Number(issue.params!['actual']) } : {}) });
    },
    onIssue: (issue) => {
      if (issue.code === 'unclosed_quote' || issue.code === 'record_too_large') stopped = { code: issue.code };
    },
  });
  return { records, refused, stopped };
}

// Text made of the pieces that matter to CSV: delimiters, quotes, both line breaks, blanks.
const piece = fc.constantFrom('x', 'yz', '1.5', ' ', '', ',', ',', ',', '"', '""', '"q"', '\n', '\n', '\r\n', '\r', '\t', 'é');
const body = fc.array(fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), { maxLength: 10 }).map((lines) => lines.join('\n'));

describe('the CSV reader reads as papaparse does', () => {
  prop.prop([body, fc.array(fc.nat(), { maxLength: 4 })], { numRuns: 400 })('any text, any chunk boundaries: the same records, refusals and stop', async (text, cuts) => {
    const full = `${HEADER}\n${text}`;
    expect(await read(full, cuts)).toEqual(oracle(full, '\n'));
  });

  prop.prop([body], { numRuns: 200 })('with CRLF line breaks too', async (text) => {
    const full = `${HEADER}\r\n${text.replace(/\n/g, '\r\n')}`;
    expect(await read(full, [])).toEqual(oracle(full, '\n'));
  });

  prop.prop([body], { numRuns: 200 })('with CR line breaks (old Mac) too', async (text) => {
    const full = `${HEADER}\r${text.replace(/\r?\n/g, '\r')}`;
    expect(await read(full, [])).toEqual(oracle(full, '\r'));
  });

  prop.prop([body], { numRuns: 200 })('reading some columns gives those cells, and empty text for the others', async (text) => {
    const full = `${HEADER}\n${text}`;
    const all = oracle(full, '\n');
    // Only b and d: past d (the last column read) cells are only counted.
    const some = await read(full, [], ['b', 'd']);
    expect(some.refused).toEqual(all.refused);
    expect(some.stopped).toEqual(all.stopped);
    expect(some.records.map((r) => ({ line: r.line, b: r.cells[1], d: r.cells[3] }))).toEqual(
      all.records.map((r) => ({ line: r.line, b: r.cells[1], d: r.cells[3] })),
    );
    // The other cells are empty (a line split here) or their text (a line papaparse read).
    some.records.forEach((r, i) => {
      for (const c of [0, 2]) expect(['', all.records[i]!.cells[c]]).toContain(r.cells[c]);
    });
    // Only a: every cell after the first is only counted.
    const first = await read(full, [], ['a']);
    expect(first.refused).toEqual(all.refused);
    expect(first.records.map((r) => [r.line, r.cells[0]])).toEqual(all.records.map((r) => [r.line, r.cells[0]]));
  });
});
