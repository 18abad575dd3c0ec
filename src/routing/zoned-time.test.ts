import { describe, expect, it } from 'vitest'
import { addBusinessDays, instantAt, isBusinessDay, wallClockAt } from './zoned-time.js'

const wall = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
  second,
})

describe('wallClockAt', () => {
  it('reads the wall clock in the zone, on both sides of a DST change', () => {
    expect(wallClockAt(new Date('2024-03-08T22:00:00Z'), 'America/New_York')).toEqual(wall(2024, 3, 8, 17))
    expect(wallClockAt(new Date('2024-03-11T22:00:00Z'), 'America/New_York')).toEqual(wall(2024, 3, 11, 18))
  })

  it('renders midnight as hour 0', () => {
    expect(wallClockAt(new Date('2024-03-08T05:00:00Z'), 'America/New_York')).toEqual(wall(2024, 3, 8, 0))
  })

  it('throws for an unknown zone', () => {
    expect(() => wallClockAt(new Date(0), 'Mars/Olympus_Mons')).toThrow(RangeError)
  })
})

describe('instantAt', () => {
  it('round-trips ordinary times in winter and summer', () => {
    expect(instantAt(wall(2024, 1, 10, 16, 45), 'America/New_York').toISOString()).toBe('2024-01-10T21:45:00.000Z')
    expect(instantAt(wall(2024, 7, 10, 16, 45), 'America/New_York').toISOString()).toBe('2024-07-10T20:45:00.000Z')
    expect(instantAt(wall(2024, 7, 10, 9, 0), 'Asia/Tokyo').toISOString()).toBe('2024-07-10T00:00:00.000Z')
  })

  it('moves a skipped time (spring forward) past the gap', () => {
    expect(instantAt(wall(2024, 3, 10, 2, 30), 'America/New_York').toISOString()).toBe('2024-03-10T07:30:00.000Z')
    // Chile springs forward at midnight: 00:00 on 8 September 2024 does not exist there.
    expect(instantAt(wall(2024, 9, 8, 0, 0), 'America/Santiago').toISOString()).toBe('2024-09-08T04:00:00.000Z')
  })

  it('takes the earlier of a repeated time (fall back)', () => {
    expect(instantAt(wall(2024, 11, 3, 1, 30), 'America/New_York').toISOString()).toBe('2024-11-03T05:30:00.000Z')
  })
})

describe('business days', () => {
  it('are Monday to Friday', () => {
    expect(isBusinessDay({ year: 2024, month: 3, day: 8 })).toBe(true)
    expect(isBusinessDay({ year: 2024, month: 3, day: 9 })).toBe(false)
    expect(isBusinessDay({ year: 2024, month: 3, day: 10 })).toBe(false)
  })

  it('skip weekends and cross month and year ends', () => {
    expect(addBusinessDays({ year: 2024, month: 3, day: 8 }, 1)).toEqual({ year: 2024, month: 3, day: 11 })
    expect(addBusinessDays({ year: 2024, month: 3, day: 9 }, 1)).toEqual({ year: 2024, month: 3, day: 11 })
    expect(addBusinessDays({ year: 2024, month: 3, day: 8 }, 6)).toEqual({ year: 2024, month: 3, day: 18 })
    expect(addBusinessDays({ year: 2024, month: 12, day: 31 }, 4)).toEqual({ year: 2025, month: 1, day: 6 })
    expect(addBusinessDays({ year: 2024, month: 3, day: 9 }, 0)).toEqual({ year: 2024, month: 3, day: 9 })
  })
})
