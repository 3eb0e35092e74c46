import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { neutraliseFormula, restoreNeutralisedText } from '../../../core/text/neutralise-formula.js';
import { FORMULA_TRIGGERS } from '../../../core/text/formula-trigger.js';

/**
 * Any text, with the starts that matter drawn often: a run of quotes, then maybe a trigger, then
 * anything (any code unit, lone surrogates too), so `''=1` is met as often as `plain`.
 */
const anyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc
    .tuple(fc.nat({ max: 4 }), fc.constantFrom('', "'", 'x', ' ', ...FORMULA_TRIGGERS), fc.string({ unit: 'binary' }))
    .map(([quotes, first, rest]) => `${"'".repeat(quotes)}${first}${rest}`),
);

describe('the batch job\'s quote prefix (docs/RULES.md, "Formula injection")', () => {
  test.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1:A9)', "'+SUM(A1:A9)"],
    ['-12.50', "'-12.50"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ["'=1", "''=1"],
    ['plain', 'plain'],
    ['a=1', 'a=1'],
    ['', ''],
    ["'quoted", "'quoted"],
    [' =1', ' =1'],
  ])('writes %j as %j', (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });

  test.each([
    ["'=1+1", '=1+1'],
    ["''=1", "'=1"],
    ["'quoted", "'quoted"],
    ["'", "'"],
    ['plain', 'plain'],
  ])('reads %j back as %j', (written, text) => {
    expect(restoreNeutralisedText(written)).toBe(text);
  });

  test('restore(neutralise(s)) is s, for any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(restoreNeutralisedText(neutraliseFormula(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  test('never leaves a trigger character first', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(neutraliseFormula(text)).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });
});
