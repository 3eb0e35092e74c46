/** Account names of the journal; a finance team maps them to its chart of accounts. */
export interface JournalAccounts {
  readonly coopFunds: string;
  readonly coopDeferredIncome: string;
  readonly coopIncome: string;
  readonly rebateReceivable: string;
  readonly rebateIncome: string;
  readonly claimsReceivable: string;
  readonly cash: string;
}

export const DEFAULT_ACCOUNTS: JournalAccounts = {
  coopFunds: 'Co-op funds receivable',
  coopDeferredIncome: 'Deferred co-op income',
  coopIncome: 'Co-op income',
  rebateReceivable: 'Rebate receivable',
  rebateIncome: 'Rebate income',
  claimsReceivable: 'Co-op claims receivable',
  cash: 'Cash - co-op claim payments',
};
