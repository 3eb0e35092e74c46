import type { IsoDate } from '../../core/calendar/calendar-date.js';
import type { PoolBalance } from '../../core/pools/pool-balance.js';
import { createReportWorkbook } from '../output/report-workbook.js';
import { summaryRowsCap } from '../output/summary-rows-cap.js';
import type { HighlightKind } from '../output/report-styles.js';
import type { ReportRow } from '../output/cell-value.js';
import type { ClaimReport } from '../../core/reconcile/claims-check.js';
import type { Finding } from '../../core/reconcile/finding.js';
import { isPerRowFindingCode } from '../../core/codes.js';
import type { JournalLine } from '../../core/journal/journal-line.js';
import type { InputSummary } from './input-summary.js';
import type { LedgerSettings } from '../../core/settings.js';
import { poolFlags } from '../../core/pools/pool-alerts.js';
import { poolKeyString } from '../../core/pools/pool-key.js';
import { balanceRow } from '../../core/pools/balance-row.js';
import { BALANCES_REPORT, CLAIMS_REPORT, FINDINGS_REPORT, JOURNAL_REPORT, claimReportRow, findingRow, journalRow } from '../../core/reports/report-files.js';

/** Findings that come one per row are summarised beyond this many per code (all are in findings.csv). */
export const FINDINGS_PER_CODE_IN_XLSX = 1000;

export interface WorkbookReportData {
  readonly asOf: IsoDate;
  /** The run's settings: the Balances sheet shades the pools the findings call expiring (docs/RULES.md, "Alerts"). */
  readonly settings: LedgerSettings;
  readonly inputs: readonly InputSummary[];
  readonly balances: readonly PoolBalance[];
  /** In report order; any iterable, so findings kept on disk can stream through. */
  readonly findings: Iterable<Finding> | AsyncIterable<Finding>;
  /** Counts by severity for the Summary sheet; counted from `findings` when they are an array. */
  readonly findingCounts?: Readonly<Record<Finding['severity'], number>>;
  readonly claims: readonly ClaimReport[];
  readonly journal: readonly JournalLine[];
}

/** The Balances sheet's shading: each pool's mark by core's rule (`poolFlags`), with the run's horizons. */
function balanceHighlights(pools: readonly PoolBalance[], settings: LedgerSettings): (row: ReportRow) => HighlightKind | null {
  const flags = poolFlags(pools, settings);
  return (row) => flags.get(poolKeyString({ participantId: String(row.participantId), programName: String(row.programName), earningPeriod: String(row.earningPeriod), currency: String(row.currency) })) ?? null;
}

function countSeverities(findings: readonly Finding[]): Record<Finding['severity'], number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** reconciliation.xlsx: Summary, Balances, Findings, Claims, Journal, Inputs. */
export async function writeWorkbookReport(path: string, data: WorkbookReportData): Promise<void> {
  const wb = await createReportWorkbook(path, { documentDate: data.asOf });

  const summary = await wb.addSheet('Summary', {
    columns: [
      { name: 'item', kind: 'text', width: 34 },
      { name: 'value', kind: 'text', width: 20 },
    ],
    autoFilter: false,
  });
  const counts = data.findingCounts ?? countSeverities(data.findings as readonly Finding[]);
  const count = (severity: Finding['severity']) => String(counts[severity]);
  const byStatus = new Map<string, number>();
  for (const b of data.balances) byStatus.set(b.status, (byStatus.get(b.status) ?? 0) + 1);
  const summaryRows: [string, string][] = [
    ['as of', data.asOf],
    ['pools', String(data.balances.length)],
    ...[...byStatus].sort().map(([s, n]): [string, string] => [`pools ${s}`, String(n)]),
    ['claims', String(data.claims.length)],
    ['errors', count('error')],
    ['warnings', count('warning')],
    ['info', count('info')],
  ];
  for (const [item, value] of summaryRows) await summary.addRow({ item, value });

  const balances = await wb.addSheet('Balances', { columns: BALANCES_REPORT.columns, highlight: balanceHighlights(data.balances, data.settings) });
  for (const b of data.balances) await balances.addRow(balanceRow(b));

  const findings = await wb.addSheet('Findings', {
    columns: FINDINGS_REPORT.columns,
    highlight: (r) => (r.severity === 'error' ? 'error' : r.severity === 'warning' ? 'warning' : null),
  });
  const capped = summaryRowsCap((row) => findings.addRow(row), {
    cap: FINDINGS_PER_CODE_IN_XLSX,
    // Core says which codes come one per row (docs/RULES.md, "Findings one per row").
    kindOf: (row) => (isPerRowFindingCode(String(row.code)) ? String(row.code) : null),
    summaryRow: (code, omitted) => ({
      severity: 'info',
      code,
      message: `${omitted} more ${code} findings are listed in findings.csv`,
      actual: String(omitted),
    }),
  });
  for await (const f of data.findings) await capped.add(findingRow(f));
  await capped.finish();

  const claims = await wb.addSheet('Claims', { columns: CLAIMS_REPORT.columns });
  for (const c of data.claims) await claims.addRow(claimReportRow(c));

  const journal = await wb.addSheet('Journal', { columns: JOURNAL_REPORT.columns });
  for (const l of data.journal) await journal.addRow(journalRow(l));

  const inputs = await wb.addSheet('Inputs', {
    columns: [
      { name: 'kind', kind: 'text' },
      { name: 'path', kind: 'text', width: 40 },
      { name: 'sha256', kind: 'text', width: 66 },
      { name: 'rows', kind: 'integer' },
    ],
  });
  for (const i of data.inputs) await inputs.addRow({ ...i });
  await wb.close();
}
