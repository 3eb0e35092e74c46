import { describe, expect, test } from 'vitest';
import { FILE_REFUSALS } from '../../core/tables/file-kind.js';
import { fileRefusalKey, LANGUAGES, message, messageTable } from '../../addin/i18n/messages.js';

describe('why a file is not read, in words', () => {
  test('every reason core can refuse a file for has words in every language, and the message shows them instead of the code', () => {
    for (const language of LANGUAGES) {
      const table = messageTable(language) as Readonly<Record<string, unknown>>;
      for (const reason of FILE_REFUSALS) {
        const words = table[`fileRefusal.${reason}`];
        expect(typeof words, `${language} ${reason}`).toBe('string');
        expect((words as string).trim(), `${language} ${reason}`).not.toBe('');
        const shown = message(language, 'issue.unsupported_file', { input: message(language, fileRefusalKey(reason)) });
        expect(shown, `${language} ${reason}`).toContain(words as string);
        expect(shown, `${language} ${reason}`).not.toContain('{input}');
        expect(words, `${language} ${reason}`).not.toBe(reason);
      }
    }
  });

  test('each reason has its own words in each language', () => {
    for (const language of LANGUAGES) {
      const words = FILE_REFUSALS.map((reason) => message(language, fileRefusalKey(reason)));
      expect(new Set(words).size, language).toBe(FILE_REFUSALS.length);
    }
  });
});
