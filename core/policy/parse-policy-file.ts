import { issue, ok, fail, type Issue, type Result } from '../issues.js';
import { POLICY_FIELDS, readPolicyEntry, type PolicyField, type RawPolicyFields } from './policy-fields.js';
import type { ProgramPolicyEntry } from './program-policy.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

const FIELD_SET: ReadonlySet<string> = new Set(POLICY_FIELDS);

/**
 * Reads a user's policy file (already parsed from JSON):
 * `{ "programs": [ { "name", "aliases"?, "coopShare"?, "thresholdUSD"?, "coopClaims"?, "from"?, "until"? } ] }`.
 * Returns every problem at once, each with its path (`['programs', 2, 'coopShare']`). Unknown keys
 * are reported, never ignored: a misspelt `treshold` must not silently leave the default. A JSON
 * `null` means "not set".
 */
export function parsePolicyFile(json: unknown): Result<ProgramPolicyEntry[]> {
  if (!isPlainObject(json)) return fail(issue('invalid_policy', [], undefined, { reason: 'not_an_object', actual: typeName(json) }));
  const issues: Issue[] = [];
  for (const key of Object.keys(json)) {
    if (key !== 'programs') issues.push(issue('unknown_key', [key], key));
  }
  const programs = json['programs'];
  if (programs === undefined) return fail(...issues, issue('missing_field', ['programs']));
  if (!Array.isArray(programs)) return fail(...issues, issue('invalid_type', ['programs'], undefined, { expected: 'array', actual: typeName(programs) }));

  const entries: ProgramPolicyEntry[] = [];
  programs.forEach((program: unknown, i) => {
    const path = ['programs', i];
    if (!isPlainObject(program)) {
      issues.push(issue('invalid_type', path, undefined, { expected: 'object', actual: typeName(program) }));
      return;
    }
    const fields: RawPolicyFields = {};
    for (const [key, value] of Object.entries(program)) {
      if (!FIELD_SET.has(key)) issues.push(issue('unknown_key', [...path, key], key));
      else if (value !== null) fields[key as PolicyField] = value;
    }
    const read = readPolicyEntry(fields, path);
    issues.push(...read.issues);
    if (read.entry) entries.push(read.entry);
  });
  return issues.length > 0 ? fail(...issues) : ok(entries);
}
