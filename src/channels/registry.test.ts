import { describe, expect, it } from 'vitest'
import { createSepaInstantChannel } from './adapters/sepa-instant.js'
import { UNKNOWN_CHANNEL_ERROR } from './error-codes.js'
import { createChannelRegistry, DEFAULT_CHANNELS } from './registry.js'

describe('channel registry', () => {
  const registry = createChannelRegistry(DEFAULT_CHANNELS)

  it('holds the seven payout channels', () => {
    expect(registry.list().map((channel) => channel.id)).toEqual(['sepa_instant', 'us_ach', 'uk_fps', 'upi', 'pix', 'cn_ibps', 'swift'])
    expect(registry.require('swift').capabilities).toMatchObject({ scope: 'foreign', countries: '*', currencies: '*', accountTypes: ['swift', 'iban'] })
    expect(registry.get('alipay')).toBeUndefined()
    expect(() => registry.require('alipay')).toThrow(/unknown payout channel/)
  })

  it('keeps capabilities consistent', () => {
    for (const channel of registry.list()) {
      const { capabilities } = channel
      expect(capabilities.accountTypes.length).toBeGreaterThan(0)
      if (capabilities.currencies !== '*') {
        for (const currency of capabilities.currencies) {
          expect(capabilities.maxAmount[currency] ?? capabilities.maxAmount['*'], `${channel.id} ${currency}`).toBeDefined()
          expect(capabilities.minAmount[currency] ?? capabilities.minAmount['*'], `${channel.id} ${currency}`).toBeDefined()
        }
      }
      for (const amount of [...Object.values(capabilities.minAmount), ...Object.values(capabilities.maxAmount), capabilities.fee.fixed]) {
        expect(amount).toMatch(/^\d+(\.\d+)?$/)
      }
      if (capabilities.cutoff) expect(capabilities.cutoff.time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/)
    }
  })

  it('rejects duplicate ids', () => {
    expect(() => createChannelRegistry([createSepaInstantChannel(), createSepaInstantChannel()])).toThrow(/duplicate/)
  })

  it('resolves native decline codes to retryability and a unified code', () => {
    expect(registry.errorFor('sepa_instant', 'AC04')).toEqual({ retryable: false, unifiedCode: 'account_closed' })
    expect(registry.errorFor('cn_ibps', 'BALANCE_IS_NOT_ENOUGH')).toEqual({ retryable: true, unifiedCode: 'insufficient_channel_funds' })
    expect(registry.errorFor('upi', 'http_429')).toEqual({ retryable: true, unifiedCode: 'rate_limited' })
    expect(registry.errorFor('upi', 'constructor')).toEqual(UNKNOWN_CHANNEL_ERROR)
    expect(registry.errorFor('nowhere', 'AC04')).toEqual(UNKNOWN_CHANNEL_ERROR)
  })
})
