/**
 * Findings: what core's checks found in the workbook, the same findings the batch job writes to
 * findings.csv (`Ledger.findings`, already in core's order: errors first, then by code). Counts by
 * severity first, then one group per run of equal severity and code in that order, each under its
 * localized title and count. Nothing here decides what is a finding or how serious it is; the view
 * only words the code and lays out the fields core gives (where, which ids, expected and found).
 *
 * A 100,000-row Earnings table can give thousands of findings of one code: every group starts
 * folded and renders nothing until opened, then the first `PAGE` findings, and `PAGE` more each time
 * the user asks, so the pane never builds thousands of nodes on load.
 */
import { FINDING_DETAIL_FIELDS, type Finding } from '../../../core/reconcile/finding.js';
import { SEVERITIES, type Severity } from '../../../core/codes.js';
import { TABLES } from '../../../core/workbook-layout.js';
import { el, replaceChildren } from '../dom.js';
import type { App } from '../app.js';
import type { Locale } from '../../i18n/locale.js';
import { hasMessage } from '../../i18n/messages.js';
import { selectClaimRow, selectTableRowAt } from '../workbook-ops.js';

/** How many findings of a group are drawn at a time. */
export const PAGE = 50;

/** Which groups are open and how far each is shown survive the re-render that follows every reload. */
const view = {
  open: new Set<string>(),
  shown: new Map<string, number>(),
};

/** Consecutive findings of one severity and code: one group, in the ledger's order. */
interface FindingGroup {
  readonly id: string;
  readonly severity: Severity;
  readonly code: Finding['code'];
  readonly findings: Finding[];
}

/** Runs of equal severity and code; the ledger's order (core's `compareFindings`) keeps each run together. */
function groupsOf(findings: readonly Finding[]): FindingGroup[] {
  const groups: FindingGroup[] = [];
  for (const f of findings) {
    const last = groups[groups.length - 1];
    if (last && last.severity === f.severity && last.code === f.code) last.findings.push(f);
    else groups.push({ id: `${f.severity}|${f.code}`, severity: f.severity, code: f.code, findings: [f] });
  }
  return groups;
}

/**
 * A finding code's title. Every code of core's `FINDING_CODES` and of its import log's
 * (`IMPORT_LOG_CODES`) has one in every language (a test holds them together); the other input
 * codes of the Finding type reach only the batch job's findings (the add-in's import reports its
 * own), and would be shown by their code rather than not at all.
 */
export function findingTitle(locale: Locale, code: Finding['code']): string {
  const key = `finding.${code}`;
  return hasMessage(key) ? locale.t(key) : code;
}

