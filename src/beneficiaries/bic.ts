import { isCountryCode } from './country-codes.js'

/**
 * Canonical form of a BIC (ISO 9362), or `undefined` when it is invalid: surrounding whitespace
 * trimmed and letters uppercased; then 8 or 11 characters (bank code of four letters, country
 * code, location code, optional branch code), with an ISO 3166 country code in positions 5-6.
 * An 8-character BIC is kept as given, not padded with `XXX`, so it round-trips unchanged.
 *
 * @example
 * normalizeBic(' cobadeffxxx ') // 'COBADEFFXXX'
 * normalizeBic('COBAZZFF')      // undefined (ZZ is not a country)
 */
export function normalizeBic(value: string): string | undefined {
  const bic = value.trim().toUpperCase()
  if (!/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) return undefined
  return isCountryCode(bic.slice(4, 6)) ? bic : undefined
}

/**
 * Whether `value` is a valid BIC (see {@link normalizeBic} for the rules).
 *
 * @example
 * isValidBic('DEUTDEFF')    // true
 * isValidBic('DEUTDEFF50')  // false (10 characters)
 */
export function isValidBic(value: string): boolean {
  return normalizeBic(value) !== undefined
}

/**
 * The country of a BIC (characters 5-6), or `undefined` when `value` is not a valid BIC.
 *
 * @example
 * bicCountry('NWBKGB2L') // 'GB'
 */
export function bicCountry(value: string): string | undefined {
  return normalizeBic(value)?.slice(4, 6)
}
