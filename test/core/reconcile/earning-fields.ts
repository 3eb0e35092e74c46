import type { EarningFields } from '../../../core/reconcile/earning-record.js';
import type { IsoDate } from '../../../core/calendar/calendar-date.js';

/** One co-op earning as an export row gives it, for tests of the identity rules; `over` changes fields. */
export function earningFields(over: Partial<EarningFields> = {}): EarningFields {
  return {
    earningId: 'E-1',
    participantId: '4410021',
    participantName: 'Contoso, Ltd.',
    programName: 'CSP Indirect Reseller',
    earningType: 'Co-op',
    kind: 'coop',
    amountScaled: { units: 1250, scale: 2 },
    amountUSDScaled: { units: 1400, scale: 2 },
    earningDate: '2021-03-15' as IsoDate,
    currency: 'EUR',
    transactionId: 'T-1',
    lever: 'Azure',
    earningRate: '0.04',
    reasonCode: '',
    claimId: '',
    paymentId: '',
    paymentStatus: 'Upcoming',
    paymentCurrency: '',
    amountInPaymentCurrencyScaled: null,
    exchangeRate: '1.13',
    passThrough: {},
    location: { file: 'a.csv', line: 2 },
    ...over,
  };
}
