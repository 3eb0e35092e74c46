/**
 * Claims: a table of claims (headers, amounts right-aligned, Enter or Space opens a row) and a
 * form that opens only for a new or a selected claim. Errors appear beside a field once it has
 * been touched; a claim that can no longer be edited is shown read-only with the moves it allows.
 * Every check is core's (parseClaimRow, validateClaim, newClaimIssues, transitionClaim, editClaimAs);
 * amounts are typed the user's way and read with core's parseAmount.
 */
import { parseClaimRow, claimToRow } from '../../../core/claims/claim-row.js';
import type { Claim } from '../../../core/claims/claim.js';
import { CLAIM_STATUSES, isEditable, type ClaimStatus } from '../../../core/claims/claim-status.js';
import { CLAIM_TRANSITIONS, transitionClaim } from '../../../core/claims/claim-transitions.js';
import { validateClaim, type ClaimContext } from '../../../core/claims/validate-claim.js';
import { claimContext } from '../../../core/claims/claim-context.js';
import { claimCreatedEntry, newClaimIssues } from '../../../core/claims/new-claim.js';
import { retainUntil } from '../../../core/claims/retain-until.js';
import { knownProgramNames } from '../../../core/policy/policy-catalog.js';
import type { Issue } from '../../../core/issues.js';
import { el, replaceChildren } from '../dom.js';
import type { App } from '../app.js';
import { hasMessage, type MessageKey } from '../../i18n/messages.js';
import type { LedgerClaim } from '../../ledger/workbook-ledger.js';
import { appendClaim, selectClaimRow, updateClaim } from '../workbook-ops.js';
import { saveClaimForm } from '../save-claim-form.js';
import { amountCell } from './amount-cell.js';
import { claimStatusText } from './claim-status-text.js';

const FORM_FIELDS = [
  'claimId', 'participantId', 'programName', 'earningPeriod', 'activityType', 'activityName', 'activityStart', 'activityEnd',
  'currency', 'amountClaimed', 'invoices', 'csrs', 'proofs', 'notes',
] as const;
type FormField = (typeof FORM_FIELDS)[number];
const IS_FORM_FIELD = new Set<string>(FORM_FIELDS);

const INPUT_TYPE: Partial<Record<FormField, string>> = { activityStart: 'date', activityEnd: 'date' };

type FormMode = { kind: 'closed' } | { kind: 'new'; prefill: Readonly<Record<string, string>> } | { kind: 'claim'; entry: LedgerClaim };

/**
 * The open claim (by id), unsaved input and the filters survive the re-render that follows a
 * reload, so a refresh caused by someone editing the sheet never wipes what the user is typing.
 */
const kept = { claimId: null as string | null, status: '', text: '', draft: null as { id: string; values: Record<string, string> } | null };

