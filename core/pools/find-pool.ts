import { formatHalf, type FiscalHalf } from '../calendar/fiscal-half.js';
import type { CurrencyCode } from '../money/currency.js';
import { canonicalProgramName, type PolicyCatalog } from '../policy/policy-catalog.js';
import type { PoolBalance } from './pool-balance.js';
import { poolKeyString } from './pool-key.js';

/**
 * The pool a person names by participant, program, period and currency, as a worksheet function
 * is given them: the program by any of its names (aliases pool together: docs/RULES.md, "Pool
 * key"), the participant with stray spaces. Null when there is no such pool.
 */
export function findPool(
  balances: readonly PoolBalance[],
  catalog: PolicyCatalog,
  named: { readonly participantId: string; readonly programName: string; readonly period: FiscalHalf; readonly currency: CurrencyCode },
): PoolBalance | null {
  const wanted = poolKeyString({
    participantId: named.participantId.trim(),
    programName: canonicalProgramName(catalog, named.programName) ?? named.programName.trim(),
    earningPeriod: formatHalf(named.period),
    currency: named.currency,
  });
  return balances.find((b) => poolKeyString(b.key) === wanted) ?? null;
}
