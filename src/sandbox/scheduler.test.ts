import { describe, expect, it } from 'vitest'
import { createPrng, randomString } from './prng.js'
import { createManualScheduler, sleep } from './scheduler.js'

describe('manual scheduler', () => {
  it('runs due timers in time order, including ones scheduled while advancing', () => {
    const scheduler = createManualScheduler(1_000)
    const log: string[] = []
    scheduler.setTimeout(() => log.push(`b@${scheduler.now()}`), 20)
    scheduler.setTimeout(() => {
      log.push(`a@${scheduler.now()}`)
      scheduler.setTimeout(() => log.push(`c@${scheduler.now()}`), 5)
    }, 10)
    const cancelled = scheduler.setTimeout(() => log.push('never'), 15)
    scheduler.clearTimeout(cancelled)
    scheduler.advance(19)
    expect(log).toEqual(['a@1010', 'c@1015'])
    scheduler.advance(1)
    expect(log).toEqual(['a@1010', 'c@1015', 'b@1020'])
    expect(scheduler.now()).toBe(1_020)
    expect(scheduler.pending()).toBe(0)
  })

  it('resolves sleeps when time is advanced', async () => {
    const scheduler = createManualScheduler()
    let woke = false
    const sleeping = sleep(scheduler, 100).then(() => {
      woke = true
    })
    scheduler.advance(100)
    await sleeping
    expect(woke).toBe(true)
  })
})

describe('seeded generator', () => {
  it('repeats per seed and label and stays in [0, 1)', () => {
    const draw = (seed: number, label: string) => {
      const random = createPrng(seed, label)
      return Array.from({ length: 5 }, () => random())
    }
    expect(draw(1, 'upi')).toEqual(draw(1, 'upi'))
    expect(draw(1, 'upi')).not.toEqual(draw(1, 'pix'))
    expect(draw(1, 'upi')).not.toEqual(draw(2, 'upi'))
    const random = createPrng(9)
    const values = Array.from({ length: 10_000 }, () => random())
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true)
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02)
    expect(randomString(createPrng(3), 'ab', 8)).toMatch(/^[ab]{8}$/)
  })
})
