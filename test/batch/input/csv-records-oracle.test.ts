import { afterEach, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { readCsvRecords } from '../../../batch/input/csv-records.js';
import { sourceFromChunks } from '../../../batch/input/input-source.js';
import { chunked } from '../../support/chunked.js';
import { withLastLineEnded } from '../../../core/tables/line-breaks.js';

// The reader splits lines without a quote itself, reads well-formed records with quoted cells
// itself, and hands only malformed ones to papaparse. These properties hold it to papaparse over
// the whole text, the way the reader used it before: the same records with the same cells on the
// same lines, the same rows refused, the same stop.

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
  // A carriage return that ends a file of line feeds ends its last line (core's withLastLineEnded).
  parser.parse(withLastLineEnded(body, newline), 0, false);
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
  test('any text, any chunk boundaries: the same records, refusals and stop', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.array(fc.nat(), { maxLength: 4 }), async (text, cuts) => {
        const full = `${HEADER}\n${text}`;
        expect(await read(full, cuts)).toEqual(oracle(full, '\n'));
      }),
      { numRuns: 400 },
    );
  });

  test('with CRLF line breaks too', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const full = `${HEADER}\r\n${text.replace(/\n/g, '\r\n')}`;
        expect(await read(full, [])).toEqual(oracle(full, '\n'));
      }),
      { numRuns: 200 },
    );
  });

  test('with CR line breaks (old Mac) too', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const full = `${HEADER}\r${text.replace(/\r?\n/g, '\r')}`;
        expect(await read(full, [])).toEqual(oracle(full, '\r'));
      }),
      { numRuns: 200 },
    );
  });

  test('reading some columns gives those cells, and empty text for the others', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
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
      }),
      { numRuns: 200 },
    );
  });
});

// Records as exporters write them: a cell with a delimiter, a quote or a line break in it quoted,
// its quotes doubled; other cells bare (a quote inside a bare cell is text). Now and then a
// malformed record between them (text after a closing quote, a quote never closed, a space
// before the delimiter), and records with too few or too many cells.
const cellText = fc
  .array(fc.constantFrom('x', 'Contoso', ' ', ',', ',', '"', '""', '\n', '\r\n', '\r', 'é', '\t', ''), { maxLength: 6 })
  .map((p) => p.join(''));
const quotedCell = cellText.map((t) => `"${t.replace(/"/g, '""')}"`);
const bareCell = fc.constantFrom('', 'x', '1.5', ' ', 'a"b', 'q"', ' "q"');
const cell = fc.oneof({ weight: 3, arbitrary: quotedCell }, { weight: 2, arbitrary: bareCell });
const malformed = fc.constantFrom('"a"b,c,d,e', '"open,b,c,d', 'a,"b" ,c,d', '"x""y,z', 'a,b,"c"\r,d', '"a"\r');
const record = fc.oneof(
  { weight: 8, arbitrary: fc.array(cell, { minLength: COLUMNS, maxLength: COLUMNS }).map((c) => c.join(',')) },
  { weight: 2, arbitrary: fc.array(cell, { minLength: 1, maxLength: COLUMNS + 2 }).map((c) => c.join(',')) },
  { weight: 1, arbitrary: malformed },
);
const quotedBody = fc
  .tuple(fc.array(record, { maxLength: 8 }), fc.boolean())
  .map(([records, finalBreak]) => records.join('\n') + (finalBreak && records.length > 0 ? '\n' : ''));

/** Cut points (in bytes) on both sides of every quote: every quoted cell is cut open somewhere. */
function cutsAtQuotes(text: string): number[] {
  const cuts: number[] = [];
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x22) cuts.push(i, i + 1);
  return cuts;
}

describe('quoted cells read without papaparse read as papaparse reads them', () => {
  test('quoted records, any chunk boundaries: the same records, refusals and stop', async () => {
    await fc.assert(
      fc.asyncProperty(quotedBody, fc.array(fc.nat(), { maxLength: 6 }), async (text, cuts) => {
        const full = `${HEADER}\n${text}`;
        expect(await read(full, cuts)).toEqual(oracle(full, '\n'));
      }),
      { numRuns: 400 },
    );
  });

  test('chunks cut next to every quote, so inside every quoted cell', async () => {
    await fc.assert(
      fc.asyncProperty(quotedBody, async (text) => {
        const full = `${HEADER}\n${text}`;
        expect(await read(full, cutsAtQuotes(full))).toEqual(oracle(full, '\n'));
      }),
      { numRuns: 200 },
    );
  });

  test('with CRLF line breaks, inside quotes too', async () => {
    await fc.assert(
      fc.asyncProperty(quotedBody, fc.array(fc.nat(), { maxLength: 4 }), async (text, cuts) => {
        const full = `${HEADER}\r\n${text.replace(/\n/g, '\r\n')}`;
        expect(await read(full, cuts)).toEqual(oracle(full, '\n'));
      }),
      { numRuns: 200 },
    );
  });

  test('with CR line breaks, inside quotes too', async () => {
    await fc.assert(
      fc.asyncProperty(quotedBody, fc.array(fc.nat(), { maxLength: 4 }), async (text, cuts) => {
        const full = `${HEADER}\r${text.replace(/\r?\n/g, '\r')}`;
        expect(await read(full, cuts)).toEqual(oracle(full, '\r'));
      }),
      { numRuns: 200 },
    );
  });

  test('reading some columns gives those cells of quoted records', async () => {
    await fc.assert(
      fc.asyncProperty(quotedBody, fc.array(fc.nat(), { maxLength: 4 }), async (text, cuts) => {
        const full = `${HEADER}\n${text}`;
        const all = oracle(full, '\n');
        const some = await read(full, cuts, ['b', 'c']);
        expect(some.refused).toEqual(all.refused);
        expect(some.stopped).toEqual(all.stopped);
        expect(some.records.map((r) => [r.line, r.cells[1], r.cells[2]])).toEqual(all.records.map((r) => [r.line, r.cells[1], r.cells[2]]));
      }),
      { numRuns: 200 },
    );
  });
});

describe('well-formed quoted records stay off papaparse', () => {
  const original = Papa.Parser;
  afterEach(() => {
    (Papa as { Parser: unknown }).Parser = original;
  });

  /** How many times the reader asks papaparse to parse records while reading `text`. */
  async function papaparseCalls(text: string): Promise<number> {
    let calls = 0;
    (Papa as { Parser: unknown }).Parser = function CountingParser(config: Papa.ParseConfig) {
      const parser = new original(config);
      const parse = parser.parse.bind(parser);
      parser.parse = (...args: Parameters<typeof parse>) => {
        calls++;
        return parse(...args);
      };
      return parser;
    };
    await read(text, [7, 40]);
    return calls;
  }

  test('an export whose every cell is quoted, with quotes, delimiters and line breaks inside, is read without papaparse', async () => {
    const rows = ['"1","Contoso, Ltd.","say ""hi""","two\nlines"', '"2","","x","y"', '"3","a\r\nb",",","z"'];
    expect(await papaparseCalls(`${HEADER}\n${rows.join('\n')}\n`)).toBe(0);
  });

  test('a malformed record among them is read by papaparse', async () => {
    const rows = ['"1","a","b","c"', '"2","a"x,"b","c"', '"3","a","b","c"'];
    expect(await papaparseCalls(`${HEADER}\n${rows.join('\n')}\n`)).toBeGreaterThan(0);
  });
});
