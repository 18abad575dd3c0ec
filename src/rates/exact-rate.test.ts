import { describe, expect, it } from 'vitest'
import {
  applyMarkupBps,
  compareRates,
  divideRates,
  formatRate,
  invertRate,
  multiplyRates,
  parseRate,
  rateToString,
  rescaleRate,
  type ExactRate,
} from './exact-rate.js'

function rate(text: string): ExactRate {
  const parsed = parseRate(text)
  if (!parsed) throw new Error(`test rate ${text} does not parse`)
  return parsed
}

describe('parseRate', () => {
  it('keeps every digit as written', () => {
    expect(parseRate('1.0152')).toEqual({ amount: 10152n, scale: 4 })
    expect(parseRate('138.05')).toEqual({ amount: 13805n, scale: 2 })
    expect(parseRate('7')).toEqual({ amount: 7n, scale: 0 })
    expect(parseRate('0.000001')).toEqual({ amount: 1n, scale: 6 })
    expect(parseRate('1.50')).toEqual({ amount: 150n, scale: 2 })
  })

  it.each(['', '0', '0.000', '-1', '+1', '1e-3', '1E3', '.5', '1.', ' 1', '1 ', '1,5', '1_000', 'NaN', 'Infinity', '0x10', '1.2.3'])(
    'refuses %j',
    (text) => {
      expect(parseRate(text)).toBeUndefined()
    },
  )

  it('refuses absurdly long input', () => {
    expect(parseRate('1'.repeat(65))).toBeUndefined()
  })
})

describe('formatRate', () => {
  it('rounds half-even at the requested decimals', () => {
    expect(formatRate(rate('0.125'), 2)).toBe('0.12')
    expect(formatRate(rate('0.135'), 2)).toBe('0.14')
    expect(formatRate(rate('0.1251'), 2)).toBe('0.13')
    expect(formatRate(rate('0.1249'), 2)).toBe('0.12')
    expect(formatRate(rate('2.5'), 0)).toBe('2')
    expect(formatRate(rate('3.5'), 0)).toBe('4')
    expect(formatRate(rate('0.123456785'))).toBe('0.12345678')
    expect(formatRate(rate('0.123456775'))).toBe('0.12345678')
  })

  it('pads to a fixed number of decimals, 8 by default', () => {
    expect(formatRate(rate('1.0152'))).toBe('1.01520000')
    expect(formatRate(rate('138'), 2)).toBe('138.00')
    expect(formatRate(rate('0.0000000049'))).toBe('0.00000000')
  })
})

describe('rateToString', () => {
  it('is exact and drops trailing zeros', () => {
    expect(rateToString({ amount: 1015200n, scale: 6 })).toBe('1.0152')
    expect(rateToString({ amount: 100n, scale: 2 })).toBe('1')
    expect(rateToString({ amount: 5n, scale: 9 })).toBe('0.000000005')
    expect(compareRates(rate(rateToString({ amount: 123456789012345n, scale: 12 })), { amount: 123456789012345n, scale: 12 })).toBe(0)
  })
})

describe('divideRates', () => {
  it('divides at 12 decimals, half-even by default', () => {
    expect(formatRate(divideRates(rate('138.05'), rate('1.0163')), 12)).toBe('135.835875233691')
    expect(divideRates(rate('2'), rate('3'))).toEqual({ amount: 666666666667n, scale: 12 })
  })

  it('honours the rounding mode', () => {
    expect(divideRates(rate('2'), rate('3'), 4, 'down')).toEqual({ amount: 6666n, scale: 4 })
    expect(divideRates(rate('1'), rate('3'), 4, 'up')).toEqual({ amount: 3334n, scale: 4 })
    // 1/8 = 0.125: a tie at 2 decimals goes to the even neighbour.
    expect(divideRates(rate('1'), rate('8'), 2, 'halfEven')).toEqual({ amount: 12n, scale: 2 })
    expect(divideRates(rate('3'), rate('8'), 2, 'halfEven')).toEqual({ amount: 38n, scale: 2 })
  })

  it('refuses to divide by zero', () => {
    expect(() => divideRates(rate('1'), { amount: 0n, scale: 0 })).toThrow(RangeError)
  })
})

describe('multiplyRates, invertRate, rescaleRate', () => {
  it('multiplies exactly unless a scale is asked for', () => {
    expect(multiplyRates(rate('1.5'), rate('0.25'))).toEqual({ amount: 375n, scale: 3 })
    expect(multiplyRates(rate('1.5'), rate('0.25'), 2)).toEqual({ amount: 38n, scale: 2 })
    expect(multiplyRates(rate('1.5'), rate('0.25'), 2, 'down')).toEqual({ amount: 37n, scale: 2 })
  })

  it('inverts at 12 decimals', () => {
    expect(formatRate(invertRate(rate('0.8')), 4)).toBe('1.2500')
    expect(invertRate(rate('3'))).toEqual({ amount: 333333333333n, scale: 12 })
  })

  it('widens exactly and narrows with rounding', () => {
    expect(rescaleRate(rate('1.23'), 5)).toEqual({ amount: 123000n, scale: 5 })
    expect(rescaleRate(rate('1.2345'), 2, 'up')).toEqual({ amount: 124n, scale: 2 })
    expect(() => rescaleRate(rate('1'), -1)).toThrow(RangeError)
    expect(() => rescaleRate(rate('1'), 1.5)).toThrow(RangeError)
  })
})

describe('applyMarkupBps', () => {
  it('rounds the customer rate down (house favour)', () => {
    // The quote example from the design: 0.91234567 × 0.9950 = 0.90778394165.
    expect(formatRate(applyMarkupBps(rate('0.91234567'), 50))).toBe('0.90778394')
    // 0.91234567 × 0.9927 = 0.905685546609: half-even would give …55, down gives …54.
    expect(applyMarkupBps(rate('0.91234567'), 73)).toEqual({ amount: 90568554n, scale: 8 })
    // 0.00000019 × 0.5 = 0.000000095, a tie that half-even would round up to 0.00000010.
    expect(applyMarkupBps(rate('0.00000019'), 5000)).toEqual({ amount: 9n, scale: 8 })
    // Exact results are not rounded at all.
    expect(formatRate(applyMarkupBps(rate('138.05'), 50))).toBe('137.35975000')
  })

  it('never raises the rate and is exact for 0 bps', () => {
    const mid = rate('138.05')
    expect(compareRates(applyMarkupBps(mid, 0), mid)).toBe(0)
    for (const bps of [1, 25, 50, 150, 9999]) {
      expect(compareRates(applyMarkupBps(mid, bps), mid)).toBe(-1)
    }
  })

  it('takes a scale', () => {
    expect(applyMarkupBps(rate('1.0163'), 50, 4)).toEqual({ amount: 10112n, scale: 4 })
  })

  it.each([-1, 10_000, 1.5, Number.NaN])('refuses %s bps', (bps) => {
    expect(() => applyMarkupBps(rate('1'), bps)).toThrow(RangeError)
  })
})

describe('compareRates', () => {
  it('compares by value across scales', () => {
    expect(compareRates(rate('1.50'), rate('1.5'))).toBe(0)
    expect(compareRates(rate('1.49999'), rate('1.5'))).toBe(-1)
    expect(compareRates(rate('10'), rate('9.999999999999'))).toBe(1)
  })
})