export function renderFindings(app: App, root: HTMLElement): void {
  const { locale } = app;
  const state = app.state;
  if (!state) return;
  const { ledger } = state;
  const nameOf = (id: string) => state.participantNames.get(id) || id;

  const counts = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  for (const f of ledger.findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const summary = el(
    'section',
    { class: 'findings-summary', 'aria-labelledby': 'findings-heading', 'data-testid': 'findings-summary' },
    el('h2', { id: 'findings-heading' }, locale.t('findings.heading')),
    el(
      'ul',
      { class: 'severity-counts' },
      ...SEVERITIES.map((s) =>
        el('li', { class: `severity-count severity-${s}`, 'data-testid': `findings-count-${s}` }, locale.t(`findings.count.${s}`, { count: counts.get(s) ?? 0 })),
      ),
    ),
  );

  // Rows core could not read are not in any check: said here too, so an empty list is not taken for a clean workbook.
  const unread = ledger.problems.length;
  const notes = [
    ledger.refusedSettings.length > 0 ? el('p', { class: 'problem', 'data-testid': 'findings-refused-settings' }, locale.t('findings.refusedSettings')) : null,
    ledger.refusedTable !== null ? el('p', { class: 'problem', 'data-testid': 'findings-refused' }, locale.t('findings.refused', { table: ledger.refusedTable })) : null,
    ledger.refusedTable === null && unread > 0 ? el('p', { class: 'problem', 'data-testid': 'findings-unread' }, locale.t('findings.unread', { count: unread })) : null,
    ledger.refusedTable === null && ledger.refusedSettings.length === 0 && ledger.findings.length === 0 ? el('p', { class: 'findings-none', 'data-testid': 'findings-none' }, locale.t('findings.none')) : null,
  ];

  const groups = groupsOf(ledger.findings);
  const list = el('div', { class: 'finding-groups', 'data-testid': 'finding-groups' }, ...groups.map((g, i) => groupSection(g, i)));

  function groupSection(group: FindingGroup, index: number): HTMLElement {
    const bodyId = `finding-group-${index}`;
    const head = el(
      'button',
      { type: 'button', class: 'finding-group-head', 'aria-expanded': 'false', 'aria-controls': bodyId, 'data-testid': 'finding-group-open' },
      el('span', { class: `severity-badge severity-${group.severity}` }, locale.t(`findings.severity.${group.severity}`)),
      el('span', { class: 'finding-group-title', 'data-testid': 'finding-group-title' }, findingTitle(locale, group.code)),
      el('span', { class: 'finding-group-count', 'data-testid': 'finding-group-count' }, locale.integer(group.findings.length)),
    );
    const body = el('div', { id: bodyId, class: 'finding-group-body', hidden: true });
    const section = el('section', { class: `finding-group severity-${group.severity}`, 'data-testid': 'finding-group', 'data-codes': group.code }, el('h3', {}, head), body);

    // Drawn when opened; each "more" appends the next page to what is drawn, never redraws it.
    const drawBody = () => {
      const total = group.findings.length;
      const items = el('ul', { class: 'findings' });
      const showing = el('span', { 'data-testid': 'findings-showing' });
      const more = el('button', { type: 'button', class: 'link', 'data-testid': 'findings-more' });
      const footer = el('p', { class: 'findings-more' }, showing, ' ', more);
      let drawn = 0;
      const drawUpTo = (shown: number) => {
        for (const f of group.findings.slice(drawn, shown)) items.append(findingItem(f));
        drawn = shown;
        footer.hidden = drawn === total;
        showing.textContent = locale.t('findings.showing', { shown: locale.integer(drawn), total: locale.integer(total) });
        more.textContent = locale.t('findings.more', { count: Math.min(PAGE, total - drawn) });
      };
      more.addEventListener('click', () => {
        const from = drawn;
        view.shown.set(group.id, Math.min(total, from + PAGE));
        drawUpTo(Math.min(total, from + PAGE));
        // The first of the findings just drawn takes the focus, so a keyboard user reads on from there.
        (items.children[from] as HTMLElement | undefined)?.focus();
      });
      drawUpTo(Math.min(total, view.shown.get(group.id) ?? PAGE));
      replaceChildren(body, items, footer);
    };
    const expand = (open: boolean) => {
      head.setAttribute('aria-expanded', String(open));
      body.hidden = !open;
      if (open) drawBody();
      else replaceChildren(body);
    };
    head.addEventListener('click', () => {
      const opening = head.getAttribute('aria-expanded') !== 'true';
      if (opening) view.open.add(group.id);
      else {
        // Opened again, a group starts from its first page.
        view.open.delete(group.id);
        view.shown.delete(group.id);
      }
      expand(opening);
    });
    if (view.open.has(group.id)) expand(true);
    return section;
  }

  function findingItem(f: Finding): HTMLElement {
    const pool = [f.participantId ? nameOf(f.participantId) : '', f.programName ?? '', f.earningPeriod ?? '', f.currency ?? ''].filter((s) => s !== '').join(' · ');
    // The ids and figures core says a finding gives, as findings.csv has them (amount and currency, a period, a row): shown as given.
    const shownFields = FINDING_DETAIL_FIELDS.filter((name) => f[name] !== undefined && f[name] !== '');
    return el(
      'li',
      { class: 'finding', 'data-testid': 'finding', 'data-codes': f.code, tabindex: '-1' },
      pool !== '' ? el('span', { class: 'finding-pool', 'data-testid': 'finding-pool' }, pool) : null,
      where(f),
      shownFields.length > 0
        ? el('dl', { class: 'finding-fields' }, ...shownFields.flatMap((name) => [el('dt', {}, locale.t(`findings.field.${name}`)), el('dd', { 'data-testid': `finding-${name}` }, f[name])]))
        : null,
    );
  }

  /** Where a finding points: its table and row, a button that selects the row when the workbook can. */
  function where(f: Finding): HTMLElement | null {
    if (f.file === undefined) return null;
    const text = f.line !== undefined ? locale.t('findings.row', { table: f.file, row: locale.integer(f.line) }) : f.file;
    const select = selectionOf(f);
    if (!select || !app.ready) return el('span', { class: 'finding-where', 'data-testid': 'finding-where' }, text);
    const button = el('button', { type: 'button', class: 'link finding-where', 'data-testid': 'finding-where', title: locale.t('findings.selectRow') }, text);
    button.addEventListener('click', () => void app.guard(select));
    return button;
  }

  replaceChildren(root, summary, ...notes, groups.length > 0 ? list : null);
}

/**
 * How to select the row a finding names: a claim by its claimId (a sort since the last read cannot
 * move it), an Earnings or Payments row by its table row. Null when the finding names no row of the workbook.
 */
function selectionOf(f: Finding): (() => Promise<void>) | null {
  if (f.file === TABLES.claims && f.claimId) {
    const claimId = f.claimId;
    return async () => {
      await selectClaimRow(claimId);
    };
  }
  // An Earnings row, the Payments row a payment finding names, or the import log's row, by its sheet row.
  if ((f.file === TABLES.earnings || f.file === TABLES.payments || f.file === TABLES.importLog) && f.line !== undefined) {
    const [table, line] = [f.file, f.line];
    return () => selectTableRowAt(table, line);
  }
  return null;
}
