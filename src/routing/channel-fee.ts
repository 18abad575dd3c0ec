import type { ChannelCapabilities } from '../channels/types.js'
import { currencyExponent } from '../money/currencies.js'

const BPS_PER_UNIT = 10_000n

/** A non-negative decimal in major units, as an integer and its number of decimals. */
interface ScaledDecimal {
  units: bigint
  scale: number
}

function parseDecimal(value: string, what: string): ScaledDecimal {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value)
  if (!match) throw new Error(`invalid ${what}: ${JSON.stringify(value)}`)
  const fraction = match[2] ?? ''
  return { units: BigInt(`${match[1] ?? '0'}${fraction}`), scale: fraction.length }
}

/**
 * Compares `amountMinor` (minor units of a currency with `exponent` decimals) with a decimal
 * string in major units, exactly: both sides are brought to the finer scale.
 *
 * @example
 * compareMinorWithDecimal(10_000_001n, 2, '100000.00') // 1 (100000.01 > 100000.00)
 * compareMinorWithDecimal(1n, 0, '1') // 0 (JPY)
 */
export function compareMinorWithDecimal(amountMinor: bigint, exponent: number, decimal: string): -1 | 0 | 1 {
  const bound = parseDecimal(decimal, 'channel amount limit')
  const scale = Math.max(exponent, bound.scale)
  const left = amountMinor * 10n ** BigInt(scale - exponent)
  const right = bound.units * 10n ** BigInt(scale - bound.scale)
  return left < right ? -1 : left > right ? 1 : 0
}

/** An amount in minor units of a currency. */
export interface MinorAmount {
  amountMinor: bigint
  currency: string
}

/**
 * What a channel charges us for one payout. The fixed part is in the channel's fee currency;
 * the percentage part is of the payout amount, so it is in the payment currency.
 */
export interface ChannelFee {
  /** Fixed part in the fee currency (rounded up if the channel declares sub-minor precision). */
  fixed: MinorAmount
  /** `percentBps` of the payout amount, in the payment currency, rounded up to a minor unit. */
  percent: MinorAmount
  percentBps: number
  /** `fixed + percent` when both are in the payment currency; `null` when adding needs FX. */
  total: MinorAmount | null
}

function ceilDivide(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator
}

/**
 * The fee `capabilities.fee` implies for a payout of `amountMinor` in `currency`. Rounded up:
 * an estimate of what we pay should not come out low. Throws for a fee currency unknown to
 * ISO 4217 (a channel configuration error).
 *
 * @example
 * channelFee(swiftCapabilities, 100_000n, 'USD')
 * // fixed 2500n USD, percent 100n USD (10 bps of 1000.00), total 2600n USD
 */
export function channelFee(capabilities: ChannelCapabilities, amountMinor: bigint, currency: string): ChannelFee {
  const { fee } = capabilities
  const feeExponent = currencyExponent(fee.currency)
  if (feeExponent === undefined) throw new Error(`unknown channel fee currency: ${fee.currency}`)
  const fixedDecimal = parseDecimal(fee.fixed, 'channel fixed fee')
  const fixedMinor =
    fixedDecimal.scale <= feeExponent
      ? fixedDecimal.units * 10n ** BigInt(feeExponent - fixedDecimal.scale)
      : ceilDivide(fixedDecimal.units, 10n ** BigInt(fixedDecimal.scale - feeExponent))
  const percentMinor = ceilDivide(amountMinor * BigInt(fee.percentBps), BPS_PER_UNIT)
  const fixed = { amountMinor: fixedMinor, currency: fee.currency }
  const percent = { amountMinor: percentMinor, currency }
  const total = fee.currency === currency ? { amountMinor: fixedMinor + percentMinor, currency } : null
  return { fixed, percent, percentBps: fee.percentBps, total }
}

/** What the `cost` routing rule compares; build it with {@link costKey}. */
export interface CostKey {
  /** The fee is wholly in the payment currency, so `exactCost` is comparable across channels. */
  inPaymentCurrency: boolean
  /** Fee in payment-currency minor units × 10 000, unrounded (only when `inPaymentCurrency`). */
  exactCost: bigint
  feeCurrency: string
  fixedMinor: bigint
  percentBps: number
}

/**
 * The cost-rule key of a channel for a payout of `amountMinor` (see {@link compareCost}).
 *
 * @example
 * costKey(achCapabilities, 100_000n, 'USD').exactCost // 2_500_000n (0.25 USD × 10 000)
 */
export function costKey(capabilities: ChannelCapabilities, amountMinor: bigint, currency: string): CostKey {
  const fee = channelFee(capabilities, amountMinor, currency)
  const inPaymentCurrency = fee.total !== null
  return {
    inPaymentCurrency,
    exactCost: inPaymentCurrency
      ? fee.fixed.amountMinor * BPS_PER_UNIT + amountMinor * BigInt(fee.percentBps)
      : 0n,
    feeCurrency: fee.fixed.currency,
    fixedMinor: fee.fixed.amountMinor,
    percentBps: fee.percentBps,
  }
}

/**
 * Orders two channels by cost, cheaper first, without an FX rate (routing has none):
 * 1. fees wholly in the payment currency compare exactly (fixed + percentage, unrounded);
 * 2. they rank before fees charged in another currency, whose cost cannot be compared with
 *    them without converting;
 * 3. among fees in other currencies, channels are grouped by fee currency code (arbitrary but
 *    deterministic), then compared by fixed fee, then by percentage.
 *
 * @example
 * [a, b].sort((x, y) => compareCost(x, y))
 */
export function compareCost(a: CostKey, b: CostKey): number {
  if (a.inPaymentCurrency !== b.inPaymentCurrency) return a.inPaymentCurrency ? -1 : 1
  if (a.inPaymentCurrency) return compareBigint(a.exactCost, b.exactCost)
  if (a.feeCurrency !== b.feeCurrency) return a.feeCurrency < b.feeCurrency ? -1 : 1
  return compareBigint(a.fixedMinor, b.fixedMinor) || a.percentBps - b.percentBps
}

function compareBigint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0
}
