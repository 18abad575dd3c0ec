import { describe, expect, it } from 'vitest'
import {
  convertRoundingDown,
  convertRoundingUp,
  divideByRateRoundingDown,
  divideByRateRoundingUp,
  percentageOf,
} from './fx.js'
import type { ScaledRate } from './fx.js'
import { currencyExponent } from './currencies.js'
import { currencyCodeOf, formatAmount, moneyFromMinor, toMinor } from './money.js'

const USD_EUR: ScaledRate = { amount: 90778394n, scale: 8 }

function minorOf(m: ReturnType<typeof moneyFromMinor>, currency: string): bigint {
  expect(currencyCodeOf(m)).toBe(currency)
  return toMinor(m)
}

/** Deterministic 64-bit linear congruential generator, so failures reproduce. */
function generator(seed: bigint) {
  let state = seed
  return (limit: bigint): bigint => {
    state = (state * 6364136223846793005n + 1442695040888963407n) & 0xffff_ffff_ffff_ffffn
    return (state >> 11n) % limit
  }
}

describe('convertRoundingDown / convertRoundingUp', () => {
  it('rounds the receiver down and the sender up when the product is inexact', () => {
    const usd = moneyFromMinor(10000n, 'USD') // 100.00 USD → 90.778394 EUR exactly
    expect(formatAmount(convertRoundingDown(usd, USD_EUR, 'EUR'))).toBe('90.77')
    expect(formatAmount(convertRoundingUp(usd, USD_EUR, 'EUR'))).toBe('90.78')
  })

  it.each<[bigint, string, ScaledRate, string, string]>([
    [10000n, 'USD', { amount: 9n, scale: 1 }, 'EUR', '90.00'],
    [10000n, 'USD', { amount: 150n, scale: 0 }, 'JPY', '15000'],
    [10000n, 'USD', { amount: 1n, scale: 0 }, 'USD', '100.00'],
    [1000n, 'JPY', { amount: 25n, scale: 4 }, 'KWD', '2.500'],
    [1000n, 'JPY', { amount: 123n, scale: 2 }, 'KWD', '1230.000'],
    [1500n, 'KWD', { amount: 326n, scale: 2 }, 'USD', '4.89'],
    [0n, 'USD', USD_EUR, 'EUR', '0.00'],
  ])('does not round exact products: %i %s at %o → %s %s', (minor, source, rate, target, expected) => {
    const m = moneyFromMinor(minor, source)
    expect(formatAmount(convertRoundingDown(m, rate, target))).toBe(expected)
    expect(formatAmount(convertRoundingUp(m, rate, target))).toBe(expected)
  })

  it.each<[bigint, string, ScaledRate, string, string, string]>([
    [1n, 'USD', { amount: 1495n, scale: 1 }, 'JPY', '1', '2'],
    [999n, 'JPY', { amount: 6700n, scale: 6 }, 'USD', '6.69', '6.70'],
    [1n, 'KWD', { amount: 1n, scale: 12 }, 'USD', '0.00', '0.01'],
    [12345n, 'EUR', { amount: 110163n, scale: 5 }, 'USD', '135.99', '136.00'],
    [7n, 'CLF', { amount: 39n, scale: 0 }, 'KWD', '0.027', '0.028'],
  ])('rounds inexact products by direction: %i %s at %o → %s [%s, %s]', (minor, source, rate, target, lower, upper) => {
    const m = moneyFromMinor(minor, source)
    expect(formatAmount(convertRoundingDown(m, rate, target))).toBe(lower)
    expect(formatAmount(convertRoundingUp(m, rate, target))).toBe(upper)
  })

  it('matches exact floor/ceil bigint arithmetic, beyond 2^53 too', () => {
    const currencies = ['USD', 'JPY', 'KWD', 'EUR', 'CLF', 'KRW', 'BHD']
    const next = generator(20240601n)
    for (let i = 0; i < 400; i++) {
      const source = currencies[Number(next(BigInt(currencies.length)))] ?? 'USD'
      const target = currencies[Number(next(BigInt(currencies.length)))] ?? 'USD'
      const scale = Number(next(13n))
      const rate = { amount: 1n + next(10n ** BigInt(scale + 4)), scale }
      const minor = next(10n ** (1n + next(20n)))
      const numerator = minor * rate.amount * 10n ** BigInt(currencyExponent(target) ?? 0)
      const denominator = 10n ** BigInt((currencyExponent(source) ?? 0) + scale)
      const floor = numerator / denominator
      const ceil = numerator % denominator === 0n ? floor : floor + 1n
      const m = moneyFromMinor(minor, source)
      expect(minorOf(convertRoundingDown(m, rate, target), target)).toBe(floor)
      expect(minorOf(convertRoundingUp(m, rate, target), target)).toBe(ceil)
    }
  })

  it('rounds negative amounts toward −∞ (down) and +∞ (up)', () => {
    const m = moneyFromMinor(-10000n, 'USD')
    expect(formatAmount(convertRoundingDown(m, USD_EUR, 'EUR'))).toBe('-90.78')
    expect(formatAmount(convertRoundingUp(m, USD_EUR, 'EUR'))).toBe('-90.77')
  })

  it.each<[ScaledRate]>([
    [{ amount: 0n, scale: 2 }],
    [{ amount: -5n, scale: 2 }],
    [{ amount: 5n, scale: -1 }],
    [{ amount: 5n, scale: 1.5 }],
  ])('rejects an invalid rate %o', (rate) => {
    const m = moneyFromMinor(100n, 'USD')
    expect(() => convertRoundingDown(m, rate, 'EUR')).toThrow(RangeError)
    expect(() => divideByRateRoundingUp(m, rate, 'EUR')).toThrow(RangeError)
  })

  it('throws for an unknown target currency', () => {
    expect(() => convertRoundingDown(moneyFromMinor(100n, 'USD'), USD_EUR, 'XXX')).toThrow(Error)
  })
})

