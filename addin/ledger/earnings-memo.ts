/**
 * The Earnings table's pass through core's engine, kept between recalculations. Reading 100,000
 * rows from Excel and through the engine is most of a recalculation, and a claim edit or a new
 * as-of date changes none of it. So the pass is kept with the key it was read under (the table's
 * size and the settings) and the programs it was read with, and forgotten the moment the Earnings
 * table changes: Excel's table change event, or the add-in's own write.
 *
 * A change can land while the table is being read. `keep` therefore takes the generation seen
 * before the read began, and keeps nothing if the table changed since: the next recalculation
 * reads it again.
 */
import type { EarningsPass } from './workbook-ledger.js';

export interface KeptEarnings {
  readonly pass: EarningsPass;
  /** Tells one reading of the table from another (the pane redraws when it changes). */
  readonly fingerprint: string;
  /** The Programs table's fingerprint when the pass was read: the pass depends on it. */
  readonly programs: string;
}

export class EarningsMemo {
  private generation = 0;
  private kept: { readonly key: string; readonly earnings: KeptEarnings } | null = null;

  /** The Earnings table changed, or may have: nothing kept is used again. */
  forget(): void {
    this.generation += 1;
    this.kept = null;
  }

  /** Taken before reading the table, and handed back to `keep`. */
  begin(): number {
    return this.generation;
  }

  /** The pass read under `key`, while the table has not changed since. */
  find(key: string): KeptEarnings | null {
    return this.kept !== null && this.kept.key === key ? this.kept.earnings : null;
  }

  /** Keeps a pass read under `key`, unless the table changed after `begin` returned `generation`. */
  keep(generation: number, key: string, earnings: KeptEarnings): void {
    if (generation === this.generation) this.kept = { key, earnings };
  }
}
