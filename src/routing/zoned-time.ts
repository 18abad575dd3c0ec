/**
 * Wall-clock time and business days in an IANA time zone, computed with `Intl.DateTimeFormat`
 * only, so the same code runs on Node and on Workers. Business days are Monday to Friday in
 * the zone; there is no holiday calendar.
 */

/** A calendar date (month 1-12). */
export interface CalendarDate {
  year: number
  month: number
  day: number
}

/** A calendar date and wall-clock time in some zone, without the zone. */
export interface WallClock extends CalendarDate {
  hour: number
  minute: number
  second: number
}

const MS_PER_SECOND = 1000
const MS_PER_DAY = 86_400_000

/**
 * The wall clock in `timeZone` at `instant` (milliseconds dropped). Throws `RangeError` for an
 * unknown time zone, which is a channel configuration error.
 *
 * @example
 * wallClockAt(new Date('2024-03-08T22:00:00Z'), 'America/New_York')
 * // { year: 2024, month: 3, day: 8, hour: 17, minute: 0, second: 0 }
 */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  // h23 rather than hour12: false, which some ICU versions render as "24" at midnight.
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  })
  const parts: Record<string, number> = {}
  for (const part of format.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  }
}

function wallClockAsUtcMs(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second)
}

/** The zone's offset from UTC at `epochMs`, in milliseconds (east positive). */
function offsetMsAt(epochMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(epochMs / MS_PER_SECOND) * MS_PER_SECOND
  return wallClockAsUtcMs(wallClockAt(new Date(wholeSecond), timeZone)) - wholeSecond
}

/**
 * The instant at which the wall clock in `timeZone` shows `wall`. Around a DST change this
 * resolves like Temporal's `'compatible'` disambiguation: a repeated time (fall back) gives
 * the earlier instant, a skipped time (spring forward) is moved forward by the gap.
 *
 * @example
 * instantAt({ year: 2024, month: 3, day: 11, hour: 0, minute: 0, second: 0 }, 'America/New_York')
 * // 2024-03-11T04:00:00.000Z (EDT)
 */
export function instantAt(wall: WallClock, timeZone: string): Date {
  const local = wallClockAsUtcMs(wall)
  // Offsets a day either side bracket at most one transition (true of every real zone).
  const offsetBefore = offsetMsAt(local - MS_PER_DAY, timeZone)
  const offsetAfter = offsetMsAt(local + MS_PER_DAY, timeZone)
  const matches = [local - offsetBefore, local - offsetAfter].filter(
    (candidate) => offsetMsAt(candidate, timeZone) === local - candidate,
  )
  if (matches.length > 0) return new Date(Math.min(...matches))
  // Skipped wall time: read it with the offset in force before the gap, which lands after it.
  return new Date(local - offsetBefore)
}

/** 0 = Sunday … 6 = Saturday. */
function weekdayOf(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()
}

/**
 * Whether `date` is a business day: Monday to Friday. No holiday calendar is applied.
 *
 * @example
 * isBusinessDay({ year: 2024, month: 3, day: 9 }) // false (a Saturday)
 */
export function isBusinessDay(date: CalendarDate): boolean {
  const weekday = weekdayOf(date)
  return weekday !== 0 && weekday !== 6
}

function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days))
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() }
}

/**
 * The business day `count` business days after `date` (`count` 0 returns `date` unchanged,
 * even on a weekend). Weekends are skipped; holidays are not known.
 *
 * @example
 * addBusinessDays({ year: 2024, month: 3, day: 8 }, 1) // { year: 2024, month: 3, day: 11 } (Fri → Mon)
 */
export function addBusinessDays(date: CalendarDate, count: number): CalendarDate {
  let current = date
  for (let added = 0; added < count; ) {
    current = addCalendarDays(current, 1)
    if (isBusinessDay(current)) added += 1
  }
  return current
}
