import { describe, expect, it } from 'vitest'
import { CURRENCY_CODES, currencyExponent, currencyOf, isCurrencyCode } from './currencies.js'

describe('currencyExponent', () => {
  it.each([
    ['JPY', 0],
    ['KRW', 0],
    ['CLP', 0],
    ['VND', 0],
    ['XOF', 0],
    ['USD', 2],
    ['EUR', 2],
    ['GBP', 2],
    ['INR', 2],
    ['MGA', 2],
    ['MRU', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['JOD', 3],
    ['OMR', 3],
    ['TND', 3],
    ['LYD', 3],
    ['IQD', 3],
    ['CLF', 4],
    ['UYW', 4],
  ])('%s has exponent %i', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent)
  })

  it.each(['XXX', 'XAU', 'usd', 'US', '', 'HRK', 'constructor', '__proto__'])('%j is unknown', (code) => {
    expect(currencyExponent(code)).toBeUndefined()
    expect(isCurrencyCode(code)).toBe(false)
  })
})

describe('currency table', () => {
  it('lists every supported code once, sorted, as three upper-case letters', () => {
    expect(CURRENCY_CODES.length).toBeGreaterThan(150)
    expect(new Set(CURRENCY_CODES).size).toBe(CURRENCY_CODES.length)
    expect([...CURRENCY_CODES].sort()).toEqual(CURRENCY_CODES)
    for (const code of CURRENCY_CODES) expect(code).toMatch(/^[A-Z]{3}$/)
  })

  it('only holds decimal currencies, so every amount has a decimal string form', () => {
    for (const code of CURRENCY_CODES) {
      const currency = currencyOf(code)
      expect(currency.code).toBe(code)
      expect(currency.base).toBe(10n)
      expect(typeof currency.exponent).toBe('bigint')
      expect(isCurrencyCode(code)).toBe(true)
    }
  })

  it('rejects non-strings in isCurrencyCode and throws a plain Error in currencyOf', () => {
    expect(isCurrencyCode(840)).toBe(false)
    expect(isCurrencyCode(undefined)).toBe(false)
    expect(() => currencyOf('ABC')).toThrow(Error)
  })
})
