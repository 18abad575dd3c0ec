/**
 * Channel health for routing, from the attempts table aggregated in SQL, so every instance sees
 * the same. Each channel is judged on the attempts it was last given within the window (at most
 * `recentAttempts`, newest first through the (channel, created_at) index) in their current
 * state, the time of each outcome counting for the cool-off; so a reading costs the same at 10
 * payments a minute as at 1,000 a second. One process reuses a reading for a second: it is a
 * routing hint, not a correctness need.
 */
import { sql } from 'drizzle-orm'
import type { Database } from '../db/database.js'
import { pgArray } from '../db/pg-array.js'
import { preparedStatement } from '../db/prepared.js'
import type { Clock } from '../lib/clock.js'
import { evaluateChannelHealth, type AttemptOutcome, type ChannelHealthView } from '../routing/index.js'
import type { AttemptState } from './payment-schema.js'

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

/** Attempts per channel a reading looks at, newest first. */
export const DEFAULT_RECENT_ATTEMPTS = 200

/** Per channel and state: how many of its recent attempts are in it, and the latest change. */
const recentOutcomesStatement = preparedStatement<{ channel_id: string; state: AttemptState; at_ms: string; count: number }>(
  'channel_health_recent',
  sql`select c.channel_id, a.state, floor(extract(epoch from max(a.updated_at)) * 1000)::bigint::text as at_ms, count(*)::int as count
    from unnest(${sql.placeholder('channel_ids')}::text[]) as c (channel_id)
    cross join lateral (
      select state, updated_at from payment_attempts
      where payment_attempts.channel_id = c.channel_id and payment_attempts.created_at >= ${sql.placeholder('since')}::timestamptz
      order by payment_attempts.created_at desc
      limit ${sql.placeholder('recent')}::int
    ) as a
    group by c.channel_id, a.state`,
)

export interface ChannelHealthReaderDeps {
  db: Database
  clock: Clock
  /** The channels to judge (the registry's). */
  channelIds: () => readonly string[]
  windowSeconds?: number
  /** At most this many attempts per channel, the latest started in the window (default 200). */
  recentAttempts?: number
  reuseMs?: number
}

/** @example const health = createChannelHealthReader({ db, clock, channelIds: () => channels.list().map((c) => c.id) }); planRoute(request, channels, { health: await health() }) */
export function createChannelHealthReader(deps: ChannelHealthReaderDeps): () => Promise<ChannelHealthView> {
  const windowSeconds = deps.windowSeconds ?? 300
  const recentAttempts = deps.recentAttempts ?? DEFAULT_RECENT_ATTEMPTS
  const reuseMs = deps.reuseMs ?? 1000
  let reading: { view: ChannelHealthView; readAt: number } | undefined
  return async () => {
    const now = deps.clock()
    if (reading && Math.abs(now.getTime() - reading.readAt) < reuseMs) return reading.view
    const rows = await recentOutcomesStatement(deps.db, {
      channel_ids: pgArray(deps.channelIds()),
      since: new Date(now.getTime() - windowSeconds * 1000).toISOString(),
      recent: recentAttempts,
    })
    const outcomes = rows.flatMap((row) => {
      const outcome = OUTCOME_OF_STATE[row.state]
      return outcome ? [{ channelId: row.channel_id, outcome, at: new Date(Number(row.at_ms)), count: Number(row.count) }] : []
    })
    const view = evaluateChannelHealth(outcomes, { now, windowSeconds })
    reading = { view, readAt: now.getTime() }
    return view
  }
}
