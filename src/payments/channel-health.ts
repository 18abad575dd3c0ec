/**
 * Channel health for routing, from the attempts table aggregated in SQL, so every instance sees
 * the same. One process reuses a reading for a second: it is a routing hint, not a correctness
 * need.
 */
import { count, gte, max } from 'drizzle-orm'
import type { Database } from '../db/database.js'
import type { Clock } from '../lib/clock.js'
import { evaluateChannelHealth, type AttemptOutcome, type ChannelHealthView } from '../routing/index.js'
import { paymentAttempts, type AttemptState } from './payment-schema.js'

/** How each attempt state counts for the circuit breaker. */
const OUTCOME_OF_STATE: Record<AttemptState, AttemptOutcome | undefined> = {
  submitting: undefined,
  accepted: 'success',
  paid_out: 'success',
  returned: 'success',
  declined: 'declined',
  failed: 'declined',
  ambiguous: 'failure',
  not_received: 'failure',
}

/** @example const health = createChannelHealthReader({ db, clock }); planRoute(request, channels, { health: await health() }) */
export function createChannelHealthReader(deps: { db: Database; clock: Clock; windowSeconds?: number; reuseMs?: number }): () => Promise<ChannelHealthView> {
  const windowSeconds = deps.windowSeconds ?? 300
  const reuseMs = deps.reuseMs ?? 1000
  let reading: { view: ChannelHealthView; readAt: number } | undefined
  return async () => {
    const now = deps.clock()
    if (reading && Math.abs(now.getTime() - reading.readAt) < reuseMs) return reading.view
    const rows = await deps.db
      .select({ channelId: paymentAttempts.channelId, state: paymentAttempts.state, at: max(paymentAttempts.updatedAt), count: count() })
      .from(paymentAttempts)
      .where(gte(paymentAttempts.updatedAt, new Date(now.getTime() - windowSeconds * 1000)))
      .groupBy(paymentAttempts.channelId, paymentAttempts.state)
    const outcomes = rows.flatMap((row) => {
      const outcome = OUTCOME_OF_STATE[row.state]
      return outcome && row.at ? [{ channelId: row.channelId, outcome, at: row.at, count: row.count }] : []
    })
    const view = evaluateChannelHealth(outcomes, { now, windowSeconds })
    reading = { view, readAt: now.getTime() }
    return view
  }
}
