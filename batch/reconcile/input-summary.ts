/** One input of a run, as summary.json and the Inputs sheet list it. */
export interface InputSummary {
  readonly kind: 'earnings' | 'payments' | 'claims' | 'programs' | 'accounts';
  readonly path: string;
  readonly sha256: string;
  readonly rows: number | null;
}
