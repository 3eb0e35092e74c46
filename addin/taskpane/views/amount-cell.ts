import type { Dec } from '../../../core/money/decimal.js';
import type { Locale } from '../../i18n/locale.js';
import { el } from '../dom.js';

export interface AmountCellOptions {
  readonly testId?: string;
  /**
   * Core says this amount is an overdraft (`isOverdrawn` of its pool). A negative amount alone is
   * not one: co-op transferred out of a pool is negative and overdraws nothing.
   */
  readonly overdrawn?: boolean;
}

/**
 * An amount with its currency, right-aligned by its container. An overdraft is marked twice, in
 * colour and in words ("overdrawn"), so it is never told by colour alone.
 */
export function amountCell(locale: Locale, value: Dec, currency: string, options: AmountCellOptions = {}): HTMLElement {
  const { testId, overdrawn = false } = options;
  return el(
    'span',
    { class: overdrawn ? 'amount negative' : 'amount', 'data-testid': testId },
    `${locale.amount(value, currency)} ${currency}`,
    overdrawn ? el('span', { class: 'negative-mark' }, ` (${locale.t('pool.overdrawnMark')})`) : null,
  );
}
