import type { ChannelCapabilities, PayoutChannel } from '../channels/types.js'
import { addBusinessDays, instantAt, isBusinessDay, wallClockAt, type CalendarDate } from './zoned-time.js'

const SECONDS_PER_DAY = 86_400

/** When a payout submitted now should arrive, and whether the channel's cut-off deferred it. */
export interface ArrivalEstimate {
  estimatedArrival: Date
  /**
   * `true` when the channel has a cut-off and `now` is at or after it, or on a weekend, in the
   * channel's time zone: the payout goes out with the next business day's processing.
   */
  deferredToNextBusinessDay: boolean
}

function cutoffSeconds(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(time)
  if (!match) throw new Error(`invalid channel cut-off time: ${JSON.stringify(time)}`)
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? '0')
}

/**
 * Estimates arrival from a channel's capabilities. See {@link estimatedArrival} for the model;
 * this variant also says whether the cut-off deferred the payout.
 *
 * @example
 * arrivalEstimate(achCapabilities, new Date('2024-03-08T22:00:00Z')) // Friday 17:00 in New York
 * // { estimatedArrival: 2024-03-12T04:00:00.000Z, deferredToNextBusinessDay: true }
 */
export function arrivalEstimate(capabilities: ChannelCapabilities, now: Date): ArrivalEstimate {
  const { cutoff, estimatedSeconds } = capabilities
  if (cutoff === null) {
    return { estimatedArrival: new Date(now.getTime() + estimatedSeconds * 1000), deferredToNextBusinessDay: false }
  }
  const wall = wallClockAt(now, cutoff.timeZone)
  const secondOfDay = wall.hour * 3600 + wall.minute * 60 + wall.second
  const deferred = !isBusinessDay(wall) || secondOfDay >= cutoffSeconds(cutoff.time)
  // A deferred payout starts at 00:00 of the next business day in the channel's zone.
  const startDate: CalendarDate = deferred ? addBusinessDays(wall, 1) : wall
  const startTime = deferred ? { hour: 0, minute: 0, second: 0 } : wall
  // Whole days of processing are business days and keep the wall-clock time (across DST too);
  // the rest is added as elapsed seconds.
  const days = Math.floor(estimatedSeconds / SECONDS_PER_DAY)
  const remainderSeconds = estimatedSeconds - days * SECONDS_PER_DAY
  const arrivalDate = addBusinessDays(startDate, days)
  const arrivalDay = instantAt(
    {
      year: arrivalDate.year,
      month: arrivalDate.month,
      day: arrivalDate.day,
      hour: startTime.hour,
      minute: startTime.minute,
      second: startTime.second,
    },
    cutoff.timeZone,
  )
  // Keep now's milliseconds on a same-day start so that an estimate never precedes `now`.
  const carriedMs = deferred ? 0 : now.getTime() % 1000
  return {
    estimatedArrival: new Date(arrivalDay.getTime() + carriedMs + remainderSeconds * 1000),
    deferredToNextBusinessDay: deferred,
  }
}

/**
 * When a payout submitted through `channel` at `now` is expected to arrive.
 *
 * - No cut-off (a 24/7 rail): `now + estimatedSeconds`.
 * - With a cut-off: before the cut-off on a business day (Monday to Friday in the channel's
 *   IANA time zone) processing starts now; at or after the cut-off, or on a weekend, it starts
 *   at 00:00 of the next business day in that zone. Whole days of `estimatedSeconds` are then
 *   counted as business days at the same wall-clock time, and the remainder is added as
 *   elapsed time. So ACH (next day, cut-off 16:45 New York) submitted on Friday at 17:00
 *   arrives at 00:00 on Tuesday (that is, by the end of Monday).
 *
 * There is no holiday calendar: a bank holiday counts as a business day. The result is an
 * estimate for ranking and display, not a commitment. Throws for a malformed cut-off time or
 * an unknown time zone (channel configuration errors).
 *
 * @example
 * estimatedArrival(registry.require('us_ach'), new Date('2024-03-08T15:00:00Z'))
 * // 2024-03-11T14:00:00.000Z — Friday 10:00 EST + one business day = Monday 10:00 EDT
 */
export function estimatedArrival(channel: Pick<PayoutChannel, 'capabilities'>, now: Date): Date {
  return arrivalEstimate(channel.capabilities, now).estimatedArrival
}
