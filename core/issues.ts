/**
 * Every data problem core can find, as a value. Codes are part of the public contract and never
 * change; messages are rendered by the adapters (batch/messages.ts, the add-in's locale files).
 */
import type { IssueCode } from './codes.js';

export type { IssueCode, Severity } from './codes.js';

export type IssuePath = readonly (string | number)[];

/**
 * What an issue's parameter holds, so an adapter can show it its reader's way (docs/RULES.md,
 * "Issue parameters"): an `amount` is a plain decimal in the issue's `currency`, a `date` is
 * `yyyy-MM-dd`, a `count` is a whole number, and `text` (a reason, a period label, a list of names)
 * is shown as it is.
 */
export type IssueParamKind = 'amount' | 'date' | 'count' | 'text';

/**
 * Every parameter an issue of core can carry, with its kind: declared here once, so a parameter
 * added to an issue is shown right by every adapter, and one not declared here does not type-check.
 */
export const ISSUE_PARAM_KINDS = {
  // why, where a code has several reasons
  reason: 'text',
  // what was wanted and what was found: a period, a range, a type's name, a list of keys
  expected: 'text',
  actual: 'text',
  min: 'text',
  max: 'text',
  // the digits an amount may have (docs/RULES.md, "Money")
  maxSignificantDigits: 'count',
  firstColumn: 'text',
  // programs and periods
  program: 'text',
  use: 'text',
  from: 'text',
  until: 'text',
  earningPeriod: 'text',
  startPeriod: 'text',
  endPeriod: 'text',
  // claims
  claimId: 'text',
  status: 'text',
  to: 'text',
  kind: 'text',
  missing: 'text',
  currency: 'text',
  poolCurrencies: 'text',
  claimed: 'amount',
  approved: 'amount',
  needed: 'amount',
  available: 'amount',
  shortfall: 'amount',
  activityStart: 'date',
  activityEnd: 'date',
  windowStart: 'date',
  windowEnd: 'date',
  submittedDate: 'date',
  asOf: 'date',
} as const satisfies Readonly<Record<string, IssueParamKind>>;

export type IssueParamName = keyof typeof ISSUE_PARAM_KINDS;

/** An issue's parameters, each one of `ISSUE_PARAM_KINDS`, as text. */
export type IssueParams = Readonly<Partial<Record<IssueParamName, string>>>;

/** The kind of an issue's parameter, or undefined for a name core does not declare. */
export function issueParamKind(name: string): IssueParamKind | undefined {
  return Object.hasOwn(ISSUE_PARAM_KINDS, name) ? ISSUE_PARAM_KINDS[name as IssueParamName] : undefined;
}

export interface Issue<C extends IssueCode = IssueCode> {
  readonly code: C;
  /** Where the problem is, e.g. `['programs', 2, 'coopShare']`. */
  readonly path: IssuePath;
  /** The offending input, verbatim, when there is one. */
  readonly input?: string;
  /** The numbers and values needed to explain it (`needed`, `available`, `expected`, ...), as text. */
  readonly params?: IssueParams;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly Issue[] };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(...issues: Issue[]): Result<T> {
  return { ok: false, issues };
}

export function issue<C extends IssueCode>(
  code: C,
  path: IssuePath,
  input?: string,
  params?: IssueParams,
): Issue<C> {
  return { code, path, ...(input === undefined ? {} : { input }), ...(params === undefined ? {} : { params }) };
}

/** `programs[2].coopShare` — the conventional rendering of a path. */
export function formatPath(path: IssuePath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/** Prefix every issue's path, for nesting a parser's result inside a larger document. */
export function atPath(prefix: IssuePath, issues: readonly Issue[]): Issue[] {
  return issues.map((i) => ({ ...i, path: [...prefix, ...i.path] }));
}
