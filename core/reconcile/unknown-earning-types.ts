import { detach } from '../text/detach.js';
import type { EarningRecord, RowLocation } from './earning-record.js';
import { earningTypeKey, KNOWN_EARNING_TYPES } from './earning-type.js';
import type { Finding } from './finding.js';

interface UnknownType {
  /** The type as its first row wrote it (`Cooop`); later spellings of the same key are the same type. */
  readonly written: string;
  readonly first: RowLocation;
  readonly participantId: string;
  readonly programName: string;
  rows: number;
}

/**
 * Earning types the ledger does not know (`other`: counted in the totals, in no pool), per source
 * and type key, with their first row there and their row count (docs/RULES.md, "Earning types").
 * Once per source and type is enough to notice a misspelt `Co-op` without a finding per row, and
 * still says which file or table to fix.
 */
export class UnknownEarningTypes {
  /** source (the rows' file or table) → type key → what was seen of it there. */
  private readonly bySource = new Map<string, Map<string, UnknownType>>();

  add(row: EarningRecord): void {
    const file = row.location.file;
    let types = this.bySource.get(file);
    if (types === undefined) this.bySource.set(file, (types = new Map()));
    const key = earningTypeKey(row.earningType);
    const u = types.get(key);
    if (u) u.rows += 1;
    else {
      types.set(key, {
        written: detach(clipped(row.earningType)),
        first: row.location,
        participantId: detach(row.participantId),
        programName: detach(row.programName),
        rows: 1,
      });
    }
  }

  /** A row identical to one read before was never a row of its own (another version of an earning was, as for unknown programs). */
  retract(row: EarningRecord): void {
    this.bySource.get(row.location.file)!.get(earningTypeKey(row.earningType))!.rows -= 1;
  }

  findings(): Finding[] {
    return [...this.bySource.values()].flatMap((types) =>
      [...types.values()].map((u) => ({
        severity: 'warning' as const,
        code: 'unknown_earning_type' as const,
        message:
          `earningType "${u.written}" is not one the ledger knows (${u.rows} rows); such rows count as other, in no pool. ` +
          `Known types: ${KNOWN_EARNING_TYPES.join(', ')}.`,
        file: u.first.file,
        line: u.first.line,
        participantId: u.participantId,
        programName: u.programName,
        actual: String(u.rows),
      })),
    );
  }
}

/** A type cell can hold anything (a pasted note): the message quotes at most 60 characters of it. */
function clipped(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 60)}…`;
}
