/**
 * Applying a verified channel callback to its payment: deduplicated by the channel's event id,
 * never moving a payment backwards, and recorded with its outcome in `channel_callbacks`.
 */
import { and, eq, sql } from 'drizzle-orm'
import type { ChannelCallback } from '../channels/index.js'
import type { Database } from '../db/database.js'
import { unnestPlaceholders, unnestValues } from '../db/pg-array.js'
import { preparedStatement } from '../db/prepared.js'
import type { Clock } from '../lib/clock.js'
import { channelCallbacks, paymentAttempts, payments } from './payment-schema.js'
import type { PaymentRow } from './payment-transitions.js'
import type { AttemptRow, PaymentWrites } from './payment-writes.js'

export type CallbackOutcome = 'applied' | 'duplicate' | 'stale' | 'unknown_payment'

export interface CallbackApplierDeps {
  db: Database
  clock: Clock
  logger: Pick<Console, 'error'>
  writes: PaymentWrites
  /** The processor's answer to a failed attempt (fail over or fail), run under the payment's lease. */
  attemptFailed: (payment: PaymentRow, attempt: AttemptRow, code: string, message: string) => Promise<void>
}

/** What a callback announces, and the payment statuses in which it changes nothing. */
const SETTLED_BY: Record<ChannelCallback['status'], readonly string[]> = {
  paid_out: ['paid_out', 'returned'],
  returned: ['returned'],
  failed: ['failed', 'paid_out', 'returned'],
  processing: [],
}

/** See recordCallbacks: its text built once, its columns filled per notification. */
const recordCallbacksStatement = preparedStatement<{ event_id: string; outcome: string }>(
  'channel_callback_record',
  sql`insert into channel_callbacks (channel_id, event_id, payment_id, status, outcome, received_at)
    select ${sql.placeholder('channel_id')}::text, v.event_id, v.payment_id, v.status,
      case when p.status in (v.a, v.b, v.c) then 'no_change' else 'received' end, ${sql.placeholder('received_at')}::timestamptz
    from ${unnestPlaceholders('v', { event_id: 'text', payment_id: 'text', status: 'text', a: 'text', b: 'text', c: 'text' })} left join payments p on p.id = v.payment_id
    on conflict do nothing
    returning event_id, outcome`,
)

/**
 * Records callbacks (deduplicated by event id) in one statement that reads their payments'
 * statuses: `no_change` for a notification of what is already settled (the common case: the
 * submit answer said so first), `received` for one to apply. Returns each event's recorded
 * outcome, `undefined` for an event recorded before (or earlier in the same list).
 */
async function recordCallbacks(db: Database, clock: Clock, channelId: string, callbacks: readonly ChannelCallback[]): Promise<(string | undefined)[]> {
  // An event id twice in one notification is recorded once: its first occurrence answers.
  const firstOf = new Map<string, number>()
  callbacks.forEach((callback, index) => firstOf.has(callback.eventId) || firstOf.set(callback.eventId, index))
  const fresh = callbacks.filter((callback, index) => firstOf.get(callback.eventId) === index)
  const settled = fresh.map((callback) => {
    const [a = '', b = a, c = b] = SETTLED_BY[callback.status]
    return [a, b, c] as const
  })
  const recorded = await recordCallbacksStatement(db, {
    channel_id: channelId,
    received_at: clock().toISOString(),
    ...unnestValues('v', {
      event_id: fresh.map((callback) => callback.eventId),
      payment_id: fresh.map((callback) => callback.paymentId),
      status: fresh.map((callback) => callback.status),
      a: settled.map(([a]) => a),
      b: settled.map(([, b]) => b),
      c: settled.map(([, , c]) => c),
    }),
  })
  const outcomeOf = new Map(recorded.map((row) => [row.event_id, row.outcome]))
  return callbacks.map((callback, index) => (firstOf.get(callback.eventId) === index ? outcomeOf.get(callback.eventId) : undefined))
}

/**
 * Applies the callbacks of one notification, in order: all recorded in one statement, then
 * each one that can change something applied on its own.
 *
 * @example const applyCallbacks = createCallbackApplier({ db, clock, logger, writes, attemptFailed })
 */
export function createCallbackApplier(deps: CallbackApplierDeps): (channelId: string, callbacks: readonly ChannelCallback[]) => Promise<CallbackOutcome[]> {
  const { db, clock } = deps
  const apply = createRecordedCallbackApplier(deps)
  return async (channelId, callbacks) => {
    if (callbacks.length === 0) return []
    const recorded = await recordCallbacks(db, clock, channelId, callbacks)
    const outcomes: CallbackOutcome[] = []
    for (const [index, callback] of callbacks.entries()) {
      const outcome = recorded[index]
      outcomes.push(outcome === undefined ? 'duplicate' : outcome === 'no_change' ? 'stale' : await apply(channelId, callback))
    }
    return outcomes
  }
}

/** Applies one recorded callback that may change its payment, and notes what it came to. */
function createRecordedCallbackApplier(deps: CallbackApplierDeps): (channelId: string, callback: ChannelCallback) => Promise<CallbackOutcome> {
  const { db, clock, logger } = deps
  const { claim, release, reload, setAttempt, schedule, markPaidOut, markReturned } = deps.writes
  return async (channelId, callback) => {
    const [payment] = await db.select().from(payments).where(eq(payments.id, callback.paymentId))
    const [attempt] = payment
      ? await db.select().from(paymentAttempts).where(and(eq(paymentAttempts.paymentId, payment.id), eq(paymentAttempts.attempt, callback.attempt), eq(paymentAttempts.channelId, channelId)))
      : []
    const note = (outcome: string) =>
      db.update(channelCallbacks).set({ outcome }).where(and(eq(channelCallbacks.channelId, channelId), eq(channelCallbacks.eventId, callback.eventId)))
    if (!payment || !attempt) {
      await note('unknown_payment')
      return 'unknown_payment'
    }
    if (attempt.attempt !== payment.attemptCount) {
      if (callback.status === 'paid_out') logger.error(`payment ${payment.id}: ${channelId} reports a payout for superseded attempt ${attempt.attempt}`)
      await note('stale_attempt')
      return 'stale'
    }
    const before = payment.status
    switch (callback.status) {
      case 'paid_out':
        await markPaidOut(payment, attempt, callback.channelReference, `${channelId} notified the payout`)
        break
      case 'returned':
        await markPaidOut(payment, attempt, callback.channelReference, `${channelId} notified the payout`)
        await markReturned(await reload(payment.id), attempt, `${channelId} notified a return`)
        break
      case 'failed':
        if (payment.status === 'processing') {
          const claimed = await claim(payment.id)
          if (!claimed) {
            await schedule(payment.id, clock()) // someone is on it; make sure it is looked at again
            break
          }
          try {
            await deps.attemptFailed(claimed, attempt, callback.code ?? 'failed', callback.message ?? `${channelId} notified a failure`)
          } finally {
            await release(payment.id)
          }
        }
        break
      case 'processing':
        if (attempt.state === 'submitting' || attempt.state === 'ambiguous') await setAttempt(attempt, 'accepted', { channelReference: callback.channelReference })
        break
    }
    const after = (await reload(payment.id)).status
    await note(after === before ? 'no_change' : `moved_${before}_to_${after}`)
    return after === before ? 'stale' : 'applied'
  }
}