describe('divideByRateRoundingUp / divideByRateRoundingDown', () => {
  it('finds what the sender must pay for a fixed receiver amount', () => {
    const eur = moneyFromMinor(9078n, 'EUR')
    expect(formatAmount(divideByRateRoundingUp(eur, USD_EUR, 'USD'))).toBe('100.01')
    expect(formatAmount(divideByRateRoundingDown(eur, USD_EUR, 'USD'))).toBe('100.00')
  })

  it.each<[bigint, string, ScaledRate, string, string]>([
    [9000n, 'EUR', { amount: 9n, scale: 1 }, 'USD', '100.00'],
    [15000n, 'JPY', { amount: 150n, scale: 0 }, 'USD', '100.00'],
    [2500n, 'KWD', { amount: 25n, scale: 4 }, 'JPY', '1000'],
    [0n, 'EUR', USD_EUR, 'USD', '0.00'],
  ])('does not round exact quotients: %i %s at %o → %s %s', (minor, target, rate, source, expected) => {
    const m = moneyFromMinor(minor, target)
    expect(formatAmount(divideByRateRoundingUp(m, rate, source))).toBe(expected)
    expect(formatAmount(divideByRateRoundingDown(m, rate, source))).toBe(expected)
  })

  it('returns the smallest source that covers the target, and the largest that stays within it', () => {
    const currencies = ['USD', 'JPY', 'KWD', 'EUR', 'CLF', 'KRW', 'OMR', 'UYW']
    const next = generator(42n)
    for (let i = 0; i < 500; i++) {
      const source = currencies[Number(next(BigInt(currencies.length)))] ?? 'USD'
      const target = currencies[Number(next(BigInt(currencies.length)))] ?? 'USD'
      const scale = Number(next(11n))
      const rate = { amount: 1n + next(10n ** BigInt(scale + 3)), scale }
      const targetMinor = next(10n ** (1n + next(15n)))
      const wanted = moneyFromMinor(targetMinor, target)

      const pay = minorOf(divideByRateRoundingUp(wanted, rate, source), source)
      const received = (sourceMinor: bigint) =>
        toMinor(convertRoundingDown(moneyFromMinor(sourceMinor, source), rate, target))
      expect(received(pay)).toBeGreaterThanOrEqual(targetMinor)
      if (pay > 0n) expect(received(pay - 1n)).toBeLessThan(targetMinor)

      const spend = minorOf(divideByRateRoundingDown(wanted, rate, source), source)
      const charged = (sourceMinor: bigint) =>
        toMinor(convertRoundingUp(moneyFromMinor(sourceMinor, source), rate, target))
      expect(charged(spend)).toBeLessThanOrEqual(targetMinor)
      expect(charged(spend + 1n)).toBeGreaterThan(targetMinor)
    }
  })
})

describe('percentageOf', () => {
  it.each<[bigint, string, number, string, string]>([
    [10001n, 'USD', 25, '0.25', '0.26'],
    [10000n, 'USD', 25, '0.25', '0.25'],
    [10000n, 'USD', 0, '0.00', '0.00'],
    [10000n, 'USD', 10000, '100.00', '100.00'],
    [999n, 'JPY', 150, '14', '15'],
    [1000n, 'JPY', 150, '15', '15'],
    [1n, 'KWD', 1, '0.000', '0.001'],
    [2n ** 70n, 'USD', 30, '35417748621522339.10', '35417748621522339.11'],
  ])('%i minor %s × %i bps → down %s / up %s', (minor, currency, bps, lower, upper) => {
    const m = moneyFromMinor(minor, currency)
    expect(formatAmount(percentageOf(m, bps, 'down'))).toBe(lower)
    expect(formatAmount(percentageOf(m, bps, 'up'))).toBe(upper)
    expect(currencyCodeOf(percentageOf(m, bps, 'up'))).toBe(currency)
  })

  it.each([-1, 2.5, Number.NaN])('rejects %s basis points', (bps) => {
    expect(() => percentageOf(moneyFromMinor(100n, 'USD'), bps, 'up')).toThrow(RangeError)
  })
})
