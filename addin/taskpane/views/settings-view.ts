import { parseDate } from '../../../core/calendar/calendar-date.js';
import { parsePolicyRows } from '../../../core/policy/parse-policy-rows.js';
import { PROGRAMS_COLUMNS } from '../../../core/workbook-layout.js';
import { el, replaceChildren } from '../dom.js';
import type { App } from '../app.js';
import { rowsAsRecords } from '../../ledger/workbook-ledger.js';
import { saveSettings, savePrograms } from '../workbook-ops.js';

export function renderSettings(app: App, root: HTMLElement): void {
  const { locale } = app;
  const state = app.state;
  if (!state) return;
  const asOf = el('input', { type: 'date', value: state.stored.asOf ?? '', 'data-testid': 'settings-asOf' });
  const month = el(
    'select',
    { 'data-testid': 'settings-fiscalStart' },
    ...Array.from({ length: 12 }, (_, i) =>
      el('option', { value: String(i + 1), selected: state.stored.settings.fiscalYearStartMonth === i + 1 }, new Intl.DateTimeFormat(locale.tag, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2021, i, 1))),
    ),
  );
  const user = el('input', { type: 'text', value: state.stored.user, 'data-testid': 'settings-user' });
  const saveButton = el('button', { type: 'button', 'data-testid': 'settings-save' }, locale.t('settings.save'));
  saveButton.addEventListener('click', () =>
    app.guard(async () => {
      const text = asOf.value.trim();
      const date = text === '' ? null : parseDate(text);
      if (date && !date.ok) {
        app.notify(locale.issue(date.issues[0]!, locale.t('settings.asOf')), 'error');
        return;
      }
      await saveSettings({ asOf: date ? date.value : null, fiscalYearStartMonth: Number.parseInt(month.value, 10), user: user.value.trim() });
      await app.reload();
      app.notify(locale.t('settings.saved'));
    }),
  );

  // Programs: an editable grid over the Programs table.
  const records = state.programs ? rowsAsRecords(state.programs, PROGRAMS_COLUMNS) : [];
  const body = el('tbody', {});
  const rowInputs: HTMLInputElement[][] = [];
  const addRow = (record: Record<string, string>) => {
    const inputs = PROGRAMS_COLUMNS.map((c) => el('input', { type: 'text', name: c.name, value: record[c.name] ?? '', 'aria-label': c.name }));
    rowInputs.push(inputs);
    body.append(el('tr', {}, ...inputs.map((i) => el('td', {}, i))));
  };
  for (const r of records) addRow(r);
  const addButton = el('button', { type: 'button' }, locale.t('settings.addProgram'));
  addButton.addEventListener('click', () => addRow({}));
  const problems = el('ul', { class: 'problems', 'data-testid': 'programs-problems' });
  const saveProgramsButton = el('button', { type: 'button', 'data-testid': 'programs-save' }, locale.t('settings.save'));
  saveProgramsButton.addEventListener('click', () =>
    app.guard(async () => {
      const edited = rowInputs.map((inputs) => Object.fromEntries(inputs.map((i) => [i.name, i.value])));
      const parsed = parsePolicyRows(edited);
      if (!parsed.ok) {
        replaceChildren(problems, ...parsed.issues.map((i) => el('li', {}, `${String(i.path[1] ?? '')}: ${locale.issue(i)}`)));
        return;
      }
      replaceChildren(problems);
      await savePrograms(edited.filter((r) => Object.values(r).some((v) => v.trim() !== '')));
      await app.reload();
      app.notify(locale.t('settings.programsSaved'));
    }),
  );

  replaceChildren(
    root,
    el('label', { class: 'field' }, locale.t('settings.asOf'), asOf),
    el('label', { class: 'field' }, locale.t('settings.fiscalStart'), month),
    el('label', { class: 'field' }, locale.t('settings.user'), user),
    saveButton,
    el('h2', {}, locale.t('settings.programs')),
    el('div', { class: 'grid' }, el('table', { 'data-testid': 'programs-table' }, el('thead', {}, el('tr', {}, ...PROGRAMS_COLUMNS.map((c) => el('th', {}, c.name)))), body)),
    addButton,
    saveProgramsButton,
    problems,
  );
}
