/**
 * The simulated bank behind every dialect: records payouts once per idempotency key, decides
 * accept / decline / timeout / server error from a seeded generator, settles, fails and
 * returns payouts on a scheduler, and emits the events the callbacks are made of.
 *
 * All random draws for a submission are made when it arrives, in a fixed number, so a run is
 * reproducible from its seed and its request order alone.
 */
import { parseIdempotencyKey } from '../channels/instruction.js'
import { behaviourFor, type ChannelBehaviour, type SandboxBehaviourConfig } from './behaviour.js'
import type { ParsedSubmission, SandboxDialect } from './dialects/types.js'
import { createPrng } from './prng.js'
import type { SandboxScheduler } from './scheduler.js'

export type PayoutState = 'processing' | 'paid_out' | 'failed' | 'returned'

export interface SandboxPayout {
  channelId: string
  reference: string
  dedupeKey: string
  idempotencyKey: string
  paymentId: string
  attempt: number
  amount: string
  currency: string
  beneficiary: string
  status: PayoutState
  code?: string
  createdAt: number
  updatedAt: number
  extra: Readonly<Record<string, string>>
}

export interface SandboxEvent {
  eventId: string
  status: PayoutState
  code?: string
  occurredAt: number
}

export type SubmitDecision =
  | { kind: 'accepted'; payout: SandboxPayout; replayed: boolean; answer: 'now' | 'hang' | 'gateway_timeout' }
  | { kind: 'declined'; code: string; message: string; replayed: boolean }
  | { kind: 'conflict' }
  | { kind: 'server_error' }

/** Receives every event in the order it should be delivered, with its duplicate flag and the channel's callback delay. */
export type EventSink = (payout: SandboxPayout, event: SandboxEvent, duplicate: boolean, delayMs: number) => void

export interface SandboxEngineOptions {
  seed: number
  behaviour: SandboxBehaviourConfig
  scheduler: SandboxScheduler
  emit: EventSink
}

type Submission =
  | { kind: 'accepted'; payout: SandboxPayout; fingerprint: string }
  | { kind: 'declined'; code: string; message: string; fingerprint: string }

interface Plan {
  behaviour: ChannelBehaviour
  failAtSettlement: boolean
  returnLater: boolean
  duplicate: [boolean, boolean, boolean]
  buffered: { event: SandboxEvent; duplicate: boolean }[]
  lastEventAt: number | undefined
}

export interface SandboxEngine {
  submit(dialect: SandboxDialect, submission: ParsedSubmission): SubmitDecision
  find(channelId: string, lookup: { by: 'reference' | 'dedupeKey'; value: string }): SandboxPayout | undefined
  payouts(): SandboxPayout[]
  behaviour(channelId: string): ChannelBehaviour
  setBehaviour(channelId: string | 'default', partial: Partial<ChannelBehaviour>): void
}

function fingerprintOf(submission: ParsedSubmission): string {
  return `${submission.amount}|${submission.currency}|${submission.beneficiary}`
}

