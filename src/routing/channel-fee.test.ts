import { describe, expect, it } from 'vitest'
import { createChannelRegistry, DEFAULT_CHANNELS } from '../channels/registry.js'
import { channelFee, compareCost, compareMinorWithDecimal, costKey } from './channel-fee.js'

const registry = createChannelRegistry(DEFAULT_CHANNELS)
const swift = registry.require('swift').capabilities
const sepa = registry.require('sepa_instant').capabilities
const ach = registry.require('us_ach').capabilities

describe('compareMinorWithDecimal', () => {
  it('compares exactly at the currency exponent', () => {
    expect(compareMinorWithDecimal(10_000_000n, 2, '100000.00')).toBe(0)
    expect(compareMinorWithDecimal(10_000_001n, 2, '100000.00')).toBe(1)
    expect(compareMinorWithDecimal(99n, 2, '1')).toBe(-1)
    expect(compareMinorWithDecimal(1n, 0, '1')).toBe(0)
    expect(compareMinorWithDecimal(1_000n, 3, '1.00')).toBe(0)
  })

  it('compares a limit finer than the currency without rounding it', () => {
    expect(compareMinorWithDecimal(1n, 2, '0.005')).toBe(1)
    expect(compareMinorWithDecimal(0n, 2, '0.005')).toBe(-1)
  })

  it('rejects a malformed limit', () => {
    expect(() => compareMinorWithDecimal(1n, 2, '1e3')).toThrow(/invalid/)
  })
})

describe('channelFee', () => {
  it('adds fixed and percentage parts when the fee is in the payment currency', () => {
    expect(channelFee(swift, 100_000n, 'USD')).toEqual({
      fixed: { amountMinor: 2_500n, currency: 'USD' },
      percent: { amountMinor: 100n, currency: 'USD' },
      percentBps: 10,
      total: { amountMinor: 2_600n, currency: 'USD' },
    })
  })

  it('keeps the parts apart when the fee currency differs', () => {
    expect(channelFee(swift, 100_000n, 'EUR')).toEqual({
      fixed: { amountMinor: 2_500n, currency: 'USD' },
      percent: { amountMinor: 100n, currency: 'EUR' },
      percentBps: 10,
      total: null,
    })
  })

  it('rounds the percentage up to a minor unit', () => {
    expect(channelFee(swift, 1n, 'USD').percent.amountMinor).toBe(1n)
    expect(channelFee(swift, 1_000_000n, 'JPY').percent.amountMinor).toBe(1_000n)
  })
})

describe('compareCost', () => {
  it('compares fees in the payment currency exactly, before rounding', () => {
    const cheap = { ...swift, fee: { fixed: '0.00', currency: 'USD', percentBps: 1 } }
    const dearer = { ...swift, fee: { fixed: '0.00', currency: 'USD', percentBps: 2 } }
    // 1 and 2 bps of 0.01 USD both round up to one cent, yet the first is cheaper.
    expect(compareCost(costKey(cheap, 1n, 'USD'), costKey(dearer, 1n, 'USD'))).toBeLessThan(0)
    expect(compareCost(costKey(ach, 100_000n, 'USD'), costKey(swift, 100_000n, 'USD'))).toBeLessThan(0)
  })

  it('ranks fees in the payment currency before fees that would need FX', () => {
    expect(compareCost(costKey(sepa, 100_000n, 'EUR'), costKey(swift, 100_000n, 'EUR'))).toBeLessThan(0)
  })

  it('compares foreign-currency fees of the same currency by fixed part', () => {
    const cheaperSwift = { ...swift, fee: { ...swift.fee, fixed: '15.00' } }
    expect(compareCost(costKey(cheaperSwift, 100_000n, 'EUR'), costKey(swift, 100_000n, 'EUR'))).toBeLessThan(0)
  })
})
