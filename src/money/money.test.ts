import { describe, expect, it } from 'vitest'
import {
  MAX_INTEGER_DIGITS,
  add,
  allocateAmount,
  currencyCodeOf,
  formatAmount,
  moneyFromMinor,
  parseAmount,
  subtract,
  toMinor,
  toWire,
} from './money.js'
import type { ParseAmountFailure } from './money.js'
import { multiply, transformScale } from 'dinero.js/bigint'

function parsedMinor(value: unknown, currency: string): bigint {
  const result = parseAmount(value, currency)
  if (!result.ok) throw new Error(`expected ${String(value)} ${currency} to parse, got ${result.reason}`)
  expect(currencyCodeOf(result.money)).toBe(currency)
  return toMinor(result.money)
}

describe('parseAmount', () => {
  it.each<[string, string, bigint]>([
    ['1000', 'USD', 100000n],
    ['1000.5', 'USD', 100050n],
    ['1000.50', 'USD', 100050n],
    ['1000.05', 'USD', 100005n],
    ['0', 'USD', 0n],
    ['0.00', 'USD', 0n],
    ['0.01', 'USD', 1n],
    ['10', 'JPY', 10n],
    ['0', 'JPY', 0n],
    ['1.5', 'KWD', 1500n],
    ['1.005', 'KWD', 1005n],
    ['0.0001', 'CLF', 1n],
    ['999999999999999999', 'JPY', 999999999999999999n],
    ['999999999999999999.99', 'USD', 99999999999999999999n],
  ])('accepts %j %s as %i minor units', (value, currency, minor) => {
    expect(parsedMinor(value, currency)).toBe(minor)
  })

  it.each<[unknown, string, ParseAmountFailure]>([
    [1000, 'USD', 'not_a_string'],
    [10.5, 'USD', 'not_a_string'],
    [null, 'USD', 'not_a_string'],
    [undefined, 'USD', 'not_a_string'],
    [{ value: '1' }, 'USD', 'not_a_string'],
    [['1'], 'USD', 'not_a_string'],
    ['1', 'XXX', 'unknown_currency'],
    ['1', 'usd', 'unknown_currency'],
    ['1', '', 'unknown_currency'],
    ['', 'USD', 'malformed'],
    ['.5', 'USD', 'malformed'],
    ['5.', 'USD', 'malformed'],
    ['.', 'USD', 'malformed'],
    ['+5', 'USD', 'malformed'],
    ['1e3', 'USD', 'malformed'],
    ['1E3', 'USD', 'malformed'],
    ['0x10', 'USD', 'malformed'],
    ['NaN', 'USD', 'malformed'],
    ['Infinity', 'USD', 'malformed'],
    [' 1', 'USD', 'malformed'],
    ['1 ', 'USD', 'malformed'],
    ['1\n', 'USD', 'malformed'],
    ['1 000', 'USD', 'malformed'],
    ['1,000.00', 'USD', 'malformed'],
    ['1,5', 'USD', 'malformed'],
    ['1.2.3', 'USD', 'malformed'],
    ['01', 'USD', 'malformed'],
    ['00.5', 'USD', 'malformed'],
    ['١٢', 'USD', 'malformed'],
    ['１２', 'USD', 'malformed'],
    ['--1', 'USD', 'malformed'],
    ['-', 'USD', 'malformed'],
    ['-1', 'USD', 'negative'],
    ['-0.01', 'USD', 'negative'],
    ['-0', 'USD', 'negative'],
    ['1000.505', 'USD', 'too_precise'],
    ['10.0', 'JPY', 'too_precise'],
    ['1.0000', 'KWD', 'too_precise'],
    ['0.00001', 'CLF', 'too_precise'],
    ['1000000000000000000', 'USD', 'too_large'],
    ['1000000000000000000.00', 'USD', 'too_large'],
    ['99999999999999999999999999999999', 'JPY', 'too_large'],
  ])('rejects %j %s as %s', (value, currency, reason) => {
    expect(parseAmount(value, currency)).toEqual({ ok: false, reason })
  })

  it('rejects a bigint as not_a_string', () => {
    expect(parseAmount(1000n, 'USD')).toEqual({ ok: false, reason: 'not_a_string' })
  })

  it('caps the integer part at MAX_INTEGER_DIGITS', () => {
    expect(parseAmount('9'.repeat(MAX_INTEGER_DIGITS), 'USD').ok).toBe(true)
    expect(parseAmount('9'.repeat(MAX_INTEGER_DIGITS + 1), 'USD')).toEqual({ ok: false, reason: 'too_large' })
  })
})

