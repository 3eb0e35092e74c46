import { issue, ok, fail, type Issue, type Result } from '../issues.js';

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

/** The account keys a mapping may set, in the order the defaults list them. */
export const ACCOUNT_KEYS = Object.keys(DEFAULT_ACCOUNTS) as readonly (keyof JournalAccounts)[];

const ACCOUNT_KEY_SET: ReadonlySet<string> = new Set(ACCOUNT_KEYS);

/**
 * Reads a team's account mapping (already parsed from JSON): an object whose keys are among
 * ACCOUNT_KEYS and whose values are the team's account names (docs/RULES.md, "Journal"). A key it
 * leaves out keeps its default. Every problem is returned at once: a key that is not an account
 * (`unknown_key`, so a misspelt `cash ` never silently keeps the default), a name that is not text
 * (`invalid_type`) or is blank (`missing_field`). Names are trimmed: a name is what the ledger shows.
 */
export function parseJournalAccounts(json: unknown): Result<JournalAccounts> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail(issue('invalid_type', [], undefined, { expected: 'an object of account names', actual: json === null ? 'null' : Array.isArray(json) ? 'array' : typeof json }));
  }
  const issues: Issue[] = [];
  const accounts: Record<string, string> = { ...DEFAULT_ACCOUNTS };
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (!ACCOUNT_KEY_SET.has(key)) issues.push(issue('unknown_key', [key], key, { expected: ACCOUNT_KEYS.join(', ') }));
    else if (typeof value !== 'string') issues.push(issue('invalid_type', [key], String(value), { expected: 'text', actual: value === null ? 'null' : typeof value }));
    else if (value.trim() === '') issues.push(issue('missing_field', [key], value));
    else accounts[key] = value.trim();
  }
  return issues.length > 0 ? fail(...issues) : ok(accounts as unknown as JournalAccounts);
}
