import type { IsoDate } from '../calendar/calendar-date.js';
import { formatHalf } from '../calendar/fiscal-half.js';
import { ZERO } from '../money/decimal.js';
import type { PolicyCatalog } from '../policy/policy-catalog.js';
import type { PoolBalance } from '../pools/pool-balance.js';
import type { LedgerSettings } from '../settings.js';
import type { Claim } from './claim.js';
import { claimFunding } from './claim-funding.js';
import { drawKind } from './draw-kind.js';
import { claimDraw, type ClaimContext } from './validate-claim.js';

/**
 * What a claim being edited is checked against (docs/RULES.md, "Claims"): its program's policy in
 * its funding period, the currencies the participant's pools of that program and period are held
 * in, and what the pool in the claim's currency has available. A claim the register already
 * holds (`saved`) reserves or consumes funds already, and must not count against itself.
 */
export function claimContext(
  claim: Claim,
  ledger: { readonly balances: readonly PoolBalance[]; readonly catalog: PolicyCatalog; readonly settings: LedgerSettings },
  asOf: IsoDate,
  saved: Claim | null,
): ClaimContext {
  const funding = claimFunding(claim, ledger.catalog, ledger.settings);
  const label = funding.fundingPeriod ? formatHalf(funding.fundingPeriod) : '';
  const pools = ledger.balances.filter((b) => b.key.participantId === claim.participantId && b.key.programName === funding.programName && b.key.earningPeriod === label);
  const pool = pools.find((b) => b.key.currency === claim.currency);
  let available = pool ? pool.available : ZERO;
  if (saved !== null && saved.claimId === claim.claimId && pool) {
    const kind = drawKind(saved.status);
    if (kind === 'pending' || kind === 'approved') available = available.plus(claimDraw(saved));
  }
  return { policy: funding.policy, settings: ledger.settings, asOf, available, poolCurrencies: pools.map((b) => b.key.currency) };
}
