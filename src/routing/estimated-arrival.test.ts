import { describe, expect, it } from 'vitest'
import { createChannelRegistry, DEFAULT_CHANNELS } from '../channels/registry.js'
import type { PayoutChannel } from '../channels/types.js'
import { arrivalEstimate, estimatedArrival } from './estimated-arrival.js'

const registry = createChannelRegistry(DEFAULT_CHANNELS)
const ach = registry.require('us_ach')
const at = (iso: string) => new Date(iso)
const iso = (date: Date) => date.toISOString()

describe('estimatedArrival', () => {
  it('adds the estimated time to now on a 24/7 rail', () => {
    expect(iso(estimatedArrival(registry.require('sepa_instant'), at('2024-03-09T12:00:00Z')))).toBe(
      '2024-03-09T12:00:10.000Z',
    )
  })

  it('counts ACH next-day from Friday before the cut-off as Monday, at the same New York time across DST', () => {
    // Friday 10:00 EST; DST starts on Sunday 10 March, so Monday 10:00 is EDT.
    expect(arrivalEstimate(ach.capabilities, at('2024-03-08T15:00:00.500Z'))).toEqual({
      estimatedArrival: at('2024-03-11T14:00:00.500Z'),
      deferredToNextBusinessDay: false,
    })
  })

  it('moves ACH after the Friday 16:45 New York cut-off to Monday processing, arriving Tuesday 00:00', () => {
    expect(arrivalEstimate(ach.capabilities, at('2024-03-08T22:00:00Z'))).toEqual({
      estimatedArrival: at('2024-03-12T04:00:00Z'),
      deferredToNextBusinessDay: true,
    })
  })

  it('treats the cut-off minute itself as past the cut-off', () => {
    expect(arrivalEstimate(ach.capabilities, at('2024-03-08T21:45:00Z')).deferredToNextBusinessDay).toBe(true)
    expect(arrivalEstimate(ach.capabilities, at('2024-03-08T21:44:59Z'))).toEqual({
      estimatedArrival: at('2024-03-11T20:44:59Z'),
      deferredToNextBusinessDay: false,
    })
  })

  it('reads the cut-off in New York time, summer and winter', () => {
    // 20:50Z is 16:50 EDT in July (past 16:45) but 15:50 EST in January (before it).
    expect(arrivalEstimate(ach.capabilities, at('2024-07-10T20:50:00Z'))).toEqual({
      estimatedArrival: at('2024-07-12T04:00:00Z'),
      deferredToNextBusinessDay: true,
    })
    expect(arrivalEstimate(ach.capabilities, at('2024-01-10T20:50:00Z'))).toEqual({
      estimatedArrival: at('2024-01-11T20:50:00Z'),
      deferredToNextBusinessDay: false,
    })
  })

  it('keeps the wall-clock time when DST ends over the weekend', () => {
    // Friday 16:44 EDT; DST ends on Sunday 3 November, so Monday 16:44 is EST.
    expect(iso(estimatedArrival(ach, at('2024-11-01T20:44:00Z')))).toBe('2024-11-04T21:44:00.000Z')
  })

  it('defers a submission made on a weekend in the channel zone', () => {
    expect(arrivalEstimate(ach.capabilities, at('2024-03-09T15:00:00Z'))).toEqual({
      estimatedArrival: at('2024-03-12T04:00:00Z'),
      deferredToNextBusinessDay: true,
    })
  })

  it('decides the weekday in the channel zone, not in UTC', () => {
    const tokyoSameDay: Pick<PayoutChannel, 'capabilities'> = {
      capabilities: {
        ...ach.capabilities,
        cutoff: { time: '15:00', timeZone: 'Asia/Tokyo' },
        estimatedSeconds: 3600,
      },
    }
    // Friday 05:00 UTC is Friday 14:00 in Tokyo: before the cut-off, one hour later.
    expect(iso(estimatedArrival(tokyoSameDay, at('2024-03-08T05:00:00Z')))).toBe('2024-03-08T06:00:00.000Z')
    // Friday 16:00 UTC is already Saturday 01:00 in Tokyo: Monday 00:00 JST plus one hour.
    expect(iso(estimatedArrival(tokyoSameDay, at('2024-03-08T16:00:00Z')))).toBe('2024-03-10T16:00:00.000Z')
  })

  it('rejects a malformed cut-off', () => {
    const broken = { capabilities: { ...ach.capabilities, cutoff: { time: '4:45pm', timeZone: 'America/New_York' } } }
    expect(() => estimatedArrival(broken, at('2024-03-08T15:00:00Z'))).toThrow(/cut-off/)
  })
})
