import { describe, expect, it } from 'vitest'
import { createChannelRegistry, DEFAULT_CHANNELS } from '../channels/registry.js'
import type { ChannelCapabilities, PayoutChannel } from '../channels/types.js'
import { evaluateChannelHealth, type ChannelOutcome } from './circuit-breaker.js'
import { planRoute, type RoutePlan, type RouteRequest } from './route-payout.js'

const registry = createChannelRegistry(DEFAULT_CHANNELS)
const channels = registry.list()
// A Wednesday at noon in New York, well before the ACH cut-off.
const wednesday = new Date('2024-03-06T17:00:00Z')

const request = (overrides: Partial<RouteRequest>): RouteRequest => ({
  amountMinor: 100_000n,
  currency: 'EUR',
  destinationCountry: 'DE',
  sourceCountry: 'US',
  accountType: 'iban',
  now: wednesday,
  ...overrides,
})
const ids = (plan: RoutePlan) => plan.candidates.map((candidate) => candidate.channelId)
const reasonOf = (plan: RoutePlan, channelId: string) =>
  plan.rejected.find((rejection) => rejection.channelId === channelId)?.reason
/** A real adapter under another id with some capabilities changed, for ranking scenarios. */
const variant = (base: string, id: string, capabilities: Partial<ChannelCapabilities>): PayoutChannel => {
  const channel = registry.require(base)
  return { ...channel, id, capabilities: { ...channel.capabilities, ...capabilities } }
}
const failures = (channelId: string, secondsAgo: number): ChannelOutcome[] =>
  Array.from({ length: 5 }, () => ({ channelId, outcome: 'failure', at: new Date(wednesday.getTime() - secondsAgo * 1000) }))

describe('planRoute with the default channels', () => {
  it('routes USD to a US ACH account over ACH only: SWIFT does not take us_ach accounts', () => {
    const plan = planRoute(request({ currency: 'USD', destinationCountry: 'US', accountType: 'us_ach' }), channels)
    expect(ids(plan)).toEqual(['us_ach'])
    expect(reasonOf(plan, 'swift')).toBe('account_type')
    expect(reasonOf(plan, 'sepa_instant')).toBe('currency')
    expect(plan.rejected).toHaveLength(channels.length - 1)
  })

  it('routes EUR to a German IBAN over SEPA Instant first and SWIFT next', () => {
    const plan = planRoute(request({}), channels)
    expect(ids(plan)).toEqual(['sepa_instant', 'swift'])
    expect(plan.candidates[0]).toMatchObject({
      scope: 'domestic',
      priority: 100,
      health: 'closed',
      deferredToNextBusinessDay: false,
      estimatedArrival: new Date('2024-03-06T17:00:10Z'),
      fee: { total: { amountMinor: 20n, currency: 'EUR' } },
    })
    expect(plan.candidates[1]?.fee).toMatchObject({ fixed: { amountMinor: 2_500n, currency: 'USD' }, total: null })
  })

  it('routes INR to a UPI address over UPI only', () => {
    const plan = planRoute(request({ currency: 'INR', destinationCountry: 'IN', accountType: 'upi' }), channels)
    expect(ids(plan)).toEqual(['upi'])
    expect(reasonOf(plan, 'swift')).toBe('account_type')
  })

  it('routes JPY to Japan over SWIFT only, for IBAN and SWIFT accounts', () => {
    for (const accountType of ['iban', 'swift']) {
      const plan = planRoute(
        request({ amountMinor: 1_000_000n, currency: 'JPY', destinationCountry: 'JP', accountType }),
        channels,
      )
      expect(ids(plan)).toEqual(['swift'])
    }
    const sepa = planRoute(request({ currency: 'JPY', destinationCountry: 'JP' }), channels)
    expect(reasonOf(sepa, 'sepa_instant')).toBe('currency')
    const euroToJapan = planRoute(request({ destinationCountry: 'JP' }), channels)
    expect(reasonOf(euroToJapan, 'sepa_instant')).toBe('country')
  })

  it('sends EUR above the SEPA Instant maximum over SWIFT; the maximum itself is allowed', () => {
    const above = planRoute(request({ amountMinor: 10_000_001n }), channels)
    expect(ids(above)).toEqual(['swift'])
    expect(reasonOf(above, 'sepa_instant')).toBe('above_maximum')
    expect(ids(planRoute(request({ amountMinor: 10_000_000n }), channels))).toEqual(['sepa_instant', 'swift'])
  })

  it('applies minimums exactly in the currency exponent, falling back to the "*" limit', () => {
    // SWIFT's minimum is "1" for every currency: 0.99 USD is below it, 1 JPY is not.
    const cents = planRoute(request({ amountMinor: 99n, currency: 'USD', destinationCountry: 'US', accountType: 'swift' }), channels)
    expect(reasonOf(cents, 'swift')).toBe('below_minimum')
    const yen = planRoute(request({ amountMinor: 1n, currency: 'JPY', destinationCountry: 'JP' }), channels)
    expect(ids(yen)).toEqual(['swift'])
    const zero = planRoute(request({ amountMinor: 0n }), channels)
    expect(ids(zero)).toEqual([])
    expect(reasonOf(zero, 'sepa_instant')).toBe('below_minimum')
  })

  it('rejects every channel for a currency it cannot size', () => {
    const plan = planRoute(request({ currency: 'XXX' }), channels)
    expect(plan.candidates).toEqual([])
    expect(plan.rejected.every((rejection) => rejection.reason === 'currency')).toBe(true)
  })

  it('accepts lower-case ISO codes', () => {
    expect(ids(planRoute(request({ currency: 'eur', destinationCountry: 'de' }), channels))).toEqual(['sepa_instant', 'swift'])
  })
})

