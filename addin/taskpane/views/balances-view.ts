/**
 * Balances: the per-currency summary first, then the alerts (most urgent first), then a compact
 * list of pools that can be filtered and sorted, closed and converted pools folded away. Every
 * number comes from core (`currencySummaries`, `poolAlerts`, the pool balances); this view only
 * formats and lays them out. Opening a pool shows how it adds up and its claims right under it,
 * and selects its row in the Balances table.
 */
import type { Dec } from '../../../core/money/decimal.js';
import { isSettledStatus, POOL_STATUSES, type PoolBalance } from '../../../core/pools/pool-balance.js';
import { comparePoolKeys, poolKeyParts, type PoolKey } from '../../../core/pools/pool-key.js';
import { isOverdrawn, nextDeadline, poolAlerts, poolDeadlines, type PoolAlert } from '../../../core/pools/pool-alerts.js';
import { currencySummaries } from '../../../core/pools/currency-summary.js';
import { el, replaceChildren } from '../dom.js';
import type { App } from '../app.js';
import type { Locale } from '../../i18n/locale.js';
import { hasMessage } from '../../i18n/messages.js';
import type { Issue } from '../../../core/issues.js';
import { claimsOfPool } from '../../ledger/workbook-ledger.js';
import { selectBalanceRow, writeBalances } from '../workbook-ops.js';
import { amountCell } from './amount-cell.js';
import { claimStatusText } from './claim-status-text.js';

const FIRST_ALERTS = 5;
type SortKey = 'deadline' | 'participant' | 'program' | 'available';

/** Filters, sort and the open pool survive the re-render that follows every reload. */
const view = {
  participant: '',
  program: '',
  status: '',
  sort: 'deadline' as SortKey,
  open: null as string | null,
  allAlerts: false,
};

/** The `data-pool` attribute of a pool: its key, readable in tests and selectors. */
export function poolAttribute(key: PoolKey): string {
  return poolKeyParts(key).join('|');
}

