import { writeFile } from 'node:fs/promises';
import type { Dec } from '../../core/money/decimal.js';
import { formatAmount } from '../../core/money/round.js';
import { addDays, daysBetween, type IsoDate } from '../../core/calendar/calendar-date.js';
import { lastDay } from '../../core/calendar/date-interval.js';
import type { PoolBalance } from '../../core/pools/pool-balance.js';
import { isSpendable, poolAlerts } from '../../core/pools/pool-alerts.js';
import { currencySummaries } from '../../core/pools/currency-summary.js';
import type { Change } from '../../core/changes/change.js';
import { CHANGE_KINDS } from '../../core/changes/change.js';
import { isSeverity, SEVERITY_RANK } from '../../core/codes.js';
import type { LedgerSettings } from '../../core/settings.js';

/** Rows shown per table and pools per chart: the report stays a few hundred KB; the CSVs hold everything. */
export const HTML_ROWS_CAP = 200;

export interface HtmlReportData {
  readonly asOf: IsoDate;
  readonly balances: readonly PoolBalance[];
  /** Findings, or counts of them (`count`, default 1): the per-row duplicates come as one count. */
  readonly findings: readonly { readonly severity: string; readonly code: string; readonly count?: number }[];
  readonly changes: readonly Change[];
  /** The run's settings: the fiscal year of "forfeited this fiscal year" and the horizons of "money at risk" (docs/RULES.md, "Alerts"). */
  readonly settings: LedgerSettings;
}

export async function writeHtmlReport(path: string, data: HtmlReportData): Promise<void> {
  await writeFile(path, renderHtmlReport(data));
}

/**
 * report.html: one self-contained page a manager opens or receives by mail. No script and no
 * remote resource (the Content-Security-Policy forbids both, so even a mail client that would run
 * them does not): inline CSS and SVG only. Every piece of data goes through `esc`.
 */
