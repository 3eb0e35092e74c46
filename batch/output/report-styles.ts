import { minorUnits, type CurrencyCode } from '../../core/money/currency.js';

/** Asked for on every amount cell; at most one entry per ISO 4217 code. */
const AMOUNT_NUMFMTS = new Map<string, string>();

/**
 * Number formats and fills of the report workbook. Amounts are real numbers with a format that
 * shows their currency's minor unit, so Excel can sum and filter them: `#,##0.00 "EUR"`,
 * `#,##0 "JPY"`, `#,##0.000 "KWD"`. Grouping is display only; the value has no separators.
 */
export function amountNumFmt(currency: CurrencyCode): string {
  let format = AMOUNT_NUMFMTS.get(currency);
  if (format === undefined) {
    if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`not a currency code: ${currency}`);
    const places = minorUnits(currency);
    format = `#,##0${places > 0 ? `.${'0'.repeat(places)}` : ''} "${currency}"`;
    AMOUNT_NUMFMTS.set(currency, format);
  }
  return format;
}

/** ISO dates, the same text the CSVs show, whatever the reader's locale. */
export const DATE_NUMFMT = 'yyyy-mm-dd';
export const INTEGER_NUMFMT = '0';
export const SHARE_NUMFMT = '0.00%';

/** What a highlighted row means; the fill colours follow Excel's own Good/Neutral/Bad styles. */
export type HighlightKind = 'expiring' | 'overdrawn' | 'forfeited' | 'error' | 'warning';

export const HIGHLIGHT_FILLS: Readonly<Record<HighlightKind, string>> = {
  expiring: 'FFFFEB9C', // Excel "Neutral": amber, act soon
  overdrawn: 'FFFFC7CE', // Excel "Bad": red, more claimed than available
  forfeited: 'FFD9D9D9', // grey: money that is gone
  error: 'FFFFC7CE',
  warning: 'FFFFEB9C',
};

export const HEADER_FILL = 'FFDDEBF7';
