import { readSettings, storeSettings } from '../../../core/settings.js';
import { parsePolicyRows } from '../../../core/policy/parse-policy-rows.js';
import { PROGRAMS_COLUMNS } from '../../../core/workbook-layout.js';
import { el, replaceChildren } from '../dom.js';
import type { App } from '../app.js';
import { rowsAsRecords } from '../../ledger/workbook-ledger.js';
import { saveSettings, savePrograms } from '../workbook-ops.js';
import { hasMessage, type MessageKey } from '../../i18n/messages.js';
import { isBlankRow } from '../../../core/tables/blank-row.js';

/**
 * What was typed under Settings and not saved yet, kept across the re-render a refresh of the pane
 * causes (a table changed meanwhile), as the Claims view keeps a draft: typing is never lost.
 */
const unsaved: { asOf?: string; month?: string; expiry?: string; user?: string } = {};

/** Remembers a field's value as it is typed. */
function keep<E extends HTMLInputElement | HTMLSelectElement>(field: E, key: keyof typeof unsaved): E {
  field.addEventListener(field instanceof HTMLSelectElement ? 'change' : 'input', () => {
    unsaved[key] = field.value;
  });
  return field;
}

export function renderSettings(app: App, root: HTMLElement): void {
  const { locale } = app;
  const state = app.state;
  if (!state) return;
  const asOf = keep(el('input', { id: 'settings-asOf', type: 'date', value: unsaved.asOf ?? state.stored.asOf ?? '', 'data-testid': 'settings-asOf' }), 'asOf');
  const monthShown = unsaved.month ?? String(state.stored.settings.fiscalYearStartMonth);
  const month = keep(
    el(
      'select',
      { id: 'settings-fiscalStart', 'data-testid': 'settings-fiscalStart' },
      ...Array.from({ length: 12 }, (_, i) =>
        el('option', { value: String(i + 1), selected: monthShown === String(i + 1) }, new Intl.DateTimeFormat(locale.tag, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2021, i, 1))),
      ),
    ),
    'month',
  );
  // The horizons as they are typed, which is as core stores them.
  const expiry = keep(
    el('input', { id: 'settings-expiryDays', type: 'text', value: unsaved.expiry ?? storeSettings(state.stored).expiryDays, 'aria-describedby': 'settings-expiryDays-hint', 'data-testid': 'settings-expiryDays' }),
    'expiry',
  );
  const numbers = numberLocaleField(app);
  const user = keep(el('input', { id: 'settings-user', type: 'text', value: unsaved.user ?? state.stored.user, 'data-testid': 'settings-user' }), 'user');
  // What core refused in the stored settings: the pane runs on the default meanwhile, and says so.
  const storedLabel: Readonly<Record<string, MessageKey>> = {
    asOf: 'settings.asOf',
    fiscalYearStartMonth: 'settings.fiscalStart',
    expiryDays: 'settings.expiryDays',
    numberLocale: 'settings.numberLocale',
  };
  const storedProblems = state.stored.issues.map((i) => {
    const label = storedLabel[String(i.path[0])];
    return el('li', { class: 'problem', 'data-testid': `settings-problem-${i.code}` }, locale.issue(i, label ? locale.t(label) : undefined));
  });
  const saveButton = el('button', { type: 'button', class: app.ready ? 'primary' : undefined, 'data-testid': 'settings-save', disabled: !app.ready }, locale.t('settings.save'));
  saveButton.addEventListener('click', () =>
    app.guard(async () => {
      // The values typed are read by core's rules, as the batch job reads its options; nothing is saved while one is refused.
      const read = readSettings({ asOf: asOf.value, fiscalYearStartMonth: month.value, expiryDays: expiry.value, numberLocale: numbers.tag() });
      const refused = read.issues[0];
      if (refused) {
        const label = storedLabel[String(refused.path[0])];
        app.notify(locale.issue(refused, label ? locale.t(label) : undefined), 'error');
        return;
      }
      await saveSettings({
        asOf: read.asOf,
        fiscalYearStartMonth: read.settings.fiscalYearStartMonth,
        expiryDays: read.settings.expiryDays,
        numberLocale: read.numberLocale,
        user: user.value.trim(),
      });
      // Saved: the view shows the workbook's values again.
      for (const key of Object.keys(unsaved) as (keyof typeof unsaved)[]) delete unsaved[key];
      await app.reload();
      app.notify(locale.t('settings.saved'));
    }),
  );

  // Programs: the Programs table's rows, editable.
  const records = state.programs ? rowsAsRecords(state.programs, PROGRAMS_COLUMNS) : [];
  // One block of labelled fields per program row: a seven-column grid cannot fit a 320 px pane.
  const body = el('div', { class: 'program-rows', 'data-testid': 'programs-table' });
  const rowInputs: HTMLInputElement[][] = [];
  const addRow = (record: Record<string, string>) => {
    const n = rowInputs.length;
    const inputs = PROGRAMS_COLUMNS.map((c) => el('input', { id: `program-${n}-${c.name}`, type: 'text', name: c.name, value: record[c.name] ?? '' }));
    rowInputs.push(inputs);
    body.append(
      el(
        'fieldset',
        { class: 'program-row', 'data-testid': 'program-row' },
        el('legend', {}, record.name || locale.t('settings.programRow', { n: n + 1 })),
        ...PROGRAMS_COLUMNS.map((c, i) => el('div', { class: 'field' }, el('label', { for: `program-${n}-${c.name}` }, locale.t(`programColumn.${c.name}` as MessageKey)), inputs[i])),
      ),
    );
  };
  for (const r of records) addRow(r);
  const addButton = el('button', { type: 'button', 'data-testid': 'programs-add', disabled: !app.ready }, locale.t('settings.addProgram'));
  addButton.addEventListener('click', () => addRow({}));
  const problems = el('ul', { class: 'problems', 'data-testid': 'programs-problems' });
  const saveProgramsButton = el('button', { type: 'button', 'data-testid': 'programs-save', disabled: !app.ready }, locale.t('settings.save'));
  saveProgramsButton.addEventListener('click', () =>
    app.guard(async () => {
      const edited = rowInputs.map((inputs) => Object.fromEntries(inputs.map((i) => [i.name, i.value])));
      const parsed = parsePolicyRows(edited);
      if (!parsed.ok) {
        replaceChildren(
          problems,
          ...parsed.issues.map((i) => {
            const column = String(i.path[2] ?? i.path[i.path.length - 1] ?? '');
            const label = hasMessage(`programColumn.${column}`) ? locale.t(`programColumn.${column}` as MessageKey) : column;
            return el('li', {}, `${locale.t('settings.programRow', { n: Number(i.path[1] ?? 0) + 1 })}: ${locale.issue(i, label)}`);
          }),
        );
        return;
      }
      replaceChildren(problems);
      await savePrograms(edited.filter((r) => !isBlankRow(Object.values(r))));
      await app.reload();
      app.notify(locale.t('settings.programsSaved'));
    }),
  );

  replaceChildren(
    root,
    el('div', { class: 'field' }, el('label', { for: 'settings-asOf' }, locale.t('settings.asOf')), asOf),
    el('div', { class: 'field' }, el('label', { for: 'settings-fiscalStart' }, locale.t('settings.fiscalStart')), month),
    el('div', { class: 'field' }, el('label', { for: 'settings-expiryDays' }, locale.t('settings.expiryDays')), expiry, el('p', { class: 'muted', id: 'settings-expiryDays-hint' }, locale.t('settings.expiryDaysHint'))),
    numbers.field,
    el('div', { class: 'field' }, el('label', { for: 'settings-user' }, locale.t('settings.user')), user),
    storedProblems.length > 0 ? el('ul', { class: 'problems', 'data-testid': 'settings-problems' }, ...storedProblems) : null,
    saveButton,
    el('h2', {}, locale.t('settings.programs')),
    body,
    addButton,
    saveProgramsButton,
    problems,
  );
}

