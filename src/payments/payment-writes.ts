/**
 * The processor's writes to a payment and its attempts, each one conditional or leased so that
 * concurrent processes (API instances, jobs, callbacks) cannot undo each other's work.
 */
import { and, eq, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm'
import type { Database } from '../db/database.js'
import { unnestPlaceholders, unnestValues } from '../db/pg-array.js'
import { preparedStatement } from '../db/prepared.js'
import type { Clock } from '../lib/clock.js'
import { paymentAttempts, payments, type AttemptState } from './payment-schema.js'
import { entryFor, postOrThrow, transitionPayment, type PaymentRow, type TransitionDeps } from './payment-transitions.js'

export type AttemptRow = typeof paymentAttempts.$inferSelect
export type PaymentWrites = ReturnType<typeof createPaymentWrites>

/** The row of an attempt, by its key (payment, attempt number). */
export const attemptKey = (attempt: Pick<AttemptRow, 'paymentId' | 'attempt'>): SQL =>
  and(eq(paymentAttempts.paymentId, attempt.paymentId), eq(paymentAttempts.attempt, attempt.attempt))!

/** No process holds the payment's lease at `now` (never taken, released, or expired). */
export const leaseFree = (now: Date): SQL => or(isNull(payments.lockedUntil), lt(payments.lockedUntil, now))!

/** Its next action is due at `now` and no process holds it. */
export const dueAndFree = (now: Date): SQL => and(lte(payments.nextActionAt, now), leaseFree(now))!

/** A new attempt at a channel, before anything is sent. */
export interface NewAttempt {
  number: number
  channelId: string
  eventId: string
  reason: string
  nextActionAt: Date
}

/** A payout the channel confirmed, for `markPaidOutMany`. */
export interface PaidOut {
  payment: PaymentRow
  attempt: AttemptRow
  channelReference: string | null
  reason: string
}

/** Thrown inside a transaction when the ledger refused a batch's entries: roll back, post them one by one. */
class PostAlone extends Error {}

/** The time of a write and whether it claims the lease, as the statements below take them. */
const atParam = sql`${sql.placeholder('at')}::timestamptz`
const claimParam = sql`${sql.placeholder('claim')}::boolean`
const START_COLUMNS = {
  payment_id: 'text',
  event_id: 'text',
  channel_id: 'text',
  attempt: 'int',
  idempotency_key: 'text',
  next_action_at: 'timestamptz',
  reason: 'text',
  detail: 'jsonb',
}
/** See startAttempts. */
const startAttemptsStatement = preparedStatement<{ id: string }>(
  'payment_start_attempts',
  sql`with v as (select * from ${unnestPlaceholders('v', START_COLUMNS)}),
      moved as (
        update payments p set status = 'processing', channel_id = v.channel_id, attempt_count = v.attempt,
          channel_reference = null, next_action_at = v.next_action_at, updated_at = ${atParam},
          locked_until = case when ${claimParam} then ${sql.placeholder('lease_until')}::timestamptz else p.locked_until end
        from v
        -- Status compared as an expression: the plan must find each row by its id, never scan the
        -- (status, next_action_at) index, whose entries for a status pile up between vacuums.
        where p.id = v.payment_id and (p.status || '') = 'pending'
          and (not ${claimParam} or p.locked_until is null or p.locked_until < ${atParam})
        returning p.id, p.merchant_id, v.event_id, v.channel_id, v.attempt, v.idempotency_key, v.reason, v.detail
      ), attempt as (
        insert into payment_attempts (payment_id, attempt, channel_id, channel_idempotency_key, state, created_at, updated_at)
        select id, attempt, channel_id, idempotency_key, 'submitting', ${atParam}, ${atParam}
        from moved
      ), event as (
        insert into payment_events (id, payment_id, merchant_id, from_status, to_status, reason, detail, created_at)
        select event_id, id, merchant_id, 'pending', 'processing', reason, detail, ${atParam}
        from moved
      )
      select id from moved`,
)
const PAID_OUT_COLUMNS = {
  payment_id: 'text',
  attempt: 'int',
  reference: 'text',
  attempt_reference: 'text',
  event_id: 'text',
  reason: 'text',
  detail: 'jsonb',
}
/** See movePaidOut. */
const markPaidOutStatement = preparedStatement<{ id: string }>(
  'payment_mark_paid_out',
  sql`with v as (select * from ${unnestPlaceholders('v', PAID_OUT_COLUMNS)}),
      moved as (
        update payments p set status = 'paid_out', channel_reference = v.reference, next_action_at = null, updated_at = ${atParam},
          locked_until = case when ${sql.placeholder('release')}::boolean then null else p.locked_until end
        from v
        -- By id, not by the status index (see payment_start_attempts).
        where p.id = v.payment_id and (p.status || '') = 'processing' and p.attempt_count = v.attempt
        returning p.id, p.merchant_id, v.attempt, v.attempt_reference, v.event_id, v.reason, v.detail
      ), attempt as (
        update payment_attempts a set state = 'paid_out', channel_reference = moved.attempt_reference, updated_at = ${atParam}
        from moved where a.payment_id = moved.id and a.attempt = moved.attempt
      ), event as (
        insert into payment_events (id, payment_id, merchant_id, from_status, to_status, reason, detail, created_at)
        select event_id, id, merchant_id, 'processing', 'paid_out', reason, detail, ${atParam}
        from moved
      )
      select id from moved`,
)

/** @example const writes = createPaymentWrites({ db, transitionDeps, clock, leaseMs: 60_000 }) */
export function createPaymentWrites(deps: { db: Database; transitionDeps: TransitionDeps; clock: Clock; leaseMs: number }) {
  const { db, transitionDeps, clock } = deps

  const claim = async (paymentId: string): Promise<PaymentRow | undefined> => {
    const now = clock()
    const [payment] = await db
      .update(payments)
      .set({ lockedUntil: new Date(now.getTime() + deps.leaseMs) })
      .where(and(eq(payments.id, paymentId), leaseFree(now)))
      .returning()
    return payment
  }
  const release = (paymentId: string) => db.update(payments).set({ lockedUntil: null }).where(eq(payments.id, paymentId))
  const reload = async (paymentId: string) => (await db.select().from(payments).where(eq(payments.id, paymentId)))[0]!
  const setAttempt = (attempt: AttemptRow, state: AttemptState, patch: Partial<AttemptRow> = {}) =>
    db.update(paymentAttempts).set({ ...patch, state, updatedAt: clock() }).where(attemptKey(attempt))
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
   * Moves pending payments to processing, each at its attempt's channel with its attempt
   * number: the status, the attempt row (state `submitting`, written before anything leaves, so
   * a crash after it is resolved by asking the channel) and the event, for all of them in one
   * statement. With `claim`, the same statement takes each payment's lease, and passes over a
   * payment another process holds. Returns the attempts of the payments it moved.
   */
  const startAttempts = async (starts: Array<{ payment: PaymentRow; attempt: NewAttempt }>, options: { claim: boolean }): Promise<Map<string, AttemptRow>> => {
    const now = clock()
    const at = now.toISOString()
    const moved = await startAttemptsStatement(db, {
      at,
      claim: options.claim,
      lease_until: new Date(now.getTime() + deps.leaseMs).toISOString(),
      ...unnestValues('v', {
        payment_id: starts.map(({ payment }) => payment.id),
        event_id: starts.map(({ attempt }) => attempt.eventId),
        channel_id: starts.map(({ attempt }) => attempt.channelId),
        attempt: starts.map(({ attempt }) => attempt.number),
        idempotency_key: starts.map(({ payment, attempt }) => `${payment.id}:${attempt.number}`),
        next_action_at: starts.map(({ attempt }) => attempt.nextActionAt.toISOString()),
        reason: starts.map(({ attempt }) => attempt.reason),
        detail: starts.map(({ attempt }) => JSON.stringify({ channel: attempt.channelId, attempt: attempt.number })),
      }),
    })
    const movedIds = new Set(moved.map((row) => row.id))
    return new Map(
      starts
        .filter(({ payment }) => movedIds.has(payment.id))
        .map(({ payment, attempt }) => [
          payment.id,
          {
            paymentId: payment.id,
            attempt: attempt.number,
            channelId: attempt.channelId,
            channelIdempotencyKey: `${payment.id}:${attempt.number}`,
            state: 'submitting',
            channelReference: null,
            errorCode: null,
            errorMessage: null,
            createdAt: now,
            updatedAt: now,
          } satisfies AttemptRow,
        ]),
    )
  }

  /** {@link startAttempts} for one payment: its attempt, or `undefined` when it was not moved. */
  const startAttempt = async (payment: PaymentRow, attempt: NewAttempt & { claim: boolean }): Promise<AttemptRow | undefined> =>
    (await startAttempts([{ payment, attempt }], { claim: attempt.claim })).get(payment.id)

  /**
   * Moves processing payments to paid_out, each only if its `attempt` is still its current
   * attempt, with their ledger entries, in one transaction: the statuses, the attempts and the
   * events in one statement, sent together with one ledger statement for every entry (the
   * payouts of a batch are this process's, under its leases, so all of them move; their entries
   * share one shard of the house and channel accounts, see shardKey). Should a payout not move
   * or the ledger refuse the entries, that transaction rolls back and the payouts are moved one
   * by one, where a refusal is a bug and aborts. With `releaseLease` (the caller holds them) the
   * moves release the leases. Returns the ids of the payments this call moved.
   */
  const markPaidOutMany = async (payouts: PaidOut[], options: { releaseLease?: boolean } = {}): Promise<Set<string>> => {
    if (payouts.length > 1) {
      const shardKey = payouts[0]!.payment.id
      const moved = await db
        .transaction(async (tx) => {
          const [rows, posted] = await Promise.all([movePaidOut(tx, payouts, options), transitionDeps.ledger.postEntries(tx, payouts.map((payout) => paidOutEntry(payout, shardKey)))])
          if (rows.length < payouts.length || !posted.posted) throw new PostAlone()
          return new Set(rows.map((row) => row.id))
        })
        .catch((error: unknown) => {
          if (error instanceof PostAlone) return undefined
          throw error
        })
      if (moved) return moved
    }
    const moved = new Set<string>()
    for (const payout of payouts) {
      const movedIt = await db.transaction(async (tx) => {
        if ((await movePaidOut(tx, [payout], options)).length === 0) return false
        await postOrThrow(transitionDeps.ledger, tx, paidOutEntry(payout))
        return true
      })
      if (movedIt) moved.add(payout.payment.id)
    }
    return moved
  }

  const paidOutEntry = ({ payment, attempt }: PaidOut, shardKey?: string) => entryFor({ ...payment, channelId: attempt.channelId }, 'paid_out', shardKey)!

  /** The move to paid_out of the payouts whose attempt is still current; the ids it moved. */
  const movePaidOut = (tx: Database, payouts: PaidOut[], options: { releaseLease?: boolean }) => {
    return markPaidOutStatement(tx, {
      at: clock().toISOString(),
      release: options.releaseLease ?? false,
      ...unnestValues('v', {
        payment_id: payouts.map(({ payment }) => payment.id),
        attempt: payouts.map(({ attempt }) => attempt.attempt),
        reference: payouts.map(({ payment, attempt, channelReference }) => channelReference ?? attempt.channelReference ?? payment.channelReference),
        attempt_reference: payouts.map(({ attempt, channelReference }) => channelReference ?? attempt.channelReference),
        event_id: payouts.map(() => transitionDeps.ids('evt')),
        reason: payouts.map(({ reason }) => reason),
        detail: payouts.map(({ attempt }) => JSON.stringify({ channel: attempt.channelId, attempt: attempt.attempt })),
      }),
    })
  }

  /** {@link markPaidOutMany} for one payment: whether this call moved it. */
  const markPaidOut = async (payment: PaymentRow, attempt: AttemptRow, channelReference: string | null, reason: string, options: { releaseLease?: boolean } = {}) =>
    (await markPaidOutMany([{ payment, attempt, channelReference, reason }], options)).has(payment.id)

  const markReturned = async (payment: PaymentRow, attempt: AttemptRow, reason: string) => {
    await db.transaction(async (tx) => {
      const current = (await tx.select().from(payments).where(eq(payments.id, payment.id)).for('update'))[0]!
      if (current.status !== 'paid_out' || current.attemptCount !== attempt.attempt) return
      await tx.update(paymentAttempts).set({ state: 'returned', updatedAt: clock() }).where(attemptKey(attempt))
      await transitionPayment(tx, transitionDeps, current, 'returned', reason, { detail: { channel: attempt.channelId } })
    })
  }

  return { claim, release, reload, setAttempt, schedule, startAttempt, startAttempts, failPayment, markPaidOut, markPaidOutMany, markReturned }
}
