import { convert, down, multiply, toSnapshot, transformScale, up } from 'dinero.js/bigint'
import type { DineroDivideOperation } from 'dinero.js/bigint'
import { currencyOf } from './currencies.js'
import { moneyFromMinor } from './money.js'
import type { Money } from './money.js'

/**
 * An exact decimal rate as a scaled integer: value = amount / 10^scale.
 * 0.90778394 is `{ amount: 90778394n, scale: 8 }`. Units of target currency per source unit.
 */
export type ScaledRate = { amount: bigint; scale: number }

/** Which way to round a result that falls between two minor units. */
export type RoundingDirection = 'up' | 'down'

const BASIS_POINTS_SCALE = 4n

function assertValidRate(rate: ScaledRate): void {
  if (typeof rate.amount !== 'bigint' || rate.amount <= 0n) {
    throw new RangeError(`FX rate amount must be a positive bigint, got ${String(rate.amount)}`)
  }
  if (!Number.isSafeInteger(rate.scale) || rate.scale < 0) {
    throw new RangeError(`FX rate scale must be a non-negative integer, got ${rate.scale}`)
  }
}

function convertRounding(m: Money, rate: ScaledRate, targetCurrency: string, rounding: DineroDivideOperation): Money {
  assertValidRate(rate)
  const target = currencyOf(targetCurrency)
  // convert multiplies exactly, keeping every digit (scale = source scale + rate scale); the
  // only rounding is the explicit, directed one down to the target currency's exponent.
  const exact = convert(m, target, { [target.code]: { amount: rate.amount, scale: BigInt(rate.scale) } })
  return transformScale(exact, target.exponent, rounding)
}

/**
 * Convert at `rate`, rounding down (toward −∞) to the target currency's minor unit: use it for
 * what the receiver gets. No rounding happens when the exact product is a whole minor unit.
 *
 * @example
 * // 100.00 USD at 0.90778394 = 90.778394 EUR exactly
 * convertRoundingDown(moneyFromMinor(10000n, 'USD'), { amount: 90778394n, scale: 8 }, 'EUR') // 90.77 EUR
 */
export function convertRoundingDown(m: Money, rate: ScaledRate, targetCurrency: string): Money {
  return convertRounding(m, rate, targetCurrency, down)
}

/**
 * Convert at `rate`, rounding up (toward +∞) to the target currency's minor unit: use it for
 * what the sender pays. No rounding happens when the exact product is a whole minor unit.
 *
 * @example
 * convertRoundingUp(moneyFromMinor(10000n, 'USD'), { amount: 90778394n, scale: 8 }, 'EUR') // 90.78 EUR
 */
export function convertRoundingUp(m: Money, rate: ScaledRate, targetCurrency: string): Money {
  return convertRounding(m, rate, targetCurrency, up)
}

function divideByRate(target: Money, rate: ScaledRate, sourceCurrency: string, rounding: RoundingDirection): Money {
  assertValidRate(rate)
  const source = currencyOf(sourceCurrency)
  // Dinero has no division by an arbitrary decimal (only allocate and scale changes), so this
  // is done on bigints. With target = A / 10^s (A at scale s) and rate = R / 10^k, the source in
  // its minor units (exponent e) is A · 10^(k+e) / (R · 10^s), rounded in the requested direction.
  const { amount, scale } = toSnapshot(target)
  const numerator = amount * 10n ** (BigInt(rate.scale) + source.exponent)
  const denominator = rate.amount * 10n ** scale
  const minor = rounding === 'up' ? ceilDivide(numerator, denominator) : floorDivide(numerator, denominator)
  return moneyFromMinor(minor, source.code)
}

/**
 * The smallest source amount that, converted at `rate` with {@link convertRoundingDown}, still
 * covers `target`: ceil(target / rate) in the source currency's minor units. Use it when the
 * receiver's amount is fixed and the sender pays.
 *
 * @example
 * // receiver must get 90.78 EUR at 0.90778394 EUR per USD: sender pays 100.01 USD
 * divideByRateRoundingUp(moneyFromMinor(9078n, 'EUR'), { amount: 90778394n, scale: 8 }, 'USD')
 */
export function divideByRateRoundingUp(target: Money, rate: ScaledRate, sourceCurrency: string): Money {
  return divideByRate(target, rate, sourceCurrency, 'up')
}

/**
 * The largest source amount that, converted at `rate` with {@link convertRoundingUp}, does not
 * exceed `target`: floor(target / rate) in the source currency's minor units.
 *
 * @example
 * divideByRateRoundingDown(moneyFromMinor(9078n, 'EUR'), { amount: 90778394n, scale: 8 }, 'USD') // 100.00 USD
 */
export function divideByRateRoundingDown(target: Money, rate: ScaledRate, sourceCurrency: string): Money {
  return divideByRate(target, rate, sourceCurrency, 'down')
}

/**
 * A basis-point share of `m` (1 bps = 0.01 %), rounded to the currency's minor unit in the given
 * direction; fees are rounded up. `bps` must be a non-negative integer.
 *
 * @example
 * percentageOf(moneyFromMinor(10001n, 'USD'), 25, 'up') // 0.26 USD (exactly 0.250025)
 */
export function percentageOf(m: Money, bps: number, rounding: RoundingDirection): Money {
  if (!Number.isSafeInteger(bps) || bps < 0) {
    throw new RangeError(`percentageOf needs a non-negative integer of basis points, got ${bps}`)
  }
  const exact = multiply(m, { amount: BigInt(bps), scale: BASIS_POINTS_SCALE })
  return transformScale(exact, toSnapshot(m).currency.exponent, rounding === 'up' ? up : down)
}

function floorDivide(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator
  // bigint division truncates toward zero; step down when the exact quotient is negative.
  return numerator % denominator !== 0n && (numerator < 0n) !== (denominator < 0n) ? quotient - 1n : quotient
}

function ceilDivide(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator
  return numerator % denominator !== 0n && (numerator < 0n) === (denominator < 0n) ? quotient + 1n : quotient
}
