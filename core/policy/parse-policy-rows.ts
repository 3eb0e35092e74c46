import { issue, ok, fail, type Issue, type Result } from '../issues.js';
import { normaliseHeaderName } from '../tables/header-row.js';
import { PROGRAMS_COLUMNS } from '../workbook-layout.js';
import { POLICY_FIELDS, readPolicyEntry, type PolicyField, type RawPolicyFields } from './policy-fields.js';
import type { ProgramPolicyEntry } from './program-policy.js';

/** The Programs table's fields by normalised header: core's one header rule (docs/RULES.md, "Column headers"). */
const FIELD_BY_HEADER: ReadonlyMap<string, PolicyField> = new Map(
  POLICY_FIELDS.filter((f) => PROGRAMS_COLUMNS.some((c) => c.name === f)).map((f) => [normaliseHeaderName(f), f]),
);

/**
 * Reads the workbook's Programs table (PROGRAMS_COLUMNS): one entry per row, the same rules and
 * codes as a policy file. An empty cell means "not set"; `aliases` is `;`-separated; `coopClaims`
 * is `true/false/yes/no/1/0`. Headers name fields by core's header rule. Paths are
 * `[pathRoot, rowIndex, column]` with a 0-based index into `rows`; an unknown column is reported
 * once, at `[pathRoot, column]`. Rows whose cells are all empty are skipped (tables keep blanks).
 */
export function parsePolicyRows(rows: readonly Record<string, string>[], pathRoot = 'Programs'): Result<ProgramPolicyEntry[]> {
  const issues: Issue[] = [];
  const unknownColumns = new Set<string>();
  const entries: ProgramPolicyEntry[] = [];
  rows.forEach((row, i) => {
    const fields: RawPolicyFields = {};
    // Two headers naming one field are the adapters' `duplicate_header` (readTableHeader): the first is the field, as there.
    const read = new Set<PolicyField>();
    let empty = true;
    for (const [header, cell] of Object.entries(row)) {
      const field = FIELD_BY_HEADER.get(normaliseHeaderName(header));
      if (field === undefined) {
        if (!unknownColumns.has(header)) {
          unknownColumns.add(header);
          issues.push(issue('unknown_key', [pathRoot, header], header));
        }
        continue;
      }
      if (read.has(field)) continue;
      read.add(field);
      const text = cell.trim();
      if (text === '') continue;
      empty = false;
      fields[field] = field === 'aliases' ? text.split(';').map((a) => a.trim()).filter((a) => a !== '') : text;
    }
    if (empty) return;
    const entry = readPolicyEntry(fields, [pathRoot, i]);
    issues.push(...entry.issues);
    if (entry.entry) entries.push(entry.entry);
  });
  return issues.length > 0 ? fail(...issues) : ok(entries);
}
