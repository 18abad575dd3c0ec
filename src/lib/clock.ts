/** The current time, as a dependency so tests can move it. */
export type Clock = () => Date

export const systemClock: Clock = () => new Date()

/** A clock for tests that only moves when told. @example const clock = createManualClock(); clock.advance(60_000) */
export function createManualClock(start = new Date('2026-01-15T12:00:00Z')) {
  let current = start.getTime()
  const clock = (() => new Date(current)) as Clock & { advance(ms: number): void; set(date: Date): void }
  clock.advance = (ms) => {
    current += ms
  }
  clock.set = (date) => {
    current = date.getTime()
  }
  return clock
}
