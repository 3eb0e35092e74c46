import { compareHalves, type FiscalHalf } from '../calendar/fiscal-half.js';
import { BUILTIN_POLICIES } from './builtin-policies.js';
import { programNameKey } from './program-name.js';
import { memoByText } from '../text/memo-by-text.js';
import type { ProgramPolicy, ProgramPolicyEntry } from './program-policy.js';

interface CatalogProgram {
  readonly name: string;
  readonly aliases: readonly string[];
  /** In catalog order: built-ins first, then the user's entries. */
  readonly entries: readonly ProgramPolicyEntry[];
}

/**
 * The built-in entries followed by the user's, grouped into programs. Entries belong to one
 * program when they share a name or an alias, directly or through a chain of entries, so a user
 * entry named `MCI` layers over the built-in `Microsoft Commerce Incentives`.
 */
export interface PolicyCatalog {
  readonly programs: readonly CatalogProgram[];
  /** programNameKey of every name and alias → index into `programs`. */
  readonly programByKey: ReadonlyMap<string, number>;
}

function namesOf(entry: ProgramPolicyEntry): string[] {
  return [entry.name, ...entry.aliases];
}

/** Builds a catalog; `builtins` is a parameter only so tests and other vendors can replace it. */
export function policyCatalog(
  userEntries: readonly ProgramPolicyEntry[] = [],
  builtins: readonly ProgramPolicyEntry[] = BUILTIN_POLICIES,
): PolicyCatalog {
  const entries = [...builtins, ...userEntries];
  // Union-find over name keys: an entry joins all of its names into one program.
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(key, root);
    return root;
  };
  for (const entry of entries) {
    const keys = namesOf(entry).map(programNameKey).filter((k) => k !== '');
    if (programNameKey(entry.name) === '') throw new RangeError('policyCatalog: an entry needs a non-empty name');
    for (const k of keys) if (!parent.has(k)) parent.set(k, k);
    // Which key ends up the root does not matter: the program is named after its first entry.
    const first = find(keys[0]!);
    for (const k of keys.slice(1)) {
      const r = find(k);
      if (r !== first) parent.set(r, first);
    }
  }

  const indexByRoot = new Map<string, number>();
  const programs: { name: string; aliases: string[]; entries: ProgramPolicyEntry[]; seen: Set<string> }[] = [];
  for (const entry of entries) {
    const root = find(programNameKey(entry.name));
    let index = indexByRoot.get(root);
    if (index === undefined) {
      index = programs.length;
      indexByRoot.set(root, index);
      programs.push({ name: entry.name, aliases: [], entries: [], seen: new Set([programNameKey(entry.name)]) });
    }
    const program = programs[index]!;
    program.entries.push(entry);
    for (const name of namesOf(entry)) {
      const key = programNameKey(name);
      if (key === '' || program.seen.has(key)) continue;
      program.seen.add(key);
      program.aliases.push(name);
    }
  }

  const programByKey = new Map<string, number>();
  for (const key of parent.keys()) programByKey.set(key, indexByRoot.get(find(key))!);
  return { programs: programs.map(({ name, aliases, entries: es }) => ({ name, aliases, entries: es })), programByKey };
}

/** Claims and earnings repeat a handful of program names: each is normalised once. */
const programKeyOf = memoByText(programNameKey, 1024);

function programOf(catalog: PolicyCatalog, programName: string): CatalogProgram | null {
  const index = catalog.programByKey.get(programKeyOf(programName));
  return index === undefined ? null : catalog.programs[index]!;
}

/** Whether an entry's `from`/`until` range (both inclusive, both optional) holds the period. */
export function entryApplies(entry: ProgramPolicyEntry, earningPeriod: FiscalHalf): boolean {
  return (
    (entry.from === undefined || compareHalves(entry.from, earningPeriod) <= 0) &&
    (entry.until === undefined || compareHalves(earningPeriod, entry.until) <= 0)
  );
}

/**
 * The policy of a program in an earning period, or null for a program the catalog does not know.
 * Field by field, the last applicable entry that sets a field wins, so a user entry that sets only
 * `thresholdUSD` keeps the built-in share. A field no applicable entry sets is null (coopClaims:
 * true, since co-op claims are the rule and exclusions are listed).
 */
export function resolvePolicy(catalog: PolicyCatalog, programName: string, earningPeriod: FiscalHalf): ProgramPolicy | null {
  const program = programOf(catalog, programName);
  if (!program) return null;
  let coopShare: ProgramPolicy['coopShare'] = null;
  let thresholdUSD: ProgramPolicy['thresholdUSD'] = null;
  let coopClaims = true;
  for (const entry of program.entries) {
    if (!entryApplies(entry, earningPeriod)) continue;
    if (entry.coopShare !== undefined) coopShare = entry.coopShare;
    if (entry.thresholdUSD !== undefined) thresholdUSD = entry.thresholdUSD;
    if (entry.coopClaims !== undefined) coopClaims = entry.coopClaims;
  }
  return { name: program.name, aliases: program.aliases, coopShare, thresholdUSD, coopClaims };
}

/** The name pools are keyed by, so that `MCI` and `Microsoft Commerce Incentives` pool together. */
export function canonicalProgramName(catalog: PolicyCatalog, name: string): string | null {
  return programOf(catalog, name)?.name ?? null;
}

/** Every program's canonical name, in catalog order (built-ins first). */
export function knownProgramNames(catalog: PolicyCatalog): string[] {
  return catalog.programs.map((p) => p.name);
}
