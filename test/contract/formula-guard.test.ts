/**
 * Text a spreadsheet would run as a formula is guarded by both adapters alike (core's
 * `opensFormula`; docs/RULES.md, "Formula injection"): the batch job's CSV and XLSX text cells
 * (`neutraliseFormula`) and the cells the add-in writes (`textToCell`) both put Excel's quote prefix
 * before the same texts. Text the add-in prefixes for reasons of its own (a number kept as text, a
 * quote of the text's own) is left out here.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { neutraliseFormula } from '../../batch/output/neutralise-formula.js';
import { textToCell } from '../../addin/excel/cell-values.js';
import { FORMULA_TRIGGERS } from '../../core/text/formula-trigger.js';

const guarded = (written: string, text: string) => written === `'${text}`;

describe('the same texts are guarded against formula injection in both adapters', () => {
  test.each<[string, boolean]>([
    ['=HYPERLINK("http://x","y")', true],
    ['+SUM(A1:A9)', true],
    ['-2+3', true],
    ['@cmd', true],
    ['\t=1', true],
    ['\r=1', true],
    ['Contoso, Ltd.', false],
    ['a=1', false],
    [' =1', false],
    ['\n=1', false],
    ['Ünsal', false],
    ['(12.50)', false],
  ])('%j guarded: %s', (text, expected) => {
    expect([guarded(neutraliseFormula(text), text), guarded(textToCell(text), text)]).toEqual([expected, expected]);
  });

  test('any text that starts with a trigger is guarded by both; text that starts with a letter by neither', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORMULA_TRIGGERS, 'a', 'Z', 'é'), fc.string(), (first, rest) => {
        const text = first + rest;
        const expected = FORMULA_TRIGGERS.includes(first);
        expect([guarded(neutraliseFormula(text), text), guarded(textToCell(text), text)]).toEqual([expected, expected]);
      }),
    );
  });
});
