import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { addinOutcome, batchOutcome, type Outcome } from './paths.js';
import type { DataSet } from './data-sets.js';
import { scratchFolder } from './scratch.js';

/*
 * A team imports each month's download as it comes, or a backlog in any order; the batch job reads
 * them all at once. Which version of a repeated earningId counts is the newer download's
 * (docs/RULES.md, "Repeated earningIds"), so the Balances must not depend on the order of imports;
 * only other facts under one id (a conflict) go by the order read, in both paths: the row read later counts.
 */
const scratch = scratchFolder('contract-one-at-a-time-');

const COLUMNS = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,paymentId,paymentStatus,paymentDate';
const DAY = 86_400_000;
const dateAt = (start: string, days: number) => new Date(Date.parse(`${start}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** An earning's facts, the same in every download that repeats it. */
interface Earning {
  readonly id: string;
  readonly participantId: string;
  readonly type: 'Co-op' | 'Adjustment-Co-op';
  readonly cents: number;
  readonly day: number;
}
/** One download's version of an earning: a restated USD amount, a payment, a later paymentDate, or other facts (another amount: a conflict). */
interface Version {
  readonly earning: number;
  readonly restatedCents: number;
  readonly otherFacts: boolean;
  readonly paid: boolean;
  readonly paymentDays: number | null;
}

const earningArb = (i: number) =>
  fc.record({
    participantId: fc.constantFrom('P1', 'P2'),
    type: fc.constantFrom('Co-op' as const, 'Co-op' as const, 'Adjustment-Co-op' as const),
    cents: fc.integer({ min: 100, max: 60_000 }),
    day: fc.integer({ min: 0, max: 360 }),
  }).map((e): Earning => ({ id: `E${i}`, ...e, cents: e.type === 'Adjustment-Co-op' ? -Math.ceil(e.cents / 10) : e.cents }));

const versionArb = (earnings: number) =>
  fc.record({
    earning: fc.nat({ max: earnings - 1 }),
    restatedCents: fc.constantFrom(0, 0, 500, -300),
    otherFacts: fc.constantFrom(false, false, false, false, true),
    paid: fc.boolean(),
    paymentDays: fc.option(fc.integer({ min: 0, max: 240 }), { nil: null }),
  });

const money = (cents: number) => (cents / 100).toFixed(2);

function row(e: Earning, v: Version): string {
  const paymentDate = v.paymentDays === null ? '' : dateAt('2021-01-01', e.day + v.paymentDays);
  const cents = v.otherFacts ? e.cents + (e.cents > 0 ? 700 : -70) : e.cents;
  return [e.id, e.participantId, 'Hosting', e.type, money(cents), money(cents + v.restatedCents), dateAt('2021-01-01', e.day), 'USD', v.paid ? `PAY-${e.id}` : '', v.paid ? 'Sent' : 'Upcoming', paymentDate].join(',');
}

/** A download's recency as docs/RULES.md defines it: the latest date in its rows. */
function recencyOf(earnings: readonly Earning[], versions: readonly Version[]): string {
  return versions.map((v) => {
    const e = earnings[v.earning]!;
    return [dateAt('2021-01-01', e.day), v.paymentDays === null ? '' : dateAt('2021-01-01', e.day + v.paymentDays)].sort().at(-1)!;
  }).sort().at(-1)!;
}

/** 3 or 4 downloads of up to 6 earnings, each earningId at most once per download. */
const dataArb = fc
  .tuple(...[1, 2, 3, 4, 5, 6].map(earningArb))
  .chain((earnings) =>
    fc.record({
      earnings: fc.constant(earnings),
      files: fc.array(fc.uniqueArray(versionArb(earnings.length), { minLength: 1, maxLength: 5, selector: (v) => v.earning }), { minLength: 3, maxLength: 4 }),
    }),
  )
  .chain((data) => fc.record({ data: fc.constant(data), order: fc.shuffledSubarray(data.files.map((_, i) => i), { minLength: data.files.length }) }));

let run = 0;

describe('importing a data set\'s downloads one at a time', () => {
  test('in any order, or all in one import, gives the Balances, conflicts and rows repeated, updated and restated the batch job gives on all of them at once, read in that order', async () => {
    await fc.assert(
      fc.asyncProperty(dataArb, async ({ data, order }) => {
        // On a tie the batch job takes the file named later, the add-in the file imported later:
        // the downloads here have distinct recencies.
        const recencies = data.files.map((f) => recencyOf(data.earnings, f));
        fc.pre(new Set(recencies).size === recencies.length);
        const folder = join(scratch, String(run++));
        mkdirSync(folder);
        const paths = data.files.map((versions, i) => {
          const path = join(folder, `earnings-${i}.csv`);
          writeFileSync(path, [COLUMNS, ...versions.map((v) => row(data.earnings[v.earning]!, v))].join('\r\n') + '\r\n');
          return path;
        });
        // Other facts under one id depend on the order read (the row read later counts): the batch
        // job is given the files in the order imported one at a time, and by name, the order of
        // files picked together. Without a conflict the two agree.
        const conflictIds = (o: Outcome) => o.conflicts.map((c) => c.earningId);
        const inOrder: DataSet = { name: folder, earnings: order.map((i) => paths[i]!), asOf: '2022-06-30' };
        const batch = await batchOutcome(inOrder);
        const addin = await addinOutcome(inOrder, order.map((i) => [paths[i]!]));
        expect(Object.fromEntries(addin.balances)).toEqual(Object.fromEntries(batch.balances));
        expect(conflictIds(addin)).toEqual(conflictIds(batch));
        // What each import logged adds up to what the batch job finds reading every download.
        expect(addin.logged).toEqual(batch.logged);
        const byName: DataSet = { ...inOrder, earnings: paths };
        const batchByName = await batchOutcome(byName);
        const together = await addinOutcome(byName, [order.map((i) => paths[i]!)]);
        expect(Object.fromEntries(together.balances)).toEqual(Object.fromEntries(batchByName.balances));
        expect(conflictIds(together)).toEqual(conflictIds(batchByName));
        expect(together.logged).toEqual(batchByName.logged);
      }),
      { numRuns: 40 },
    );
  }, 300_000);
});
