/**
 * Text a spreadsheet would run as a formula is guarded by both adapters alike (core's
 * `opensFormula`; docs/RULES.md, "Formula injection"): the batch job's CSV and XLSX text cells
 * (`neutraliseFormula`) and the cells the add-in writes (`textToCell`) both put Excel's quote prefix
 * before the same texts. Text the add-in prefixes for reasons of its own (a number kept as text, a
 * quote of the text's own) is left out here.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { neutraliseFormula } from '../../core/text/neutralise-formula.js';
import { textToCell } from '../../addin/excel/cell-values.js';
import { FORMULA_TRIGGERS } from '../../core/text/formula-trigger.js';
import { FORMULA_TEXTS } from '../support/formula-texts.js';

const guarded = (written: string, text: string) => written === `'${text}`;

describe('the same texts are guarded against formula injection in both adapters', () => {
  // A text with a quote of its own first is guarded by each adapter for reasons of its own.
  test.each(FORMULA_TEXTS.filter(([text]) => !text.startsWith("'")))('%j guarded: %s', (text, expected) => {
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
