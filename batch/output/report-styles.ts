/** Fills of the report workbook; its number formats are core's (`core/number-formats.ts`). */

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
