/**
 * The processor's writes to a payment and its attempts, each one conditional or leased so that
 * concurrent processes (API instances, jobs, callbacks) cannot undo each other's work.
 */
import { and, eq, isNull, lt, or } from 'drizzle-orm'
import type { Database } from '../db/database.js'
import type { Clock } from '../lib/clock.js'
import { paymentAttempts, payments, type AttemptState } from './payment-schema.js'
import { transitionPayment, type PaymentRow, type TransitionDeps } from './payment-transitions.js'

export type AttemptRow = typeof paymentAttempts.$inferSelect

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

  /** Moves a processing payment to paid_out, only if `attempt` is still its current attempt. */
  const markPaidOut = async (payment: PaymentRow, attempt: AttemptRow, channelReference: string | null, reason: string) => {
    await db.transaction(async (tx) => {
      const moved = await transitionPayment(tx, transitionDeps, { ...payment, status: 'processing' }, 'paid_out', reason, {
        detail: { channel: attempt.channelId, attempt: attempt.attempt },
        patch: { channelReference: channelReference ?? attempt.channelReference ?? payment.channelReference, nextActionAt: null },
        onlyIf: eq(payments.attemptCount, attempt.attempt),
      })
      if (moved) {
        await tx.update(paymentAttempts).set({ state: 'paid_out', channelReference: channelReference ?? attempt.channelReference, updatedAt: clock() }).where(eq(paymentAttempts.id, attempt.id))
      }
    })
  }

  const markReturned = async (payment: PaymentRow, attempt: AttemptRow, reason: string) => {
    await db.transaction(async (tx) => {
      const current = (await tx.select().from(payments).where(eq(payments.id, payment.id)).for('update'))[0]!
      if (current.status !== 'paid_out' || current.attemptCount !== attempt.attempt) return
      await tx.update(paymentAttempts).set({ state: 'returned', updatedAt: clock() }).where(eq(paymentAttempts.id, attempt.id))
      await transitionPayment(tx, transitionDeps, current, 'returned', reason, { detail: { channel: attempt.channelId } })
    })
  }

  return { claim, release, reload, setAttempt, schedule, failPayment, markPaidOut, markReturned }
}
