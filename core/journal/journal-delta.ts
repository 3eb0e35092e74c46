import type { IsoDate } from '../calendar/calendar-date.js';
import type { JournalLine } from './journal-line.js';

/**
 * What to post since the previous run (docs/RULES.md, Journal): the lines of every reference
 * that is new, and for a reference whose lines changed or vanished, a reversal of what was
 * posted, dated as of this run, followed by its new lines. A reference whose lines are unchanged
 * posts nothing, so an identical rerun posts nothing at all.
 *
 * `previous` is the full journal the previous run wrote (what the ledger holds if every delta
 * was posted); `current` is this run's full journal.
 */
export function journalDelta(previous: readonly JournalLine[], current: readonly JournalLine[], asOf: IsoDate): JournalLine[] {
  const before = byReference(previous);
  const now = byReference(current);
  const delta: JournalLine[] = [];
  for (const [reference, lines] of now) {
    const posted = before.get(reference);
    if (posted && signature(posted) === signature(lines)) continue;
    if (posted) delta.push(...posted.map((l) => reversal(l, asOf)));
    delta.push(...lines);
  }
  for (const [reference, posted] of before) {
    if (!now.has(reference)) delta.push(...posted.map((l) => reversal(l, asOf)));
  }
  return delta;
}

function byReference(lines: readonly JournalLine[]): Map<string, JournalLine[]> {
  const map = new Map<string, JournalLine[]>();
  for (const l of lines) {
    const list = map.get(l.reference);
    if (list) list.push(l);
    else map.set(l.reference, [l]);
  }
  return map;
}

/** What a posting is made of; the description's wording may change without a repost. */
function signature(lines: readonly JournalLine[]): string {
  return lines
    .map((l) => [l.date, l.currency, l.account, l.debit.toFixed(), l.credit.toFixed()].join('\u001f'))
    .sort()
    .join('\u001e');
}

/** Takes back a posted line: the same account and amount on the other side, dated as of this run. */
function reversal(line: JournalLine, asOf: IsoDate): JournalLine {
  // Every property written out, as journal-of.ts writes its lines (a spread is V8's slow path).
  return {
    participantId: line.participantId,
    programName: line.programName,
    earningPeriod: line.earningPeriod,
    currency: line.currency,
    date: asOf,
    reference: `${line.reference}/reversal/${asOf}`,
    description: `Reversal of ${line.reference} (${line.date}): ${line.description}`,
    event: 'reversal',
    claimId: line.claimId,
    account: line.account,
    debit: line.credit,
    credit: line.debit,
  };
}
