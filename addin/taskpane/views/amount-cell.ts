import type { Dec } from '../../../core/money/decimal.js';
import type { Locale } from '../../i18n/locale.js';
import { el } from '../dom.js';

/**
 * An amount with its currency, right-aligned by its container. A negative amount is marked twice,
 * in colour and in words ("overdrawn"), so it is never told by colour alone.
 */
export function amountCell(locale: Locale, value: Dec, currency: string, testId?: string): HTMLElement {
  const negative = value.isNegative() && !value.isZero();
  return el(
    'span',
    { class: negative ? 'amount negative' : 'amount', 'data-testid': testId },
    `${locale.amount(value, currency)} ${currency}`,
    negative ? el('span', { class: 'negative-mark' }, ` (${locale.t('pool.overdrawnMark')})`) : null,
  );
}