export function renderHtmlReport(data: HtmlReportData): string {
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Co-op Ledger report as of ${esc(data.asOf)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>Co-op Ledger <span class="as-of">as of ${esc(data.asOf)}</span></h1>`,
    totalsSection(data),
    atRiskSection(data),
    timelineSection(data),
    findingsSection(data),
    changesSection(data),
    '</body>',
    '</html>',
    '',
  ];
  return parts.join('\n');
}

const CSS = `
body{font-family:"Segoe UI",system-ui,-apple-system,sans-serif;color:#242424;margin:24px;max-width:1100px}
h1{font-size:24px;font-weight:600;margin:0 0 16px}h2{font-size:18px;font-weight:600;margin:28px 0 8px}
.as-of{color:#616161;font-weight:400;font-size:16px}
table{border-collapse:collapse;font-size:13px;width:100%}
th,td{padding:4px 8px;border-bottom:1px solid #e0e0e0;text-align:left;vertical-align:top}
th{background:#f5f5f5;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.error{color:#b10e1c}.warning{color:#8a5700}.info{color:#616161}
.none{color:#616161;font-style:italic}.more{color:#616161;font-size:12px}
.legend span{display:inline-block;margin-right:16px;font-size:12px}
.sw{display:inline-block;width:12px;height:12px;vertical-align:middle;margin-right:4px}
svg text{font-family:"Segoe UI",system-ui,sans-serif;font-size:11px}
`;

/** Escapes text for HTML content and attribute values. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function money(amount: Dec, currency: string): string {
  return esc(formatAmount(amount, currency));
}

function table(head: readonly string[], rows: readonly string[][], numeric: ReadonlySet<number> = new Set()): string {
  const th = head.map((h, i) => `<th${numeric.has(i) ? ' class="n"' : ''}>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell, i) => `<td${numeric.has(i) ? ' class="n"' : ''}>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function capped(total: number, where: string): string {
  return total > HTML_ROWS_CAP ? `<p class="more">The first ${HTML_ROWS_CAP} of ${esc(total)}; all are in ${esc(where)}.</p>` : '';
}

function totalsSection(data: HtmlReportData): string {
  const summaries = currencySummaries(data.balances, data.asOf, data.settings);
  if (summaries.length === 0) return '<h2>Totals per currency</h2><p class="none">No pools.</p>';
  // Core's horizons, in its order: every summary holds the same ones.
  const horizons = [...summaries[0]!.expiringWithin.keys()];
  const rows = summaries.map((s) => [
    esc(s.currency),
    esc(s.pools),
    money(s.available, s.currency),
    ...horizons.map((d) => money(s.expiringWithin.get(d)!, s.currency)),
    money(s.forfeitedThisFiscalYear, s.currency),
    money(s.overdrawn, s.currency),
  ]);
  const head = ['Currency', 'Pools', 'Available', ...horizons.map((d) => `Expiring within ${d} days`), 'Forfeited this fiscal year', 'Overdrawn'];
  return `<h2>Totals per currency</h2>\n${table(head, rows, new Set(head.map((_, i) => i).filter((i) => i > 0)))}`;
}

const DEADLINE_NAMES = { usageEnd: 'usage ends', claimDeadline: 'claim deadline', earningEnd: 'earning period ends' } as const;

function atRiskSection(data: HtmlReportData): string {
  const horizons = data.settings.expiryDays;
  // In core's order, most urgent first, as the pane lists them (docs/RULES.md, "Alerts and the per-currency summary").
  const atRisk = poolAlerts(data.balances, data.settings).filter((a) => a.kind === 'expiring');
  const head = `<h2>Money at risk <span class="as-of">available, with usage ending or the claim deadline within ${horizons.join(' or ')} days</span></h2>`;
  if (atRisk.length === 0) return `${head}<p class="none">Nothing at risk.</p>`;
  const rows = atRisk.slice(0, HTML_ROWS_CAP).map((a) => [
    esc(a.date),
    esc(DEADLINE_NAMES[a.deadline]),
    esc(a.days),
    esc(a.pool.key.participantId),
    esc(a.pool.key.programName),
    esc(a.pool.key.earningPeriod),
    `${money(a.amount, a.pool.key.currency)} ${esc(a.pool.key.currency)}`,
    esc(`≤ ${a.withinDays ?? ''} days`),
  ]);
  return `${head}\n${table(['Deadline', 'Which', 'Days left', 'Participant', 'Program', 'Earning period', 'Available', 'Within'], rows, new Set([2, 6]))}${capped(atRisk.length, 'balances.csv')}`;
}

const USAGE_COLOUR = '#0f6cbd';
const CLAIM_COLOUR = '#a9d3f2';
const TODAY_COLOUR = '#c50f1f';

/** Each open pool's usage and claim windows on one time axis, with a line for today and the amounts. */
function timelineSection(data: HtmlReportData): string {
  const pools = data.balances
    .filter(isSpendable)
    .sort((a, b) => (lastDay(a.claiming) < lastDay(b.claiming) ? -1 : lastDay(a.claiming) > lastDay(b.claiming) ? 1 : 0));
  const head = '<h2>Open pools: usage and claim windows</h2>';
  if (pools.length === 0) return `${head}<p class="none">No open pools.</p>`;
  const shown = pools.slice(0, HTML_ROWS_CAP);
  const from = shown.map((b) => b.usage.start).reduce((a, b) => (b < a ? b : a), data.asOf);
  const to = shown.map((b) => b.claiming.end).reduce((a, b) => (b > a ? b : a), addDays(data.asOf, 1));
  const span = Math.max(1, daysBetween(from, to));
  const labelWidth = 300;
  const amountWidth = 130;
  const chartWidth = 620;
  const rowHeight = 22;
  const top = 24;
  const width = labelWidth + chartWidth + amountWidth;
  const height = top + shown.length * rowHeight + 8;
  const x = (date: IsoDate) => labelWidth + (daysBetween(from, date) / span) * chartWidth;
  const rows = shown.map((b, i) => {
    const y = top + i * rowHeight;
    const label = `${b.key.participantId} · ${b.key.programName} · ${b.key.earningPeriod}`;
    const usage = bar(x(b.usage.start), x(b.usage.end), y + 4, 8, USAGE_COLOUR, `usage ${b.usage.start} – ${lastDay(b.usage)}`);
    const claim = bar(x(b.claiming.start), x(b.claiming.end), y + 12, 6, CLAIM_COLOUR, `claims ${b.claiming.start} – ${lastDay(b.claiming)}`);
    const amount = `${formatAmount(b.available, b.key.currency)} ${b.key.currency}`;
    return [
      `<text x="4" y="${y + 14}">${esc(clip(label, 48))}<title>${esc(label)}</title></text>`,
      usage,
      claim,
      `<text x="${width - 4}" y="${y + 14}" text-anchor="end">${esc(amount)}</text>`,
    ].join('');
  });
  const today = x(data.asOf);
  const axis = [from, to].map((d, i) => `<text x="${i === 0 ? labelWidth : labelWidth + chartWidth}" y="12" text-anchor="${i === 0 ? 'start' : 'end'}">${esc(d)}</text>`).join('');
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Usage and claim windows of the open pools, with today">`,
    axis,
    `<text x="${width - 4}" y="12" text-anchor="end" font-weight="600">Available</text>`,
    ...rows,
    `<line x1="${today.toFixed(1)}" y1="16" x2="${today.toFixed(1)}" y2="${height}" stroke="${TODAY_COLOUR}" stroke-width="1.5"/>`,
    `<text x="${today.toFixed(1)}" y="${height - 1}" fill="${TODAY_COLOUR}" text-anchor="middle">today ${esc(data.asOf)}</text>`,
    '</svg>',
  ].join('\n');
  const legend = `<p class="legend"><span><i class="sw" style="background:${USAGE_COLOUR}"></i>usage window</span><span><i class="sw" style="background:${CLAIM_COLOUR}"></i>claim window</span><span><i class="sw" style="background:${TODAY_COLOUR}"></i>today</span></p>`;
  return `${head}\n${legend}\n${svg}${capped(pools.length, 'balances.csv')}`;
}

function bar(x1: number, x2: number, y: number, h: number, colour: string, title: string): string {
  return `<rect x="${x1.toFixed(1)}" y="${y}" width="${Math.max(1, x2 - x1).toFixed(1)}" height="${h}" fill="${colour}"><title>${esc(title)}</title></rect>`;
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function findingsSection(data: HtmlReportData): string {
  const counts = new Map<string, { severity: string; code: string; n: number }>();
  for (const f of data.findings) {
    const id = `${f.severity}\u001f${f.code}`;
    const c = counts.get(id) ?? { severity: f.severity, code: f.code, n: 0 };
    c.n += f.count ?? 1;
    counts.set(id, c);
  }
  // Core's severity scale, most severe first; a severity it does not know goes last.
  const rank = (severity: string) => (isSeverity(severity) ? SEVERITY_RANK[severity] : -1);
  const rows = [...counts.values()]
    .sort((a, b) => rank(b.severity) - rank(a.severity) || b.n - a.n || (a.code < b.code ? -1 : 1))
    .map((c) => [`<span class="${esc(severityClass(c.severity))}">${esc(c.severity)}</span>`, esc(c.code), esc(c.n)]);
  const head = '<h2>Findings by code</h2>';
  if (rows.length === 0) return `${head}<p class="none">No findings.</p>`;
  return `${head}\n${table(['Severity', 'Code', 'Count'], rows, new Set([2]))}`;
}

/** A severity's class is its name; one the scale does not know is shown as the least. */
function severityClass(severity: string): string {
  return isSeverity(severity) ? severity : 'info';
}

function changesSection(data: HtmlReportData): string {
  const head = '<h2>Changes since the previous run</h2>';
  const counts = CHANGE_KINDS.map((k) => `${esc(k)}: ${esc(data.changes.filter((c) => c.change === k).length)}`).join(' · ');
  if (data.changes.length === 0) return `${head}<p class="none">Nothing changed.</p>`;
  const value = (v: Change['before'], currency: string) => (v === null ? '' : typeof v === 'string' ? esc(v) : money(v, currency));
  const rows = data.changes.slice(0, HTML_ROWS_CAP).map((c) => [
    esc(c.change),
    c.severity ? `<span class="${esc(severityClass(c.severity))}">${esc(c.severity)}</span>` : '',
    esc(c.code),
    esc([c.participantId, c.programName, c.earningPeriod, c.currency].filter((s) => s !== '').join(' · ')),
    esc(c.claimId),
    esc(c.field),
    value(c.before, c.currency),
    value(c.after, c.currency),
  ]);
  return `${head}\n<p>${counts}</p>\n${table(['Change', 'Severity', 'Code', 'Pool', 'Claim', 'Field', 'Before', 'After'], rows)}${capped(data.changes.length, 'changes.csv')}`;
}
