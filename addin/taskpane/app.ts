import type { Locale } from '../i18n/locale.js';
import type { WorkbookState } from './workbook-ops.js';

/** What every view gets: the words, the current workbook state, and how to refresh it. */
export interface App {
  readonly locale: Locale;
  state: WorkbookState | null;
  reload(): Promise<void>;
  /** Shows a one-line status or error message (plain text). */
  notify(text: string, kind?: 'info' | 'error'): void;
  /** Runs an operation, reporting a thrown error instead of losing it. */
  guard(action: () => Promise<void>): Promise<void>;
}
