import { issue, ok, fail, type Result } from '../issues.js';

/**
 * ISO 4217 minor units for the currencies whose exponent is not 2. Everything else that is a
 * well-formed code has 2 (EUR, USD, GBP, SEK, ...).
 */
const MINOR_UNITS: Readonly<Record<string, number>> = {
  // 0 decimals
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0,
  UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  // 3 decimals
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  // 4 decimals
  CLF: 4, UYW: 4,
};

export type CurrencyCode = string;

/** Normalises and validates a currency code (`eur` → `EUR`); three letters or an issue. */
export function parseCurrency(text: string): Result<CurrencyCode> {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return fail(issue('invalid_currency', [], text));
  return ok(code);
}

export function minorUnits(currency: CurrencyCode): number {
  return MINOR_UNITS[currency] ?? 2;
}
