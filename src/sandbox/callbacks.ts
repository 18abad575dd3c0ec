/**
 * Delivers the sandbox's signed callbacks over HTTP, retrying what is not acknowledged and
 * sending planned duplicates as separate deliveries of the same event.
 */
import type { SandboxEvent, SandboxPayout } from './engine.js'
import type { SandboxCredentials, SandboxDialect } from './dialects/types.js'
import type { SandboxScheduler } from './scheduler.js'

export interface CallbackDelivery {
  eventId: string
  channelId: string
  reference: string
  paymentId: string
  status: SandboxEvent['status']
  /** A planned second delivery of an event already sent. */
  duplicate: boolean
  url: string | null
  attempts: number
  outcome: 'pending' | 'delivered' | 'failed' | 'skipped'
  lastStatus?: number
  lastError?: string
}

export interface CallbackDispatcherOptions {
  scheduler: SandboxScheduler
  fetch: typeof fetch
  /** Where callbacks go; `undefined` disables them (deliveries are recorded as skipped). */
  callbackBaseUrl: string | undefined
  dialectFor(channelId: string): SandboxDialect | undefined
  credentialsFor(channelId: string): SandboxCredentials
  /** Delays before each retry of an unacknowledged callback. */
  retryDelaysMs: readonly number[]
  /** Delay between a delivery and its planned duplicate. */
  duplicateDelayMs: number
  log(line: string): void
}

export interface CallbackDispatcher {
  /** Sends an event's callback after `delayMs` (and its planned duplicate after that). */
  send(payout: SandboxPayout, event: SandboxEvent, duplicate: boolean, delayMs?: number): void
  deliveries(): readonly CallbackDelivery[]
}

/** `${base}/v1/channels/${channelId}/callbacks`, the core's callback endpoint. */
export function callbackUrlFor(callbackBaseUrl: string, channelId: string): string {
  return `${callbackBaseUrl.replace(/\/+$/, '')}/v1/channels/${channelId}/callbacks`
}

export function createCallbackDispatcher(options: CallbackDispatcherOptions): CallbackDispatcher {
  const records: CallbackDelivery[] = []
  // First attempts for one payout go out one after another, so the receiver sees them in the
  // order they were emitted (which, with reordering on, is deliberately the wrong order).
  const chains = new Map<string, Promise<void>>()

  async function attempt(record: CallbackDelivery, payout: SandboxPayout, event: SandboxEvent): Promise<void> {
    const dialect = options.dialectFor(payout.channelId)
    if (!dialect || record.url === null) return
    record.attempts++
    try {
      // Signed afresh on every attempt, as a channel would (new timestamp, same event).
      const { headers, body } = await dialect.callback(event, payout, options.credentialsFor(payout.channelId))
      const response = await options.fetch(record.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) })
      const text = await response.text()
      record.lastStatus = response.status
      if (dialect.isAcknowledged(response.status, text)) {
        record.outcome = 'delivered'
        return
      }
    } catch (error) {
      record.lastError = error instanceof Error ? error.message : String(error)
    }
    const delay = options.retryDelaysMs[record.attempts - 1]
    if (delay === undefined) {
      record.outcome = 'failed'
      options.log(`callback ${event.eventId} to ${record.url} failed after ${record.attempts} attempts`)
      return
    }
    options.scheduler.setTimeout(() => void attempt(record, payout, event), delay)
  }

  /** Records a delivery at once (so introspection shows it) and starts it after `delayMs`. */
  function deliver(payout: SandboxPayout, event: SandboxEvent, duplicate: boolean, delayMs: number): void {
    const url = options.callbackBaseUrl === undefined ? null : callbackUrlFor(options.callbackBaseUrl, payout.channelId)
    const record: CallbackDelivery = {
      eventId: event.eventId,
      channelId: payout.channelId,
      reference: payout.reference,
      paymentId: payout.paymentId,
      status: event.status,
      duplicate,
      url,
      attempts: 0,
      outcome: url === null ? 'skipped' : 'pending',
    }
    records.push(record)
    const start = () => {
      const chainKey = `${payout.channelId}\u0000${payout.reference}`
      const current = (chains.get(chainKey) ?? Promise.resolve()).then(() => attempt(record, payout, event))
      chains.set(chainKey, current)
      void current.finally(() => {
        if (chains.get(chainKey) === current) chains.delete(chainKey)
      })
    }
    if (delayMs > 0) options.scheduler.setTimeout(start, delayMs)
    else start()
  }

  return {
    send(payout, event, duplicate, delayMs = 0) {
      // A snapshot: the payout moves on, but this event describes it as it was.
      const snapshot: SandboxPayout = { ...payout, status: event.status, ...(event.code !== undefined && { code: event.code }) }
      deliver(snapshot, event, false, delayMs)
      if (duplicate) deliver(snapshot, event, true, delayMs + options.duplicateDelayMs)
    },
    deliveries: () => records,
  }
}
