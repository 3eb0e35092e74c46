import type { Dec } from '../money/decimal.js';
import { ExactSum } from '../money/scaled-amount.js';
import { detach } from '../text/detach.js';
import type { EarningRecord } from './earning-record.js';

/** What the earnings rows of one paymentId add up to, in each currency the payments check may compare in. */
export interface PaymentSums {
  /** Per transaction currency: `earningAmount`. */
  readonly byCurrency: ReadonlyMap<string, Dec>;
  /** Per pay-to currency: `earningAmountInLastPaymentCurrency`, over the rows that have it. */
  readonly byPaymentCurrency: ReadonlyMap<string, Dec>;
  /** `earningAmountUSD` (a USD row's own amount when the column is empty). */
  readonly usd: Dec;
  readonly rows: number;
  /** Rows without a pay-to amount, and rows without a USD amount. */
  readonly rowsWithoutPaymentCurrency: number;
  readonly rowsWithoutUSD: number;
}

class RunningSums {
  readonly byCurrency = new Map<string, ExactSum>();
  readonly byPaymentCurrency = new Map<string, ExactSum>();
  readonly usd = new ExactSum();
  rows = 0;
  rowsWithoutPaymentCurrency = 0;
  rowsWithoutUSD = 0;
}

function sumIn(map: Map<string, ExactSum>, key: string): ExactSum {
  let sum = map.get(key);
  if (!sum) map.set(key, (sum = new ExactSum()));
  return sum;
}

/** The earnings rows summed by paymentId, exactly, while they are read (docs/RULES.md, "Payments"). */
export class PaymentSumsTable {
  private readonly byPayment = new Map<string, RunningSums>();

  add(row: EarningRecord, negate: boolean): void {
    let sums = this.byPayment.get(row.paymentId);
    if (!sums) this.byPayment.set(detach(row.paymentId), (sums = new RunningSums()));
    const sign = negate ? -1 : 1;
    sums.rows += sign;
    sumIn(sums.byCurrency, row.currency).add(row.amountScaled, negate);
    if (row.amountInPaymentCurrencyScaled !== null && row.paymentCurrency !== '') {
      sumIn(sums.byPaymentCurrency, row.paymentCurrency).add(row.amountInPaymentCurrencyScaled, negate);
    } else sums.rowsWithoutPaymentCurrency += sign;
    const usd = row.amountUSDScaled ?? (row.currency === 'USD' ? row.amountScaled : null);
    if (usd === null) sums.rowsWithoutUSD += sign;
    else sums.usd.add(usd, negate);
  }

  toSums(): Map<string, PaymentSums> {
    const decimals = (m: Map<string, ExactSum>) => new Map([...m].map(([k, sum]) => [k, sum.toDec()]));
    return new Map(
      [...this.byPayment].map(([id, s]) => [
        id,
        {
          byCurrency: decimals(s.byCurrency),
          byPaymentCurrency: decimals(s.byPaymentCurrency),
          usd: s.usd.toDec(),
          rows: s.rows,
          rowsWithoutPaymentCurrency: s.rowsWithoutPaymentCurrency,
          rowsWithoutUSD: s.rowsWithoutUSD,
        },
      ]),
    );
  }
}