export function createSandboxEngine(options: SandboxEngineOptions): SandboxEngine {
  const { scheduler, emit } = options
  const config: SandboxBehaviourConfig = {
    default: { ...options.behaviour.default },
    channels: { ...options.behaviour.channels },
  }
  const submissions = new Map<string, Submission>()
  const byReference = new Map<string, SandboxPayout>()
  const decisionStreams = new Map<string, () => number>()
  const referenceStreams = new Map<string, () => number>()
  let sequence = 0
  let eventSequence = 0

  function stream(streams: Map<string, () => number>, label: string): () => number {
    let random = streams.get(label)
    if (!random) {
      random = createPrng(options.seed, label)
      streams.set(label, random)
    }
    return random
  }

  function record(payout: SandboxPayout, plan: Plan, status: PayoutState, code?: string): void {
    // Strictly increasing per payout, so "newer" is always decidable from occurredAt.
    const occurredAt = plan.lastEventAt === undefined ? scheduler.now() : Math.max(scheduler.now(), plan.lastEventAt + 1)
    plan.lastEventAt = occurredAt
    payout.status = status
    payout.updatedAt = occurredAt
    if (code !== undefined) payout.code = code
    const event: SandboxEvent = { eventId: `evt_${String(++eventSequence).padStart(8, '0')}`, status, occurredAt, ...(code !== undefined && { code }) }
    const index = status === 'processing' ? 0 : status === 'returned' ? 2 : 1
    const duplicate = plan.duplicate[index] ?? false
    const final = status === 'failed' || status === 'returned' || (status === 'paid_out' && !plan.returnLater)
    if (!plan.behaviour.callbackReorder) {
      emit(payout, event, duplicate, plan.behaviour.callbackDelayMs)
      return
    }
    // Reordering: hold the payout's events until its last one, then deliver newest first.
    plan.buffered.push({ event, duplicate })
    if (final) for (const held of plan.buffered.reverse()) emit(payout, held.event, held.duplicate, plan.behaviour.callbackDelayMs)
  }

  function settle(payout: SandboxPayout, plan: Plan, failCode: string, returnCode: string): void {
    if (plan.failAtSettlement) {
      record(payout, plan, 'failed', failCode)
      return
    }
    record(payout, plan, 'paid_out')
    if (plan.returnLater) {
      scheduler.setTimeout(() => record(payout, plan, 'returned', returnCode), plan.behaviour.returnAfterMs)
    }
  }

  return {
    submit(dialect, submission) {
      const channelId = dialect.channelId
      const storeKey = `${channelId}\u0000${submission.dedupeKey}`
      const fingerprint = fingerprintOf(submission)
      const existing = submissions.get(storeKey)
      if (existing) {
        if (existing.fingerprint !== fingerprint) return { kind: 'conflict' }
        return existing.kind === 'accepted'
          ? { kind: 'accepted', payout: existing.payout, replayed: true, answer: 'now' }
          : { kind: 'declined', code: existing.code, message: existing.message, replayed: true }
      }

      const behaviour = behaviourFor(config, channelId)
      const random = stream(decisionStreams, channelId)
      // Always the same nine draws, whatever the outcome, so later decisions do not shift.
      const draws = Array.from({ length: 9 }, () => random())
      const roll = (index: number) => draws[index] ?? 1
      if (roll(0) < behaviour.serverErrorRate) return { kind: 'server_error' }
      if (roll(1) < behaviour.declineRate) {
        const codes = dialect.declineCodes
        const code = behaviour.declineCode ?? codes[Math.floor(roll(2) * codes.length)] ?? dialect.failCode
        const message = `simulated decline ${code}`
        submissions.set(storeKey, { kind: 'declined', code, message, fingerprint })
        return { kind: 'declined', code, message, replayed: false }
      }

      const key = parseIdempotencyKey(submission.idempotencyKey)
      const now = scheduler.now()
      const assigned = dialect.newReference(submission, ++sequence, stream(referenceStreams, channelId), new Date(now))
      const payout: SandboxPayout = {
        channelId,
        reference: assigned.reference,
        dedupeKey: submission.dedupeKey,
        idempotencyKey: submission.idempotencyKey,
        paymentId: key?.paymentId ?? submission.idempotencyKey,
        attempt: key?.attempt ?? 0,
        amount: submission.amount,
        currency: submission.currency,
        beneficiary: submission.beneficiary,
        status: 'processing',
        createdAt: now,
        updatedAt: now,
        extra: { ...submission.extra, ...assigned.extra },
      }
      const plan: Plan = {
        behaviour,
        failAtSettlement: roll(4) < behaviour.failRate,
        returnLater: roll(5) < behaviour.returnRate,
        duplicate: [6, 7, 8].map((index) => roll(index) < behaviour.callbackDuplicateRate) as [boolean, boolean, boolean],
        buffered: [],
        lastEventAt: undefined,
      }
      // The failure may only be decided at settlement, so it cannot be reported synchronously.
      if (plan.failAtSettlement) plan.returnLater = false
      submissions.set(storeKey, { kind: 'accepted', payout, fingerprint })
      byReference.set(`${channelId}\u0000${payout.reference}`, payout)

      if (behaviour.settleAfterMs <= 0 && !plan.failAtSettlement) {
        settle(payout, plan, dialect.failCode, dialect.returnCode)
      } else {
        record(payout, plan, 'processing')
        scheduler.setTimeout(() => settle(payout, plan, dialect.failCode, dialect.returnCode), Math.max(1, behaviour.settleAfterMs))
      }
      const timedOut = roll(3) < behaviour.timeoutRate
      return { kind: 'accepted', payout, replayed: false, answer: timedOut ? (behaviour.timeoutMode === 'hang' ? 'hang' : 'gateway_timeout') : 'now' }
    },

    find(channelId, lookup) {
      if (lookup.by === 'reference') return byReference.get(`${channelId}\u0000${lookup.value}`)
      const submission = submissions.get(`${channelId}\u0000${lookup.value}`)
      return submission?.kind === 'accepted' ? submission.payout : undefined
    },

    payouts() {
      return [...byReference.values()].sort((left, right) => left.createdAt - right.createdAt)
    },

    behaviour: (channelId) => behaviourFor(config, channelId),

    setBehaviour(channelId, partial) {
      if (channelId === 'default') config.default = { ...config.default, ...partial }
      else config.channels = { ...config.channels, [channelId]: { ...config.channels?.[channelId], ...partial } }
    },
  }
}
