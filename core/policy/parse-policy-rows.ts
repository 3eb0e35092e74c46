import { issue, ok, fail, type Issue, type Result } from '../issues.js';
import { normaliseHeaderName } from '../tables/header-row.js';
import { formatHalf } from '../calendar/fiscal-half.js';
import { PROGRAMS_COLUMNS } from '../workbook-layout.js';
import { POLICY_FIELDS, readPolicyEntry, type PolicyField, type RawPolicyFields } from './policy-fields.js';
import type { ProgramPolicyEntry } from './program-policy.js';

/** The Programs table's fields by normalised header: core's one header rule (docs/RULES.md, "Column headers"). */
const FIELD_BY_HEADER: ReadonlyMap<string, PolicyField> = new Map(
  POLICY_FIELDS.filter((f) => PROGRAMS_COLUMNS.some((c) => c.name === f)).map((f) => [normaliseHeaderName(f), f]),
);

/** What separates a Programs row's aliases in their one cell; read back, each is trimmed. */
const ALIAS_SEPARATOR = ';';

/**
 * The inverse of parsePolicyRows, for writing an entry as a Programs row (docs/RULES.md,
 * "Programs"): every PROGRAMS_COLUMNS column, aliases in one cell separated by `; `, shares and
 * thresholds as plain decimal strings (`0.4`, never rounded or grouped), `coopClaims` as `true` or
 * `false`, periods as canonical labels, an empty cell for a field the entry does not set. An alias
 * holding `;` cannot be written so: read back, it would be two.
 */
export function policyEntryToRow(entry: ProgramPolicyEntry): Record<string, string> {
  const values: Record<string, string> = {
    name: entry.name,
    aliases: entry.aliases.join(`${ALIAS_SEPARATOR} `),
    coopShare: entry.coopShare?.toFixed() ?? '',
    thresholdUSD: entry.thresholdUSD?.toFixed() ?? '',
    coopClaims: entry.coopClaims === undefined ? '' : String(entry.coopClaims),
    from: entry.from ? formatHalf(entry.from) : '',
    until: entry.until ? formatHalf(entry.until) : '',
  };
  return Object.fromEntries(PROGRAMS_COLUMNS.map((c) => [c.name, values[c.name] ?? '']));
}

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
      fields[field] = field === 'aliases' ? text.split(ALIAS_SEPARATOR).map((a) => a.trim()).filter((a) => a !== '') : text;
    }
    if (empty) return;
    const entry = readPolicyEntry(fields, [pathRoot, i]);
    issues.push(...entry.issues);
    if (entry.entry) entries.push(entry.entry);
  });
  return issues.length > 0 ? fail(...issues) : ok(entries);
}
