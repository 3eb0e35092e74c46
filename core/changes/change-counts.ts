import type { Change, ChangeKind } from './change.js';
import { CHANGE_KINDS } from './change.js';

export interface ChangeCounts {
  readonly total: number;
  readonly byChange: Readonly<Record<ChangeKind, number>>;
  /** New findings per severity: what a scheduler alerts on. */
  readonly newFindingsBySeverity: Readonly<Record<string, number>>;
}

export function changeCounts(changes: readonly Change[]): ChangeCounts {
  const byChange = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  const newFindingsBySeverity: Record<string, number> = { error: 0, warning: 0, info: 0 };
  for (const c of changes) {
    byChange[c.change] += 1;
    if (c.change === 'new_finding') newFindingsBySeverity[c.severity] = (newFindingsBySeverity[c.severity] ?? 0) + 1;
  }
  return { total: changes.length, byChange, newFindingsBySeverity };
}
