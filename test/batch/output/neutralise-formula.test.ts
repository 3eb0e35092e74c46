import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { neutraliseFormula, restoreNeutralisedText } from '../../../batch/output/neutralise-formula.js';

describe('neutraliseFormula', () => {
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

  test('is undone by restoreNeutralisedText for every text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(restoreNeutralisedText(neutraliseFormula(text))).toBe(text);
      }),
    );
  });

  test('never leaves a trigger character first', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(neutraliseFormula(text)).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });
});
