import type { Dec } from '../money/decimal.js';
import { parseAmount } from '../money/parse-amount.js';
import { isShare } from '../split.js';
import { compareHalves, formatHalf, parseHalf, type FiscalHalf } from '../calendar/fiscal-half.js';
import { issue, ok, fail, type Issue, type IssuePath, type Result } from '../issues.js';
import type { ProgramPolicyEntry } from './program-policy.js';

/** The keys of a policy entry, in the order a file or a table lists them. */
export const POLICY_FIELDS = ['name', 'aliases', 'coopShare', 'thresholdUSD', 'coopClaims', 'from', 'until'] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];

/**
 * One entry's raw values, from a JSON object or a table row: `undefined` means not set. Text
 * cells arrive as strings, JSON values as they were parsed; the readers below accept both.
 */
export type RawPolicyFields = Partial<Record<PolicyField, unknown>>;

type Read<T> = { value: T } | { issue: Issue };

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function wrongType<T>(path: IssuePath, value: unknown, expected: string): Read<T> {
  return { issue: issue('invalid_type', path, typeof value === 'string' ? value : undefined, { expected, actual: typeName(value) }) };
}

/**
 * Decimal text of a value. A JSON number is read through its text, never through float
 * arithmetic: `0.4` becomes the decimal 0.4 exactly, as the file's author wrote it.
 */
function decimalText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function readName(value: unknown, path: IssuePath): Read<string> {
  if (value === undefined) return { issue: issue('missing_field', path) };
  if (typeof value !== 'string') return wrongType(path, value, 'string');
  if (value.trim() === '') return { issue: issue('missing_field', path, value) };
  return { value: value.trim() };
}

function readAliases(value: unknown, path: IssuePath): { value: string[]; issues: Issue[] } {
  if (value === undefined) return { value: [], issues: [] };
  if (!Array.isArray(value)) {
    const r = wrongType<never>(path, value, 'array of strings');
    return { value: [], issues: 'issue' in r ? [r.issue] : [] };
  }
  const aliases: string[] = [];
  const issues: Issue[] = [];
  value.forEach((alias: unknown, i) => {
    if (typeof alias !== 'string') {
      const r = wrongType<never>([...path, i], alias, 'string');
      if ('issue' in r) issues.push(r.issue);
    } else if (alias.includes(';')) {
      // The Programs table lists aliases separated by `;` (`policyEntryToRow`): such an alias would
      // come back from it as two (docs/RULES.md, "Programs").
      issues.push(issue('invalid_policy', [...path, i], alias, { reason: 'alias_holds_semicolon' }));
    } else if (alias.trim() !== '') {
      aliases.push(alias.trim());
    }
  });
  return { value: aliases, issues };
}

/** A share as `0.40`, `0.4` or `40%`; anything outside [0, 1] is `invalid_share`. */
function readShare(value: unknown, path: IssuePath): Read<Dec> {
  const text = decimalText(value);
  if (text === null) return wrongType(path, value, 'decimal string');
  const percent = text.endsWith('%');
  const parsed = parseAmount(percent ? text.slice(0, -1) : text);
  if (!parsed.ok) return { issue: issue('invalid_share', path, text, { reason: 'malformed', min: '0', max: '1' }) };
  const share = percent ? parsed.value.div(100) : parsed.value;
  if (!isShare(share)) {
    return { issue: issue('invalid_share', path, text, { reason: 'out_of_range', min: '0', max: '1', actual: share.toFixed() }) };
  }
  return { value: share };
}

/** A co-op share as a policy reads it (`0.4`, `0.40`, `40%`, a number), for anyone who takes one: the worksheet's COOP.SPLIT too. */
export function parseShare(value: unknown): Result<Dec> {
  const r = readShare(value, []);
  return 'value' in r ? ok(r.value) : fail(r.issue);
}

function readThreshold(value: unknown, path: IssuePath): Read<Dec> {
  const text = decimalText(value);
  if (text === null) return wrongType(path, value, 'decimal string');
  const parsed = parseAmount(text);
  if (!parsed.ok) return { issue: issue('invalid_amount', path, text, parsed.issues[0]?.params) };
  if (parsed.value.isNegative()) return { issue: issue('invalid_amount', path, text, { reason: 'negative' }) };
  return { value: parsed.value };
}

/**
 * Yes and no as a policy file or a Programs table writes them: English, and Excel's TRUE/FALSE and
 * yes/no in the languages the add-in speaks (nl WAAR/ONWAAR, ja/nee; de WAHR/FALSCH, ja/nein; fr
 * VRAI/FAUX; sv SANT/FALSKT, ja/nej), since a table typed in a localised Excel holds them as text.
 */
const TRUE_TEXT = new Set(['true', 'yes', 'y', '1', 'waar', 'ja', 'wahr', 'vrai', 'sant']);
const FALSE_TEXT = new Set(['false', 'no', 'n', '0', 'onwaar', 'nee', 'nein', 'falsch', 'faux', 'falskt', 'nej']);

/** Text as a boolean (any case, spaces around ignored), or null when it is neither yes nor no. */
export function booleanFromText(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  return TRUE_TEXT.has(t) ? true : FALSE_TEXT.has(t) ? false : null;
}

/** A boolean, or one of its spellings in `booleanFromText`. */
function readBoolean(value: unknown, path: IssuePath): Read<boolean> {
  if (typeof value === 'boolean') return { value };
  const read = typeof value === 'string' ? booleanFromText(value) : null;
  return read === null ? wrongType(path, value, 'boolean') : { value: read };
}

function readPeriod(value: unknown, path: IssuePath): Read<FiscalHalf> {
  if (typeof value !== 'string') return wrongType(path, value, 'period label');
  const parsed = parseHalf(value);
  return parsed.ok ? { value: parsed.value } : { issue: issue('invalid_period_label', path, value) };
}

/**
 * Validates one entry's fields and returns the entry, or every problem found in it. Shared by
 * the JSON policy file and the workbook's Programs table so both report the same codes.
 */
export function readPolicyEntry(fields: RawPolicyFields, path: IssuePath): { entry: ProgramPolicyEntry | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const take = <T>(r: Read<T>): T | undefined => {
    if ('issue' in r) {
      issues.push(r.issue);
      return undefined;
    }
    return r.value;
  };
  const optional = <T>(field: PolicyField, read: (v: unknown, p: IssuePath) => Read<T>): T | undefined =>
    fields[field] === undefined ? undefined : take(read(fields[field], [...path, field]));

  const name = take(readName(fields.name, [...path, 'name']));
  const aliases = readAliases(fields.aliases, [...path, 'aliases']);
  issues.push(...aliases.issues);
  const coopShare = optional('coopShare', readShare);
  const thresholdUSD = optional('thresholdUSD', readThreshold);
  const coopClaims = optional('coopClaims', readBoolean);
  const from = optional('from', readPeriod);
  const until = optional('until', readPeriod);
  if (from && until && compareHalves(from, until) > 0) {
    issues.push(issue('invalid_policy', [...path, 'until'], formatHalf(until), { reason: 'from_after_until', from: formatHalf(from), until: formatHalf(until) }));
  }
  if (issues.length > 0 || name === undefined) return { entry: null, issues };
  return {
    entry: {
      name,
      aliases: aliases.value,
      ...(coopShare === undefined ? {} : { coopShare }),
      ...(thresholdUSD === undefined ? {} : { thresholdUSD }),
      ...(coopClaims === undefined ? {} : { coopClaims }),
      ...(from === undefined ? {} : { from }),
      ...(until === undefined ? {} : { until }),
    },
    issues,
  };
}
