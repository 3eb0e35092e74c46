import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { recordVerdict, type RecordFindings, type RecordVerdict } from '../../../core/tables/record-verdict.js';

const well: RecordFindings = { unclosedQuote: false, invalidQuote: false, blank: false, cells: 8, width: 8 };

describe('what a record after the header is reported as (docs/RULES.md, "The file as a whole")', () => {
  test.each<[string, Partial<RecordFindings>, RecordVerdict]>([
    ['nothing found: a row', {}, 'row'],
    ['a quote never closed, in a blank record: unclosed_quote', { unclosedQuote: true, blank: true }, 'unclosed_quote'],
    ['a quote never closed after text after a closing quote: unclosed_quote', { unclosedQuote: true, invalidQuote: true }, 'unclosed_quote'],
    ['a quote never closed in a record of the wrong width: unclosed_quote', { unclosedQuote: true, cells: 3 }, 'unclosed_quote'],
    ['a blank record with text after a closing quote (`"" ,,`): skipped', { blank: true, invalidQuote: true }, 'blank'],
    ['a blank record of the wrong width: skipped', { blank: true, cells: 3 }, 'blank'],
    ['text after a closing quote in a record of the wrong width: malformed_csv', { invalidQuote: true, cells: 9 }, 'malformed_csv'],
    ['the wrong width alone: ragged_row', { cells: 7 }, 'ragged_row'],
  ])('%s', (_what, found, verdict) => {
    expect(recordVerdict({ ...well, ...found })).toBe(verdict);
  });

  test('the first finding in the order decides, whatever else is found', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 20 }), (unclosedQuote, invalidQuote, blank, cells, width) => {
        const verdict = recordVerdict({ unclosedQuote, invalidQuote, blank, cells, width });
        const order: [boolean, RecordVerdict][] = [[unclosedQuote, 'unclosed_quote'], [blank, 'blank'], [invalidQuote, 'malformed_csv'], [cells !== width, 'ragged_row'], [true, 'row']];
        expect(verdict).toBe(order.find(([found]) => found)![1]);
      }),
    );
  });
});
