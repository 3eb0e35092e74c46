import { loadWorkbook } from '../../addin/taskpane/workbook-ops.js';
import type { App } from '../../addin/taskpane/app.js';
import { createLocale } from '../../addin/i18n/locale.js';

/**
 * The pane's App around one view, on the fake workbook as it stands: a reload reads the workbook
 * again and draws the view anew, as the pane does; notices go to `notes`.
 */
export async function viewApp(tag: string, render: (app: App, root: HTMLElement) => void, root: HTMLElement, notes: { text: string; kind: string }[] = []): Promise<App> {
  const app: App = {
    locale: createLocale(tag),
    state: await loadWorkbook({ reread: true }),
    get ready() {
      return this.state !== null && this.state.missing.length === 0;
    },
    async reload() {
      this.state = await loadWorkbook({ reread: true });
      render(this, root);
    },
    notify: (text, kind = 'info') => void notes.push({ text, kind }),
    guard: (action) => action(),
    show: () => undefined,
    takeClaimIntent: () => null,
  };
  render(app, root);
  return app;
}
