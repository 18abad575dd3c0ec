/**
 * Moves funded payments through the channels: routes, submits, fails over on definitive
 * declines, and settles ambiguous outcomes by asking the channel before doing anything else,
 * so a payment is never paid out twice. Every step is claimed with a lease on the payment row,
 * so any number of processes (API instances, jobs) can run it concurrently.
 */
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { NormalizedAccount } from '../beneficiaries/index.js'
import {
  sendChannelRequest,
  submitOutcomeOf,
  type ChannelCallback,
  type ChannelCredentials,
  type ChannelRegistry,
  type ChannelStatus,
  type PayoutChannel,
  type SubmitOutcome,
} from '../channels/index.js'
import type { Defer } from '../db/batcher.js'
import type { Database } from '../db/database.js'
import type { LedgerService } from '../ledger/index.js'
import type { Clock } from '../lib/clock.js'
import type { IdGenerator } from '../lib/ids.js'
import { planRoute, type RoutingOptions } from '../routing/index.js'
import type { AccountCipher } from './account-crypto.js'
import { createChannelHealthReader } from './channel-health.js'
import { payoutInstruction } from './payout-instruction.js'
import { paymentAttempts, payments } from './payment-schema.js'
import type { PaymentRow, TransitionDeps } from './payment-transitions.js'
import { createCallbackApplier, type CallbackOutcome } from './payment-callbacks.js'
import { createFirstAttemptQueue } from './payment-first-attempts.js'
import { attemptKey, createPaymentWrites, dueAndFree, type AttemptRow } from './payment-writes.js'

export interface ProcessorOptions {
  /** Timeout of one channel request. */
  requestTimeoutMs: number
  /** How long after an ambiguous submission a "never received" status is trusted. */
  ambiguousGraceMs: number
  /** Delay before polling an accepted payout whose callback has not come. */
  pollIntervalMs: number
  /** Lease on a payment while one process works on it. */
  leaseMs: number
  /** Submissions per payment before giving up. */
  maxAttempts: number
  /**
   * How long freshly created payments wait to be sent together (one bulk request per channel,
   * one statement per step for all of them). 0 sends each event-loop turn's payments at once.
   * Applies only with a scheduler (`defer`): without one every payment is sent alone.
   */
  dispatchWindowMs: number
  routing?: Omit<RoutingOptions, 'health'>
}

export const DEFAULT_PROCESSOR_OPTIONS: ProcessorOptions = {
  requestTimeoutMs: 10_000,
  ambiguousGraceMs: 30_000,
  pollIntervalMs: 60_000,
  leaseMs: 60_000,
  maxAttempts: 5,
  dispatchWindowMs: 0,
}

export interface PaymentProcessorDeps {
  db: Database
  ledger: LedgerService
  channels: ChannelRegistry
  credentialsFor: (channelId: string) => ChannelCredentials
  cipher: AccountCipher
  clock: Clock
  ids: IdGenerator
  fetch?: typeof fetch
  logger?: Pick<Console, 'error' | 'info'>
  options?: Partial<ProcessorOptions>
  /** Next-turn scheduler (Node: `setImmediate`): payments created together are sent together. */
  defer?: Defer | undefined
}

export type ProcessOutcome = 'busy' | 'not_found' | 'idle' | 'worked'

export type { CallbackOutcome }

/** Whether this call holds the payment's lease, and whether a final write already released it. */
export interface Lease {
  held: boolean
  released: boolean
}

export interface PaymentProcessor {
  /** Does whatever the payment needs now (submit, fail over, poll). Safe to call any time, anywhere. */
  process(paymentId: string): Promise<ProcessOutcome>
  /**
   * Submits a payment this process has just created (pending, never attempted), skipping the
   * reads `process` starts with: the first write takes the lease together with the attempt.
   * `account` is the payment's beneficiary account as checked at creation, when the caller has
   * it: the instruction is built from it instead of decrypting the stored one.
   */
  processCreated(payment: PaymentRow, account?: NormalizedAccount): Promise<ProcessOutcome>
  /**
   * Applies the verified callbacks of one notification, in order (deduplicated by event id,
   * never moving a payment backwards); one outcome per callback.
   */
  applyCallbacks(channelId: string, callbacks: readonly ChannelCallback[]): Promise<CallbackOutcome[]>
  /**
   * Submits up to `limit` pending payments that were never attempted and are due (a hand-off
   * lost to a crash, or every new payment with `PAYMENTS_SUBMIT_IN_REQUEST=false`), oldest
   * first, through the same path as `processCreated`: routed together, one statement for their
   * leases and attempts, one bulk request per channel. Passes over `skip` and payments another
   * process holds. Returns each payment's outcome.
   */
  submitPending(limit: number, skip?: ReadonlySet<string>): Promise<Map<string, ProcessOutcome>>
  /** Payments whose next action is due, oldest first (for the job). */
  due(limit: number): Promise<string[]>
}

