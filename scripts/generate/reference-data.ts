import { fraction, type Fraction } from './minor-amount.js';

/**
 * Plausible fixed USD rates (USD for one unit of the currency) for generated data. Real exports
 * carry the rate of the day; a fixed rate keeps the expected USD sums easy to check by hand.
 */
export const USD_RATES: Readonly<Record<string, { text: string; rate: Fraction }>> = Object.fromEntries(
  Object.entries({ USD: '1.000000', EUR: '1.130000', GBP: '1.350000', JPY: '0.008700', SEK: '0.110000', KWD: '3.300000' }).map(
    ([code, text]) => [code, { text, rate: fraction(text) }],
  ),
);

export function usdRate(currency: string): Fraction {
  const r = USD_RATES[currency];
  if (!r) throw new RangeError(`no USD rate for ${currency}`);
  return r.rate;
}

export interface GeneratedProgram {
  readonly name: string;
  readonly code: string;
  /** null: the program earns no co-op (rebate rows only), like the OSU programs. */
  readonly coopShare: Fraction | null;
  readonly coopShareText: string;
  /** Relative frequency among generated transactions. */
  readonly weight: number;
}

/**
 * Programs of the bulk exports. All co-op programs use the public 40 % share (docs/RULES.md, Money), so the
 * benchmark needs no policy file; OSU - Microsoft 365 is the co-op-excluded program.
 */
export const BULK_PROGRAMS: readonly GeneratedProgram[] = [
  { name: 'CSP Indirect Reseller', code: 'CSPIR', coopShare: fraction('0.40'), coopShareText: '0.40', weight: 8 },
  { name: 'CSP Direct Bill Partner', code: 'CSPDB', coopShare: fraction('0.40'), coopShareText: '0.40', weight: 4 },
  { name: 'CSP Indirect Provider', code: 'CSPIP', coopShare: fraction('0.40'), coopShareText: '0.40', weight: 2 },
  { name: 'Microsoft Commerce Incentives', code: 'MCI', coopShare: fraction('0.40'), coopShareText: '0.40', weight: 4 },
  { name: 'OSU - Microsoft 365', code: 'OSUM365', coopShare: null, coopShareText: '', weight: 2 },
];

export interface Lever {
  readonly name: string;
  /** The lever's total incentive rate on the transaction amount. */
  readonly rateText: string;
  readonly rate: Fraction;
}

export const LEVERS: readonly Lever[] = [
  ['Core', '0.0500'],
  ['Strategic Product Accelerator', '0.0800'],
  ['Azure Consumption', '0.0300'],
  ['New Commerce Experience', '0.0150'],
].map(([name, rateText]) => ({ name: name!, rateText: rateText!, rate: fraction(rateText!) }));

export interface Country {
  readonly code: string;
  readonly currency: string;
  readonly region: string;
}

export const COUNTRIES: readonly Country[] = [
  { code: 'US', currency: 'USD', region: 'United States' },
  { code: 'NL', currency: 'EUR', region: 'Western Europe' },
  { code: 'DE', currency: 'EUR', region: 'Western Europe' },
  { code: 'FR', currency: 'EUR', region: 'Western Europe' },
  { code: 'GB', currency: 'GBP', region: 'UK' },
  { code: 'JP', currency: 'JPY', region: 'Japan' },
  { code: 'SE', currency: 'SEK', region: 'Western Europe' },
  { code: 'KW', currency: 'KWD', region: 'Middle East and Africa' },
];

export const PARTNER_NAMES: readonly string[] = [
  'Contoso', 'Fabrikam', 'Northwind', 'Tailspin', 'Adventure Works', 'Litware', 'Proseware', 'Wingtip',
  'Woodgrove', 'Alpine Ski House', 'Coho Winery', 'Lucerne Publishing', 'Margie Travel', 'Trey Research',
  'Wide World Importers', 'Blue Yonder', 'Humongous Insurance', 'Lamna Healthcare', 'Relecloud', 'VanArsdel',
];

export const PARTNER_SUFFIXES: readonly string[] = ['Cloud Solutions', 'IT Services', 'Systems', 'Digital', 'Consulting', 'Networks'];

export const CUSTOMER_WORDS: readonly string[] = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Soylent', 'Tyrell',
  'Cyberdyne', 'Oceanic', 'Gringotts', 'Monarch', 'Nakatomi', 'Pied Piper',
];

export const CUSTOMER_SUFFIXES: readonly string[] = ['Ltd', 'GmbH', 'B.V.', 'Inc.', 'AB', 'K.K.', 'S.A.', 'LLC', 'Holdings, Inc.'];

export interface Product {
  readonly productId: string;
  readonly productName: string;
  readonly skuId: string;
  readonly skuName: string;
  readonly productType: string;
  readonly billingModel: string;
}

export const PRODUCTS: readonly Product[] = [
  ['CFQ7TTC0LH18', 'Microsoft 365 Business Basic', '0001', 'Microsoft 365 Business Basic', 'License-based', 'Monthly'],
  ['CFQ7TTC0LDPB', 'Microsoft 365 Business Standard', '0001', 'Microsoft 365 Business Standard', 'License-based', 'Annual'],
  ['CFQ7TTC0LCHC', 'Microsoft 365 E3', '0002', 'Microsoft 365 E3', 'License-based', 'Annual'],
  ['CFQ7TTC0LFLZ', 'Office 365 E3', '0001', 'Office 365 E3', 'License-based', 'Monthly'],
  ['DZH318Z0BQ3Q', 'Virtual Machines', '0009', 'Dv3 Series', 'Azure plan', 'Usage'],
  ['DZH318Z0BNZJ', 'Azure SQL Database', '000B', 'General Purpose vCore', 'Azure plan', 'Usage'],
  ['CFQ7TTC0LF8Q', 'Dynamics 365 Business Central Essentials', '0001', 'Business Central Essentials', 'License-based', 'Annual'],
  ['CFQ7TTC0LHSF', 'Microsoft Teams Phone Standard', '0001', 'Teams Phone Standard', 'License-based', 'Monthly'],
  ['CFQ7TTC0LH0R', 'Microsoft Defender for Endpoint P2', '0001', 'Defender for Endpoint P2', 'License-based', 'Annual'],
  ['DG7GMGF0DVSV', 'Windows 365 Business', '0003', 'Windows 365 Business 2 vCPU', 'License-based', 'Monthly'],
].map(([productId, productName, skuId, skuName, productType, billingModel]) => ({
  productId: productId!, productName: productName!, skuId: skuId!, skuName: skuName!, productType: productType!, billingModel: billingModel!,
}));
