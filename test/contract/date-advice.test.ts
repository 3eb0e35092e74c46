/**
 * A date core cannot read is explained with the forms core reads (`DATE_FORMATS_EXPECTED`), in the
 * batch job's message and hint and in the pane's message in every language: the pane used to say
 * only yyyy-mm-dd, where core also reads M/d/yyyy and the batch job said so.
 */
import { describe, expect, test } from 'vitest';
import { DATE_FORMATS_EXPECTED, parseDate } from '../../core/calendar/calendar-date.js';
import { describeIssue } from '../../batch/reconcile/messages.js';
import { hintFor } from '../../batch/input/cell-reader.js';
import { createLocale } from '../../addin/i18n/locale.js';

describe('a date core cannot read', () => {
  test.each(['31/12/2021', '2021-02-30', 'soon'])('%s is explained with the forms core reads, in both adapters', (text) => {
    const read = parseDate(text);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const [issue] = read.issues;
    expect(issue!.params?.expected).toBe(DATE_FORMATS_EXPECTED);
    for (const form of DATE_FORMATS_EXPECTED.split(', ')) {
      expect(describeIssue(issue!)).toContain(form);
      expect(hintFor(issue!)).toContain(form);
      for (const tag of ['en-US', 'nl-NL', 'de-DE', 'fr-FR', 'sv-SE']) expect(createLocale(tag).issue(issue!, 'earningDate'), tag).toContain(form);
    }
  });
});