export function renderClaims(app: App, root: HTMLElement): void {
  const { locale } = app;
  const state = app.state;
  if (!state) return;
  const { ledger } = state;
  const user = state.stored.user || 'task pane';
  const nameOf = (id: string) => state.participantNames.get(id) || id;
  let mode: FormMode = { kind: 'closed' };
  const selectedEntry = (): LedgerClaim | null => (mode.kind === 'claim' ? mode.entry : null);

  // ---- filters and the table
  const statusFilter = el(
    'select',
    { 'data-testid': 'claims-filter-status', 'aria-label': locale.t('claims.filterStatus') },
    el('option', { value: '' }, locale.t('claims.all')),
    ...CLAIM_STATUSES.map((s) => el('option', { value: s, selected: kept.status === s }, claimStatusText(locale, s))),
  );
  const textFilter = el('input', { type: 'search', value: kept.text, 'aria-label': locale.t('claims.filterText'), placeholder: locale.t('claims.filterText'), 'data-testid': 'claims-filter-text' });
  const caption = el('caption', {});
  const body = el('tbody', {});
  const renderList = () => {
    kept.status = statusFilter.value;
    kept.text = textFilter.value;
    const text = textFilter.value.trim().toLowerCase();
    const rows = ledger.claims.filter(
      ({ claim }) =>
        (statusFilter.value === '' || claim.status === statusFilter.value) &&
        (text === '' || `${claim.participantId} ${nameOf(claim.participantId)} ${claim.programName} ${claim.claimId} ${claim.activityName}`.toLowerCase().includes(text)),
    );
    caption.textContent = locale.t('claims.caption', { count: rows.length });
    const current = selectedEntry()?.claim.claimId;
    replaceChildren(
      body,
      ...(rows.length === 0
        ? [el('tr', {}, el('td', { colspan: '3' }, locale.t('claims.none')))]
        : rows.map((entry) => {
            const { claim } = entry;
            const tr = el(
              'tr',
              { 'data-claim': claim.claimId, tabindex: '0', class: claim.claimId === current ? 'clickable selected' : 'clickable', 'aria-selected': String(claim.claimId === current) },
              el('td', {}, claim.claimId, el('span', { class: 'cell-sub' }, `${nameOf(claim.participantId)} · ${claim.programName}`)),
              el(
                'td',
                { 'data-testid': 'claim-status' },
                claimStatusText(locale, claim.status),
                // Core's answer from the Claim payment rows in Earnings, as claims.csv's `paid`.
                entry.paid ? el('span', { class: 'cell-sub', 'data-testid': 'claim-paid' }, locale.t('claims.paid')) : null,
              ),
              el('td', { class: 'num' }, amountCell(locale, claim.amountClaimed, claim.currency)),
            );
            tr.addEventListener('click', () => openClaim(entry));
            tr.addEventListener('keydown', (e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                openClaim(entry);
              } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                const next = e.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling;
                if (next instanceof HTMLElement) next.focus();
              }
            });
            return tr;
          })),
    );
  };
  statusFilter.addEventListener('change', renderList);
  textFilter.addEventListener('input', renderList);
  const table = el(
    'table',
    { class: 'claims', 'data-testid': 'claims-table' },
    caption,
    el(
      'thead',
      {},
      el('tr', {}, el('th', { scope: 'col' }, locale.t('claims.col.claim')), el('th', { scope: 'col' }, locale.t('claims.col.status')), el('th', { scope: 'col', class: 'num' }, locale.t('claims.col.amount'))),
    ),
    body,
  );

  // ---- the form
  const inputs = new Map<FormField, HTMLInputElement>();
  const fieldErrors = new Map<FormField, HTMLElement>();
  const touched = new Set<FormField>();
  const programList = el('datalist', { id: 'program-names' }, ...knownProgramNames(ledger.catalog).map((n) => el('option', { value: n })));
  const fieldRows = FORM_FIELDS.map((field) => {
    const id = `claim-field-${field}`;
    const error = el('span', { id: `${id}-error`, class: 'field-error', 'data-testid': `error-${field}` });
    const input = el('input', {
      id,
      type: INPUT_TYPE[field] ?? 'text',
      name: field,
      'data-testid': `claim-${field}`,
      'aria-describedby': `${id}-error`,
      list: field === 'programName' ? 'program-names' : undefined,
      inputmode: field === 'amountClaimed' ? 'decimal' : undefined,
    });
    inputs.set(field, input);
    fieldErrors.set(field, error);
    input.addEventListener('input', () => {
      touched.add(field);
      kept.draft = { id: selectedEntry()?.claim.claimId ?? '', values: Object.fromEntries([...inputs].map(([f, i]) => [f, i.value])) };
      validateForm();
    });
    input.addEventListener('blur', () => {
      if (input.value !== '' || touched.has(field)) {
        touched.add(field);
        validateForm();
      }
    });
    return el('div', { class: 'field' }, el('label', { for: id }, locale.t(`field.${field}` as MessageKey)), input, error);
  });
  const formTitle = el('h2', { id: 'claim-form-title' });
  const closeButton = el('button', { type: 'button', class: 'subtle', 'data-testid': 'claim-close' }, locale.t('claims.close'));
  const readOnlyNote = el('p', { class: 'note', 'data-testid': 'claim-read-only', hidden: true });
  const problems = el('ul', { class: 'problems', 'data-testid': 'claim-problems', 'aria-live': 'polite' });
  const retain = el('p', { 'data-testid': 'claim-retain', class: 'muted' });
  const save = el('button', { type: 'submit', class: 'primary', 'data-testid': 'claim-save' }, locale.t('claims.save'));
  const transitions = el('div', { class: 'transitions', 'data-testid': 'claim-transitions' });
  const approvedInput = el('input', { id: 'claim-approved', type: 'text', inputmode: 'decimal', 'data-testid': 'claim-amountApproved' });
  const form = el(
    'form',
    { class: 'claim-form', 'data-testid': 'claim-form', 'aria-labelledby': 'claim-form-title', hidden: true },
    el('div', { class: 'form-head' }, formTitle, closeButton),
    readOnlyNote,
    programList,
    ...fieldRows,
    problems,
    retain,
    save,
    transitions,
  );

  /**
   * The form's text as core's claim row, over the selected claim's own row (its status, approved
   * amount and dates are not in the form); a new claim's row has no status, which core reads as a
   * draft. The amount is read in the user's locale first.
   */
  const record = (): { row: Record<string, string>; amountIssue: Issue | null } => {
    const selected = selectedEntry();
    const row: Record<string, string> = selected ? claimToRow(selected.claim) : {};
    for (const [field, input] of inputs) row[field] = input.value;
    let amountIssue: Issue | null = null;
    if (row.amountClaimed!.trim() !== '') {
      const amount = locale.parseAmount(row.amountClaimed!);
      if (amount.ok) row.amountClaimed = amount.value.toFixed();
      else amountIssue = { ...amount.issues[0]!, path: ['amountClaimed'] };
    }
    return { row, amountIssue };
  };

  const contextFor = (claim: Claim): ClaimContext => claimContext(claim, ledger, state.asOf, selectedEntry()?.claim ?? null);

  /** Issues beside their fields once touched; those of no field in the list below the form. */
  const showIssues = (issues: readonly Issue[]) => {
    const byField = new Map<FormField, string[]>();
    const general: Issue[] = [];
    for (const i of issues) {
      const field = String(i.path[0] ?? '');
      if (IS_FORM_FIELD.has(field)) {
        const list = byField.get(field as FormField) ?? [];
        list.push(locale.issue(i, locale.t(`field.${field}` as MessageKey)));
        byField.set(field as FormField, list);
      } else general.push(i);
    }
    for (const field of FORM_FIELDS) {
      const messages = touched.has(field) ? (byField.get(field) ?? []) : [];
      const error = fieldErrors.get(field)!;
      error.textContent = messages.join(' ');
      // The codes behind the text, for tests that must not depend on wording.
      error.setAttribute('data-codes', touched.has(field) ? issues.filter((i) => i.path[0] === field).map((i) => i.code).join(' ') : '');
      inputs.get(field)!.setAttribute('aria-invalid', String(messages.length > 0));
    }
    const anyTouched = touched.size > 0;
    replaceChildren(
      problems,
      ...(issues.length === 0
        ? [el('li', { class: 'ok', 'data-testid': 'claim-valid' }, locale.t('claims.valid'))]
        : [
            ...(anyTouched ? general : []).map((i) => el('li', { class: 'problem', 'data-testid': `problem-${i.code}` }, locale.issue(i))),
          ]),
    );
  };

  let current: Claim | null = null;
  function validateForm(): readonly Issue[] {
    const { row, amountIssue } = record();
    const parsed = parseClaimRow(row);
    const selected = selectedEntry();
    const editable = !selected || isEditable(selected.claim.status);
    if (!parsed.ok || amountIssue) {
      current = null;
      const issues = [...(amountIssue ? [amountIssue] : []), ...(parsed.ok ? [] : parsed.issues.filter((i) => !(amountIssue && i.path[0] === 'amountClaimed')))];
      showIssues(issues);
      retain.textContent = '';
      save.disabled = true;
      return issues;
    }
    current = parsed.value;
    // A new claim is also checked against the register's ids (the one being edited keeps its own).
    const issues = [
      ...(selected ? [] : newClaimIssues(parsed.value.claimId, ledger.claims.map((c) => c.claim.claimId))),
      ...validateClaim(parsed.value, contextFor(parsed.value)),
    ];
    showIssues(issues);
    retain.textContent = locale.t('claims.retainUntil', { date: locale.date(retainUntil(parsed.value, ledger.settings)) });
    save.disabled = issues.length > 0 || !editable || !app.ready;
    return issues;
  }

  const renderTransitions = () => {
    const selected = selectedEntry();
    if (!selected) {
      replaceChildren(transitions);
      return;
    }
    const claim = selected.claim;
    const buttons = CLAIM_TRANSITIONS[claim.status].map((to: ClaimStatus) => {
      const b = el('button', { type: 'button', 'data-testid': `move-${to.replace(/\s+/g, '-')}`, disabled: !app.ready }, locale.t('claims.moveTo', { status: claimStatusText(locale, to) }));
      b.addEventListener('click', () => app.guard(() => move(to)));
      return b;
    });
    replaceChildren(
      transitions,
      el('p', {}, `${locale.t('field.status')}: `, el('strong', { 'data-testid': 'selected-status', 'data-status': claim.status }, claimStatusText(locale, claim.status))),
      CLAIM_TRANSITIONS[claim.status].includes('Approved') ? el('div', { class: 'field' }, el('label', { for: 'claim-approved' }, locale.t('field.amountApproved')), approvedInput) : null,
      el('div', { class: 'button-row' }, ...buttons),
    );
  };

  async function move(to: ClaimStatus): Promise<void> {
    const selected = selectedEntry();
    if (!selected) return;
    const meta = { at: state!.asOf, by: user };
    let amountApproved;
    if (to === 'Approved' && approvedInput.value.trim() !== '') {
      const a = locale.parseAmount(approvedInput.value);
      if (!a.ok) return showGeneral(a.issues.map((i) => ({ ...i, path: ['amountApproved'] })));
      amountApproved = a.value;
    }
    // Core refuses a submission that breaks a claim rule, as Partner Center does.
    const changed = transitionClaim(selected.claim, to, amountApproved ? { ...meta, amountApproved } : meta, contextFor(selected.claim));
    if (!changed.ok) return showGeneral(changed.issues);
    await updateClaim(changed.value.claim, [changed.value.entry]);
    const id = selected.claim.claimId;
    await app.reload();
    app.notify(locale.t('claims.moved', { id, status: claimStatusText(locale, to) }));
  }

  /** Issues of a move or a save, below the form; the field named by the end of their path (`documents.proofs`: proofs), where it has a label. */
  function showGeneral(issues: readonly Issue[]): void {
    const column = (i: Issue) => {
      const key = `field.${String(i.path.at(-1))}`;
      return hasMessage(key) ? locale.t(key) : undefined;
    };
    replaceChildren(problems, ...issues.map((i) => el('li', { class: 'problem', 'data-testid': `problem-${i.code}` }, locale.issue(i, column(i)))));
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void app.guard(saveClaim);
  });

  async function saveClaim(): Promise<void> {
    for (const field of FORM_FIELDS) touched.add(field);
    const issues = validateForm();
    if (issues.length > 0 || !current || save.disabled) {
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const meta = { at: state!.asOf, by: user };
    const selected = selectedEntry();
    if (selected) {
      // Core decides what the form changed, documents removed included (docs/RULES.md, "Claims").
      const saved = await saveClaimForm(selected.claim, current, meta);
      if (!saved.ok) return showGeneral(saved.issues);
    } else {
      await appendClaim(current, claimCreatedEntry(current, meta));
    }
    const id = current.claimId;
    kept.claimId = id;
    kept.draft = null;
    await app.reload();
    app.notify(locale.t('claims.saved', { id }));
  }

  function setMode(next: FormMode, restoreDraft = false): void {
    mode = next;
    touched.clear();
    if (!restoreDraft) kept.draft = null;
    const selected = selectedEntry();
    kept.claimId = selected?.claim.claimId ?? null;
    form.hidden = mode.kind === 'closed';
    const row: Record<string, string> = selected ? { ...claimToRow(selected.claim) } : mode.kind === 'new' ? { ...mode.prefill } : {};
    if (selected) row.amountClaimed = locale.amountInput(selected.claim.amountClaimed);
    for (const [field, input] of inputs) input.value = row[field] ?? '';
    const readOnly = selected !== null && !isEditable(selected.claim.status);
    for (const [field, input] of inputs) input.readOnly = readOnly || (selected !== null && field === 'claimId');
    form.classList.toggle('read-only', readOnly);
    readOnlyNote.hidden = !readOnly;
    readOnlyNote.textContent = readOnly && selected ? locale.t('claims.readOnly', { status: claimStatusText(locale, selected.claim.status) }) : '';
    save.hidden = readOnly;
    formTitle.textContent = selected ? locale.t('claims.formEdit', { id: selected.claim.claimId }) : locale.t('claims.formNew');
    const draft = kept.draft;
    if (restoreDraft && draft && draft.id === (selected?.claim.claimId ?? '') && !readOnly) {
      for (const [field, input] of inputs) {
        if (draft.values[field] === undefined || draft.values[field] === input.value) continue;
        input.value = draft.values[field]!;
        touched.add(field);
      }
    }
    renderList();
    renderTransitions();
    if (mode.kind !== 'closed') validateForm();
  }

  function openClaim(entry: LedgerClaim): void {
    setMode({ kind: 'claim', entry });
    form.scrollIntoView({ block: 'nearest' });
    inputs.get('participantId')!.focus();
    if (app.ready) {
      void app.guard(async () => {
        await selectClaimRow(entry.claim.claimId);
      });
    }
  }

  const newButton = el('button', { type: 'button', 'data-testid': 'claim-new', disabled: !app.ready }, locale.t('claims.new'));
  newButton.addEventListener('click', () => {
    setMode({ kind: 'new', prefill: {} });
    inputs.get('claimId')!.focus();
  });
  closeButton.addEventListener('click', () => {
    setMode({ kind: 'closed' });
    newButton.focus();
  });

  replaceChildren(
    root,
    el('div', { class: 'toolbar' }, statusFilter, textFilter, newButton),
    el('div', { class: 'table-wrap' }, table),
    form,
  );

  // What to open: what another view asked for, else the claim open before the reload.
  const intent = app.takeClaimIntent();
  if (intent && 'fromPool' in intent) {
    const k = intent.fromPool;
    setMode({ kind: 'new', prefill: { participantId: k.participantId, programName: k.programName, earningPeriod: k.earningPeriod, currency: k.currency } });
    inputs.get('claimId')!.focus();
    return;
  }
  const wantedId = intent ? intent.claimId : kept.claimId;
  const wanted = ledger.claims.find((c) => c.claim.claimId === wantedId) ?? null;
  if (wanted && intent) openClaim(wanted);
  else if (wanted) setMode({ kind: 'claim', entry: wanted }, true);
  else if (kept.draft && kept.draft.id === '') setMode({ kind: 'new', prefill: kept.draft.values }, true);
  else setMode({ kind: 'closed' });
}
