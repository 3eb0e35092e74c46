import { Dec, ZERO } from '../money/decimal.js';
import type { IsoDate } from '../calendar/calendar-date.js';
import { detach } from '../text/detach.js';
import type { EarningRecord, RowLocation } from './earning-record.js';

/** claimId → amount paid per currency, with the first row that paid it. */
export type ClaimPayments = ReadonlyMap<string, ReadonlyMap<string, { amount: Dec; first: RowLocation; date: IsoDate }>>;

/** The `Claim` payment rows, summed by claimId and currency (docs/RULES.md, "Paid claims"). */
export class ClaimPaymentRows {
  readonly byClaim = new Map<string, Map<string, { amount: Dec; first: RowLocation; date: IsoDate }>>();

  add(row: EarningRecord, negate: boolean): void {
    if (row.claimId === '') return;
    const amount = negate ? row.amount.negated() : row.amount;
    const byCurrency = this.byClaim.get(row.claimId) ?? new Map<string, { amount: Dec; first: RowLocation; date: IsoDate }>();
    const entry = byCurrency.get(row.currency) ?? { amount: ZERO, first: row.location, date: row.earningDate };
    entry.amount = entry.amount.plus(amount);
    // The journal dates a claim's payment with its earliest payment row.
    if (row.earningDate < entry.date) entry.date = row.earningDate;
    byCurrency.set(row.currency, entry);
    if (!this.byClaim.has(row.claimId)) this.byClaim.set(detach(row.claimId), byCurrency);
  }
}
