import { Dec } from './decimal.js';
import { issue, ok, fail, type Result } from '../issues.js';

/** How a locale writes numbers: its decimal mark and the group separators it may use. */
export interface NumberLocale {
  readonly tag: string;
  readonly decimal: string;
  readonly groups: readonly string[];
}

const SPACES = [' ', '\u00a0', '\u202f'];

/** The invariant form every export uses unless Excel rewrote it: `1,234.56`. */
export const INVARIANT: NumberLocale = { tag: 'invariant', decimal: '.', groups: [','] };

/**
 * Reads a locale's separators from Intl (pure: no IO, the same on every run of one engine). A tag
 * Intl does not know (`xx-YY`, `klingon`) is `unknown_locale`: Intl would quietly fall back to
 * its default locale, and amounts would then be read with separators nobody asked for.
 */
export function numberLocale(tag: string): Result<NumberLocale> {
  const unknown = (): Result<NumberLocale> => fail(issue('invalid_amount', [], tag, { reason: 'unknown_locale' }));
  let parts: Intl.NumberFormatPart[];
  try {
    if (Intl.NumberFormat.supportedLocalesOf(tag).length === 0) return unknown();
    parts = new Intl.NumberFormat(tag, { useGrouping: true }).formatToParts(1234567.5);
  } catch {
    // A malformed tag (`nl_NL`, `--`): Intl throws a RangeError.
    return unknown();
  }
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const groups = SPACES.includes(group) ? SPACES : group === '’' ? ['’', "'"] : [group];
  return ok({ tag, decimal, groups });
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const patterns = new Map<NumberLocale, RegExp>();

function patternOf(locale: NumberLocale): RegExp {
  let re = patterns.get(locale);
  if (!re) {
    const g = `(?:${locale.groups.map(escape).join('|')})`;
    const d = escape(locale.decimal);
    // Either plain digits, or digits grouped by threes with one consistent separator.
    re = new RegExp(`^(\\d+|\\d{1,3}(?:${g}\\d{3})+)(?:${d}(\\d+))?$|^${d}(\\d+)$`);
    patterns.set(locale, re);
  }
  return re;
}

/** One reading of `body` (sign already removed) in `locale`, or null when it is not that form. */
function readAs(body: string, locale: NumberLocale): string | null {
  const m = patternOf(locale).exec(body);
  if (!m) return null;
  if (m[3] !== undefined) return `0.${m[3]}`;
  const whole = m[1]!;
  const groupChars = new Set([...whole].filter((c) => !/\d/.test(c)));
  if (groupChars.size > 1) return null; // "1.234 567" mixes separators
  const digits = whole.replace(/\D/g, '');
  return m[2] === undefined ? digits : `${digits}.${m[2]}`;
}

/** The significant digits of a number a spreadsheet cell holds exactly (an IEEE double: 15). */
export const MAX_SIGNIFICANT_DIGITS = 15;

export interface ParseAmountOptions {
  /** When given, values may be written in this locale as well as invariantly. */
  readonly locale?: NumberLocale;
}

/**
 * Parses an amount from text into an exact decimal. Accepts `1234.56`, `1,234.56`, `-12.5`,
 * `(12.50)`, and, with a locale, `1.234,56` or `1 234,56`. A value that reads differently
 * invariantly and in the locale (`1,234` under nl-NL) is ambiguous: an `invalid_amount` issue,
 * never a guess. So is anything malformed.
 */
export function parseAmount(text: string, options: ParseAmountOptions = {}): Result<Dec> {
  const bad = (reason: string): Result<Dec> => fail(issue('invalid_amount', [], text, { reason }));
  let body = text.trim();
  if (body === '') return bad('empty');
  let negative = false;
  if (body.startsWith('(') && body.endsWith(')')) {
    negative = true;
    body = body.slice(1, -1).trim();
  } else if (body.startsWith('-') || body.startsWith('\u2212')) {
    negative = true;
    body = body.slice(1).trim();
  } else if (body.startsWith('+')) {
    body = body.slice(1).trim();
  }
  if (body === '') return bad('empty');
  const readings = new Set<string>();
  for (const locale of options.locale ? [INVARIANT, options.locale] : [INVARIANT]) {
    const r = readAs(body, locale);
    if (r !== null) readings.add(new Dec(r).toString());
  }
  if (readings.size === 0) return bad(options.locale ? 'malformed' : 'malformed_or_locale_formatted');
  if (readings.size > 1) return bad('ambiguous');
  const value = new Dec([...readings][0]!);
  // A workbook cell holds a number to 15 significant digits: an amount with more would count as
  // another amount in the add-in than in the batch job (docs/RULES.md, "Money"). The issue says the
  // limit, so no message writes the number itself and goes stale when it changes.
  if (value.sd() > MAX_SIGNIFICANT_DIGITS) return fail(issue('invalid_amount', [], text, { reason: 'too_precise', maxSignificantDigits: String(MAX_SIGNIFICANT_DIGITS) }));
  return ok(negative ? value.negated() : value);
}
