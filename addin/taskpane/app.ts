import type { Locale } from '../i18n/locale.js';
import type { PoolKey } from '../../core/pools/pool-key.js';
import type { WorkbookState } from './workbook-ops.js';

export type View = 'balances' | 'findings' | 'import' | 'claims' | 'settings';

/** What the Claims view should open when it is shown next: a claim, or a new claim from a pool. */
export type ClaimIntent = { readonly claimId: string } | { readonly fromPool: PoolKey };

/** What every view gets: the words, the current workbook state, and how to refresh it. */
export interface App {
  readonly locale: Locale;
  state: WorkbookState | null;
  /** True once the workbook has every co-op table; actions that write stay disabled until then. */
  readonly ready: boolean;
  /** Reads the workbook again; `reread` reads the Earnings table even when nothing says it changed. */
  reload(options?: { reread?: boolean }): Promise<void>;
  /** Shows a one-line status or error message (plain text). */
  notify(text: string, kind?: 'info' | 'error'): void;
  /** Runs an operation, reporting a thrown error in plain words instead of losing it. */
  guard(action: () => Promise<void>): Promise<void>;
  /** Switches to a view (and moves focus to its tab). */
  show(view: View, intent?: ClaimIntent): void;
  /** Taken (and cleared) by the Claims view when it renders. */
  takeClaimIntent(): ClaimIntent | null;
}
