import { Dec } from '../money/decimal.js';
import { half } from '../calendar/fiscal-half.js';
import type { ProgramPolicyEntry } from './program-policy.js';

const CSP_SHARE = new Dec('0.40');
const PUBLIC_THRESHOLD = new Dec('1500');

const CSP_PROGRAMS: readonly ProgramPolicyEntry[] = [
  {
    name: 'CSP Direct Bill Partner',
    aliases: ['Cloud Solution Provider - Direct Bill Partner', 'CSP Direct Bill', 'CSP Direct'],
  },
  {
    name: 'CSP Indirect Provider',
    aliases: ['Cloud Solution Provider - Indirect Provider', 'CSP Indirect Distributor'],
  },
  {
    name: 'CSP Indirect Reseller',
    aliases: ['Cloud Solution Provider - Indirect Reseller'],
  },
];

/**
 * Microsoft's public program settings (SPEC §4–§5). Each concept is its own entry so that a user
 * file can override one field, or one range of periods, without restating the rest.
 *
 * The USD 1,500 thresholds are documented for FY22–FY24 and nothing else is known, so they are
 * not limited to a range; a user file that knows better layers over them.
 */
export const BUILTIN_POLICIES: readonly ProgramPolicyEntry[] = Object.freeze([
  ...CSP_PROGRAMS.map((p) => ({ ...p, coopShare: CSP_SHARE })),
  // CSP thresholds rose from USD 4,000 to USD 10,000 with FY22 (third-party sources, SPEC §4).
  ...CSP_PROGRAMS.map((p) => ({ name: p.name, aliases: [], thresholdUSD: new Dec('4000'), until: half('FY21 H2') })),
  ...CSP_PROGRAMS.map((p) => ({ name: p.name, aliases: [], thresholdUSD: new Dec('10000'), from: half('FY22 H1') })),
  { name: 'Microsoft Commerce Incentives', aliases: ['MCI', 'Microsoft Commerce Incentive'], coopShare: CSP_SHARE },
  { name: 'Authorized Distributor', aliases: ['Authorised Distributor', 'Authorized Distributor Program'], thresholdUSD: PUBLIC_THRESHOLD },
  { name: 'Hosting', aliases: ['Hosting Program', 'Microsoft Hosting'], thresholdUSD: PUBLIC_THRESHOLD },
  { name: 'IoT', aliases: ['Internet of Things', 'Windows IoT'], thresholdUSD: PUBLIC_THRESHOLD },
  { name: 'Mixed Reality', aliases: ['Mixed Reality Program'], thresholdUSD: PUBLIC_THRESHOLD },
  { name: 'OEM Reseller', aliases: ['OEM Reseller Program'], thresholdUSD: PUBLIC_THRESHOLD },
  {
    name: 'Surface ADD',
    aliases: ['Surface Authorized Device Distributor', 'Surface Authorised Device Distributor'],
    thresholdUSD: PUBLIC_THRESHOLD,
  },
  // These earn through customer association (CPOR) claims, never co-op claims (seeds).
  {
    name: 'OSA Sell',
    aliases: ['Online Services Advisory Sell', 'Online Services Advisory (OSA) Sell', 'OSA - Sell'],
    coopClaims: false,
  },
  {
    name: 'OSU - Microsoft 365',
    aliases: ['Online Services Usage - Microsoft 365', 'Online Services Usage (OSU) - Microsoft 365', 'OSU M365'],
    coopClaims: false,
  },
  {
    name: 'OSU - Business Applications',
    aliases: [
      'Online Services Usage - Business Applications',
      'Online Services Usage (OSU) - Business Applications',
      'OSU Business Apps',
    ],
    coopClaims: false,
  },
]);
