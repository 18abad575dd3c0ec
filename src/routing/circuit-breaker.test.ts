import { describe, expect, it } from 'vitest'
import { evaluateChannelHealth, type AttemptOutcome, type ChannelOutcome } from './circuit-breaker.js'

const now = new Date('2024-03-08T12:00:00Z')
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000)
const outcomes = (channelId: string, ...entries: Array<[AttemptOutcome, number]>): ChannelOutcome[] =>
  entries.map(([outcome, ago]) => ({ channelId, outcome, at: secondsAgo(ago) }))

describe('evaluateChannelHealth', () => {
  it('reports a channel without outcomes as closed with no samples', () => {
    const health = evaluateChannelHealth([], { now })
    expect(health.stateOf('sepa_instant')).toBe('closed')
    expect(health.stats('sepa_instant')).toEqual({
      state: 'closed',
      samples: 0,
      successes: 0,
      declines: 0,
      failures: 0,
      failureRatio: 0,
      lastFailureAt: null,
    })
  })

  it('opens when failures reach the ratio over enough samples and the last failure is recent', () => {
    const health = evaluateChannelHealth(
      outcomes('us_ach', ['failure', 10], ['failure', 40], ['failure', 100], ['success', 20], ['success', 30]),
      { now },
    )
    expect(health.stateOf('us_ach')).toBe('open')
    expect(health.stats('us_ach')).toMatchObject({ samples: 5, failures: 3, failureRatio: 0.6, lastFailureAt: secondsAgo(10) })
  })

  it('stays closed below the minimum number of samples', () => {
    const health = evaluateChannelHealth(outcomes('us_ach', ['failure', 1], ['failure', 2], ['failure', 3], ['failure', 4]), {
      now,
    })
    expect(health.stateOf('us_ach')).toBe('closed')
  })

  it('counts business declines as healthy answers', () => {
    const health = evaluateChannelHealth(
      outcomes('upi', ['failure', 1], ['failure', 2], ['declined', 3], ['declined', 4], ['declined', 5]),
      { now },
    )
    expect(health.stateOf('upi')).toBe('closed')
    expect(health.stats('upi')).toMatchObject({ declines: 3, failures: 2, failureRatio: 0.4 })
  })

  it('ignores outcomes older than the window', () => {
    const health = evaluateChannelHealth(
      outcomes('swift', ['failure', 301], ['failure', 302], ['failure', 303], ['failure', 304], ['failure', 305]),
      { now },
    )
    expect(health.stateOf('swift')).toBe('closed')
    expect(health.stats('swift').samples).toBe(0)
  })

  it('is half-open once the cool-off has elapsed since the last failure', () => {
    const tripped = outcomes('swift', ['failure', 60], ['failure', 70], ['failure', 80], ['success', 90], ['failure', 95])
    expect(evaluateChannelHealth(tripped, { now }).stateOf('swift')).toBe('half_open')
    expect(evaluateChannelHealth(tripped, { now, coolOffSeconds: 61 }).stateOf('swift')).toBe('open')
  })

  it('closes after a successful probe brings the ratio down, and reopens on a failed one', () => {
    const tripped = outcomes('swift', ['failure', 120], ['failure', 130], ['failure', 140], ['success', 150], ['success', 160])
    expect(evaluateChannelHealth(tripped, { now }).stateOf('swift')).toBe('half_open')
    const probedOk = [...tripped, ...outcomes('swift', ['success', 5], ['success', 2])]
    expect(evaluateChannelHealth(probedOk, { now }).stateOf('swift')).toBe('closed')
    const probedBadly = [...tripped, ...outcomes('swift', ['failure', 2])]
    expect(evaluateChannelHealth(probedBadly, { now }).stateOf('swift')).toBe('open')
  })

  it('keeps channels apart', () => {
    const health = evaluateChannelHealth(
      [
        ...outcomes('us_ach', ['failure', 1], ['failure', 2], ['failure', 3], ['failure', 4], ['failure', 5]),
        ...outcomes('swift', ['success', 1]),
      ],
      { now },
    )
    expect(health.stateOf('us_ach')).toBe('open')
    expect(health.stateOf('swift')).toBe('closed')
  })

  it('counts outcomes stamped slightly after now (another clock) as recent', () => {
    const health = evaluateChannelHealth(
      outcomes('upi', ['failure', -2], ['failure', -1], ['failure', 0], ['failure', 1], ['failure', 2]),
      { now },
    )
    expect(health.stateOf('upi')).toBe('open')
  })

  it('honours custom thresholds', () => {
    const mixed = outcomes('pix', ['failure', 1], ['success', 2], ['success', 3])
    expect(evaluateChannelHealth(mixed, { now }).stateOf('pix')).toBe('closed')
    expect(evaluateChannelHealth(mixed, { now, minSamples: 3, failureRatio: 0.3 }).stateOf('pix')).toBe('open')
    expect(evaluateChannelHealth(mixed, { now, minSamples: 3, failureRatio: 0.3, windowSeconds: 1 }).stateOf('pix')).toBe(
      'closed',
    )
  })

  it('hands out copies of its stats', () => {
    const health = evaluateChannelHealth(outcomes('pix', ['failure', 1]), { now })
    const stats = health.stats('pix')
    stats.failures = 99
    stats.lastFailureAt?.setTime(0)
    expect(health.stats('pix')).toMatchObject({ failures: 1, lastFailureAt: secondsAgo(1) })
  })

  it('rejects settings out of range', () => {
    expect(() => evaluateChannelHealth([], { now, windowSeconds: 0 })).toThrow(RangeError)
    expect(() => evaluateChannelHealth([], { now, minSamples: 0 })).toThrow(RangeError)
    expect(() => evaluateChannelHealth([], { now, failureRatio: 1.5 })).toThrow(RangeError)
    expect(() => evaluateChannelHealth([], { now, coolOffSeconds: Number.NaN })).toThrow(RangeError)
  })
})

describe('aggregated outcomes', () => {
  it('weighs an outcome by its count, as rows grouped in SQL arrive', () => {
    const now = new Date('2026-03-02T12:00:00Z')
    const at = new Date(now.getTime() - 10_000)
    const grouped = evaluateChannelHealth(
      [
        { channelId: 'upi', outcome: 'failure', at, count: 6 },
        { channelId: 'upi', outcome: 'success', at, count: 4 },
      ],
      { now },
    )
    expect(grouped.stats('upi')).toMatchObject({ samples: 10, failures: 6, successes: 4, failureRatio: 0.6, state: 'open' })
    const healthy = evaluateChannelHealth([{ channelId: 'upi', outcome: 'failure', at, count: 4 }, { channelId: 'upi', outcome: 'success', at, count: 6 }], { now })
    expect(healthy.stateOf('upi')).toBe('closed')
  })
})
