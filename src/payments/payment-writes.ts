/**
 * The processor's writes to a payment and its attempts, each one conditional or leased so that
 * concurrent processes (API instances, jobs, callbacks) cannot undo each other's work.
 */
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm'
import type { Database } from '../db/database.js'
import { runPrepared } from '../db/prepared.js'
import type { Clock } from '../lib/clock.js'
import { paymentAttempts, payments, type AttemptState } from './payment-schema.js'
import { entryFor, postOrThrow, transitionPayment, type PaymentRow, type TransitionDeps } from './payment-transitions.js'

export type AttemptRow = typeof paymentAttempts.$inferSelect
export type PaymentWrites = ReturnType<typeof createPaymentWrites>

/** @example const writes = createPaymentWrites({ db, transitionDeps, clock, leaseMs: 60_000 }) */
export function createPaymentWrites(deps: { db: Database; transitionDeps: TransitionDeps; clock: Clock; leaseMs: number }) {
  const { db, transitionDeps, clock } = deps

  const claim = async (paymentId: string): Promise<PaymentRow | undefined> => {
    const now = clock()
    const [payment] = await db
      .update(payments)
      .set({ lockedUntil: new Date(now.getTime() + deps.leaseMs) })
      .where(and(eq(payments.id, paymentId), or(isNull(payments.lockedUntil), lt(payments.lockedUntil, now))))
      .returning()
    return payment
  }
  const release = (paymentId: string) => db.update(payments).set({ lockedUntil: null }).where(eq(payments.id, paymentId))
  const reload = async (paymentId: string) => (await db.select().from(payments).where(eq(payments.id, paymentId)))[0]!
  const setAttempt = (attempt: AttemptRow, state: AttemptState, patch: Partial<AttemptRow> = {}) =>
    db.update(paymentAttempts).set({ ...patch, state, updatedAt: clock() }).where(eq(paymentAttempts.id, attempt.id))
  const schedule = (paymentId: string, at: Date | null) => db.update(payments).set({ nextActionAt: at }).where(eq(payments.id, paymentId))

  /** Final failure: the payment ends `failed` and its funds go back to the merchant. */
  const failPayment = async (payment: PaymentRow, code: string, message: string) => {
    await db.transaction((tx) =>
      transitionPayment(tx, transitionDeps, payment, 'failed', message, {
        detail: { code },
        patch: { failureCode: code, failureMessage: message, nextActionAt: null },
      }),
    )
  }

  /**
   * Moves a pending payment to processing at `channelId` with attempt number `attempt`: the
   * status, the attempt row (state `submitting`, written before anything leaves, so a crash
   * after it is resolved by asking the channel) and the event, in one statement. With `claim`,
   * the same statement takes the payment's lease, and finds nothing if another process holds it.
   * Returns the attempt, or `undefined` when the payment was not pending (or not claimable).
   */
  const startAttempt = async (
    payment: PaymentRow,
    attempt: { id: string; number: number; channelId: string; eventId: string; reason: string; nextActionAt: Date; claim: boolean },
  ): Promise<AttemptRow | undefined> => {
    const now = clock()
    const at = now.toISOString()
    const idempotencyKey = `${payment.id}:${attempt.number}`
    const detail = JSON.stringify({ channel: attempt.channelId, attempt: attempt.number })
    const rows = await runPrepared(
      db,
      'payment_start_attempt',
      sql`with moved as (
        update payments set status = 'processing', channel_id = ${attempt.channelId}::text, attempt_count = ${attempt.number}::int,
          channel_reference = null, next_action_at = ${attempt.nextActionAt.toISOString()}::timestamptz, updated_at = ${at}::timestamptz,
          locked_until = case when ${attempt.claim}::boolean then ${new Date(now.getTime() + deps.leaseMs).toISOString()}::timestamptz else locked_until end
        where id = ${payment.id}::text and status = 'pending'
          and (not ${attempt.claim}::boolean or locked_until is null or locked_until < ${at}::timestamptz)
        returning id, merchant_id
      ), attempt as (
        insert into payment_attempts (id, payment_id, attempt, channel_id, channel_idempotency_key, state, created_at, updated_at)
        select ${attempt.id}::text, id, ${attempt.number}::int, ${attempt.channelId}::text, ${idempotencyKey}::text, 'submitting', ${at}::timestamptz, ${at}::timestamptz
        from moved
        returning id
      ), event as (
        insert into payment_events (id, payment_id, merchant_id, from_status, to_status, reason, detail, created_at)
        select ${attempt.eventId}::text, id, merchant_id, 'pending', 'processing', ${attempt.reason}::text, ${detail}::jsonb, ${at}::timestamptz
        from moved
      )
      select id from attempt`,
    )
    if (rows.length === 0) return undefined
    return {
      id: attempt.id,
      paymentId: payment.id,
      attempt: attempt.number,
      channelId: attempt.channelId,
      channelIdempotencyKey: idempotencyKey,
      state: 'submitting',
      channelReference: null,
      errorCode: null,
      errorMessage: null,
      createdAt: now,
      updatedAt: now,
    }
  }

  /**
   * Moves a processing payment to paid_out, only if `attempt` is still its current attempt: the
   * status, the attempt and the event in one statement, then the ledger entry, in one
   * transaction. With `releaseLease` (the caller holds it) the same statement releases the lease.
   * Returns whether this call moved the payment.
   */
  const markPaidOut = async (payment: PaymentRow, attempt: AttemptRow, channelReference: string | null, reason: string, options: { releaseLease?: boolean } = {}) =>
    db.transaction(async (tx) => {
      const at = clock().toISOString()
      const reference = channelReference ?? attempt.channelReference ?? payment.channelReference
      const detail = JSON.stringify({ channel: attempt.channelId, attempt: attempt.attempt })
      const moved = await runPrepared(
        tx,
        'payment_mark_paid_out',
        sql`with moved as (
          update payments set status = 'paid_out', channel_reference = ${reference}::text, next_action_at = null, updated_at = ${at}::timestamptz,
            locked_until = case when ${options.releaseLease ?? false}::boolean then null else locked_until end
          where id = ${payment.id}::text and status = 'processing' and attempt_count = ${attempt.attempt}::int
          returning id, merchant_id
        ), attempt as (
          update payment_attempts set state = 'paid_out', channel_reference = ${channelReference ?? attempt.channelReference}::text, updated_at = ${at}::timestamptz
          where id = ${attempt.id}::text and exists (select 1 from moved)
        ), event as (
          insert into payment_events (id, payment_id, merchant_id, from_status, to_status, reason, detail, created_at)
          select ${transitionDeps.ids('evt')}::text, id, merchant_id, 'processing', 'paid_out', ${reason}::text, ${detail}::jsonb, ${at}::timestamptz
          from moved
        )
        select id from moved`,
      )
      if (moved.length === 0) return false
      await postOrThrow(transitionDeps.ledger, tx, entryFor({ ...payment, channelId: attempt.channelId }, 'paid_out')!)
      return true
    })

  const markReturned = async (payment: PaymentRow, attempt: AttemptRow, reason: string) => {
    await db.transaction(async (tx) => {
      const current = (await tx.select().from(payments).where(eq(payments.id, payment.id)).for('update'))[0]!
      if (current.status !== 'paid_out' || current.attemptCount !== attempt.attempt) return
      await tx.update(paymentAttempts).set({ state: 'returned', updatedAt: clock() }).where(eq(paymentAttempts.id, attempt.id))
      await transitionPayment(tx, transitionDeps, current, 'returned', reason, { detail: { channel: attempt.channelId } })
    })
  }

  return { claim, release, reload, setAttempt, schedule, startAttempt, failPayment, markPaidOut, markReturned }
}
