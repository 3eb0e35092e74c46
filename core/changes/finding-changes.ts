import type { Change } from './change.js';

/** What a comparison needs of a finding (a finding of the run, or a row of a previous findings.csv). */
export interface ComparableFinding {
  readonly severity: string;
  readonly code: string;
  readonly file?: string | undefined;
  readonly line?: number | undefined;
  readonly participantId?: string | undefined;
  readonly programName?: string | undefined;
  readonly earningPeriod?: string | undefined;
  readonly currency?: string | undefined;
  readonly earningId?: string | undefined;
  readonly transactionId?: string | undefined;
  readonly claimId?: string | undefined;
  readonly paymentId?: string | undefined;
}

const WHAT = ['participantId', 'programName', 'earningPeriod', 'currency', 'claimId', 'paymentId', 'earningId', 'transactionId'] as const;

/**
 * The same finding in two runs has the same code and points at the same thing: the pool, claim,
 * payment, earning or transaction it names. Where it is in the files is left out, since a new
 * export moves every line; only a finding that names nothing else is identified by file and line.
 * Its message and numbers may change (an overdraw that grew is the same finding).
 */
export function findingIdentity(f: ComparableFinding): string {
  const what = WHAT.map((k) => f[k] ?? '');
  const parts = what.every((v) => v === '') ? [f.code, f.file ?? '', String(f.line ?? '')] : [f.code, ...what];
  return parts.join('\u001f');
}

/**
 * New and resolved findings: on a first run (no previous findings) every finding is new; an
 * identical rerun has none. A finding present in both runs is listed neither way. Per-row
 * `duplicate_earning` findings are counted, not compared one by one (docs/RULES.md, Changes): a
 * re-downloaded export repeats millions of rows, and the batch job keeps them on disk.
 */
export function findingChanges(previous: Iterable<ComparableFinding>, current: Iterable<ComparableFinding>): Change[] {
  const before = new Map<string, ComparableFinding>();
  for (const f of previous) if (f.code !== 'duplicate_earning') before.set(findingIdentity(f), f);
  const seen = new Set<string>();
  const changes: Change[] = [];
  for (const f of current) {
    if (f.code === 'duplicate_earning') continue;
    const id = findingIdentity(f);
    if (seen.has(id)) continue;
    seen.add(id);
    if (!before.has(id)) changes.push(findingChange('new_finding', f));
  }
  for (const [id, f] of before) {
    if (!seen.has(id)) changes.push(findingChange('resolved_finding', f));
  }
  return changes;
}

function findingChange(change: 'new_finding' | 'resolved_finding', f: ComparableFinding): Change {
  return {
    change,
    severity: f.severity,
    code: f.code,
    participantId: f.participantId ?? '',
    programName: f.programName ?? '',
    earningPeriod: f.earningPeriod ?? '',
    currency: f.currency ?? '',
    claimId: f.claimId ?? '',
    field: '',
    before: null,
    after: null,
  };
}
