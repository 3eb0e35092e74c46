import { Dec } from '../money/decimal.js';
import { half } from '../calendar/fiscal-half.js';
import type { ProgramPolicyEntry } from './program-policy.js';

const CSP_SHARE = new Dec('0.40');
const PUBLIC_THRESHOLD = new Dec('1500');

const CSP_PROGRAMS: readonly ProgramPolicyEntry[] = [
  {
    name: 'CSP Direct Bill Partner',
    aliases: ['Cloud Solution Provider (CSP) Direct Bill Partner', 'Cloud Solution Provider - Direct Bill Partner', 'CSP Direct Bill', 'CSP Direct'],
  },
  {
    name: 'CSP Indirect Provider',
    aliases: ['Cloud Solution Provider (CSP) Indirect Provider', 'Cloud Solution Provider - Indirect Provider', 'CSP Indirect Distributor'],
  },
  {
    name: 'CSP Indirect Reseller',
    aliases: ['Cloud Solution Provider (CSP) Indirect Reseller', 'Cloud Solution Provider - Indirect Reseller'],
  },
];

/**
 * The USD 1,500 rows of Microsoft's public co-op threshold table, under the table's names, with
 * the spellings partners see in exports and guides as aliases (docs/RULES.md, "Built-in catalog").
 */
const PUBLIC_THRESHOLD_PROGRAMS: readonly ProgramPolicyEntry[] = [
  {
    name: 'Authorized Distributor (EduWins)',
    aliases: ['Authorized Distributor - EduWins', 'Authorised Distributor (EduWins)', 'Authorised Distributor - EduWins'],
  },
  {
    name: 'Authorized Distributor (Software)',
    aliases: ['Authorized Distributor - Software', 'Authorised Distributor (Software)', 'Authorised Distributor - Software'],
  },
  { name: 'Hosting', aliases: ['Hosting Program', 'Microsoft Hosting'] },
  {
    name: 'IoT Channel Incentive',
    aliases: ['IoT Channel Incentives', 'Internet of Things Channel Incentive', 'IoT', 'Internet of Things', 'Windows IoT'],
  },
  { name: 'Mixed Reality ADD', aliases: ['Mixed Reality Authorized Device Distributor', 'Mixed Reality Authorised Device Distributor'] },
  { name: 'Mixed Reality ADR & DMP', aliases: ['Mixed Reality ADR and DMP', 'Mixed Reality ADR/DMP'] },
  { name: 'OEM Reseller (Software)', aliases: ['OEM Reseller - Software', 'OEM Reseller', 'OEM Reseller Program'] },
  {
    name: 'Surface PC and Surface Hub ADD',
    aliases: [
      'Surface PC and Surface Hub Authorized Device Distributor (ADD)',
      'Surface PC and Surface Hub Authorized Device Distributor',
      'Surface PC & Surface Hub ADD',
      'Surface ADD',
      'Surface Authorized Device Distributor',
      'Surface Authorised Device Distributor',
    ],
  },
  // Names the table splits in two: which of the two a file means is unknown, so they stay
  // programs of their own, with the same threshold, rather than an alias of either.
  { name: 'Authorized Distributor', aliases: ['Authorised Distributor', 'Authorized Distributor Program'] },
  { name: 'Mixed Reality', aliases: ['Mixed Reality Program'] },
];

/**
 * Microsoft's public program settings (docs/RULES.md, "Built-in catalog"). Each concept is its own entry so that a user
 * file can override one field, or one range of periods, without restating the rest.
 *
 * The USD 1,500 thresholds are documented for FY22–FY24 and nothing else is known, so they are
 * not limited to a range; a user file that knows better layers over them.
 */
export const BUILTIN_POLICIES: readonly ProgramPolicyEntry[] = Object.freeze([
  ...CSP_PROGRAMS.map((p) => ({ ...p, coopShare: CSP_SHARE })),
  // CSP thresholds rose from USD 4,000 to USD 10,000 with FY22 (third-party sources; docs/RULES.md).
  ...CSP_PROGRAMS.map((p) => ({ name: p.name, aliases: [], thresholdUSD: new Dec('4000'), until: half('FY21 H2') })),
  ...CSP_PROGRAMS.map((p) => ({ name: p.name, aliases: [], thresholdUSD: new Dec('10000'), from: half('FY22 H1') })),
  { name: 'Microsoft Commerce Incentives', aliases: ['MCI', 'Microsoft Commerce Incentive'], coopShare: CSP_SHARE },
  ...PUBLIC_THRESHOLD_PROGRAMS.map((p) => ({ ...p, thresholdUSD: PUBLIC_THRESHOLD })),
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
