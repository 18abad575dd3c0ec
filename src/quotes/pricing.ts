/**
 * Quote pricing, pure: from a mid rate, a corridor's markup and fees, and one of the two
 * amounts, to both amounts, the fee and the customer rate. Amounts are bigint minor units.
 *
 * - The customer rate is the mid rate less the markup, rounded down at {@link CUSTOMER_RATE_SCALE}.
 * - The fee is `fixed + ceil(source × percent)`, charged in the source currency out of the
 *   source amount; the rest is converted.
 * - What the receiver gets rounds down; what the sender pays rounds up.
 */
import { convertRoundingDown, divideByRateRoundingUp } from '../money/fx.js'
import { moneyFromMinor, toMinor } from '../money/money.js'
import { applyMarkupBps, type ExactRate } from '../rates/exact-rate.js'

/** Decimals of the customer rate: enough that tiny cross rates keep ten significant digits' worth. */
export const CUSTOMER_RATE_SCALE = 10
/** Largest amount a PostgreSQL `bigint` column holds. */
export const MAX_MINOR_UNITS = 9_223_372_036_854_775_807n

export interface PricingInput {
  sourceCurrency: string
  targetCurrency: string
  /** Which side the caller fixed, in minor units of that side's currency. */
  amount: { side: 'source' | 'target'; minor: bigint }
  midRate: ExactRate
  markupBps: number
  fixedFeeMinor: bigint
  percentFeeBps: number
}

export interface PricedQuote {
  sourceMinor: bigint
  targetMinor: bigint
  feeMinor: bigint
  customerRate: ExactRate
}

export type PricingError = 'amount_too_small' | 'amount_too_large'

const ceilDiv = (numerator: bigint, denominator: bigint) => (numerator + denominator - 1n) / denominator

/** The fee on a source amount: fixed plus the percentage rounded up (the sender pays). */
export function feeFor(sourceMinor: bigint, fixedFeeMinor: bigint, percentFeeBps: number): bigint {
  return fixedFeeMinor + ceilDiv(sourceMinor * BigInt(percentFeeBps), 10_000n)
}

/**
 * @example
 * priceQuote({ sourceCurrency: 'USD', targetCurrency: 'EUR', amount: { side: 'source', minor: 100000n },
 *   midRate: { amount: 92n, scale: 2 }, markupBps: 50, fixedFeeMinor: 250n, percentFeeBps: 0 })
 * // { sourceMinor: 100000n, feeMinor: 250n, targetMinor: 91313n, customerRate: { amount: 9154000000n, scale: 10 } }
 */
export function priceQuote(input: PricingInput): PricedQuote | PricingError {
  const customerRate = applyMarkupBps(input.midRate, input.markupBps, CUSTOMER_RATE_SCALE)
  if (customerRate.amount === 0n) return 'amount_too_small'
  const convert = (principal: bigint) =>
    toMinor(convertRoundingDown(moneyFromMinor(principal, input.sourceCurrency), customerRate, input.targetCurrency))

  if (input.amount.side === 'source') {
    const sourceMinor = input.amount.minor
    const feeMinor = feeFor(sourceMinor, input.fixedFeeMinor, input.percentFeeBps)
    const principal = sourceMinor - feeMinor
    if (principal <= 0n) return 'amount_too_small'
    const targetMinor = convert(principal)
    if (targetMinor <= 0n) return 'amount_too_small'
    if (targetMinor > MAX_MINOR_UNITS) return 'amount_too_large'
    return { sourceMinor, targetMinor, feeMinor, customerRate }
  }

  const targetMinor = input.amount.minor
  if (targetMinor <= 0n) return 'amount_too_small'
  // The smallest principal whose conversion still covers the target…
  const principal = toMinor(
    divideByRateRoundingUp(moneyFromMinor(targetMinor, input.targetCurrency), customerRate, input.sourceCurrency),
  )
  // …and the smallest source amount that leaves that principal after its own fee. Start from the
  // exact real solution and walk the last unit or two, since the percentage fee rounds up.
  const needed = principal + input.fixedFeeMinor
  const covers = (source: bigint) => source - feeFor(source, input.fixedFeeMinor, input.percentFeeBps) >= principal
  let sourceMinor = ceilDiv(needed * 10_000n, BigInt(10_000 - input.percentFeeBps))
  while (sourceMinor > 0n && covers(sourceMinor - 1n)) sourceMinor -= 1n
  while (!covers(sourceMinor)) sourceMinor += 1n
  if (sourceMinor > MAX_MINOR_UNITS) return 'amount_too_large'
  return { sourceMinor, targetMinor, feeMinor: feeFor(sourceMinor, input.fixedFeeMinor, input.percentFeeBps), customerRate }
}
