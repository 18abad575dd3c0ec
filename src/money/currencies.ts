import * as dineroCurrencies from 'dinero.js/bigint/currencies'
import type { DineroCurrency } from 'dinero.js/bigint'

/** A dinero currency object with bigint base and exponent, as used by `dinero.js/bigint`. */
export type Currency = DineroCurrency<bigint>

/**
 * Currencies where dinero's object does not match ISO 4217. Dinero models the Malagasy ariary
 * and the Mauritanian ouguiya as non-decimal (base 5, exponent 1), but ISO 4217 publishes them
 * with 2 decimal minor units, and our wire format is a decimal string, so we follow ISO.
 */
const ISO_OVERRIDES: readonly Currency[] = [
  { code: 'MGA', base: 10n, exponent: 2n },
  { code: 'MRU', base: 10n, exponent: 2n },
]

/*
 * Every active ISO 4217 currency that has decimal minor units. Codes whose minor unit is
 * "N.A." in ISO 4217 (precious metals XAU/XAG/XPT/XPD, bond units XBA–XBD, XDR, XSU, XUA,
 * XTS, XXX) cannot be written as a decimal amount and are deliberately absent.
 */
const currencyByCode: ReadonlyMap<string, Currency> = (() => {
  const byCode = new Map<string, Currency>()
  for (const currency of Object.values(dineroCurrencies)) byCode.set(currency.code, currency)
  for (const currency of ISO_OVERRIDES) byCode.set(currency.code, currency)
  return byCode
})()

/**
 * All supported ISO 4217 alphabetic codes, sorted.
 *
 * @example
 * CURRENCY_CODES.includes('KWD') // true
 */
export const CURRENCY_CODES: readonly string[] = Object.freeze([...currencyByCode.keys()].sort())

/**
 * Whether `code` is a supported ISO 4217 alphabetic code (exact, upper case).
 *
 * @example
 * isCurrencyCode('USD') // true
 * isCurrencyCode('usd') // false
 */
export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && currencyByCode.has(code)
}

/**
 * The ISO 4217 exponent (number of decimal minor units) of a currency, or `undefined` when
 * the code is not supported.
 *
 * @example
 * currencyExponent('JPY') // 0
 * currencyExponent('KWD') // 3
 * currencyExponent('XXX') // undefined
 */
export function currencyExponent(code: string): number | undefined {
  const currency = currencyByCode.get(code)
  return currency === undefined ? undefined : Number(currency.exponent)
}

/**
 * The dinero bigint currency object for a code. Throws a plain `Error` for an unknown code:
 * callers validate input with {@link isCurrencyCode} first, so reaching the throw is a bug.
 *
 * @example
 * dinero({ amount: 500n, currency: currencyOf('EUR') })
 */
export function currencyOf(code: string): Currency {
  const currency = currencyByCode.get(code)
  if (currency === undefined) throw new Error(`Unknown currency code: ${JSON.stringify(code)}`)
  return currency
}
