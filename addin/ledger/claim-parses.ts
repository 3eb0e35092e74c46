/**
 * The Claims table's rows as core parsed them, kept from one recalculation to the next by the
 * cells of each row: a claim edit parses the one row that changed, not all 2,000. The parse is
 * core's `parseClaimRow`, whatever is kept; a row is only ever looked up by its exact cells (and
 * the table's headers and date system: the same serial is another date in a 1904 workbook), so a
 * kept result is the one parsing those cells gives.
 */
import type { Claim } from '../../core/claims/claim.js';
import type { Result } from '../../core/issues.js';
import type { DateSystem } from '../../core/calendar/calendar-date.js';

export class ClaimParses {
  private headers = '';
  private previous = new Map<string, Result<Claim>>();
  private current = new Map<string, Result<Claim>>();

  /** Starts a reading of the table: what the last reading parsed can be used, the rest is let go. */
  begin(headers: readonly string[], system: DateSystem): void {
    const signature = JSON.stringify([headers, system]);
    this.previous = signature === this.headers ? this.current : new Map();
    this.current = new Map();
    this.headers = signature;
  }

  /** `parse()` of a row, or what it gave for the same cells in the last reading or this one. */
  parse(cells: readonly unknown[], parse: () => Result<Claim>): Result<Claim> {
    const key = JSON.stringify(cells);
    let parsed = this.current.get(key) ?? this.previous.get(key);
    if (parsed === undefined) parsed = parse();
    this.current.set(key, parsed);
    return parsed;
  }
}
