// @vitest-environment happy-dom
/**
 * The Settings view's "Numbers in imported files", rendered in happy-dom on the fake workbook: the
 * choice is saved in the workbook as the tag the batch job's --number-locale takes, read back by
 * core's rules and shown selected; a typed tag core refuses is not saved; a refused stored tag is
 * listed under Settings like the other refused values, named by its field.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { fake } from './fake-excel.js';
import { saveSettings, setUpWorkbook } from '../../addin/taskpane/workbook-ops.js';
import { renderSettings } from '../../addin/taskpane/views/settings-view.js';
import { SETTING_KEYS } from '../../addin/ledger/ledger-settings-store.js';
import type { App } from '../../addin/taskpane/app.js';
import { viewApp } from './view-app.js';
import { LANGUAGES, message } from '../../addin/i18n/messages.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';

interface Harness {
  readonly app: App;
  readonly root: HTMLElement;
  readonly notes: { text: string; kind: string }[];
}

async function harness(tag = 'en-US'): Promise<Harness> {
  const root = document.createElement('main');
  document.body.replaceChildren(root);
  const notes: Harness['notes'] = [];
  const app = await viewApp(tag, renderSettings, root, notes);
  return { app, root, notes };
}

const byTestId = <E extends HTMLElement>(root: ParentNode, id: string) => root.querySelector<E>(`[data-testid="${id}"]`);

function choose(root: ParentNode, value: string): void {
  const select = byTestId<HTMLSelectElement>(root, 'settings-numberLocale')!;
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

async function save(root: ParentNode): Promise<void> {
  byTestId<HTMLButtonElement>(root, 'settings-save')!.click();
  // The click runs the save (an Excel.run, then a reload) after it returns.
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('Numbers in imported files', () => {
  beforeEach(async () => {
    fake.reset();
    await setUpWorkbook();
    await saveSettings({ asOf: '2022-02-10' as IsoDate, fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 'settings' });
  });

  test('nothing stored shows the invariant form selected', async () => {
    const { root } = await harness();
    expect(byTestId<HTMLSelectElement>(root, 'settings-numberLocale')!.value).toBe('');
    expect(byTestId<HTMLInputElement>(root, 'settings-numberLocale-other')!.hidden).toBe(true);
  });

  test('choosing nl-NL and saving stores the tag in the workbook; the import reads it back as nl-NL, shown selected', async () => {
    const { app, root } = await harness();
    choose(root, 'nl-NL');
    await save(root);
    expect(fake.model.settings.get(SETTING_KEYS.numberLocale)).toBe('nl-NL');
    expect([app.state!.stored.numberLocale?.decimal, app.state!.stored.issues]).toEqual([',', []]);
    expect(byTestId<HTMLSelectElement>(root, 'settings-numberLocale')!.value).toBe('nl-NL');
  });

  test('choosing the invariant form again stores no tag', async () => {
    fake.model.settings.set(SETTING_KEYS.numberLocale, 'de-DE');
    const { app, root } = await harness();
    expect(byTestId<HTMLSelectElement>(root, 'settings-numberLocale')!.value).toBe('de-DE');
    choose(root, '');
    await save(root);
    expect(fake.model.settings.get(SETTING_KEYS.numberLocale)).toBe('');
    expect(app.state!.stored.numberLocale).toBeNull();
  });

  test('another tag can be typed, saved, and is shown as typed', async () => {
    const { app, root } = await harness();
    choose(root, 'other');
    const other = byTestId<HTMLInputElement>(root, 'settings-numberLocale-other')!;
    expect(other.hidden).toBe(false);
    other.value = 'de-CH';
    await save(root);
    expect(fake.model.settings.get(SETTING_KEYS.numberLocale)).toBe('de-CH');
    expect(app.state!.stored.numberLocale?.tag).toBe('de-CH');
    expect(byTestId<HTMLInputElement>(root, 'settings-numberLocale-other')!.value).toBe('de-CH');
  });

  test('a typed tag core refuses is not saved: the error names the field, and the stored value stays', async () => {
    fake.model.settings.set(SETTING_KEYS.numberLocale, 'nl-NL');
    const { root, notes } = await harness();
    choose(root, 'other');
    byTestId<HTMLInputElement>(root, 'settings-numberLocale-other')!.value = 'xx-YY';
    await save(root);
    expect(fake.model.settings.get(SETTING_KEYS.numberLocale)).toBe('nl-NL');
    expect(notes.map((n) => n.kind)).toEqual(['error']);
    expect(notes[0]!.text).toContain(message('en', 'settings.numberLocale'));
  });

  test.each(LANGUAGES)('a refused stored tag is listed under Settings in %s, named by its field, and shown as stored', async (language) => {
    fake.model.settings.set(SETTING_KEYS.numberLocale, 'xx-YY');
    const { root } = await harness(language);
    const problem = byTestId(root, 'settings-problem-invalid_setting')!;
    expect(problem.textContent).toContain(message(language, 'settings.numberLocale'));
    expect(problem.textContent).toContain('xx-YY');
    expect(byTestId<HTMLSelectElement>(root, 'settings-numberLocale')!.value).toBe('other');
    expect(byTestId<HTMLInputElement>(root, 'settings-numberLocale-other')!.value).toBe('xx-YY');
  });
});

describe('what is typed under Settings and not saved', () => {
  beforeEach(async () => {
    fake.reset();
    await setUpWorkbook();
  });

  const type = (root: ParentNode, id: string, value: string) => {
    const input = byTestId<HTMLInputElement>(root, id)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };

  test('survives the re-render a refresh of the pane causes, and a save still reads it', async () => {
    const { app, root, notes } = await harness();
    type(root, 'settings-expiryDays', '30, sixty');
    type(root, 'settings-user', 'Ana');
    // A table changed meanwhile: the pane reads the workbook again and draws the view anew.
    await app.reload();
    expect(byTestId<HTMLInputElement>(root, 'settings-expiryDays')!.value).toBe('30, sixty');
    expect(byTestId<HTMLInputElement>(root, 'settings-user')!.value).toBe('Ana');
    await save(root);
    expect(notes.at(-1)?.kind).toBe('error');
    expect(fake.model.settings.get(SETTING_KEYS.expiryDays)).toBeUndefined();
  });

  test('once saved, the view shows the workbook\'s values again', async () => {
    const { app, root } = await harness();
    type(root, 'settings-expiryDays', '90; 5');
    await save(root);
    expect(fake.model.settings.get(SETTING_KEYS.expiryDays)).toBe('5, 90');
    await app.reload();
    expect(byTestId<HTMLInputElement>(root, 'settings-expiryDays')!.value).toBe('5, 90');
  });
});
