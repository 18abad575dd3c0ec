/**
 * The first attempts of freshly created payments, sent together: payments created in one
 * event-loop turn are routed together, and each channel gets its share in one go. One
 * statement takes their leases and records the attempts, one bulk request per `bulk.maxItems`
 * carries them (one request each for a channel without a bulk API), and one transaction marks
 * the confirmed payouts paid out. Any other answer is acted on payment by payment, under its
 * lease, by the processor.
 */
import type { NormalizedAccount } from '../beneficiaries/index.js'
import {
  bulkSubmitOutcomesOf,
  sendChannelRequest,
  submitOutcomeOf,
  type ChannelCredentials,
  type PayoutChannel,
  type PayoutInstruction,
  type SendChannelRequestOptions,
  type SubmitOutcome,
} from '../channels/index.js'
import { createBatcher, type Defer } from '../db/batcher.js'
import type { IdGenerator } from '../lib/ids.js'
import type { AccountCipher } from './account-crypto.js'
import type { Lease, ProcessOutcome, ProcessorOptions } from './payment-processor.js'
import type { PaymentRow } from './payment-transitions.js'
import type { AttemptRow, PaymentWrites } from './payment-writes.js'
import { payoutInstruction } from './payout-instruction.js'

export interface FirstAttemptDeps {
  writes: Pick<PaymentWrites, 'startAttempts' | 'markPaidOutMany' | 'schedule' | 'release'>
  cipher: AccountCipher
  credentialsFor: (channelId: string) => ChannelCredentials
  transport: () => SendChannelRequestOptions
  ids: IdGenerator
  later: (ms: number) => Date
  options: Pick<ProcessorOptions, 'ambiguousGraceMs' | 'pollIntervalMs'>
  logger: Pick<Console, 'error'>
  defer?: Defer | undefined
  /** The channel a fresh payment goes to first, if any can pay it out. */
  route: (payment: PaymentRow) => Promise<PayoutChannel | undefined>
  /** The processor's general path, for a payment that is not fresh or has no route. */
  process: (paymentId: string) => Promise<ProcessOutcome>
  /** The processor's answer to one submission outcome, under the payment's lease. */
  actOnSubmitOutcome: (payment: PaymentRow, attempt: AttemptRow, channel: PayoutChannel, outcome: SubmitOutcome, lease: Lease) => Promise<void>
}

/** A payment queued for its first attempt, with its beneficiary account when the caller has it in the clear. */
interface Created {
  payment: PaymentRow
  account?: NormalizedAccount | undefined
}

/**
 * The processor's `processCreated`: queues a payment this process has just created for the
 * next batch of first attempts.
 *
 * @example const processCreated = createFirstAttemptQueue({ writes, cipher, credentialsFor, transport, ids, later, options, logger, defer, route, process, actOnSubmitOutcome })
 */
