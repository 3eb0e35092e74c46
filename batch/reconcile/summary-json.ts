import { formatAmount } from '../../core/money/round.js';
import type { Severity } from '../../core/codes.js';
import type { Finding } from '../../core/reconcile/finding.js';
import type { FindingSink } from '../../core/reconcile/finding-sink.js';
import type { EarningsTotals } from '../../core/reconcile/earnings-ledger.js';
import type { InputSummary } from './input-summary.js';

export function countBySeverity(findings: readonly Finding[], more: Readonly<Record<Severity, number>>): Record<Severity, number> {
  const counts = { ...more };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** summary.json: what was read, what was counted, what was found, and the exit code. */
export function summaryJson(
  options: { readonly asOf: string; readonly failOn: string },
  inputs: readonly InputSummary[],
  ledger: EarningsTotals,
  duplicates: FindingSink,
  pools: number,
  claims: number,
  findings: readonly Finding[],
  quarantined: number,
  exitCode: number,
) {
  const bySeverity: Record<string, number> = countBySeverity(findings, duplicates.bySeverity);
  const byCode: Record<string, number> = {};
  for (const c of duplicates.counts()) byCode[c.code] = (byCode[c.code] ?? 0) + c.count;
  for (const f of findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  const totals: Record<string, Record<string, string>> = {};
  for (const currency of [...ledger.totals.keys()].sort()) {
    const byKind = ledger.totals.get(currency)!;
    totals[currency] = Object.fromEntries([...byKind.keys()].sort().map((k) => [k, formatAmount(byKind.get(k)!, currency)]));
  }
  return {
    asOf: options.asOf,
    failOn: options.failOn,
    inputs,
    counts: {
      earningsRowsRead: ledger.rowsRead,
      earningsRowsCounted: ledger.rowsCounted,
      duplicateRows: ledger.duplicateRows,
      conflictingEarningIds: ledger.conflictingIds,
      quarantinedRows: quarantined,
      claims,
      pools,
    },
    totals,
    findings: { bySeverity, byCode: Object.fromEntries(Object.keys(byCode).sort().map((k) => [k, byCode[k]])) },
    exitCode,
  };
}
