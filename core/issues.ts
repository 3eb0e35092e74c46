/**
 * Every data problem core can find, as a value. Codes are part of the public contract and never
 * change; messages are rendered by the adapters (batch/messages.ts, the add-in's locale files).
 */
import type { IssueCode } from './codes.js';

export type { IssueCode, Severity } from './codes.js';

export type IssuePath = readonly (string | number)[];

export interface Issue<C extends IssueCode = IssueCode> {
  readonly code: C;
  /** Where the problem is, e.g. `['programs', 2, 'coopShare']`. */
  readonly path: IssuePath;
  /** The offending input, verbatim, when there is one. */
  readonly input?: string;
  /** The numbers and values needed to explain it (`needed`, `available`, `expected`, ...), as text. */
  readonly params?: Readonly<Record<string, string>>;
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
  params?: Record<string, string>,
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
