/**
 * The sandbox's notion of time: a clock and timers, injectable so tests can run a day of
 * settlement in a millisecond.
 */

export type TimerHandle = number

export interface SandboxScheduler {
  /** Milliseconds since the epoch. */
  now(): number
  setTimeout(callback: () => void, delayMs: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}

/** A scheduler that can cancel everything it still has pending (for shutting a server down). */
export interface DisposableScheduler extends SandboxScheduler {
  dispose(): void
}

/**
 * Real time on the global timers of the runtime.
 *
 * @example
 * const scheduler = createTimerScheduler()
 * scheduler.dispose() // on shutdown: no timer keeps the process alive
 */
export function createTimerScheduler(): DisposableScheduler {
  let nextHandle = 1
  const timers = new Map<TimerHandle, ReturnType<typeof globalThis.setTimeout>>()
  return {
    now: () => Date.now(),
    setTimeout(callback, delayMs) {
      const handle = nextHandle++
      timers.set(
        handle,
        globalThis.setTimeout(() => {
          timers.delete(handle)
          callback()
        }, Math.max(0, delayMs)),
      )
      return handle
    },
    clearTimeout(handle) {
      const timer = timers.get(handle)
      if (timer !== undefined) globalThis.clearTimeout(timer)
      timers.delete(handle)
    },
    dispose() {
      for (const timer of timers.values()) globalThis.clearTimeout(timer)
      timers.clear()
    },
  }
}

/** A scheduler whose clock only moves when told to. */
export interface ManualScheduler extends DisposableScheduler {
  /** Moves the clock forward, running every timer that falls due, in time order. */
  advance(ms: number): void
  /** How many timers are pending. */
  pending(): number
}

/**
 * Virtual time for tests: nothing runs until `advance` is called.
 *
 * @example
 * const scheduler = createManualScheduler(Date.parse('2024-05-01T10:00:00Z'))
 * scheduler.advance(60_000) // settles everything due within the next minute
 */
export function createManualScheduler(startMs = 0): ManualScheduler {
  let now = startMs
  let nextHandle = 1
  const timers = new Map<TimerHandle, { dueAt: number; callback: () => void }>()
  return {
    now: () => now,
    setTimeout(callback, delayMs) {
      const handle = nextHandle++
      timers.set(handle, { dueAt: now + Math.max(0, delayMs), callback })
      return handle
    },
    clearTimeout(handle) {
      timers.delete(handle)
    },
    dispose() {
      timers.clear()
    },
    pending: () => timers.size,
    advance(ms) {
      const target = now + ms
      for (;;) {
        let due: [TimerHandle, { dueAt: number; callback: () => void }] | undefined
        for (const entry of timers) {
          if (entry[1].dueAt <= target && (due === undefined || entry[1].dueAt < due[1].dueAt)) due = entry
        }
        if (due === undefined) break
        timers.delete(due[0])
        now = due[1].dueAt
        due[1].callback()
      }
      now = target
    },
  }
}

/** A promise that resolves after `delayMs` on `scheduler` (immediately for 0). */
export function sleep(scheduler: SandboxScheduler, delayMs: number): Promise<void> {
  if (delayMs <= 0) return Promise.resolve()
  return new Promise((resolve) => scheduler.setTimeout(resolve, delayMs))
}
