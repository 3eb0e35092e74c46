import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  HEADER_SEARCH_LINES,
  headerProblem,
  missingRequirements,
  searchesAnyLine,
  searchesLine,
  seeHeaderLine,
  startHeaderSearch,
  type ColumnRequirement,
  type HeaderSearch,
} from '../../../core/tables/header-row.js';

const REQUIRED: readonly ColumnRequirement[] = ['id', 'amount', ['currencyCode', 'earnedCurrencyCode']];

/** Lines 1, 2, ... offered one by one, as a reader that streams would. */
function searchOver(lines: readonly (readonly string[])[], required = REQUIRED, depth?: number): HeaderSearch {
  let search = startHeaderSearch(required, depth);
  lines.forEach((cells, i) => {
    search = seeHeaderLine(search, i + 1, cells);
  });
  return search;
}

describe('the header search, line by line', () => {
  test('the first line with every required column is the header, and no later line changes it', () => {
    const search = searchOver([['title'], ['ID', 'Amount', 'currency_code'], ['id', 'amount', 'earnedCurrencyCode']]);
    expect(search.found).toBe(2);
  });

  test('without a header the problem is the first line lacking the fewest columns, with what it lacks', () => {
    const search = searchOver([['title'], ['id'], ['id', 'amount'], ['amount', 'id'], ['x']]);
    expect(search.found).toBeNull();
    expect(headerProblem(search)).toEqual({ code: 'missing_column', line: 3, missing: [['currencyCode', 'earnedCurrencyCode']] });
  });

  test('lines with none of the required columns are never the closest: the problem is header_not_found with the depth', () => {
    const search = searchOver([['title'], [''], ['a', 'b']]);
    expect(headerProblem(search)).toMatchObject({ code: 'header_not_found', depth: HEADER_SEARCH_LINES });
  });

  test(`lines past the depth (${HEADER_SEARCH_LINES} by default) are not looked at`, () => {
    const notes = Array.from({ length: HEADER_SEARCH_LINES }, () => ['note']);
    expect(searchesLine(startHeaderSearch(REQUIRED), HEADER_SEARCH_LINES)).toBe(true);
    expect(searchesLine(startHeaderSearch(REQUIRED), HEADER_SEARCH_LINES + 1)).toBe(false);
    expect(searchOver([...notes, ['id', 'amount', 'currencyCode']]).found).toBeNull();
    expect(searchOver([...notes.slice(1), ['id', 'amount', 'currencyCode']]).found).toBe(HEADER_SEARCH_LINES);
    expect(searchOver([['x'], ['id', 'amount', 'currencyCode']], REQUIRED, 1).found).toBeNull();
  });

  test('searches for several kinds at once look at no line past the first header of any kind, nor past every depth', () => {
    const earnings = startHeaderSearch(REQUIRED);
    const payments = startHeaderSearch(['paymentId', 'earned']);
    expect(searchesAnyLine([earnings, payments], 3)).toBe(true);
    // The Payments header on line 2 ends both searches, though the earnings one has found nothing.
    const afterPayments = [seeHeaderLine(earnings, 2, ['paymentId', 'earned']), seeHeaderLine(payments, 2, ['paymentId', 'earned'])];
    expect(afterPayments.map((s) => s.found)).toEqual([null, 2]);
    expect(searchesAnyLine(afterPayments, 3)).toBe(false);
    expect(searchesAnyLine([earnings, startHeaderSearch(['paymentId'], 5)], HEADER_SEARCH_LINES)).toBe(true);
    expect(searchesAnyLine([startHeaderSearch(REQUIRED, 5), startHeaderSearch(['paymentId'], 5)], 6)).toBe(false);
  });

  test('a line offered split several ways is the header when one split has every column; the closest is the first split lacking the fewest', () => {
    let search = startHeaderSearch(REQUIRED);
    search = seeHeaderLine(search, 1, ['id;amount']);
    search = seeHeaderLine(search, 1, ['id', 'amount']);
    expect(search.closest).toEqual({ line: 1, missing: [['currencyCode', 'earnedCurrencyCode']] });
    search = seeHeaderLine(search, 2, ['id\tamount\tcurrencyCode']);
    search = seeHeaderLine(search, 2, ['id', 'amount', 'currencyCode']);
    expect(search.found).toBe(2);
  });

  const name = fc.constantFrom('id', 'amount', 'currencyCode', 'earnedCurrencyCode', 'note', 'ID', '');
  const lines = fc.array(fc.array(name, { maxLength: 5 }), { maxLength: 30 });
  test('the search finds what the rule says over the whole file: the first complete line within the depth, else the first closest', () => {
    fc.assert(
      fc.property(lines, (file) => {
        const within = file.slice(0, HEADER_SEARCH_LINES).map((cells, i) => ({ line: i + 1, missing: missingRequirements(cells, REQUIRED).length }));
        const complete = within.find((l) => l.missing === 0);
        const search = searchOver(file);
        expect(search.found).toBe(complete?.line ?? null);
        if (complete) return;
        const partial = within.filter((l) => l.missing < REQUIRED.length);
        const fewest = Math.min(...partial.map((l) => l.missing));
        const problem = headerProblem(search);
        expect(problem.code === 'missing_column' ? problem.line : null).toBe(partial.find((l) => l.missing === fewest)?.line ?? null);
      }),
    );
  });
});
