import { describe, expect, test } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
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

  fcTest.prop([fc.string()])('is undone by restoreNeutralisedText for every text', (text) => {
    expect(restoreNeutralisedText(neutraliseFormula(text))).toBe(text);
  });

  fcTest.prop([fc.string()])('never leaves a trigger character first', (text) => {
    expect(neutraliseFormula(text)).not.toMatch(/^[=+\-@\t\r]/);
  });
});