describe('planRoute exclusions and circuit state', () => {
  it('skips a channel already tried, saying so', () => {
    const plan = planRoute(request({ excludeChannelIds: ['sepa_instant'] }), channels)
    expect(ids(plan)).toEqual(['swift'])
    expect(reasonOf(plan, 'sepa_instant')).toBe('excluded')
  })

  it('reports a capability mismatch before an exclusion', () => {
    const plan = planRoute(request({ excludeChannelIds: ['upi'] }), channels)
    expect(reasonOf(plan, 'upi')).toBe('currency')
  })

  it('skips an open circuit', () => {
    const health = evaluateChannelHealth(failures('sepa_instant', 5), { now: wednesday })
    const plan = planRoute(request({}), channels, { health })
    expect(ids(plan)).toEqual(['swift'])
    expect(reasonOf(plan, 'sepa_instant')).toBe('circuit_open')
  })

  it('returns no candidates when every matching channel is open, and leaves the decision to the caller', () => {
    const health = evaluateChannelHealth([...failures('sepa_instant', 5), ...failures('swift', 5)], { now: wednesday })
    const plan = planRoute(request({}), channels, { health })
    expect(plan.candidates).toEqual([])
    expect(reasonOf(plan, 'sepa_instant')).toBe('circuit_open')
    expect(reasonOf(plan, 'swift')).toBe('circuit_open')
  })

  it('takes a half-open channel back as a candidate, after equally ranked healthy ones', () => {
    const health = evaluateChannelHealth(failures('sepa_instant', 90), { now: wednesday })
    const plan = planRoute(request({}), channels, { health })
    expect(ids(plan)).toEqual(['sepa_instant', 'swift'])
    expect(plan.candidates[0]?.health).toBe('half_open')

    // An identical twin whose id sorts first would win the id tie-break, but not while half-open.
    const twin = variant('sepa_instant', 'a_sepa_twin', {})
    const twinHealth = evaluateChannelHealth(failures('a_sepa_twin', 90), { now: wednesday })
    expect(ids(planRoute(request({}), [...channels, twin], { health: twinHealth }))).toEqual([
      'sepa_instant',
      'a_sepa_twin',
      'swift',
    ])
  })
})

describe('planRoute cut-off', () => {
  it('keeps ACH after 16:45 New York on a Friday as a candidate, arriving Tuesday after the DST change', () => {
    // Friday 8 March 2024 17:00 EST; clocks go forward on Sunday.
    const plan = planRoute(
      request({ currency: 'USD', destinationCountry: 'US', accountType: 'us_ach', now: new Date('2024-03-08T22:00:00Z') }),
      channels,
    )
    expect(plan.candidates[0]).toMatchObject({
      channelId: 'us_ach',
      deferredToNextBusinessDay: true,
      estimatedArrival: new Date('2024-03-12T04:00:00Z'),
    })
  })
})

describe('planRoute ranking', () => {
  // A domestic US channel that is dearer than SWIFT for 1000.00 USD (30.00 against 26.00).
  const usWire = variant('us_ach', 'us_wire', {
    accountTypes: ['swift'],
    cutoff: null,
    fee: { fixed: '30.00', currency: 'USD', percentBps: 0 },
  })
  const usdToUsSwiftAccount = request({ currency: 'USD', destinationCountry: 'US', accountType: 'swift' })

  it('puts cost before scope when the rules say so', () => {
    expect(ids(planRoute(usdToUsSwiftAccount, [...channels, usWire]))).toEqual(['us_wire', 'swift'])
    const costFirst = planRoute(usdToUsSwiftAccount, [...channels, usWire], {
      rules: ['cost', 'domestic_first', 'priority', 'speed'],
    })
    expect(ids(costFirst)).toEqual(['swift', 'us_wire'])
  })

  it('honours explicit priorities, lower first, others at 100', () => {
    const plan = planRoute(request({}), channels, { rules: ['priority', 'domestic_first'], priorities: { swift: 1 } })
    expect(ids(plan)).toEqual(['swift', 'sepa_instant'])
    expect(plan.candidates.map((candidate) => candidate.priority)).toEqual([1, 100])
  })

  it('ranks by estimated arrival under the speed rule', () => {
    const slowDomestic = variant('sepa_instant', 'sepa_batch', { estimatedSeconds: 4 * 86_400 })
    expect(ids(planRoute(request({}), [...channels, slowDomestic], { rules: ['speed'] }))).toEqual([
      'sepa_instant',
      'swift',
      'sepa_batch',
    ])
  })

  it('falls back to the channel id when every rule ties', () => {
    expect(ids(planRoute(request({}), channels, { rules: [] }))).toEqual(['sepa_instant', 'swift'])
    const twins = [variant('sepa_instant', 'sepa_b', {}), variant('sepa_instant', 'sepa_a', {})]
    expect(ids(planRoute(request({}), twins))).toEqual(['sepa_a', 'sepa_b'])
  })

  it('gives the same plan whatever the order of the channels', () => {
    const all = [...channels, usWire, variant('sepa_instant', 'sepa_twin', {})]
    const expected = planRoute(usdToUsSwiftAccount, all)
    const reversed = planRoute(usdToUsSwiftAccount, [...all].reverse())
    expect(ids(reversed)).toEqual(ids(expected))
    expect(planRoute(request({}), [...all].reverse()).candidates.map((c) => c.channelId)).toEqual(
      ids(planRoute(request({}), all)),
    )
    expect(new Set(reversed.rejected.map((rejection) => rejection.channelId))).toEqual(
      new Set(expected.rejected.map((rejection) => rejection.channelId)),
    )
  })
})
