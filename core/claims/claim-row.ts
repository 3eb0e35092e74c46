import { parseDate, type IsoDate } from '../calendar/calendar-date.js';
import { formatHalf, parseHalf, type FiscalHalf } from '../calendar/fiscal-half.js';
import { parseCurrency } from '../money/currency.js';
import type { Dec } from '../money/decimal.js';
import { parseAmount, type NumberLocale } from '../money/parse-amount.js';
import { issue, ok, fail, type Issue, type Result } from '../issues.js';
import { memoByText } from '../text/memo-by-text.js';
import { normaliseHeaderName } from '../tables/header-row.js';
import { CLAIMS_COLUMNS } from '../workbook-layout.js';
import type { Claim, ClaimDocuments } from './claim.js';
import { parseClaimStatus, type ClaimStatus } from './claim-status.js';

export interface ParseClaimRowOptions {
  /** The register's number locale, when it went through a European Excel (`1.234,56`). */
  readonly locale?: NumberLocale;
}

/**
 * The register's columns a claim cannot be read without: a register (or a Claims table) lacking
 * one of them has no usable claim, so both adapters require them in its header
 * (docs/RULES.md, "Claims"). `status` is not among them: an empty or absent status is `Editing`.
 */
export const REQUIRED_CLAIMS_COLUMNS = [
  'claimId',
  'participantId',
  'programName',
  'activityStart',
  'activityEnd',
  'currency',
  'amountClaimed',
] as const;

/** The same list decides which cells must hold a value, so the header and the row cannot drift apart. */
const REQUIRED_SET: ReadonlySet<string> = new Set<string>(REQUIRED_CLAIMS_COLUMNS);

/** More placeholders than this is a typo in the count column, not a claim's attachments. */
const MAX_DOCUMENT_COUNT = 999;
const PLACEHOLDER_RE = /^#(\d+)$/;

/**
 * A header or column name as cells are looked up: core's one header rule, so `Claim ID` is the
 * `claimId` column (docs/RULES.md, "Column headers"). A register repeats its few headers on every row.
 */
const cellKey = memoByText(normaliseHeaderName, 256);

function placeholders(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `#${i + 1}`);
}

/**
 * Reads one row of the claims register (CLAIMS_COLUMNS; headers name columns by core's header rule). Every
 * problem is reported, each at `[column]` with the raw cell as input. Required: the cells of
 * REQUIRED_CLAIMS_COLUMNS. An empty or absent status is `Editing` (a row just typed in is a
 * draft); an empty earningPeriod is allowed (the dates decide). Document columns hold a count (`3` → `#1`, `#2`, `#3`) or `;`-separated names.
 */
export function parseClaimRow(row: Readonly<Record<string, string>>, options: ParseClaimRowOptions = {}): Result<Claim> {
  const cells = new Map<string, string>();
  // Two headers naming one column are the adapters' `duplicate_header` (readTableHeader): the first is the column, as there.
  for (const header of Object.keys(row)) {
    const key = cellKey(header);
    if (!cells.has(key)) cells.set(key, row[header]!);
  }
  const issues: Issue[] = [];
  const raw = (column: string): string => cells.get(cellKey(column)) ?? '';

  /** Runs a parser on a non-empty cell and rewrites its issues' path and input to the cell's; an empty required cell is missing_field. */
  const parse = <T>(column: string, parser: (text: string) => Result<T>): T | null => {
    const text = raw(column);
    if (text.trim() === '') {
      if (REQUIRED_SET.has(column)) issues.push(issue('missing_field', [column], text));
      return null;
    }
    const r = parser(text.trim());
    if (r.ok) return r.value;
    issues.push(...r.issues.map((i) => ({ ...i, path: [column], input: text })));
    return null;
  };
  const text = (column: string): string => parse(column, (t) => ok(t)) ?? '';
  const amount = (t: string): Result<Dec> => parseAmount(t, options.locale ? { locale: options.locale } : {});
  const documents = (column: string): string[] =>
    parse(
      column,
      (t): Result<string[]> => {
        if (/^\d+$/.test(t)) {
          const count = Number.parseInt(t, 10);
          return count <= MAX_DOCUMENT_COUNT ? ok(placeholders(count)) : fail(issue('invalid_type', [], t, { expected: 'document count or names' }));
        }
        return ok(t.split(';').map((n) => n.trim()).filter((n) => n !== ''));
      },
    ) ?? [];

  const claimId = text('claimId');
  const participantId = text('participantId');
  const programName = text('programName');
  const earningPeriod: FiscalHalf | null = parse('earningPeriod', parseHalf);
  const activityType = text('activityType');
  const activityName = text('activityName');
  const activityStart: IsoDate | null = parse('activityStart', parseDate);
  const activityEnd: IsoDate | null = parse('activityEnd', parseDate);
  const currency = parse('currency', parseCurrency);
  const amountClaimed = parse('amountClaimed', amount);
  const amountApproved = parse('amountApproved', amount);
  const status: ClaimStatus = parse('status', parseClaimStatus) ?? 'Editing';
  const submittedDate = parse('submittedDate', parseDate);
  const decisionDate = parse('decisionDate', parseDate);
  const docs: ClaimDocuments = { invoices: documents('invoices'), csrs: documents('csrs'), proofs: documents('proofs') };
  const notes = raw('notes');

  if (issues.length > 0 || activityStart === null || activityEnd === null || currency === null || amountClaimed === null) {
    return fail(...issues);
  }
  return ok({
    claimId,
    participantId,
    programName,
    earningPeriod,
    activityType,
    activityName,
    activityStart,
    activityEnd,
    currency,
    amountClaimed,
    amountApproved,
    status,
    submittedDate,
    decisionDate,
    documents: docs,
    notes,
  });
}

/** A list of exactly `#1`…`#n` came from a count and goes back as the count. */
function documentsCell(names: readonly string[]): string {
  const fromCount = names.length > 0 && names.every((n, i) => PLACEHOLDER_RE.exec(n)?.[1] === String(i + 1));
  return fromCount ? String(names.length) : names.join('; ');
}

/**
 * The inverse of parseClaimRow, for writing a claim back to the register: every CLAIMS_COLUMNS
 * column, amounts as plain decimal strings (`1234.5`, never rounded or grouped), dates as
 * `yyyy-MM-dd`, periods as canonical labels, empty cells for nulls.
 */
export function claimToRow(claim: Claim): Record<string, string> {
  const values: Record<string, string> = {
    claimId: claim.claimId,
    participantId: claim.participantId,
    programName: claim.programName,
    earningPeriod: claim.earningPeriod ? formatHalf(claim.earningPeriod) : '',
    activityType: claim.activityType,
    activityName: claim.activityName,
    activityStart: claim.activityStart,
    activityEnd: claim.activityEnd,
    currency: claim.currency,
    amountClaimed: claim.amountClaimed.toFixed(),
    amountApproved: claim.amountApproved?.toFixed() ?? '',
    status: claim.status,
    submittedDate: claim.submittedDate ?? '',
    decisionDate: claim.decisionDate ?? '',
    invoices: documentsCell(claim.documents.invoices),
    csrs: documentsCell(claim.documents.csrs),
    proofs: documentsCell(claim.documents.proofs),
    notes: claim.notes,
  };
  return Object.fromEntries(CLAIMS_COLUMNS.map((c) => [c.name, values[c.name] ?? '']));
}