export function renderBalances(app: App, root: HTMLElement): void {
  const { locale } = app;
  const state = app.state;
  if (!state) return;
  const { ledger } = state;
  const names = state.participantNames;
  const nameOf = (id: string) => names.get(id) || id;
  const poolLabel = (key: PoolKey) => `${nameOf(key.participantId)} · ${key.programName} · ${key.earningPeriod}`;

  const recalc = el('button', { type: 'button', class: app.ready ? 'primary' : undefined, 'data-testid': 'recalculate', disabled: !app.ready }, locale.t('balances.recalculate'));
  recalc.addEventListener('click', () =>
    app.guard(async () => {
      // The user asked: every table is read again, whatever the change events said.
      await app.reload({ reread: true });
      await writeBalances(app.state!.ledger);
      app.notify(locale.t('balances.recalculated', { count: app.state!.ledger.balances.length }));
    }),
  );

  // ---- summary, per currency
  const summaries = currencySummaries(ledger.balances, state.asOf, ledger.settings);
  const summary = el(
    'section',
    { class: 'summary', 'aria-labelledby': 'summary-heading', 'data-testid': 'summary' },
    el('h2', { id: 'summary-heading' }, locale.t('summary.heading')),
    ...summaries.map((s) =>
      el(
        'section',
        { class: 'currency-summary', 'data-testid': `summary-${s.currency}`, 'aria-label': s.currency },
        el('h3', {}, s.currency, ' ', el('span', { class: 'muted' }, locale.t('summary.pools', { count: s.pools }))),
        el(
          'dl',
          { class: 'figures' },
          figure(locale, locale.t('summary.available'), s.available, s.currency, 'summary-available'),
          ...[...s.expiringWithin].map(([days, amount]) => figure(locale, locale.t('summary.expiring', { count: days }), amount, s.currency, `summary-expiring-${days}`)),
          figure(locale, locale.t('summary.forfeited'), s.forfeitedThisFiscalYear, s.currency, 'summary-forfeited'),
          figure(locale, locale.t('summary.overdrawn'), s.overdrawn, s.currency, 'summary-overdrawn', s.overdrawn.gt(0)),
        ),
      ),
    ),
  );

  // ---- alerts, most urgent first (core's order)
  const alerts = poolAlerts(ledger.balances, ledger.settings);
  const alertList = el('ul', { class: 'alerts', 'data-testid': 'alerts' });
  const moreAlerts = el('button', { type: 'button', class: 'link', 'data-testid': 'alerts-more' });
  const renderAlerts = () => {
    const shown = view.allAlerts ? alerts : alerts.slice(0, FIRST_ALERTS);
    replaceChildren(alertList, ...shown.map((a) => el('li', {}, alertButton(a))));
    moreAlerts.hidden = shown.length === alerts.length;
    moreAlerts.textContent = locale.t('alerts.more', { count: alerts.length - shown.length });
  };
  moreAlerts.addEventListener('click', () => {
    view.allAlerts = true;
    renderAlerts();
  });
  function alertButton(a: PoolAlert): HTMLElement {
    const amount = `${locale.amount(a.amount, a.pool.key.currency)} ${a.pool.key.currency}`;
    const params = { amount, when: locale.when(a.days), date: locale.date(a.date) };
    const text =
      a.kind === 'overdrawn'
        ? locale.t('alert.overdrawn', params)
        : a.kind === 'willConvert'
          ? locale.t('alert.willConvert', params)
          : locale.t(a.deadline === 'usageEnd' ? 'alert.expiring.usageEnd' : 'alert.expiring.claimDeadline', params);
    const button = el(
      'button',
      { type: 'button', class: `alert alert-${a.kind}`, 'data-testid': `alert-${a.kind}`, 'data-pool': poolAttribute(a.pool.key) },
      el('span', { class: 'alert-kind' }, locale.t(`alert.kind.${a.kind}`)),
      el('span', { class: 'alert-pool' }, `${poolLabel(a.pool.key)} · ${a.pool.key.currency}`),
      el('span', { class: 'alert-text' }, text),
    );
    button.addEventListener('click', () => openPool(a.pool, true));
    return button;
  }
  const alertSection =
    alerts.length === 0
      ? null
      : el(
          'section',
          { class: 'alerts-section', 'aria-labelledby': 'alerts-heading' },
          el('h2', { id: 'alerts-heading' }, locale.t('alerts.heading', { count: alerts.length })),
          alertList,
          moreAlerts,
        );
  renderAlerts();

  // ---- the pool list
  const participants = [...new Set(ledger.balances.map((b) => b.key.participantId))].sort((a, b) => nameOf(a).localeCompare(nameOf(b), locale.tag));
  const programs = [...new Set(ledger.balances.map((b) => b.key.programName))].sort((a, b) => a.localeCompare(b, locale.tag));
  const select = (testId: string, label: string, value: string, options: readonly (readonly [string, string])[], onChange: (v: string) => void) => {
    const id = `filter-${testId}`;
    const s = el('select', { id, 'data-testid': id }, ...options.map(([v, text]) => el('option', { value: v, selected: v === value }, text)));
    s.addEventListener('change', () => {
      onChange(s.value);
      renderPools();
    });
    return el('div', { class: 'filter' }, el('label', { for: id }, label), s);
  };
  const filters = el(
    'div',
    { class: 'filters' },
    select('participant', locale.t('filter.participant'), view.participant, [['', locale.t('claims.all')], ...participants.map((p) => [p, nameOf(p)] as const)], (v) => (view.participant = v)),
    select('program', locale.t('filter.program'), view.program, [['', locale.t('claims.all')], ...programs.map((p) => [p, p] as const)], (v) => (view.program = v)),
    select('status', locale.t('filter.status'), view.status, [['', locale.t('filter.allCurrent')], ...POOL_STATUSES.map((s) => [s, locale.t(`status.${s}`)] as const)], (v) => (view.status = v)),
    select('sort', locale.t('sort.label'), view.sort, (['deadline', 'participant', 'program', 'available'] as const).map((k) => [k, locale.t(`sort.${k}`)] as const), (v) => (view.sort = v as SortKey)),
  );
  const list = el('div', { class: 'pool-list', 'data-testid': 'pool-list' });
  const items = new Map<string, { item: HTMLElement; expand: (open: boolean) => void; head: HTMLButtonElement }>();

  const compare = (a: PoolBalance, b: PoolBalance): number => {
    const byKey = comparePoolKeys(a.key, b.key);
    switch (view.sort) {
      case 'participant':
        return nameOf(a.key.participantId).localeCompare(nameOf(b.key.participantId), locale.tag) || byKey;
      case 'program':
        return a.key.programName.localeCompare(b.key.programName, locale.tag) || byKey;
      case 'available':
        return b.available.comparedTo(a.available) || byKey;
      case 'deadline':
        return (nextDeadline(a)?.days ?? Number.POSITIVE_INFINITY) - (nextDeadline(b)?.days ?? Number.POSITIVE_INFINITY) || byKey;
    }
  };

  function renderPools(): void {
    items.clear();
    const matching = ledger.balances
      .filter((b) => (view.participant === '' || b.key.participantId === view.participant) && (view.program === '' || b.key.programName === view.program) && (view.status === '' || b.status === view.status))
      .sort(compare);
    const current = view.status === '' ? matching.filter((b) => !isSettledStatus(b.status)) : matching;
    const folded = view.status === '' ? matching.filter((b) => isSettledStatus(b.status)) : [];
    const ul = (pools: PoolBalance[]) => el('ul', { class: 'pools' }, ...pools.map(poolItem));
    replaceChildren(
      list,
      matching.length === 0 ? el('p', { 'data-testid': 'pools-none' }, locale.t(ledger.balances.length === 0 ? 'balances.empty' : 'pools.none')) : null,
      current.length > 0 ? ul(current) : null,
      folded.length > 0
        ? el('details', { class: 'folded', 'data-testid': 'pools-folded' }, el('summary', {}, locale.t('pools.folded', { count: folded.length })), ul(folded))
        : null,
    );
    const open = view.open ? items.get(view.open) : undefined;
    if (open) open.expand(true);
  }

  function poolItem(pool: PoolBalance): HTMLElement {
    const cur = pool.key.currency;
    const id = poolAttribute(pool.key);
    const detailId = `pool-${items.size}`;
    const next = nextDeadline(pool);
    const dueText = next ? locale.t(next.deadline === 'usageEnd' ? 'pool.usageEnds' : 'pool.deadline', { when: locale.when(next.days), date: locale.date(next.date) }) : null;
    const head = el(
      'button',
      { type: 'button', class: 'pool-head', 'aria-expanded': 'false', 'aria-controls': detailId, 'data-testid': 'pool-open' },
      el('span', { class: 'pool-title' }, `${nameOf(pool.key.participantId)} · ${pool.key.programName}`),
      el('span', { class: 'pool-sub' }, `${pool.key.earningPeriod} · ${locale.t(`status.${pool.status}`)}`, dueText ? ` · ${dueText}` : ''),
      el('span', { class: 'pool-available' }, amountCell(locale, pool.available, cur, { testId: 'available-head', overdrawn: isOverdrawn(pool) })),
    );
    const detail = el('div', { id: detailId, class: 'pool-detail', hidden: true });
    const item = el('li', { class: `pool status-${pool.status}`, 'data-pool': id, 'data-testid': 'pool' }, head, detail);
    const expand = (open: boolean) => {
      head.setAttribute('aria-expanded', String(open));
      item.classList.toggle('selected', open);
      detail.hidden = !open;
      if (open && detail.childElementCount === 0) replaceChildren(detail, ...poolDetail(pool));
    };
    head.addEventListener('click', () => {
      const opening = head.getAttribute('aria-expanded') !== 'true';
      if (opening) openPool(pool, false);
      else {
        view.open = null;
        expand(false);
      }
    });
    items.set(id, { item, expand, head });
    return item;
  }

  /** How the pool adds up, its deadlines, and its claims. */
  function poolDetail(pool: PoolBalance): (HTMLElement | null)[] {
    const cur = pool.key.currency;
    const line = (key: Parameters<Locale['t']>[0], value: Dec, testId: string, cls?: string, overdrawn = false) =>
      el('tr', { class: cls }, el('th', { scope: 'row' }, locale.t(key)), el('td', {}, amountCell(locale, value, cur, { testId, overdrawn })));
    const breakdown = el(
      'table',
      { class: 'breakdown', 'data-testid': 'breakdown' },
      el('caption', {}, `${pool.key.earningPeriod} · ${cur}: ${locale.t('pool.sumCaption')}`),
      el(
        'tbody',
        {},
        line('pool.earned', pool.coopEarned, 'earned', 'total'),
        line('pool.converted', pool.convertedToRebate, 'converted'),
        // Co-op moved in (+) or out (−) by Microsoft's transfers between periods; shown only when there is one.
        pool.transferred.isZero() ? null : line('pool.transferred', pool.transferred, 'transferred'),
        line('pool.approved', pool.claimsApproved, 'approved'),
        line('pool.paid', pool.claimsPaid, 'paid', 'sub'),
        line('pool.pending', pool.claimsPending, 'pending'),
        line('pool.available', pool.available, 'available', undefined, isOverdrawn(pool)),
        line('pool.forfeited', pool.forfeited, 'forfeited'),
        line('pool.draft', pool.claimsDraft, 'draft', 'beside'),
      ),
    );
    // Core's deadlines, each still ahead (today counts) or passed.
    const [usage, claiming] = poolDeadlines(pool);
    const countdown = [
      usage.passed
        ? locale.t('pool.usageEnded', { date: locale.date(usage.date) })
        : locale.t('pool.usageEnds', { when: locale.when(usage.days), date: locale.date(usage.date) }),
      claiming.passed
        ? locale.t('pool.deadlinePassed', { date: locale.date(claiming.date) })
        : locale.t('pool.deadline', { when: locale.when(claiming.days), date: locale.date(claiming.date) }),
    ];
    const claims = claimsOfPool(ledger, pool.key);
    const claimRows = claims.map(({ claim }) => {
      const tr = el(
        'tr',
        { 'data-claim': claim.claimId, tabindex: '0', class: 'clickable' },
        el('td', {}, claim.claimId, el('span', { class: 'cell-sub' }, claim.activityName)),
        el('td', {}, claimStatusText(locale, claim.status)),
        el('td', { class: 'num' }, amountCell(locale, claim.amountClaimed, claim.currency)),
      );
      const open = () => app.show('claims', { claimId: claim.claimId });
      tr.addEventListener('click', open);
      tr.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          open();
        }
      });
      return tr;
    });
    const newClaim = el('button', { type: 'button', 'data-testid': 'pool-new-claim', disabled: !app.ready }, locale.t('pool.newClaim'));
    newClaim.addEventListener('click', () => app.show('claims', { fromPool: pool.key }));
    return [
      breakdown,
      ...countdown.map((text) => el('p', { class: 'countdown' }, text)),
      // Core gives the distance only while the group is accruing below its threshold.
      pool.distanceToThresholdUSD !== null
        ? el('p', { class: 'countdown' }, locale.t('pool.toThreshold', { amount: locale.amount(pool.distanceToThresholdUSD, 'USD') }))
        : null,
      el('h3', {}, locale.t('pool.claims')),
      claims.length === 0
        ? el('p', { 'data-testid': 'pool-no-claims' }, locale.t('pool.noClaims'))
        : el(
            'table',
            { class: 'claims compact', 'data-testid': 'pool-claims' },
            el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, locale.t('claims.col.claim')), el('th', { scope: 'col' }, locale.t('claims.col.status')), el('th', { scope: 'col', class: 'num' }, locale.t('claims.col.amount')))),
            el('tbody', {}, ...claimRows),
          ),
      newClaim,
    ];
  }

  /** Opens a pool in the list (unfolding or clearing filters that hide it) and selects its row in the sheet. */
  function openPool(pool: PoolBalance, fromAlert: boolean): void {
    const id = poolAttribute(pool.key);
    view.open = id;
    if (!items.has(id)) {
      view.participant = '';
      view.program = '';
      view.status = isSettledStatus(pool.status) ? pool.status : '';
      for (const s of filters.querySelectorAll('select')) s.value = s.id === 'filter-status' ? view.status : s.id === 'filter-sort' ? view.sort : '';
      renderPools();
    }
    for (const [other, entry] of items) entry.expand(other === id);
    const entry = items.get(id);
    if (entry) {
      entry.item.scrollIntoView({ block: 'nearest' });
      if (fromAlert) entry.head.focus();
    }
    if (app.ready) {
      void app.guard(async () => {
        await selectBalanceRow(pool.key);
      });
    }
  }

  renderPools();

  const problems = ledger.problems;
  replaceChildren(
    root,
    el('div', { class: 'toolbar' }, el('span', { 'data-testid': 'as-of' }, locale.t('balances.asOf', { date: locale.date(state.asOf) })), recalc),
    problems.length > 0
      ? el(
          'details',
          { class: 'row-problems', 'data-testid': 'row-problems' },
          el('summary', {}, locale.t('problems.heading', { count: problems.length })),
          el(
            'ul',
            {},
            ...problems.map((p) =>
              el('li', { 'data-testid': 'row-problem' }, locale.t('problems.row', { table: p.table, row: locale.integer(p.row), problem: p.issues.map((i) => rowIssueText(locale, i)).join(' ') })),
            ),
          ),
        )
      : null,
    ledger.balances.length > 0 ? summary : null,
    alertSection,
    el('section', { class: 'pools-section', 'aria-labelledby': 'pools-heading' }, el('h2', { id: 'pools-heading' }, locale.t('pools.heading')), ledger.balances.length > 0 ? filters : null, list),
  );
}

/** A problem of a whole row (no column, no input): said as what is wrong with the row. */
function rowIssueText(locale: Locale, issue: Issue): string {
  const key = `rowIssue.${issue.code}`;
  return issue.path.length <= 2 && hasMessage(key) ? locale.t(key) : locale.issue(issue, String(issue.path[2] ?? ''));
}

function figure(locale: Locale, label: string, value: Dec, currency: string, testId: string, warn = false): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(el('dt', {}, label), el('dd', { class: warn ? 'negative' : undefined }, amountCell(locale, value, currency, { testId })));
  return fragment;
}