export function createFirstAttemptQueue(deps: FirstAttemptDeps): (payment: PaymentRow, account?: NormalizedAccount) => Promise<ProcessOutcome> {
  const { writes, ids, later, options, logger } = deps
  const retrySoon = (paymentId: string) => writes.schedule(paymentId, later(Math.min(options.pollIntervalMs, 5_000))).catch(() => {})

  async function sendFirstAttempts(channel: PayoutChannel, created: Created[]): Promise<void> {
    const starts = created.map(({ payment, account }) => ({
      payment,
      account,
      attempt: { number: 1, channelId: channel.id, eventId: ids('evt'), reason: `submitted to ${channel.id}`, nextActionAt: later(options.ambiguousGraceMs) },
    }))
    const attempts = await writes.startAttempts(starts, { claim: true })
    const started = starts
      .filter(({ payment }) => attempts.has(payment.id))
      .map(({ payment, account }) => ({
        payment: { ...payment, status: 'processing' as const, channelId: channel.id, attemptCount: 1, channelReference: null },
        account,
        attempt: attempts.get(payment.id)!,
        lease: { held: true, released: false } as Lease,
      }))
    if (started.length === 0) return
    try {
      const instructions = await Promise.all(
        started.map(async ({ payment, account }) =>
          payoutInstruction(payment, 1, account ?? (JSON.parse(await deps.cipher.decrypt(payment.accountCiphertext)) as NormalizedAccount)),
        ),
      )
      const outcomes = await submitAll(channel, instructions)
      const confirmed = started.flatMap((item, index) => {
        const outcome = outcomes[index]!
        return outcome.kind === 'accepted' && outcome.status === 'paid_out'
          ? [{ ...item, channelReference: outcome.channelReference, reason: `paid out by ${channel.id}` }]
          : []
      })
      if (confirmed.length > 0) {
        const moved = await writes.markPaidOutMany(confirmed, { releaseLease: true })
        for (const item of confirmed) item.lease.released = moved.has(item.payment.id)
      }
      await Promise.all(
        started.map(async (item, index) => {
          const outcome = outcomes[index]!
          if (outcome.kind === 'accepted' && outcome.status === 'paid_out') return
          await deps.actOnSubmitOutcome(item.payment, item.attempt, channel, outcome, item.lease).catch(async (error: unknown) => {
            logger.error(`payment ${item.payment.id}: processing failed, will retry`, error)
            await retrySoon(item.payment.id)
          })
        }),
      )
    } catch (error) {
      logger.error(`payments ${started.map(({ payment }) => payment.id).join(', ')}: processing failed, will retry`, error)
      await Promise.all(started.map(({ payment }) => retrySoon(payment.id)))
    } finally {
      await Promise.all(started.filter(({ lease }) => !lease.released).map(({ payment }) => writes.release(payment.id)))
    }
  }

  /** Submits instructions to one channel: in bulk where it can, else one request each. One outcome per instruction. */
  async function submitAll(channel: PayoutChannel, instructions: PayoutInstruction[]): Promise<SubmitOutcome[]> {
    const credentials = deps.credentialsFor(channel.id)
    const bulk = channel.bulk
    if (!bulk || instructions.length === 1) {
      return Promise.all(
        instructions.map(async (instruction) =>
          submitOutcomeOf(channel, await sendChannelRequest(credentials, await channel.buildSubmitRequest(instruction, credentials), deps.transport())),
        ),
      )
    }
    const chunks: PayoutInstruction[][] = []
    for (let start = 0; start < instructions.length; start += bulk.maxItems) chunks.push(instructions.slice(start, start + bulk.maxItems))
    const answers = await Promise.all(
      // A lost answer leaves every item of the request ambiguous: each is settled by a status query.
      chunks.map(async (chunk) => bulkSubmitOutcomesOf(bulk, await sendChannelRequest(credentials, await bulk.buildSubmitRequest(chunk, credentials), deps.transport()), chunk.length)),
    )
    return answers.flat()
  }

  const queue = createBatcher<Created, ProcessOutcome>({
    defer: deps.defer,
    maxBatch: 200,
    run: async (batch) => {
      const outcomes = new Map<string, Promise<ProcessOutcome>>()
      const byChannel = new Map<string, { channel: PayoutChannel; payments: Created[] }>()
      for (const item of batch) {
        const { payment } = item
        const channel = payment.status === 'pending' && payment.attemptCount === 0 ? await deps.route(payment) : undefined
        // Failing or rescheduling an unroutable payment is the general path's work, under its lease.
        if (!channel) {
          outcomes.set(payment.id, deps.process(payment.id))
          continue
        }
        const group = byChannel.get(channel.id) ?? { channel, payments: [] }
        group.payments.push(item)
        byChannel.set(channel.id, group)
      }
      await Promise.all([...byChannel.values()].map(({ channel, payments }) => sendFirstAttempts(channel, payments)))
      // Sent (or passed over, when another process held the lease): the job sees to the rest.
      return Promise.all(batch.map(({ payment }) => outcomes.get(payment.id) ?? Promise.resolve<ProcessOutcome>('worked')))
    },
  })
  return (payment, account) => queue({ payment, account })
}
