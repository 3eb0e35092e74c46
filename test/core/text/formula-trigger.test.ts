import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { FORMULA_TRIGGERS, opensFormula } from '../../../core/text/formula-trigger.js';
import { FORMULA_TEXTS } from '../../support/formula-texts.js';

describe('text a spreadsheet would run as a formula (docs/RULES.md, "Formula injection")', () => {
  test.each(FORMULA_TEXTS)('%j: %s', (text, expected) => {
    expect(opensFormula(text)).toBe(expected);
  });

  test('looks at the character asked for, past a prefix of the caller\'s own', () => {
    expect(opensFormula("''=1", 2)).toBe(true);
    expect(opensFormula("''x", 2)).toBe(false);
    expect(opensFormula("''", 2)).toBe(false);
  });

  test('is exactly "the first character is a trigger", for any text', () => {
    fc.assert(
      fc.property(fc.constantFrom('', ...FORMULA_TRIGGERS), fc.string(), (first, rest) => {
        expect(opensFormula(first + rest)).toBe(first !== '' || FORMULA_TRIGGERS.includes(rest.charAt(0)));
      }),
    );
  });
});
