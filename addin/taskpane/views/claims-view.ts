import { parseClaimRow, claimToRow } from '../../../core/claims/claim-row.js';
import { DOCUMENT_LISTS, type Claim } from '../../../core/claims/claim.js';
import { CLAIM_STATUSES, isEditable, type ClaimStatus } from '../../../core/claims/claim-status.js';
import { CLAIM_TRANSITIONS, transitionClaim } from '../../../core/claims/claim-transitions.js';
import { addDocument, editClaim, type ClaimEdit } from '../../../core/claims/claim-edits.js';
import { historyEntry } from '../../../core/claims/claim-history.js';
import { validateClaim, claimDraw, type ClaimContext } from '../../../core/claims/validate-claim.js';
import { drawKind } from '../../../core/claims/draw-kind.js';
import { fundingPeriodOf } from '../../../core/claims/funding-period.js';
import { retainUntil } from '../../../core/claims/retain-until.js';
import { canonicalProgramName, knownProgramNames, resolvePolicy } from '../../../core/policy/policy-catalog.js';
import { formatHalf } from '../../../core/calendar/fiscal-half.js';
import { parseAmount } from '../../../core/money/parse-amount.js';
import { ZERO } from '../../../core/money/decimal.js';
import type { Issue } from '../../../core/issues.js';
import { el, replaceChildren } from '../dom.js';
import type { App } from '../app.js';
import type { MessageKey } from '../../i18n/messages.js';
import type { LedgerClaim } from '../../ledger/workbook-ledger.js';
import { appendClaim, updateClaim } from '../workbook-ops.js';

const FORM_FIELDS = [
  'claimId', 'participantId', 'programName', 'earningPeriod', 'activityType', 'activityName', 'activityStart', 'activityEnd',
  'currency', 'amountClaimed', 'invoices', 'csrs', 'proofs', 'notes',
] as const;
type FormField = (typeof FORM_FIELDS)[number];

const INPUT_TYPE: Partial<Record<FormField, string>> = { activityStart: 'date', activityEnd: 'date' };

