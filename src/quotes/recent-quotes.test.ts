import { describe, expect, it } from 'vitest'
import type { QuoteRow } from './quote-service.js'
import { createRecentQuotes } from './recent-quotes.js'

let now = new Date('2026-12-02T12:00:00Z')
const clock = () => now

const quote = (id: string, merchantId = 'mer_a', ttlSeconds = 300): QuoteRow => ({
  id,
  merchantId,
  corridorId: 'cor_us_de',
  sourceCountry: 'US',
  destinationCountry: 'DE',
  sourceCurrency: 'USD',
  targetCurrency: 'EUR',
  sourceAmountMinor: 100_00n,
  targetAmountMinor: 91_50n,
  feeMinor: 1_00n,
  midRate: '0.9245',
  customerRate: '0.9235',
  markupBps: 10,
  rateSource: 'ecb',
  rateTimestamp: now,
  expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
  usedAt: null,
  createdAt: now,
})

describe('recent quotes', () => {
  it('recalls a quote for its own merchant only', () => {
    const recent = createRecentQuotes({ clock, max: 10 })
    recent.remember(quote('quo_1'))
    expect(recent.recall('mer_a', 'quo_1')?.id).toBe('quo_1')
    expect(recent.recall('mer_b', 'quo_1')).toBeUndefined()
    expect(recent.recall('mer_a', 'quo_2')).toBeUndefined()
  })

  it('does not recall an expired quote, and drops it', () => {
    const recent = createRecentQuotes({ clock, max: 10 })
    recent.remember(quote('quo_1', 'mer_a', 60))
    now = new Date(now.getTime() + 60_000)
    expect(recent.recall('mer_a', 'quo_1')).toBeUndefined()
    expect(recent.size).toBe(0)
  })

  it('keeps at most max quotes, dropping the oldest first', () => {
    const recent = createRecentQuotes({ clock, max: 2 })
    recent.remember(quote('quo_1'))
    recent.remember(quote('quo_2'))
    recent.remember(quote('quo_3'))
    expect(recent.size).toBe(2)
    expect(recent.recall('mer_a', 'quo_1')).toBeUndefined()
    expect(recent.recall('mer_a', 'quo_3')?.id).toBe('quo_3')
  })

  it('forgets a quote on request, and remembers nothing with max 0', () => {
    const recent = createRecentQuotes({ clock, max: 10 })
    recent.remember(quote('quo_1'))
    recent.forget('quo_1')
    expect(recent.recall('mer_a', 'quo_1')).toBeUndefined()
    const none = createRecentQuotes({ clock, max: 0 })
    none.remember(quote('quo_1'))
    expect(none.size).toBe(0)
    expect(() => createRecentQuotes({ clock, max: -1 })).toThrow(RangeError)
  })
})
