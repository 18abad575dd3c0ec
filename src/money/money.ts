import { allocate, dinero, toSnapshot } from 'dinero.js/bigint'
import type { Dinero } from 'dinero.js/bigint'
import { currencyExponent, currencyOf } from './currencies.js'

export {
  add,
  subtract,
  compare,
  equal,
  greaterThan,
  greaterThanOrEqual,
  lessThan,
  lessThanOrEqual,
  isZero,
  isPositive,
  isNegative,
  minimum,
  maximum,
} from 'dinero.js/bigint'

/** An amount of money: a dinero object over bigint, in the currency's minor units. */
export type Money = Dinero<bigint>

/** Why a wire amount was refused by {@link parseAmount}. */
export type ParseAmountFailure =
  | 'not_a_string'
  | 'malformed'
  | 'negative'
  | 'too_precise'
  | 'unknown_currency'
  | 'too_large'

/** Result of {@link parseAmount}: the money, or the reason it was refused. */
export type ParseAmountResult = { ok: true; money: Money } | { ok: false; reason: ParseAmountFailure }

/** The wire shape of an amount: a decimal string in major units plus the ISO 4217 code. */
export type WireAmount = { value: string; currency: string }

/** Most integer (major unit) digits a wire amount may have. */
export const MAX_INTEGER_DIGITS = 18

// Canonical unsigned decimal: no leading zeros (other than a lone "0"), and a fractional part,
// when present, has at least one digit on each side of the point. ASCII digits only.
const UNSIGNED_DECIMAL = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/

/**
 * Money from an amount in minor units (cents for USD, yen for JPY, fils for KWD).
 * Throws for an unknown currency code.
 *
 * @example
 * formatAmount(moneyFromMinor(123456n, 'USD')) // "1234.56"
 */
export function moneyFromMinor(minor: bigint, currency: string): Money {
  return dinero({ amount: minor, currency: currencyOf(currency) })
}

/**
 * The amount in the currency's minor units. Money with a finer scale (for example the raw result
 * of a dinero `multiply`) is accepted only if it is a whole number of minor units; otherwise this
 * throws rather than round silently — round explicitly with `transformScale` first.
 *
 * @example
 * toMinor(moneyFromMinor(905n, 'JPY')) // 905n
 */
export function toMinor(m: Money): bigint {
  const { amount, currency, scale } = toSnapshot(m)
  const exponent = currency.exponent
  if (scale === exponent) return amount
  if (scale < exponent) return amount * 10n ** (exponent - scale)
  const factor = 10n ** (scale - exponent)
  if (amount % factor !== 0n) {
    throw new Error(`Amount ${amount} at scale ${scale} is not a whole number of ${currency.code} minor units`)
  }
  return amount / factor
}

/**
 * The ISO 4217 code of the money's currency.
 *
 * @example
 * currencyCodeOf(moneyFromMinor(1n, 'EUR')) // "EUR"
 */
export function currencyCodeOf(m: Money): string {
  return toSnapshot(m).currency.code
}

/**
 * Parse a wire amount: a decimal string in major units with no sign, exponent, spaces or
 * leading zeros, at most {@link MAX_INTEGER_DIGITS} integer digits and at most as many decimals
 * as the currency has (fewer are fine: "1000" and "1000.5" are valid USD, "10.0" is not valid
 * JPY). Zero is accepted; callers that need a positive amount check for it.
 *
 * @example
 * parseAmount('1000.5', 'USD')   // { ok: true, money: <100050 USD cents> }
 * parseAmount('1000.505', 'USD') // { ok: false, reason: 'too_precise' }
 * parseAmount(1000, 'USD')       // { ok: false, reason: 'not_a_string' }
 */
export function parseAmount(value: unknown, currency: string): ParseAmountResult {
  if (typeof value !== 'string') return { ok: false, reason: 'not_a_string' }
  const exponent = currencyExponent(currency)
  if (exponent === undefined) return { ok: false, reason: 'unknown_currency' }

  const negative = value.startsWith('-')
  const match = UNSIGNED_DECIMAL.exec(negative ? value.slice(1) : value)
  if (match === null) return { ok: false, reason: 'malformed' }
  if (negative) return { ok: false, reason: 'negative' }

  const integerDigits = match[1] ?? ''
  const fractionDigits = match[2] ?? ''
  if (integerDigits.length > MAX_INTEGER_DIGITS) return { ok: false, reason: 'too_large' }
  if (fractionDigits.length > exponent) return { ok: false, reason: 'too_precise' }

  const minor = BigInt(integerDigits + fractionDigits.padEnd(exponent, '0'))
  return { ok: true, money: moneyFromMinor(minor, currency) }
}

/**
 * The amount as a decimal string in major units with exactly the currency's number of decimals,
 * no grouping and no exponent; exact for any bigint size. Negative amounts get a leading "-".
 *
 * @example
 * formatAmount(moneyFromMinor(100000n, 'USD')) // "1000.00"
 * formatAmount(moneyFromMinor(905n, 'JPY'))    // "905"
 * formatAmount(moneyFromMinor(1500n, 'KWD'))   // "1.500"
 */
export function formatAmount(m: Money): string {
  const minor = toMinor(m)
  const exponent = Number(toSnapshot(m).currency.exponent)
  const sign = minor < 0n ? '-' : ''
  const digits = (minor < 0n ? -minor : minor).toString()
  if (exponent === 0) return sign + digits
  const padded = digits.padStart(exponent + 1, '0')
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`
}

/**
 * The wire form of an amount kept as minor units beside its currency (how the database holds it).
 *
 * @example formatMinor(91653n, 'EUR') // "916.53"
 */
export function formatMinor(minor: bigint, currency: string): string {
  return formatAmount(moneyFromMinor(minor, currency))
}

/**
 * The wire representation `{ value, currency }` of an amount.
 *
 * @example
 * toWire(moneyFromMinor(123456n, 'USD')) // { value: "1234.56", currency: "USD" }
 */
export function toWire(m: Money): WireAmount {
  return { value: formatAmount(m), currency: currencyCodeOf(m) }
}

/**
 * Split money into parts proportional to `ratios` (non-negative safe integers, at least one
 * positive) with dinero's `allocate`: no minor unit is lost or invented, the parts always sum to
 * the whole, and leftover minor units go to the largest ratios first.
 *
 * @example
 * allocateAmount(moneyFromMinor(100n, 'USD'), [1, 1, 1]).map(toMinor) // [34n, 33n, 33n]
 */
export function allocateAmount(m: Money, ratios: number[]): Money[] {
  if (ratios.length === 0) throw new RangeError('allocateAmount needs at least one ratio')
  for (const ratio of ratios) {
    if (!Number.isSafeInteger(ratio) || ratio < 0) {
      throw new RangeError(`allocateAmount ratios must be non-negative integers, got ${ratio}`)
    }
  }
  if (ratios.every((ratio) => ratio === 0)) throw new RangeError('allocateAmount needs a positive ratio')
  return allocate(m, ratios.map((ratio) => BigInt(ratio)))
}
