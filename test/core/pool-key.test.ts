/**
 * A pool key's parts, in the key's order, for an adapter that writes a pool its own way (the pane's
 * `data-pool` attribute): it needs neither how core joins a key into one text nor its separator.
 */
import { expect, test } from 'vitest';
import { poolKeyParts, poolKeyString, type PoolKey } from '../../core/pools/pool-key.js';

const key: PoolKey = { participantId: '4410021', programName: 'CSP Indirect Reseller', earningPeriod: 'FY21 H2', currency: 'EUR' };

test('a pool key\'s parts are its participant, program, earning period and currency, in that order', () => {
  expect(poolKeyParts(key)).toEqual(['4410021', 'CSP Indirect Reseller', 'FY21 H2', 'EUR']);
});

test.each([
  ['participant', { participantId: '4410022' }],
  ['program', { programName: 'CSP Direct' }],
  ['earning period', { earningPeriod: 'FY22 H1' }],
  ['currency', { currency: 'USD' }],
  // Parts that would run together if nothing stood between them.
  ['parts moved across a boundary', { participantId: '4410021CSP', programName: ' Indirect Reseller' }],
])('core\'s key text tells pools apart by their %s', (_what, change) => {
  expect(poolKeyString({ ...key, ...change })).not.toBe(poolKeyString(key));
});