export function renderClaims(app: App, root: HTMLElement): void {
  const { locale } = app;
  const state = app.state;
  if (!state) return;
  const { ledger } = state;
  const user = state.stored.user || 'task pane';
  let selected: LedgerClaim | null = null;

  // ---- filters and list
  const statusFilter = el(
    'select',
    { 'data-testid': 'claims-filter-status', 'aria-label': locale.t('claims.filterStatus') },
    el('option', { value: '' }, locale.t('claims.all')),
    ...CLAIM_STATUSES.map((s) => el('option', { value: s }, s)),
  );
  const textFilter = el('input', { type: 'search', placeholder: locale.t('claims.filterText'), 'data-testid': 'claims-filter-text' });
  const list = el('tbody', {});
  const renderList = () => {
    const text = textFilter.value.trim().toLowerCase();
    const rows = ledger.claims.filter(
      ({ claim }) =>
        (statusFilter.value === '' || claim.status === statusFilter.value) &&
        (text === '' || `${claim.participantId} ${claim.programName} ${claim.claimId}`.toLowerCase().includes(text)),
    );
    replaceChildren(
      list,
      ...(rows.length === 0
        ? [el('tr', {}, el('td', { colspan: '6' }, locale.t('claims.none')))]
        : rows.map((entry) => {
            const { claim } = entry;
            const tr = el(
              'tr',
              { 'data-claim': claim.claimId, tabindex: '0', class: selected?.claim.claimId === claim.claimId ? 'selected' : undefined },
              el('td', {}, claim.claimId),
              el('td', { 'data-testid': 'claim-status' }, claim.status),
              el('td', {}, `${locale.amount(claim.amountClaimed, claim.currency)} ${claim.currency}`),
              el('td', {}, claim.participantId),
              el('td', {}, claim.programName),
              el('td', {}, claim.notes),
            );
            tr.addEventListener('click', () => select(entry));
            return tr;
          })),
    );
  };
  statusFilter.addEventListener('change', renderList);
  textFilter.addEventListener('input', renderList);

  // ---- form
  const inputs = new Map<FormField, HTMLInputElement>();
  const programList = el('datalist', { id: 'program-names' }, ...knownProgramNames(ledger.catalog).map((n) => el('option', { value: n })));
  const fieldRows = FORM_FIELDS.map((field) => {
    const input = el('input', {
      type: INPUT_TYPE[field] ?? 'text',
      name: field,
      'data-testid': `claim-${field}`,
      list: field === 'programName' ? 'program-names' : undefined,
    });
    inputs.set(field, input);
    input.addEventListener('input', () => validateForm());
    return el('label', { class: 'field' }, locale.t(`field.${field}` as MessageKey), input);
  });
  const problems = el('ul', { class: 'problems', 'data-testid': 'claim-problems', 'aria-live': 'polite' });
  const retain = el('p', { 'data-testid': 'claim-retain' });
  const save = el('button', { type: 'button', 'data-testid': 'claim-save' }, locale.t('claims.save'));
  const transitions = el('div', { class: 'transitions', 'data-testid': 'claim-transitions' });
  const approvedInput = el('input', { type: 'text', 'data-testid': 'claim-amountApproved', placeholder: locale.t('field.amountApproved') });
  const newButton = el('button', { type: 'button', 'data-testid': 'claim-new' }, locale.t('claims.new'));

  const record = (): Record<string, string> => {
    const r: Record<string, string> = {};
    for (const [field, input] of inputs) r[field] = input.value;
    r.status = selected?.claim.status ?? 'Editing';
    if (selected) {
      r.amountApproved = selected.claim.amountApproved?.toFixed() ?? '';
      r.submittedDate = selected.claim.submittedDate ?? '';
      r.decisionDate = selected.claim.decisionDate ?? '';
    }
    return r;
  };

  const contextFor = (claim: Claim): ClaimContext => {
    const funding = fundingPeriodOf(claim.activityStart, claim.activityEnd, ledger.settings);
    const period = funding.ok ? funding.value : claim.earningPeriod;
    const policy = period ? resolvePolicy(ledger.catalog, claim.programName, period) : null;
    const program = canonicalProgramName(ledger.catalog, claim.programName) ?? claim.programName.trim();
    const label = period ? formatHalf(period) : '';
    const pools = ledger.balances.filter((b) => b.key.participantId === claim.participantId && b.key.programName === program && b.key.earningPeriod === label);
    const pool = pools.find((b) => b.key.currency === claim.currency);
    let available = pool ? pool.available : ZERO;
    // An existing claim that already reserves or consumes funds must not count against itself.
    if (selected && selected.claim.claimId === claim.claimId && pool) {
      const kind = drawKind(selected.claim.status);
      if (kind === 'pending' || kind === 'approved') available = available.plus(claimDraw(selected.claim));
    }
    return { policy, settings: ledger.settings, asOf: state.asOf, available, poolCurrencies: pools.map((b) => b.key.currency) };
  };

  const showIssues = (issues: readonly Issue[]) => {
    replaceChildren(
      problems,
      ...(issues.length === 0
        ? [el('li', { class: 'ok', 'data-testid': 'claim-valid' }, locale.t('claims.valid'))]
        : issues.map((i) => el('li', { class: 'problem', 'data-testid': `problem-${i.code}` }, locale.issue(i)))),
    );
  };

  let current: Claim | null = null;
  function validateForm(): readonly Issue[] {
    const parsed = parseClaimRow(record());
    if (!parsed.ok) {
      current = null;
      showIssues(parsed.issues);
      retain.textContent = '';
      save.disabled = true;
      return parsed.issues;
    }
    current = parsed.value;
    const issues = validateClaim(parsed.value, contextFor(parsed.value));
    const duplicate = !selected && ledger.claims.some((c) => c.claim.claimId === parsed.value.claimId);
    showIssues(issues);
    if (duplicate) problems.append(el('li', { class: 'problem' }, locale.t('claims.exists', { id: parsed.value.claimId })));
    retain.textContent = locale.t('claims.retainUntil', { date: locale.date(retainUntil(parsed.value, ledger.settings)) });
    save.disabled = issues.length > 0 || duplicate || (selected !== null && !isEditable(selected.claim.status));
    return issues;
  }

  const renderTransitions = () => {
    if (!selected) {
      replaceChildren(transitions);
      return;
    }
    const claim = selected.claim;
    const buttons = CLAIM_TRANSITIONS[claim.status].map((to: ClaimStatus) => {
      const b = el('button', { type: 'button', 'data-testid': `move-${to.replace(/\s+/g, '-')}` }, locale.t('claims.moveTo', { status: to }));
      b.addEventListener('click', () => app.guard(() => move(to)));
      return b;
    });
    replaceChildren(transitions, el('span', { 'data-testid': 'selected-status' }, claim.status), ...buttons, CLAIM_TRANSITIONS[claim.status].includes('Approved') ? approvedInput : null);
  };

  async function move(to: ClaimStatus): Promise<void> {
    if (!selected) return;
    const meta = { at: state!.asOf, by: user };
    let amountApproved;
    if (to === 'Approved' && approvedInput.value.trim() !== '') {
      const a = parseAmount(approvedInput.value);
      if (!a.ok) return showIssues(a.issues.map((i) => ({ ...i, path: ['amountApproved'] })));
      amountApproved = a.value;
    }
    const changed = transitionClaim(selected.claim, to, amountApproved ? { ...meta, amountApproved } : meta);
    if (!changed.ok) return showIssues(changed.issues);
    if (to === 'Submitted') {
      // Partner Center checks documents and windows on submission; so does the pane.
      const issues = validateClaim(changed.value.claim, contextFor(changed.value.claim));
      if (issues.length > 0) return showIssues(issues);
    }
    await updateClaim(selected.rowIndex, changed.value.claim, [changed.value.entry]);
    const id = selected.claim.claimId;
    await app.reload();
    app.notify(locale.t('claims.moved', { id, status: to }));
  }

  save.addEventListener('click', () =>
    app.guard(async () => {
      const issues = validateForm();
      if (issues.length > 0 || !current || save.disabled) return;
      const meta = { at: state.asOf, by: user };
      if (selected) {
        const changes: Record<string, unknown> = {};
        for (const key of ['participantId', 'programName', 'earningPeriod', 'activityType', 'activityName', 'activityStart', 'activityEnd', 'currency', 'amountClaimed', 'notes'] as const) {
          changes[key] = current[key];
        }
        const edited = editClaim(selected.claim, changes as ClaimEdit, meta);
        if (!edited.ok) return showIssues(edited.issues);
        let claim = edited.value.claim;
        const entries = edited.value.entry.detail === '' ? [] : [edited.value.entry];
        // New document names are attachments, each its own history entry (core has no removal).
        for (const kind of ['invoice', 'csr', 'proof'] as const) {
          const list = DOCUMENT_LISTS[kind];
          for (const name of current.documents[list]) {
            if (claim.documents[list].includes(name)) continue;
            const added = addDocument(claim, kind, name, meta);
            if (!added.ok) return showIssues(added.issues);
            claim = added.value.claim;
            entries.push(added.value.entry);
          }
        }
        if (entries.length > 0) await updateClaim(selected.rowIndex, claim, entries);
      } else {
        await appendClaim(current, historyEntry(current, 'edited', meta, ['created']));
      }
      const id = current.claimId;
      await app.reload();
      app.notify(locale.t('claims.saved', { id }));
    }),
  );

  function fill(claim: Claim | null): void {
    const row = claim ? claimToRow(claim) : {};
    for (const [field, input] of inputs) input.value = (row as Record<string, string>)[field] ?? '';
  }

  function select(entry: LedgerClaim | null): void {
    selected = entry;
    lastSelected.id = entry?.claim.claimId ?? null;
    fill(entry?.claim ?? null);
    inputs.get('claimId')!.disabled = entry !== null;
    renderList();
    renderTransitions();
    validateForm();
  }
  newButton.addEventListener('click', () => select(null));

  replaceChildren(
    root,
    el('div', { class: 'toolbar' }, statusFilter, textFilter, newButton),
    el('div', { class: 'grid' }, el('table', { class: 'claims', 'data-testid': 'claims-table' }, list)),
    el('form', { class: 'claim-form', 'data-testid': 'claim-form' }, programList, ...fieldRows),
    problems,
    retain,
    save,
    transitions,
  );
  const wanted = app.state?.ledger.claims.find((c) => c.claim.claimId === lastSelected.id) ?? null;
  select(wanted);
}

/** Keeps the selected claim across re-renders after a reload. */
const lastSelected: { id: string | null } = { id: null };
