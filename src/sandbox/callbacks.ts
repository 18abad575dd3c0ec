/**
 * Delivers the sandbox's signed callbacks over HTTP, retrying what is not acknowledged and
 * sending planned duplicates as separate deliveries of the same event.
 *
 * Channels whose dialect has `callbackBatch` get their events batched: those falling due for
 * the same callback URL within `batchWindowMs` (0: the same scheduler turn) go out as one
 * notification of up to `batchMaxEvents`, in the order they fell due. A group of one is sent as
 * an ordinary single callback. An unacknowledged batch is retried whole (same events, same
 * order, signed afresh) after the usual retry delays; every event keeps its own delivery record.
 */
import type { SandboxEvent, SandboxPayout } from './engine.js'
import type { CallbackBatchEntry, SandboxCredentials, SandboxDialect } from './dialects/types.js'
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
  /** The batch notification the event went out in, when it was sent together with others. */
  batchId?: string
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
  /** How long due events are collected into one batch (dialects with `callbackBatch`); default 0. */
  batchWindowMs?: number
  /** Most events in one batch notification; default 50, and 1 sends every event on its own. */
  batchMaxEvents?: number
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

interface DueEvent {
  record: CallbackDelivery
  payout: SandboxPayout
  event: SandboxEvent
}

const chainKeyOf = (payout: SandboxPayout) => `${payout.channelId}\u0000${payout.reference}`

/**
 * Splits due events into notifications of at most `maxEvents`, never with the same event twice
 * in one (a planned duplicate is a delivery of its own, after the first). Each event goes into
 * the first notification that has room, but never one before its payout's previous event, so
 * sending the notifications in order keeps every payout's events in order.
 */
function batchesOf(due: readonly DueEvent[], maxEvents: number): DueEvent[][] {
  const batches: { items: DueEvent[]; eventIds: Set<string> }[] = []
  const lastBatchOfPayout = new Map<string, number>()
  for (const item of due) {
    const chainKey = chainKeyOf(item.payout)
    let index = lastBatchOfPayout.get(chainKey) ?? 0
    for (;;) {
      const batch = batches[index]
      if (batch === undefined || (batch.items.length < maxEvents && !batch.eventIds.has(item.event.eventId))) break
      index++
    }
    const batch = batches[index] ?? { items: [], eventIds: new Set<string>() }
    batches[index] = batch
    batch.items.push(item)
    batch.eventIds.add(item.event.eventId)
    lastBatchOfPayout.set(chainKey, index)
  }
  return batches.map((batch) => batch.items)
}

/**
 * Creates the dispatcher the sandbox app emits its events into.
 *
 * @example
 * const dispatcher = createCallbackDispatcher({ scheduler, fetch, callbackBaseUrl, dialectFor, credentialsFor, retryDelaysMs: [1_000], duplicateDelayMs: 50, log })
 * dispatcher.send(payout, event, false)
 */
export function createCallbackDispatcher(options: CallbackDispatcherOptions): CallbackDispatcher {
  const records: CallbackDelivery[] = []
  const batchWindowMs = options.batchWindowMs ?? 0
  const batchMaxEvents = Math.max(1, options.batchMaxEvents ?? 50)
  // First attempts for one payout go out one after another, so the receiver sees them in the
  // order they were emitted (which, with reordering on, is deliberately the wrong order). A
  // batch waits for the chains of every payout in it, and becomes the tail of each.
  const chains = new Map<string, Promise<void>>()
  // Events due and waiting for their batch to close, per channel and callback URL.
  const collecting = new Map<string, DueEvent[]>()
  let batchSequence = 0

  function retryOrFail(group: readonly DueEvent[], retry: () => void): void {
    const [first] = group
    if (first === undefined) return
    const delay = options.retryDelaysMs[first.record.attempts - 1]
    if (delay === undefined) {
      for (const { record } of group) record.outcome = 'failed'
      const what = group.length === 1 ? `callback ${first.event.eventId}` : `batch ${first.record.batchId ?? ''} of ${group.length} callbacks`
      options.log(`${what} to ${first.record.url ?? ''} failed after ${first.record.attempts} attempts`)
      return
    }
    options.scheduler.setTimeout(retry, delay)
  }

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
    retryOrFail([{ record, payout, event }], () => void attempt(record, payout, event))
  }

  /** One notification carrying several events; retried whole. */
  async function attemptBatch(group: readonly DueEvent[], dialect: SandboxDialect, url: string, channelId: string): Promise<void> {
    if (!dialect.callbackBatch) return
    for (const { record } of group) record.attempts++
    try {
      const entries: CallbackBatchEntry[] = group.map(({ event, payout }) => ({ event, payout }))
      const { headers, body } = await dialect.callbackBatch(entries, options.credentialsFor(channelId))
      const response = await options.fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) })
      const text = await response.text()
      for (const { record } of group) record.lastStatus = response.status
      if (dialect.isAcknowledged(response.status, text)) {
        for (const { record } of group) record.outcome = 'delivered'
        return
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      for (const { record } of group) record.lastError = message
    }
    retryOrFail(group, () => void attemptBatch(group, dialect, url, channelId))
  }

  /** Sends `group` once every earlier first attempt for its payouts has finished. */
  function startInOrder(group: readonly DueEvent[], send: () => Promise<void>): void {
    const chainKeys = [...new Set(group.map(({ payout }) => chainKeyOf(payout)))]
    const earlier = chainKeys.map((chainKey) => chains.get(chainKey) ?? Promise.resolve())
    const current = Promise.all(earlier).then(send)
    for (const chainKey of chainKeys) {
      chains.set(chainKey, current)
      void current.finally(() => {
        if (chains.get(chainKey) === current) chains.delete(chainKey)
      })
    }
  }

  function closeBatch(collectKey: string, dialect: SandboxDialect, url: string, channelId: string): void {
    const due = collecting.get(collectKey) ?? []
    collecting.delete(collectKey)
    for (const group of batchesOf(due, batchMaxEvents)) {
      const [only] = group
      if (group.length === 1 && only !== undefined) {
        startInOrder(group, () => attempt(only.record, only.payout, only.event))
        continue
      }
      const batchId = `cbb_${String(++batchSequence).padStart(6, '0')}`
      for (const { record } of group) record.batchId = batchId
      startInOrder(group, () => attemptBatch(group, dialect, url, channelId))
    }
  }

  /** An event whose delay has passed: sent now, or collected into its channel's next batch. */
  function due(item: DueEvent): void {
    const dialect = options.dialectFor(item.payout.channelId)
    const url = item.record.url
    if (!dialect?.callbackBatch || url === null || batchMaxEvents === 1) {
      startInOrder([item], () => attempt(item.record, item.payout, item.event))
      return
    }
    const channelId = item.payout.channelId
    const collectKey = `${channelId}\u0000${url}`
    const open = collecting.get(collectKey)
    if (open) {
      open.push(item)
      return
    }
    collecting.set(collectKey, [item])
    options.scheduler.setTimeout(() => closeBatch(collectKey, dialect, url, channelId), batchWindowMs)
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
    const start = () => due({ record, payout, event })
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