/** Tags offered for exports saved by an Excel in another language; any other tag Intl knows can be typed. */
const COMMON_NUMBER_LOCALES = ['nl-NL', 'de-DE', 'fr-FR', 'sv-SE', 'en-US'] as const;
const OTHER = 'other';

/** How a tag writes 1234.56, for the option's label; just the tag when Intl cannot say (a refused one). */
function sampleIn(tag: string): string {
  try {
    return `${tag} (${new Intl.NumberFormat(tag, { minimumFractionDigits: 2, useGrouping: true }).format(1234.56)})`;
  } catch {
    return tag;
  }
}

/**
 * "Numbers in imported files": the invariant form, a few common tags, or another tag typed. The
 * stored tag is selected as saved, even one core refuses, so what is wrong can be seen and changed.
 */
function numberLocaleField(app: App): { field: HTMLElement; tag(): string } {
  const { locale } = app;
  const stored = app.state?.stored.numberLocaleTag ?? '';
  const offered: readonly string[] = COMMON_NUMBER_LOCALES;
  const typed = stored !== '' && !offered.includes(stored);
  const select = el(
    'select',
    { id: 'settings-numberLocale', 'aria-describedby': 'settings-numberLocale-hint', 'data-testid': 'settings-numberLocale' },
    el('option', { value: '' }, locale.t('settings.numberLocaleInvariant')),
    ...offered.map((tag) => el('option', { value: tag }, sampleIn(tag))),
    el('option', { value: OTHER }, locale.t('settings.numberLocaleOther')),
  );
  select.value = typed ? OTHER : stored;
  const other = el('input', {
    id: 'settings-numberLocale-other',
    type: 'text',
    value: typed ? stored : '',
    hidden: !typed,
    'aria-label': locale.t('settings.numberLocaleOther'),
    'data-testid': 'settings-numberLocale-other',
  });
  select.addEventListener('change', () => {
    other.hidden = select.value !== OTHER;
  });
  const field = el(
    'div',
    { class: 'field' },
    el('label', { for: 'settings-numberLocale' }, locale.t('settings.numberLocale')),
    select,
    other,
    el('p', { class: 'muted', id: 'settings-numberLocale-hint' }, locale.t('settings.numberLocaleHint')),
  );
  return { field, tag: () => (select.value === OTHER ? other.value : select.value) };
}
