/**
 * The task pane: Office.onReady wires the DOM; every workbook operation is one Excel.run in
 * workbook-ops.ts. Five views share one App object; all text goes in through textContent. The
 * tabs follow the ARIA tabs pattern (arrow keys, Home/End); the pane refreshes itself when the
 * co-op tables change, on the same events the COOP.* functions use.
 */
import { createLocale } from '../i18n/locale.js';
import { TABLES } from '../../core/workbook-layout.js';
import { el, replaceChildren } from './dom.js';
import type { App, ClaimIntent, View } from './app.js';
import { loadWorkbook, setUpWorkbook } from './workbook-ops.js';
import { onTablesChanged, watchTables } from '../excel/table-changes.js';
import { errorText } from './error-text.js';
import { applyFluentTheme } from './fluent-theme.js';
import { renderBalances } from './views/balances-view.js';
import { renderFindings } from './views/findings-view.js';
import { renderImport } from './views/import-view.js';
import { renderClaims } from './views/claims-view.js';
import { renderSettings } from './views/settings-view.js';

const VIEWS: readonly View[] = ['balances', 'findings', 'import', 'claims', 'settings'];
const RENDER: Record<View, (app: App, root: HTMLElement) => void> = {
  balances: renderBalances,
  findings: renderFindings,
  import: renderImport,
  claims: renderClaims,
  settings: renderSettings,
};
/** The tables whose changes change what the pane shows. */
const WATCHED = [TABLES.earnings, TABLES.programs, TABLES.claims, TABLES.payments, TABLES.importLog];
/** Edits arrive cell by cell; one refresh after they settle. */
const REFRESH_DELAY_MS = 300;

function start(displayLanguage: string, inExcel: boolean): void {
  const locale = createLocale(displayLanguage);
  document.documentElement.lang = locale.tag;
  document.title = locale.t('title');
  applyFluentTheme(document.documentElement);
  const status = document.getElementById('status')!;
  const main = document.getElementById('main')!;
  const setup = document.getElementById('setup')!;
  const nav = document.getElementById('tabs')!;
  let view: View = 'balances';
  let intent: ClaimIntent | null = null;

  // Loads of the workbook run one after another. A refresh whose timer fires while an action's own
  // reload is still reading would otherwise compare with the state from before the action, find a
  // difference, and redraw the view a second time, late, under the user's next keystroke.
  let loads: Promise<unknown> = Promise.resolve();
  const oneAtATime = (load: () => Promise<void>): Promise<void> => {
    const next = loads.then(load, load);
    loads = next.catch(() => undefined);
    return next;
  };

  const app: App = {
    locale,
    state: null,
    get ready() {
      return app.state !== null && app.state.missing.length === 0;
    },
    async reload(options) {
      await oneAtATime(async () => {
        app.state = await loadWorkbook(options);
      });
      render();
    },
    notify(text, kind = 'info') {
      status.textContent = text;
      status.className = kind;
    },
    async guard(action) {
      try {
        await action();
      } catch (error) {
        app.notify(errorText(locale, error), 'error');
      }
    },
    show(next, nextIntent) {
      view = next;
      intent = nextIntent ?? null;
      render();
      tabButtons[VIEWS.indexOf(next)]!.focus();
      // The claim a pool or alert asked for gets the focus after the tab.
      if (nextIntent) main.querySelector<HTMLElement>('.claim-form:not([hidden]) input:not([readonly])')?.focus();
    },
    takeClaimIntent() {
      const taken = intent;
      intent = null;
      return taken;
    },
  };

  nav.setAttribute('aria-label', locale.t('tabs.label'));
  const tabButtons = VIEWS.map((v, i) => {
    const b = el('button', { type: 'button', role: 'tab', id: `tab-${v}`, 'data-testid': `tab-${v}`, 'aria-controls': 'main' }, locale.t(`tab.${v}`));
    b.addEventListener('click', () => app.show(v));
    b.addEventListener('keydown', (e) => {
      const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? VIEWS.length - 1 : null;
      if (to === null) return;
      e.preventDefault();
      app.show(VIEWS[(to + VIEWS.length) % VIEWS.length]!);
    });
    return b;
  });
  replaceChildren(nav, ...tabButtons);

  function render(): void {
    // A reload re-renders the view; the user stays where they were reading, and on the same control.
    const scroll = document.scrollingElement?.scrollTop ?? 0;
    const focused = document.activeElement?.getAttribute('data-testid') ?? null;
    tabButtons.forEach((b, i) => {
      const selected = VIEWS[i] === view;
      b.setAttribute('aria-selected', String(selected));
      b.tabIndex = selected ? 0 : -1;
    });
    main.setAttribute('aria-labelledby', `tab-${view}`);
    const missing = app.state?.missing ?? [];
    if (missing.length > 0) {
      const button = el('button', { type: 'button', class: 'primary', 'data-testid': 'setup' }, locale.t('setup.button'));
      button.addEventListener('click', () =>
        app.guard(async () => {
          button.disabled = true;
          const result = await setUpWorkbook();
          await watchTables(WATCHED);
          await app.reload();
          const unconverted = result.unconverted.length > 0 ? ` ${locale.t('setup.unconverted', { sheets: result.unconverted.join(', ') })}` : '';
          app.notify(`${locale.t('setup.done', { tables: result.created.join(', ') })}${unconverted}`);
        }),
      );
      replaceChildren(setup, el('p', {}, locale.t('setup.missing', { tables: missing.join(', ') })), button);
      setup.hidden = false;
    } else {
      replaceChildren(setup);
      setup.hidden = true;
    }
    main.setAttribute('data-view', view);
    RENDER[view](app, main);
    if (document.scrollingElement) document.scrollingElement.scrollTop = scroll;
    if (focused && !document.activeElement?.closest('main, nav')) {
      document.querySelector<HTMLElement>(`[data-testid="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
    }
  }

  let refresh: ReturnType<typeof setTimeout> | null = null;
  // Table events carry no author (only worksheet events have triggerSource), so the pane's own
  // writes refresh it once more too; that costs one read, and the views keep unsaved input.
  onTablesChanged(() => {
    if (refresh !== null) clearTimeout(refresh);
    refresh = setTimeout(() => {
      refresh = null;
      void app.guard(() =>
        oneAtATime(async () => {
          const before = app.state?.fingerprint;
          const next = await loadWorkbook();
          app.state = next;
          // The pane's own write already shown: keep the DOM, the focus and any chosen files.
          if (next.fingerprint !== before) render();
        }),
      );
    }, REFRESH_DELAY_MS);
  });

  // Opened outside Office (a browser tab on the dev server), office.js reports no host and has no
  // requirements to ask: say where the pane works instead of failing on the first call.
  if (!inExcel) {
    app.notify(locale.t('error.notInExcel'), 'error');
    return;
  }
  // The manifest asks for ExcelApi 1.14; an older host that still opens the pane is told why
  // nothing works rather than failing on the first call.
  if (!Office.context.requirements.isSetSupported('ExcelApi', '1.14')) {
    app.notify(locale.t('error.unsupportedHost'), 'error');
    return;
  }
  render();
  void app.guard(async () => {
    await app.reload();
    await watchTables(WATCHED);
  });
}

Office.onReady((info) => {
  start(Office.context?.displayLanguage || navigator.language || 'en-US', info.host === Office.HostType.Excel);
});