/** @example const processor = createPaymentProcessor({ db, ledger, channels, credentialsFor, cipher, clock, ids }) */
export function createPaymentProcessor(deps: PaymentProcessorDeps): PaymentProcessor {
  const { db, channels, clock, ids } = deps
  const options: ProcessorOptions = { ...DEFAULT_PROCESSOR_OPTIONS, ...deps.options }
  const logger = deps.logger ?? console
  const transitionDeps: TransitionDeps = { ledger: deps.ledger, clock, ids }
  const later = (ms: number) => new Date(clock().getTime() + ms)

  const writes = createPaymentWrites({ db, transitionDeps, clock, leaseMs: options.leaseMs })
  const { claim, release, reload, setAttempt, schedule, startAttempt, failPayment, markPaidOut, markReturned } = writes
  const health = createChannelHealthReader({ db, clock, channelIds: () => channels.list().map((channel) => channel.id) })
  const applyCallbacks = createCallbackApplier({
    db,
    clock,
    logger,
    writes,
    // The applier claims the payment before a failure moves it on.
    attemptFailed: (payment, attempt, code, message) => attemptFailed(payment, attempt, code, message, { held: true, released: false }),
  })

  /** The channel says this attempt failed: try the next channel when the code allows it. */
  const attemptFailed = async (payment: PaymentRow, attempt: AttemptRow, code: string, message: string, lease: Lease) => {
    const info = channels.errorFor(attempt.channelId, code)
    await setAttempt(attempt, 'failed', { errorCode: code, errorMessage: message })
    if (info.retryable) return submit(await reload(payment.id), undefined, lease)
    await failPayment(payment, info.unifiedCode ?? code, message)
  }

  /** Plans the route of a payment's next attempt, leaving out the channels that declined it. */
  async function routeOf(payment: PaymentRow, attempts: AttemptRow[]) {
    const declinedAt = attempts.filter((attempt) => attempt.state === 'declined' || attempt.state === 'failed').map((attempt) => attempt.channelId)
    return planRoute(
      {
        amountMinor: payment.targetAmountMinor,
        currency: payment.targetCurrency,
        destinationCountry: payment.destinationCountry,
        sourceCountry: payment.sourceCountry,
        accountType: payment.accountType,
        now: clock(),
        excludeChannelIds: declinedAt,
      },
      channels.list(),
      { ...options.routing, health: await health() },
    )
  }

  async function submit(payment: PaymentRow, knownAttempts: AttemptRow[] | undefined, lease: Lease): Promise<void> {
    if (payment.status !== 'pending' && payment.status !== 'processing') return
    const attempts = knownAttempts ?? (await db.select().from(paymentAttempts).where(eq(paymentAttempts.paymentId, payment.id)).orderBy(asc(paymentAttempts.attempt)))
    if (attempts.length >= options.maxAttempts) {
      await failPayment(payment, 'attempts_exhausted', `No channel paid this out after ${attempts.length} attempts`)
      return
    }
    const plan = await routeOf(payment, attempts)
    const candidate = plan.candidates[0]
    if (!candidate) {
      if (plan.rejected.length > 0 && plan.rejected.every((rejection) => rejection.reason === 'circuit_open' || rejection.reason === 'excluded') && plan.rejected.some((r) => r.reason === 'circuit_open')) {
        await schedule(payment.id, later(options.pollIntervalMs)) // unhealthy channels may recover
        return
      }
      const why = plan.rejected.map((rejection) => `${rejection.channelId}: ${rejection.reason}`).join(', ')
      await failPayment(payment, 'no_route', `No channel can pay this out (${why})`)
      return
    }
    await sendAttempt(payment, candidate.channel, attempts.length + 1, lease)
  }

  /**
   * Submits attempt `attemptNumber` to `channel` and acts on the answer. When `lease` is not
   * held yet (a payment this process just created), the attempt's first write takes it, and
   * nothing is sent when another process holds it.
   */
  async function sendAttempt(payment: PaymentRow, channel: PayoutChannel, attemptNumber: number, lease: Lease): Promise<void> {
    // Record the intent before anything leaves: a crash after this is resolved by asking the channel.
    let attempt: AttemptRow
    if (payment.status === 'pending') {
      const started = await startAttempt(payment, {
        number: attemptNumber,
        channelId: channel.id,
        eventId: ids('evt'),
        reason: `submitted to ${channel.id}`,
        nextActionAt: later(options.ambiguousGraceMs),
        claim: !lease.held,
      })
      if (!started) {
        if (!lease.held) return
        throw new Error(`payment ${payment.id} left pending while claimed`)
      }
      lease.held = true
      attempt = started
      payment = { ...payment, status: 'processing', channelId: channel.id, attemptCount: attemptNumber, channelReference: null }
    } else {
      attempt = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(paymentAttempts)
          .values({
            paymentId: payment.id,
            attempt: attemptNumber,
            channelId: channel.id,
            channelIdempotencyKey: `${payment.id}:${attemptNumber}`,
            state: 'submitting',
            createdAt: clock(),
            updatedAt: clock(),
          })
          .returning()
        await tx
          .update(payments)
          .set({ channelId: channel.id, attemptCount: attemptNumber, channelReference: null, nextActionAt: later(options.ambiguousGraceMs), updatedAt: clock() })
          .where(eq(payments.id, payment.id))
        return row!
      })
    }
    const account = JSON.parse(await deps.cipher.decrypt(payment.accountCiphertext)) as NormalizedAccount
    const credentials = deps.credentialsFor(channel.id)
    const request = await channel.buildSubmitRequest(payoutInstruction(payment, attemptNumber, account), credentials)
    const result = await sendChannelRequest(credentials, request, transportOptions())
    await actOnSubmitOutcome(payment, attempt, channel, submitOutcomeOf(channel, result), lease)
  }

  /** What the channel's answer to a submission means for the payment, under its lease. */
  async function actOnSubmitOutcome(payment: PaymentRow, attempt: AttemptRow, channel: PayoutChannel, outcome: SubmitOutcome, lease: Lease): Promise<void> {
    switch (outcome.kind) {
      case 'accepted':
        if (outcome.status === 'paid_out') {
          lease.released = await markPaidOut(payment, attempt, outcome.channelReference, `paid out by ${channel.id}`, { releaseLease: true })
        } else {
          // A callback may already have settled this attempt: record the acceptance only if not.
          await db
            .update(paymentAttempts)
            .set({ state: 'accepted', channelReference: outcome.channelReference, updatedAt: clock() })
            .where(and(attemptKey(attempt), eq(paymentAttempts.state, 'submitting')))
          await db
            .update(payments)
            .set({ channelReference: outcome.channelReference, nextActionAt: later(options.pollIntervalMs) })
            .where(and(eq(payments.id, payment.id), eq(payments.status, 'processing'), eq(payments.attemptCount, attempt.attempt)))
        }
        return
      case 'declined':
        await setAttempt(attempt, 'declined', { errorCode: outcome.code, errorMessage: outcome.message })
        if (outcome.retryable) return submit(await reload(payment.id), undefined, lease)
        return failPayment(await reload(payment.id), channels.errorFor(channel.id, outcome.code).unifiedCode ?? outcome.code, outcome.message)
      case 'ambiguous':
        // Never resubmitted elsewhere before the channel says it did not pay.
        await setAttempt(attempt, 'ambiguous', { errorMessage: outcome.reason })
        logger.info(`payment ${payment.id} attempt ${attempt.attempt} at ${channel.id} is ambiguous: ${outcome.reason}`)
        return
    }
  }

  const transportOptions = () => ({ timeoutMs: options.requestTimeoutMs, ...(deps.fetch ? { fetch: deps.fetch } : {}) })

  /** Asks the channel about the current attempt and acts on the answer. */
  async function resolve(payment: PaymentRow, attempt: AttemptRow, lease: Lease): Promise<void> {
    const channel = channels.require(attempt.channelId)
    const credentials = deps.credentialsFor(channel.id)
    const request = await channel.buildStatusRequest({ paymentId: payment.id, attempt: attempt.attempt, channelReference: attempt.channelReference }, credentials)
    const result = await sendChannelRequest(credentials, request, transportOptions())
    const status: ChannelStatus = result.kind === 'response' ? channel.parseStatusResponse(result.response) : { kind: 'unavailable', reason: result.kind }
    switch (status.kind) {
      case 'paid_out':
        lease.released = await markPaidOut(payment, attempt, status.channelReference, `${channel.id} reports the payout made`, { releaseLease: true })
        return
      case 'returned':
        await markPaidOut(payment, attempt, status.channelReference, `${channel.id} reports the payout made`)
        return markReturned(await reload(payment.id), attempt, `${channel.id} reports the payout returned`)
      case 'failed':
        return attemptFailed(payment, attempt, status.code ?? 'failed', status.message ?? `${channel.id} reports the payout failed`, lease)
      case 'processing':
        if (attempt.state !== 'accepted') await setAttempt(attempt, 'accepted', { channelReference: status.channelReference })
        await schedule(payment.id, later(options.pollIntervalMs))
        return
      case 'not_found':
        if (clock().getTime() - attempt.updatedAt.getTime() < options.ambiguousGraceMs) {
          await schedule(payment.id, new Date(attempt.updatedAt.getTime() + options.ambiguousGraceMs))
          return
        }
        // The channel never received it, well after the grace period: safe to submit again.
        await setAttempt(attempt, 'not_received')
        return submit(await reload(payment.id), undefined, lease)
      case 'unavailable':
        await schedule(payment.id, later(Math.min(options.pollIntervalMs, options.ambiguousGraceMs)))
        return
    }
  }

  // Payments created in one dispatch window are routed and sent together (see
  // payment-first-attempts.ts); anything but a fresh, routable payment takes the general path.
  const processCreated = createFirstAttemptQueue({
    writes,
    cipher: deps.cipher,
    credentialsFor: deps.credentialsFor,
    transport: transportOptions,
    ids,
    later,
    options,
    logger,
    defer: deps.defer && options.dispatchWindowMs > 0 ? (send) => void setTimeout(send, options.dispatchWindowMs) : deps.defer,
    route: async (payment) => (await routeOf(payment, [])).candidates[0]?.channel,
    process: (paymentId) => processor.process(paymentId),
    actOnSubmitOutcome,
  })

  const processor: PaymentProcessor = {
    async process(paymentId) {
      const payment = await claim(paymentId)
      if (!payment) {
        const exists = await db.select({ id: payments.id }).from(payments).where(eq(payments.id, paymentId))
        return exists.length ? 'busy' : 'not_found'
      }
      const lease: Lease = { held: true, released: false }
      try {
        const attempts = await db.select().from(paymentAttempts).where(eq(paymentAttempts.paymentId, paymentId)).orderBy(asc(paymentAttempts.attempt))
        const attempt = attempts.at(-1)
        if (payment.status === 'pending' && !attempt) {
          await submit(payment, attempts, lease)
          return 'worked'
        }
        if (!attempt || (payment.status !== 'processing' && payment.status !== 'paid_out')) {
          if (payment.nextActionAt) await schedule(paymentId, null)
          return 'idle'
        }
        if (payment.status === 'paid_out') {
          await schedule(paymentId, null)
          return 'idle'
        }
        if (attempt.state === 'declined' || attempt.state === 'failed' || attempt.state === 'not_received') await submit(payment, attempts, lease)
        else await resolve(payment, attempt, lease)
        return 'worked'
      } catch (error) {
        logger.error(`payment ${paymentId}: processing failed, will retry`, error)
        await schedule(paymentId, later(Math.min(options.pollIntervalMs, 5_000))).catch(() => {})
        return 'worked'
      } finally {
        if (!lease.released) await release(paymentId)
      }
    },

    processCreated,

    async submitPending(limit, skip = new Set()) {
      const now = clock()
      const fresh = await db
        .select()
        .from(payments)
        .where(and(eq(payments.status, 'pending'), eq(payments.attemptCount, 0), dueAndFree(now)))
        .orderBy(asc(payments.nextActionAt))
        .limit(limit)
      const handed = fresh.filter((payment) => !skip.has(payment.id))
      // Queued in one turn, so the first-attempt queue routes and sends them as one batch.
      const outcomes = await Promise.all(
        handed.map((payment) =>
          processCreated(payment).catch((error: unknown): ProcessOutcome => {
            logger.error(`payment ${payment.id}: submission failed, will retry`, error)
            return 'worked'
          }),
        ),
      )
      return new Map(handed.map((payment, index) => [payment.id, outcomes[index]!]))
    },

    applyCallbacks,

    async due(limit) {
      const rows = await db
        .select({ id: payments.id })
        .from(payments)
        .where(and(inArray(payments.status, ['pending', 'processing']), dueAndFree(clock())))
        .orderBy(asc(payments.nextActionAt))
        .limit(limit)
      return rows.map((row) => row.id)
    },
  }
  return processor
}
