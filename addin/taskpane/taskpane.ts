/**
 * The task pane: Office.onReady wires the DOM; every workbook operation is one Excel.run in
 * workbook-ops.ts. Four views share one App object; all text goes in through textContent.
 */
import { createLocale } from '../i18n/locale.js';
import { el, replaceChildren } from './dom.js';
import type { App } from './app.js';
import { loadWorkbook, setUpWorkbook } from './workbook-ops.js';
import { renderBalances } from './views/balances-view.js';
import { renderImport } from './views/import-view.js';
import { renderClaims } from './views/claims-view.js';
import { renderSettings } from './views/settings-view.js';

type View = 'balances' | 'import' | 'claims' | 'settings';
const VIEWS: readonly View[] = ['balances', 'import', 'claims', 'settings'];
const RENDER: Record<View, (app: App, root: HTMLElement) => void> = {
  balances: renderBalances,
  import: renderImport,
  claims: renderClaims,
  settings: renderSettings,
};

function start(displayLanguage: string): void {
  const locale = createLocale(displayLanguage);
  document.documentElement.lang = locale.tag;
  document.title = locale.t('title');
  const status = document.getElementById('status')!;
  const main = document.getElementById('main')!;
  const setup = document.getElementById('setup')!;
  const nav = document.getElementById('tabs')!;
  let view: View = 'balances';

  const app: App = {
    locale,
    state: null,
    async reload() {
      app.state = await loadWorkbook();
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
        app.notify(locale.t('error.generic', { message: error instanceof Error ? error.message : String(error) }), 'error');
      }
    },
  };

  const tabButtons = VIEWS.map((v) => {
    const b = el('button', { type: 'button', role: 'tab', 'data-testid': `tab-${v}`, 'aria-controls': 'main' }, locale.t(`tab.${v}`));
    b.addEventListener('click', () => {
      view = v;
      render();
    });
    return b;
  });
  replaceChildren(nav, ...tabButtons);

  function render(): void {
    tabButtons.forEach((b, i) => b.setAttribute('aria-selected', String(VIEWS[i] === view)));
    const missing = app.state?.missing ?? [];
    if (missing.length > 0) {
      const button = el('button', { type: 'button', 'data-testid': 'setup' }, locale.t('setup.button'));
      button.addEventListener('click', () =>
        app.guard(async () => {
          const result = await setUpWorkbook();
          await app.reload();
          app.notify(locale.t('setup.done', { tables: result.created.join(', ') }));
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
  }

  // The manifest asks for ExcelApi 1.14; an older host that still opens the pane is told why
  // nothing works rather than failing on the first call.
  if (!Office.context.requirements.isSetSupported('ExcelApi', '1.14')) {
    app.notify(locale.t('error.unsupportedHost'), 'error');
    return;
  }
  void app.guard(() => app.reload());
}

Office.onReady(() => {
  start(Office.context?.displayLanguage || navigator.language || 'en-US');
});
