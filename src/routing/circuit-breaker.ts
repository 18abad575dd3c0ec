/**
 * A circuit breaker computed from recent attempt outcomes supplied as data. The payments
 * service reads them from `payment_attempts`, so every instance derives the same health from
 * the same rows; nothing is kept in memory between calls.
 */

/**
 * How one attempt on a channel ended. `failure` is an infrastructure failure (timeout, 5xx,
 * network error, garbage answer); `declined` is a business decline, which proves the channel
 * is up and counts as a healthy answer.
 */
export type AttemptOutcome = 'success' | 'declined' | 'failure'

/**
 * One recent attempt outcome, e.g. a row of `payment_attempts`, or `count` of them aggregated
 * (then `at` is the latest of them, which is all the breaker needs).
 */
export interface ChannelOutcome {
  channelId: string
  outcome: AttemptOutcome
  at: Date
  /** How many outcomes this stands for; default 1. */
  count?: number
}

/**
 * - `closed`: healthy, route normally.
 * - `open`: too many recent failures and the last one is within the cool-off: skip it.
 * - `half_open`: tripped, but the cool-off has elapsed since the last failure: route to it
 *   again (ranked after equally good healthy channels) so that new outcomes can close it.
 */
export type CircuitState = 'closed' | 'open' | 'half_open'

/** The numbers behind a channel's state, over the window. */
export interface ChannelHealthStats {
  state: CircuitState
  /** Outcomes in the window (successes + declines + failures). */
  samples: number
  successes: number
  declines: number
  failures: number
  /** `failures / samples`, 0 without samples. */
  failureRatio: number
  /** Latest failure in the window, or `null`. */
  lastFailureAt: Date | null
}

/** Channel health as the router reads it. Unknown channels are `closed` with no samples. */
export interface ChannelHealthView {
  stateOf(channelId: string): CircuitState
  stats(channelId: string): ChannelHealthStats
}

/** Tuning of {@link evaluateChannelHealth}; only `now` is required. */
export interface ChannelHealthOptions {
  now: Date
  /** Outcomes older than this are ignored. Default 300. */
  windowSeconds?: number
  /** Fewer outcomes than this in the window never trip the breaker. Default 5. */
  minSamples?: number
  /** Trip when `failures / samples` is at least this (0 < ratio ≤ 1). Default 0.5. */
  failureRatio?: number
  /** How long after the last failure a tripped channel stays open. Default 60. */
  coolOffSeconds?: number
}

/** The defaults of {@link ChannelHealthOptions}: 5+ samples in 300 s, 50 % failures, 60 s cool-off. */
export const DEFAULT_CHANNEL_HEALTH = {
  windowSeconds: 300,
  minSamples: 5,
  failureRatio: 0.5,
  coolOffSeconds: 60,
} as const

function emptyStats(): ChannelHealthStats {
  return { state: 'closed', samples: 0, successes: 0, declines: 0, failures: 0, failureRatio: 0, lastFailureAt: null }
}

function requireSetting(name: string, value: number, valid: boolean): number {
  if (!Number.isFinite(value) || !valid) throw new RangeError(`invalid channel health ${name}: ${value}`)
  return value
}

/**
 * Evaluates each channel's circuit from `outcomes`. A channel trips when, among its outcomes
 * in the last `windowSeconds`, there are at least `minSamples` and the share of `failure`s is
 * at least `failureRatio`. A tripped channel is `open` while its last failure is less than
 * `coolOffSeconds` old, then `half_open`; it closes once enough successes or declines (or the
 * window sliding past the failures) bring it under the thresholds. A half-open channel that
 * fails again is open for another cool-off. Outcomes stamped slightly after `now` (another
 * instance's clock, or the database's) count as recent. Throws `RangeError` for settings out
 * of range.
 *
 * The router skips open channels and reports them as `circuit_open`; when every channel that
 * could take a payout is open, the plan has no candidates and the caller decides (wait and
 * retry, or fail the payment) — routing never sends to an open channel by itself.
 *
 * @example
 * const health = evaluateChannelHealth(recentAttempts, { now: clock() })
 * health.stateOf('sepa_instant') // 'closed' | 'open' | 'half_open'
 * planRoute(request, registry.list(), { health })
 */
export function evaluateChannelHealth(
  outcomes: readonly ChannelOutcome[],
  options: ChannelHealthOptions,
): ChannelHealthView {
  const windowSeconds = options.windowSeconds ?? DEFAULT_CHANNEL_HEALTH.windowSeconds
  const minSamples = options.minSamples ?? DEFAULT_CHANNEL_HEALTH.minSamples
  const failureRatio = options.failureRatio ?? DEFAULT_CHANNEL_HEALTH.failureRatio
  const coolOffSeconds = options.coolOffSeconds ?? DEFAULT_CHANNEL_HEALTH.coolOffSeconds
  requireSetting('windowSeconds', windowSeconds, windowSeconds > 0)
  requireSetting('minSamples', minSamples, minSamples >= 1)
  requireSetting('failureRatio', failureRatio, failureRatio > 0 && failureRatio <= 1)
  requireSetting('coolOffSeconds', coolOffSeconds, coolOffSeconds >= 0)

  const nowMs = options.now.getTime()
  const windowStartMs = nowMs - windowSeconds * 1000
  const byChannel = new Map<string, ChannelHealthStats>()
  for (const { channelId, outcome, at, count = 1 } of outcomes) {
    const atMs = at.getTime()
    if (!(atMs >= windowStartMs)) continue // also drops invalid dates
    let stats = byChannel.get(channelId)
    if (stats === undefined) {
      stats = emptyStats()
      byChannel.set(channelId, stats)
    }
    stats.samples += count
    if (outcome === 'success') stats.successes += count
    else if (outcome === 'declined') stats.declines += count
    else {
      stats.failures += count
      if (stats.lastFailureAt === null || atMs > stats.lastFailureAt.getTime()) stats.lastFailureAt = at
    }
  }

  for (const stats of byChannel.values()) {
    stats.failureRatio = stats.failures / stats.samples
    const tripped = stats.samples >= minSamples && stats.failureRatio >= failureRatio
    if (!tripped || stats.lastFailureAt === null) continue
    const sinceLastFailureMs = nowMs - stats.lastFailureAt.getTime()
    stats.state = sinceLastFailureMs < coolOffSeconds * 1000 ? 'open' : 'half_open'
  }

  return {
    stateOf: (channelId) => byChannel.get(channelId)?.state ?? 'closed',
    stats: (channelId) => {
      const stats = byChannel.get(channelId) ?? emptyStats()
      // A copy, so a caller cannot change what later calls see.
      return { ...stats, lastFailureAt: stats.lastFailureAt && new Date(stats.lastFailureAt) }
    },
  }
}