describe('formatAmount', () => {
  it.each<[bigint, string, string]>([
    [100000n, 'USD', '1000.00'],
    [100050n, 'USD', '1000.50'],
    [5n, 'USD', '0.05'],
    [0n, 'USD', '0.00'],
    [905n, 'JPY', '905'],
    [0n, 'JPY', '0'],
    [1500n, 'KWD', '1.500'],
    [7n, 'KWD', '0.007'],
    [1n, 'CLF', '0.0001'],
    [-5n, 'USD', '-0.05'],
    [-123456n, 'USD', '-1234.56'],
    [2n ** 53n + 1n, 'USD', '90071992547409.93'],
    [2n ** 64n, 'USD', '184467440737095516.16'],
    [10n ** 30n + 1n, 'KWD', '1000000000000000000000000000.001'],
  ])('formats %i minor %s as %j', (minor, currency, text) => {
    expect(formatAmount(moneyFromMinor(minor, currency))).toBe(text)
  })

  it('round-trips through parseAmount, beyond 2^53 too', () => {
    const samples: [string, string][] = [
      ['0.00', 'USD'],
      ['1234.56', 'USD'],
      ['90071992547409.93', 'USD'],
      ['999999999999999999.99', 'USD'],
      ['999999999999999999', 'JPY'],
      ['123456789012345678.999', 'KWD'],
      ['0.0001', 'UYW'],
      ['42', 'KRW'],
    ]
    for (const [value, currency] of samples) {
      const result = parseAmount(value, currency)
      if (!result.ok) throw new Error(result.reason)
      expect(formatAmount(result.money)).toBe(value)
      expect(toWire(result.money)).toEqual({ value, currency })
    }
  })

  it('pads fewer wire decimals up to the currency exponent', () => {
    const result = parseAmount('1000.5', 'USD')
    if (!result.ok) throw new Error(result.reason)
    expect(formatAmount(result.money)).toBe('1000.50')
  })

  it('formats money whose scale is finer than the currency when it is a whole minor unit', () => {
    const doubled = multiply(moneyFromMinor(150n, 'USD'), { amount: 20n, scale: 1n })
    expect(formatAmount(doubled)).toBe('3.00')
    const fraction = multiply(moneyFromMinor(1n, 'USD'), { amount: 5n, scale: 1n })
    expect(() => formatAmount(fraction)).toThrow(/not a whole number/)
    expect(formatAmount(transformScale(fraction, 2n))).toBe('0.00')
  })
})

describe('toWire and helpers', () => {
  it('builds the wire shape', () => {
    expect(toWire(moneyFromMinor(123456n, 'USD'))).toEqual({ value: '1234.56', currency: 'USD' })
    expect(toWire(moneyFromMinor(905n, 'JPY'))).toEqual({ value: '905', currency: 'JPY' })
  })

  it('adds and subtracts within a currency, refusing to mix currencies', () => {
    const a = moneyFromMinor(1050n, 'EUR')
    const b = moneyFromMinor(25n, 'EUR')
    expect(toMinor(add(a, b))).toBe(1075n)
    expect(toMinor(subtract(a, b))).toBe(1025n)
    expect(() => add(a, moneyFromMinor(1n, 'USD'))).toThrow()
  })

  it('throws for an unknown currency in moneyFromMinor', () => {
    expect(() => moneyFromMinor(1n, 'XXX')).toThrow(Error)
  })
})

describe('allocateAmount', () => {
  it.each<[bigint, string, number[], bigint[]]>([
    [100n, 'USD', [1, 1, 1], [34n, 33n, 33n]],
    [100n, 'USD', [70, 30], [70n, 30n]],
    [1001n, 'JPY', [1, 3], [250n, 751n]],
    [5n, 'KWD', [0, 1, 1], [0n, 3n, 2n]],
    [0n, 'USD', [1, 2], [0n, 0n]],
  ])('splits %i %s by %j', (minor, currency, ratios, parts) => {
    const result = allocateAmount(moneyFromMinor(minor, currency), ratios)
    expect(result.map(toMinor)).toEqual(parts)
    expect(result.every((part) => currencyCodeOf(part) === currency)).toBe(true)
  })

  it('always sums to the whole', () => {
    let seed = 12345
    const next = (limit: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % limit
    }
    for (let i = 0; i < 300; i++) {
      const whole = BigInt(next(1_000_000_000)) * 1_000_003n + BigInt(next(1000))
      const ratios = Array.from({ length: 1 + next(6) }, () => next(1000))
      if (!ratios.some((ratio) => ratio > 0)) ratios[0] = 1
      const parts = allocateAmount(moneyFromMinor(whole, 'USD'), ratios).map(toMinor)
      expect(parts.reduce((sum, part) => sum + part, 0n)).toBe(whole)
      expect(parts.every((part) => part >= 0n)).toBe(true)
    }
  })

  it.each([[[]], [[0, 0]], [[-1, 2]], [[0.5, 0.5]], [[Number.NaN]]])('rejects ratios %j', (ratios) => {
    expect(() => allocateAmount(moneyFromMinor(100n, 'USD'), ratios)).toThrow(RangeError)
  })
})
