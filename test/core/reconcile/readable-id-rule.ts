import type { EarningRecord } from '../../../core/reconcile/earning-record.js';
import { carriedRate, duplicateDecision, earningRestatable, replacesKnownRate } from '../../../core/reconcile/earning-identity.js';

/*
 * The readable rule of a repeated earningId (docs/RULES.md, "Repeated earningIds"), field by field
 * on rows, against which the fast paths are held: the ledger's id stores (earning-id-store.test.ts)
 * and the add-in's import (test/addin/import-versions.test.ts).
 */

/** A version of an earning as read: its row, its line in the run and its download's recency. */
export interface Version {
  readonly row: EarningRecord;
  readonly line: number;
  readonly recency: number;
}

export type Event = [line: number, kind: string, prior: number];
export const KINDS = ['superseded', 'duplicate', 'conflict', 'updated', 'restated'];

/** The readable rule over versions in reading order. */
export function readableEvents(versions: readonly Version[]): Event[] {
  interface Counted {
    version: Version;
    /** The newest download holding the counted version unchanged: an identical repeat in a newer one moves it on. */
    newest: Version;
    knownRate: string;
    rateFrom: Version;
    conflicted: boolean;
  }
  const counted = new Map<string, Counted>();
  const events: Event[] = [];
  for (const v of versions) {
    const c = counted.get(v.row.earningId);
    if (c === undefined) {
      counted.set(v.row.earningId, { version: v, newest: v, knownRate: carriedRate(v.row), rateFrom: v, conflicted: false });
      continue;
    }
    const prior = c.version.line;
    const decision = duplicateDecision(c.version.row, v.row, { knownRate: c.knownRate });
    if (decision === 'conflicting') {
      events.push([v.line, 'conflict', prior], [prior, 'superseded', 0]);
      counted.set(v.row.earningId, { version: v, newest: v, knownRate: carriedRate(v.row), rateFrom: v, conflicted: true });
      continue;
    }
    // A rate restated alone is quoted against the version that carried the rate known.
    const usdRestated = earningRestatable(c.version.row)[0] !== earningRestatable(v.row)[0];
    const quoted = decision === 'restated' && !usdRestated ? c.rateFrom.line : c.newest.line;
    if (replacesKnownRate(c.knownRate, v.row, v.recency > c.rateFrom.recency)) {
      c.knownRate = carriedRate(v.row);
      c.rateFrom = v;
    }
    if (decision === 'identical') {
      events.push([v.line, 'duplicate', prior]);
      if (v.recency > c.newest.recency) c.newest = v;
      continue;
    }
    events.push([v.line, decision, quoted]);
    if (v.recency > c.newest.recency) {
      events.push([prior, 'superseded', 0]);
      c.version = v;
      c.newest = v;
    } else events.push([v.line, 'superseded', 0]);
  }
  // The store reports events by line, in the order found within a line.
  return events.map((e, i) => [e, i] as const).sort((a, b) => a[0][0] - b[0][0] || a[1] - b[1]).map(([e]) => e);
}

