import { readFile } from 'node:fs/promises';
import { policyCatalog, type PolicyCatalog } from '../../core/policy/policy-catalog.js';
import { parsePolicyFile } from '../../core/policy/parse-policy-file.js';
import { parsePolicyRows } from '../../core/policy/parse-policy-rows.js';
import { formatPath, type Issue } from '../../core/issues.js';
import { PROGRAMS_COLUMNS, TABLES } from '../../core/workbook-layout.js';
import { readWorkbookTable, type CellLocation, type WorkbookTable } from '../input/read-workbook-table.js';
import { holdsWorkbook } from '../input/file-head.js';
import { columnLetter } from '../output/report-workbook.js';
import { DEFAULT_ACCOUNTS, parseJournalAccounts, type JournalAccounts } from '../../core/journal/journal-accounts.js';
import { describeIssue } from './messages.js';
import type { InputSummary } from './input-summary.js';
import { sha256Of } from './input-hashing.js';

/** A configuration file (--programs, --accounts) that cannot be used: one line per problem, exit 2. */
export class ConfigError extends Error {
  constructor(readonly lines: readonly string[]) {
    super(lines.join('\n'));
  }
}

export async function loadPolicies(path: string | undefined, inputs: InputSummary[]): Promise<PolicyCatalog> {
  if (!path) return policyCatalog();
  let result;
  /** Names a problem's row: by its sheet row in a workbook (docs/RULES.md, "Where a table is"), by its path in JSON. */
  let lineOf = issueLine;
  try {
    if (await holdsWorkbook(path)) {
      const read = await readWorkbookTable(path, TABLES.programs, PROGRAMS_COLUMNS);
      // A repeated header (core's header rule: `coopShare` and `Coop Share` are one column) is as fatal as an unreadable table.
      if (!read.ok || read.problems.length > 0) throw new ConfigError(read.problems.map((p) => `${path}: ${p.code}${p.input ? `: ${p.input}` : ''}${p.location ? ` (${workbookCell(p.location)})` : ''}`));
      const { table } = read;
      lineOf = (i) => workbookRowIssueLine(i, table);
      result = parsePolicyRows(table.rows.map((r) => r.values));
    } else {
      result = parsePolicyFile(await readJsonFile(path));
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([`${path}: cannot read the policy file (${(error as Error).message})`]);
  }
  if (!result.ok) throw new ConfigError(result.issues.map((i) => `${path}: ${lineOf(i)}`));
  inputs.push({ kind: 'programs', path, sha256: await sha256Of(path), rows: result.value.length });
  return policyCatalog(result.value);
}

/** `Programs!C1`: where a problem of a workbook table is, as Excel names the cell. */
function workbookCell(location: CellLocation): string {
  return `${location.sheet}!${location.column === undefined ? '' : columnLetter(location.column - 1)}${location.row}`;
}

/**
 * A workbook Programs row's issue (path `[Programs, index, column]`) named by the row's sheet row
 * (`Programs row 3: coopShare: …`), the number in Excel's row header, as the add-in names it.
 */
function workbookRowIssueLine(i: Issue, table: WorkbookTable): string {
  const index = i.path[1];
  const row = typeof index === 'number' ? table.rows[index] : undefined;
  if (row === undefined) return issueLine(i);
  return `${table.sheet} row ${row.location.row}: ${issueLine({ ...i, path: i.path.slice(2) })}`;
}

function issueLine(i: Issue): string {
  const message = describeIssue(i);
  const where = formatPath(i.path);
  return message.startsWith(where) ? message : `${where}: ${message}`;
}

/** `line 3, column 7` from a JSON.parse error's position, when the engine gives one. */
function jsonErrorWhere(text: string, error: unknown): string {
  const m = /position (\d+)/.exec((error as Error).message);
  if (!m) return 'end of file';
  const pos = Number.parseInt(m[1]!, 10);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/**
 * A JSON configuration file's value. A byte-order mark (Notepad writes one) is not part of the
 * JSON; a syntax error names its line and column.
 */
async function readJsonFile(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError([`${path}: ${jsonErrorWhere(text, error)}: not valid JSON; fix the syntax there`]);
  }
}

/** The journal's account names: core's defaults, or the team's mapping read by core's rule. */
export async function loadAccounts(path: string | undefined, inputs: InputSummary[]): Promise<JournalAccounts> {
  if (!path) return DEFAULT_ACCOUNTS;
  let result;
  try {
    result = parseJournalAccounts(await readJsonFile(path));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([`${path}: cannot read accounts (${(error as Error).message})`]);
  }
  if (!result.ok) throw new ConfigError(result.issues.map((i) => `${path}: ${issueLine(i)}`));
  inputs.push({ kind: 'accounts', path, sha256: await sha256Of(path), rows: null });
  return result.value;
}
