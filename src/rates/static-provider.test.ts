import { describe, expect, it } from 'vitest'
import { rateToString } from './exact-rate.js'
import { findSnapshotProblem } from './rate-provider.js'
import { createStaticRateProvider, DEMO_RATES } from './static-provider.js'

describe('createStaticRateProvider', () => {
  it('serves its seeded rates with base = 1, stamped by its clock', async () => {
    let now = new Date('2024-07-08T10:00:00Z')
    const provider = createStaticRateProvider({ base: 'USD', rates: { EUR: '0.92', JPY: '151.50' }, asOf: () => now })
    expect(provider.name).toBe('static')
    const first = await provider.fetchRates()
    expect(first.source).toBe('static')
    expect(first.base).toBe('USD')
    expect(first.asOf.toISOString()).toBe('2024-07-08T10:00:00.000Z')
    expect(first.rates.get('USD')).toEqual({ amount: 1n, scale: 0 })
    expect(rateToString(first.rates.get('JPY')!)).toBe('151.5')
    now = new Date('2024-07-09T10:00:00Z')
    expect((await provider.fetchRates()).asOf.toISOString()).toBe('2024-07-09T10:00:00.000Z')
  })

  it('fails at creation on a malformed rate, not on the first quote', () => {
    expect(() => createStaticRateProvider({ base: 'USD', rates: { EUR: '0,92' } })).toThrow(TypeError)
    expect(() => createStaticRateProvider({ base: 'USD', rates: { eur: '0.92' } })).toThrow(TypeError)
    expect(() => createStaticRateProvider({ base: 'USD', rates: {} })).toThrow(TypeError)
  })
})

describe('DEMO_RATES', () => {
  it('quotes the demo currencies against USD and forms a valid snapshot', async () => {
    expect(DEMO_RATES.base).toBe('USD')
    for (const currency of ['EUR', 'GBP', 'CNY', 'JPY', 'HKD', 'SGD', 'INR', 'BRL', 'MXN', 'KWD', 'CAD', 'AUD', 'CHF']) {
      expect(DEMO_RATES.rates[currency], currency).toMatch(/^\d+\.\d+$/)
    }
    const snapshot = await createStaticRateProvider(DEMO_RATES).fetchRates()
    expect(findSnapshotProblem(snapshot)).toBeUndefined()
  })
})
