import { detach } from '../text/detach.js';
import type { EarningRecord, RowLocation } from './earning-record.js';
import type { Finding } from './finding.js';

/** Programs the catalog does not know, as written, with their first row and row count. */
export class UnknownPrograms {
  private readonly byName = new Map<string, { readonly first: RowLocation; readonly participantId: string; rows: number }>();

  add(row: EarningRecord): void {
    const u = this.byName.get(row.programName);
    if (u) u.rows += 1;
    else this.byName.set(detach(row.programName), { first: row.location, participantId: detach(row.participantId), rows: 1 });
  }

  /** A repeat of an earlier row was never a row of its own. */
  retract(row: EarningRecord): void {
    this.byName.get(row.programName)!.rows -= 1;
  }

  findings(): Finding[] {
    return [...this.byName].map(([name, u]) => ({
      severity: 'warning' as const,
      code: 'unknown_program' as const,
      message: `program "${name}" is not in the policy catalog (${u.rows} rows); its pools have no threshold or share. Add it to --programs`,
      file: u.first.file,
      line: u.first.line,
      participantId: u.participantId,
      programName: name,
      actual: String(u.rows),
    }));
  }
}
