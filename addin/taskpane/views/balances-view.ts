import type { PoolBalance } from '../../../core/pools/pool-balance.js';
import { lastDay } from '../../../core/calendar/date-interval.js';
import { retainUntil } from '../../../core/claims/retain-until.js';
import { poolKeyString } from '../../../core/pools/pool-key.js';
import { el, replaceChildren } from '../dom.js';
import type { App } from '../app.js';
import { claimsOfPool } from '../../ledger/workbook-ledger.js';
import { writeBalances } from '../workbook-ops.js';

export interface PoolAlert {
  readonly kind: 'expiring30' | 'expiring60' | 'overdrawn' | 'willConvert';
  readonly pool: PoolBalance;
}

/** Funds that expire soon, overdrawn pools, and pools that will convert to rebate. */
export function alertsOf(balances: readonly PoolBalance[]): PoolAlert[] {
  const alerts: PoolAlert[] = [];
  for (const pool of balances) {
    if (pool.available.isNegative()) alerts.push({ kind: 'overdrawn', pool });
    const spendable = (pool.status === 'open' || pool.status === 'claim-only') && pool.available.gt(0);
    if (spendable && pool.daysToClaimDeadline >= 0 && pool.daysToClaimDeadline <= 30) alerts.push({ kind: 'expiring30', pool });
    else if (spendable && pool.daysToClaimDeadline > 30 && pool.daysToClaimDeadline <= 60) alerts.push({ kind: 'expiring60', pool });
    if (pool.status === 'accruing' && pool.belowThreshold === true) alerts.push({ kind: 'willConvert', pool });
  }
  return alerts;
}

export function renderBalances(app: App, root: HTMLElement): void {
  const { locale } = app;
  const state = app.state;
  if (!state) return;
  const { ledger } = state;
  const detail = el('section', { class: 'pool-claims', 'data-testid': 'pool-claims', 'aria-live': 'polite' });
  const recalc = el('button', { type: 'button', 'data-testid': 'recalculate' }, locale.t('balances.recalculate'));
  recalc.addEventListener('click', () =>
    app.guard(async () => {
      await app.reload();
      const count = await writeBalances(app.state!.ledger);
      app.notify(locale.t('balances.recalculated', { count: app.state!.ledger.balances.length }));
      void count;
    }),
  );

  const alerts = alertsOf(ledger.balances).map(({ kind, pool }) => {
    const params = {
      participant: pool.key.participantId,
      program: pool.key.programName,
      period: pool.key.earningPeriod,
      currency: pool.key.currency,
      amount: locale.amount(kind === 'overdrawn' ? pool.available.negated() : pool.available, pool.key.currency),
      date: locale.date(kind === 'willConvert' ? lastDay(pool.earning) : lastDay(pool.claiming)),
    };
    return el('li', { class: `alert alert-${kind}`, 'data-testid': `alert-${kind}` }, locale.t(`alert.${kind}`, params));
  });

  const groups = new Map<string, Map<string, PoolBalance[]>>();
  for (const b of ledger.balances) {
    const byProgram = groups.get(b.key.participantId) ?? new Map<string, PoolBalance[]>();
    groups.set(b.key.participantId, byProgram);
    const list = byProgram.get(b.key.programName) ?? [];
    byProgram.set(b.key.programName, list);
    list.push(b);
  }

  const showClaims = (pool: PoolBalance) => {
    const claims = claimsOfPool(ledger, pool.key);
    replaceChildren(
      detail,
      el('h3', {}, `${locale.t('balances.claimsOf')}: ${pool.key.participantId} / ${pool.key.programName} / ${pool.key.earningPeriod} / ${pool.key.currency}`),
      claims.length === 0
        ? el('p', {}, locale.t('balances.noClaims'))
        : el(
            'ul',
            {},
            ...claims.map(({ claim }) =>
              el(
                'li',
                { 'data-claim': claim.claimId },
                `${claim.claimId} · ${claim.activityName} · ${locale.amount(claim.amountClaimed, claim.currency)} ${claim.currency} · ${claim.status} · `,
                locale.t('claims.retainUntil', { date: locale.date(retainUntil(claim, ledger.settings)) }),
              ),
            ),
          ),
    );
  };

  const poolCard = (pool: PoolBalance) => {
    const cur = pool.key.currency;
    const money = (d: PoolBalance['available']) => `${locale.amount(d, cur)} ${cur}`;
    const usageEnd = lastDay(pool.usage);
    const claimEnd = lastDay(pool.claiming);
    const card = el(
      'div',
      { class: `pool status-${pool.status}`, role: 'button', tabindex: '0', 'data-pool': poolKeyString(pool.key).split('\u001f').join('|'), 'data-testid': 'pool' },
      el('div', { class: 'pool-head' }, el('strong', {}, `${pool.key.earningPeriod} · ${cur}`), el('span', { class: 'pool-status' }, locale.t(`status.${pool.status}`))),
      el(
        'dl',
        {},
        el('dt', {}, locale.t('balances.earned')), el('dd', { 'data-testid': 'earned' }, money(pool.coopEarned)),
        el('dt', {}, locale.t('balances.available')), el('dd', { 'data-testid': 'available' }, money(pool.available)),
        el('dt', {}, locale.t('balances.pending')), el('dd', { 'data-testid': 'pending' }, money(pool.claimsPending)),
        el('dt', {}, locale.t('balances.approved')), el('dd', { 'data-testid': 'approved' }, money(pool.claimsApproved)),
      ),
      el(
        'p',
        { class: 'countdown' },
        pool.daysToUsageEnd >= 0
          ? locale.t('balances.usageEnds', { days: locale.integer(pool.daysToUsageEnd), date: locale.date(usageEnd) })
          : locale.t('balances.usageEnded', { date: locale.date(usageEnd) }),
      ),
      el(
        'p',
        { class: 'countdown' },
        pool.daysToClaimDeadline >= 0
          ? locale.t('balances.deadline', { days: locale.integer(pool.daysToClaimDeadline), date: locale.date(claimEnd) })
          : locale.t('balances.deadlinePassed', { date: locale.date(claimEnd) }),
      ),
      pool.distanceToThresholdUSD && pool.distanceToThresholdUSD.gt(0)
        ? el('p', { class: 'threshold' }, locale.t('balances.toThreshold', { amount: locale.amount(pool.distanceToThresholdUSD, 'USD') }))
        : null,
    );
    const select = () => {
      for (const other of root.querySelectorAll('.pool.selected')) other.classList.remove('selected');
      card.classList.add('selected');
      showClaims(pool);
    };
    card.addEventListener('click', select);
    card.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') select();
    });
    return card;
  };

  const list =
    ledger.balances.length === 0
      ? el('p', { 'data-testid': 'balances-empty' }, locale.t('balances.empty'))
      : el(
          'div',
          { class: 'groups' },
          ...[...groups].map(([participant, programs]) =>
            el(
              'section',
              { class: 'participant' },
              el('h2', {}, participant),
              ...[...programs].map(([program, pools]) => el('section', { class: 'program' }, el('h3', {}, program), ...pools.map(poolCard))),
            ),
          ),
        );

  replaceChildren(
    root,
    el('div', { class: 'toolbar' }, el('span', { 'data-testid': 'as-of' }, locale.t('balances.asOf', { date: locale.date(state.asOf) })), recalc),
    alerts.length > 0 ? el('ul', { class: 'alerts', 'data-testid': 'alerts' }, ...alerts) : null,
    list,
    detail,
  );
}
