import { describe, expect, it } from 'vitest'
import { payoutFor } from '../../test/fixtures/channels/payout-instructions.js'
import { cnIbpsWire } from '../channels/adapters/cn-ibps.js'
import { createChannelRegistry, DEFAULT_CHANNELS } from '../channels/registry.js'
import type { BulkSubmission, ChannelCallback, ChannelHttpRequest, PayoutInstruction, SubmitOutcome } from '../channels/types.js'
import type { ChannelBehaviour } from './behaviour.js'
import type { CallbackDelivery } from './callbacks.js'
import { DEFAULT_DIALECTS } from './dialects/index.js'
import type { SandboxDialect } from './dialects/types.js'
import { createSandboxApp, sandboxCredentials, type SandboxOptions } from './sandbox-app.js'
import { createManualScheduler } from './scheduler.js'

const registry = createChannelRegistry(DEFAULT_CHANNELS)
/** The channels whose adapter and dialect both speak a bulk API. */
const BULK_CHANNELS = ['sepa_instant', 'us_ach', 'uk_fps', 'pix', 'upi', 'cn_ibps']
const START = Date.parse('2024-05-01T10:00:00Z')
/** Lets pending promises (signing, fetch stubs) run after the manual clock moved. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 5))

interface Notification {
  channelId: string
  events: ChannelCallback[]
  /** Sent as a batch notification (rather than a single callback). */
  batch: boolean
  error?: string
}

/**
 * A sandbox on virtual time whose callbacks go to a stub that verifies each one with the
 * channel's adapter, like the core would. `answer` decides the HTTP status of each callback.
 */
function setup(channelId: string, behaviour: Partial<ChannelBehaviour>, extra: Partial<SandboxOptions> & { answer?: (call: number) => number; hold?: (call: number) => Promise<void> | undefined } = {}) {
  const scheduler = createManualScheduler(START)
  const notifications: Notification[] = []
  const channel = registry.require(channelId)
  const credentials = { baseUrl: 'http://sandbox.test', ...sandboxCredentials(channelId) }
  const fetchStub: typeof fetch = async (input, init) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries())
    const id = /\/v1\/channels\/([^/]+)\/callbacks$/.exec(String(input))?.[1] ?? ''
    const parsed = await registry.require(id).parseCallback({ headers, body: String(init?.body ?? '') }, { baseUrl: '', ...sandboxCredentials(id) })
    if ('error' in parsed) notifications.push({ channelId: id, events: [], batch: false, error: parsed.error })
    else notifications.push({ channelId: id, events: Array.isArray(parsed) ? [...parsed] : [parsed as ChannelCallback], batch: Array.isArray(parsed) })
    const call = notifications.length
    await extra.hold?.(call)
    const status = extra.answer?.(call) ?? channel.callbackAcknowledgement.status
    const ack = channel.callbackAcknowledgement
    return new Response(status === 204 ? null : ack.body, { status, headers: { 'content-type': ack.contentType } })
  }
  const app = createSandboxApp({
    seed: 99,
    scheduler,
    callbackBaseUrl: 'http://core.test',
    fetch: fetchStub,
    callbackRetryDelaysMs: [1_000, 5_000],
    callbackDuplicateDelayMs: 0,
    behaviour: { channels: { [channelId]: behaviour } },
    ...extra,
  })
  const bulk: BulkSubmission = channel.bulk ?? (() => { throw new Error(`${channelId} has no bulk API`) })()

  async function send(request: ChannelHttpRequest) {
    return app.request(request.path, { method: request.method, headers: request.headers, ...(request.body !== undefined && { body: request.body }) })
  }
  async function submitBulk(instructions: readonly PayoutInstruction[], secret?: string) {
    const signing = secret === undefined ? credentials : { ...credentials, signingSecret: secret }
    const response = await send(await bulk.buildSubmitRequest(instructions, signing))
    const body = await response.text()
    const headers = Object.fromEntries(response.headers.entries())
    return { status: response.status, outcomes: bulk.parseSubmitResponse({ status: response.status, headers, body }, instructions.length) }
  }
  async function submitSingle(instruction: PayoutInstruction): Promise<SubmitOutcome> {
    const response = await send(await channel.buildSubmitRequest(instruction, credentials))
    const headers = Object.fromEntries(response.headers.entries())
    return channel.parseSubmitResponse({ status: response.status, headers, body: await response.text() })
  }
  const payouts = async () =>
    ((await (await app.request('/_sandbox/payouts')).json()) as { payouts: { payment_id: string; reference: string; status: string }[]; paid_more_than_once: string[] })
  const deliveries = async () => ((await (await app.request('/_sandbox/callbacks')).json()) as { deliveries: CallbackDelivery[] }).deliveries
  return { app, scheduler, notifications, bulk, credentials, send, submitBulk, submitSingle, payouts, deliveries }
}

const instructionsFor = (channelId: string, ids: readonly string[]) => ids.map((paymentId) => payoutFor(channelId, { paymentId }))
const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `pay_${prefix}_${index}`)

describe.each(BULK_CHANNELS)('%s bulk submissions through the sandbox', (channelId) => {
  it('decides each item exactly as the same single submissions would, and records the accepted ones', async () => {
    const behaviour = { declineRate: 0.3, serverErrorRate: 0.15, settleAfterMs: 1_000 }
    const paymentIds = ids('mixed', 24)
    const viaBulk = setup(channelId, behaviour)
    const viaSingles = setup(channelId, behaviour)
    const bulkOutcomes = [
      ...(await viaBulk.submitBulk(instructionsFor(channelId, paymentIds.slice(0, 10)))).outcomes,
      ...(await viaBulk.submitBulk(instructionsFor(channelId, paymentIds.slice(10)))).outcomes,
    ]
    const singleOutcomes: SubmitOutcome[] = []
    for (const instruction of instructionsFor(channelId, paymentIds)) singleOutcomes.push(await viaSingles.submitSingle(instruction))

    const kinds = bulkOutcomes.map((outcome) => outcome.kind)
    expect(kinds).toHaveLength(24)
    for (const kind of ['accepted', 'declined', 'ambiguous'] as const) expect(kinds, kind).toContain(kind)
    // Same decisions, same declines, same references: the seed alone decides, not the batching.
    expect(bulkOutcomes.map((outcome) => (outcome.kind === 'ambiguous' ? 'ambiguous' : outcome))).toEqual(
      singleOutcomes.map((outcome) => (outcome.kind === 'ambiguous' ? 'ambiguous' : outcome)),
    )
    const acceptedIds = paymentIds.filter((_, index) => bulkOutcomes[index]?.kind === 'accepted')
    const view = await viaBulk.payouts()
    expect(view.payouts.map((payout) => payout.payment_id)).toEqual(acceptedIds)
    expect(view.payouts.map((payout) => payout.reference)).toEqual(
      bulkOutcomes.flatMap((outcome) => (outcome.kind === 'accepted' ? [outcome.channelReference] : [])),
    )
    expect(view.payouts).toEqual((await viaSingles.payouts()).payouts)
  })

  it('deduplicates replayed items, inside one batch and across batches, and flags reused keys', async () => {
    const { submitBulk, payouts } = setup(channelId, {})
    const [a, b, c] = instructionsFor(channelId, ['pay_a', 'pay_b', 'pay_c'])
    if (!a || !b || !c) throw new Error('fixtures')
    const first = await submitBulk([a, b])
    const second = await submitBulk([b, c, c])
    expect(first.outcomes.map((outcome) => outcome.kind)).toEqual(['accepted', 'accepted'])
    expect(second.outcomes[0]).toEqual(first.outcomes[1])
    expect(second.outcomes[2]).toEqual(second.outcomes[1])
    const changed = await submitBulk([{ ...a, amount: '99.00' }, payoutFor(channelId, { paymentId: 'pay_d' })])
    expect(changed.outcomes[0]).toMatchObject({ kind: 'declined', retryable: false })
    expect(registry.errorFor(channelId, changed.outcomes[0]?.kind === 'declined' ? changed.outcomes[0].code : '').unifiedCode).toBe('duplicate_request')
    expect(changed.outcomes[1]?.kind).toBe('accepted')
    const view = await payouts()
    expect(view.payouts.map((payout) => payout.payment_id)).toEqual(['pay_a', 'pay_b', 'pay_c', 'pay_d'])
    expect(view.paid_more_than_once).toEqual([])
  })

  it('answers 504 when an item times out, with every accepted item recorded', async () => {
    const { submitBulk, payouts } = setup(channelId, { timeoutRate: 1, timeoutMode: 'gateway_timeout' })
    const instructions = instructionsFor(channelId, ids('gw', 3))
    const lost = await submitBulk(instructions)
    expect(lost.status).toBe(504)
    expect(lost.outcomes.map((outcome) => outcome.kind)).toEqual(['ambiguous', 'ambiguous', 'ambiguous'])
    const recorded = (await payouts()).payouts
    expect(recorded.map((payout) => payout.payment_id)).toEqual(ids('gw', 3))
    // Resent, the items are replays: answered at once with the references already assigned.
    const again = await submitBulk(instructions)
    expect(again.status).toBe(200)
    expect(again.outcomes.map((outcome) => (outcome.kind === 'accepted' ? outcome.channelReference : outcome.kind))).toEqual(
      recorded.map((payout) => payout.reference),
    )
  })

  it('holds the whole answer when an item hangs, and has recorded the payouts meanwhile', async () => {
    const { submitBulk, payouts, scheduler } = setup(channelId, { timeoutRate: 1, hangMs: 10_000, settleAfterMs: 60_000 })
    let settled = false
    const answer = submitBulk(instructionsFor(channelId, ids('hang', 2))).then((result) => ((settled = true), result))
    await flush()
    expect(settled).toBe(false)
    expect((await payouts()).payouts).toHaveLength(2)
    scheduler.advance(10_000)
    expect((await answer).outcomes.map((outcome) => outcome.kind)).toEqual(['accepted', 'accepted'])
  })

  it('answers the dialect’s 400 to an unreadable bulk, which the adapter declines for every item, and records nothing', async () => {
    // The signature check is bypassed so the body itself is what the route has to read.
    const dialects: SandboxDialect[] = DEFAULT_DIALECTS.map((dialect) =>
      dialect.channelId === channelId ? { ...dialect, authenticate: async () => true } : dialect,
    )
    const { bulk, credentials, send, payouts } = setup(channelId, {}, { dialects })
    const request = await bulk.buildSubmitRequest(instructionsFor(channelId, ids('unreadable', 2)), credentials)
    const response = await send({ ...request, body: '{"not": "a bulk"' })
    expect(response.status).toBe(400)
    const outcomes = bulk.parseSubmitResponse({ status: 400, headers: Object.fromEntries(response.headers.entries()), body: await response.text() }, 2)
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['declined', 'declined'])
    expect(outcomes[1]).toEqual(outcomes[0])
    const code = outcomes[0]?.kind === 'declined' ? outcomes[0].code : ''
    expect(registry.errorFor(channelId, code).unifiedCode).toBe('request_invalid')
    expect((await payouts()).payouts).toEqual([])
  })

  it('refuses a batch signed with the wrong secret and records nothing', async () => {
    const { submitBulk, payouts } = setup(channelId, {})
    const refused = await submitBulk(instructionsFor(channelId, ids('forged', 2)), 'forged-secret')
    expect(refused.status).toBe(401)
    expect(refused.outcomes).toEqual([
      { kind: 'declined', code: 'http_401', message: 'channel answered HTTP 401', retryable: true },
      { kind: 'declined', code: 'http_401', message: 'channel answered HTTP 401', retryable: true },
    ])
    expect((await payouts()).payouts).toEqual([])
  })
})

describe.each(BULK_CHANNELS)('%s batch callbacks from the sandbox', (channelId) => {
  it('sends the events due together as one signed notification, in emission order', async () => {
    const { submitBulk, scheduler, notifications, deliveries } = setup(channelId, { settleAfterMs: 0 })
    await submitBulk(instructionsFor(channelId, ids('batch', 3)))
    scheduler.advance(0)
    await flush()
    expect(notifications.map((notification) => notification.batch)).toEqual([true])
    expect(notifications[0]?.events.map((event) => [event.paymentId, event.status])).toEqual([
      ['pay_batch_0', 'paid_out'],
      ['pay_batch_1', 'paid_out'],
      ['pay_batch_2', 'paid_out'],
    ])
    const records = await deliveries()
    expect(records.map((record) => [record.paymentId, record.outcome, record.attempts])).toEqual([
      ['pay_batch_0', 'delivered', 1],
      ['pay_batch_1', 'delivered', 1],
      ['pay_batch_2', 'delivered', 1],
    ])
    expect(new Set(records.map((record) => record.batchId)).size).toBe(1)
    expect(records[0]?.batchId).toMatch(/^cbb_/)
  })

  it('never lets a payout’s later event overtake an earlier one across notifications', async () => {
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    // The first notification is not answered until released.
    const { submitBulk, scheduler, notifications } = setup(channelId, { settleAfterMs: 100 }, { hold: (call) => (call === 1 ? held : undefined) })
    await submitBulk(instructionsFor(channelId, ids('order', 2)))
    scheduler.advance(0)
    await flush()
    expect(notifications).toHaveLength(1)
    scheduler.advance(100)
    await flush()
    // The settlement events are due, but the processing ones are not acknowledged yet.
    expect(notifications).toHaveLength(1)
    release()
    await flush()
    expect(notifications.map((notification) => notification.events.map((event) => `${event.paymentId}/${event.status}`))).toEqual([
      ['pay_order_0/processing', 'pay_order_1/processing'],
      ['pay_order_0/paid_out', 'pay_order_1/paid_out'],
    ])
  })

  it('keeps the deliberate wrong order inside a batch when reordering', async () => {
    const { submitBulk, scheduler, notifications } = setup(channelId, { settleAfterMs: 50, callbackReorder: true })
    await submitBulk(instructionsFor(channelId, ids('reorder', 2)))
    scheduler.advance(50)
    await flush()
    expect(notifications).toHaveLength(1)
    expect(notifications[0]?.events.map((event) => `${event.paymentId}/${event.status}`)).toEqual([
      'pay_reorder_0/paid_out',
      'pay_reorder_0/processing',
      'pay_reorder_1/paid_out',
      'pay_reorder_1/processing',
    ])
  })

  it('delivers planned duplicates as separate notifications', async () => {
    const { submitBulk, scheduler, notifications, deliveries } = setup(channelId, { settleAfterMs: 0, callbackDuplicateRate: 1 })
    await submitBulk(instructionsFor(channelId, ids('dup', 3)))
    scheduler.advance(0)
    await flush()
    expect(notifications).toHaveLength(2)
    for (const notification of notifications) {
      const eventIds = notification.events.map((event) => event.eventId)
      expect(new Set(eventIds).size).toBe(eventIds.length)
    }
    expect(notifications[1]?.events.map((event) => event.eventId)).toEqual(notifications[0]?.events.map((event) => event.eventId))
    const records = await deliveries()
    expect(records.filter((record) => record.duplicate)).toHaveLength(3)
    expect(records.every((record) => record.outcome === 'delivered')).toBe(true)
  })

  it('retries an unacknowledged batch whole, then gives up after the last retry', async () => {
    const { submitBulk, scheduler, notifications, deliveries } = setup(channelId, { settleAfterMs: 0 }, { answer: (call) => (call === 1 ? 500 : 200) })
    await submitBulk(instructionsFor(channelId, ids('retry', 2)))
    scheduler.advance(0)
    await flush()
    expect((await deliveries()).map((record) => [record.outcome, record.attempts, record.lastStatus])).toEqual([
      ['pending', 1, 500],
      ['pending', 1, 500],
    ])
    scheduler.advance(1_000)
    await flush()
    expect(notifications.map((notification) => notification.events.map((event) => event.paymentId))).toEqual([
      ['pay_retry_0', 'pay_retry_1'],
      ['pay_retry_0', 'pay_retry_1'],
    ])
    expect((await deliveries()).map((record) => [record.outcome, record.attempts])).toEqual([
      ['delivered', 2],
      ['delivered', 2],
    ])

    const failing = setup(channelId, { settleAfterMs: 0 }, { answer: () => 503 })
    await failing.submitBulk(instructionsFor(channelId, ids('fail', 2)))
    for (const step of [0, 1_000, 5_000]) {
      failing.scheduler.advance(step)
      await flush()
    }
    expect(failing.notifications).toHaveLength(3)
    expect((await failing.deliveries()).map((record) => [record.outcome, record.attempts])).toEqual([
      ['failed', 3],
      ['failed', 3],
    ])
  })

  it('splits at the batch size, sends a lone event as a single callback, and batches nothing without callbackBatch', async () => {
    const capped = setup(channelId, { settleAfterMs: 0 }, { callbackBatchMaxEvents: 2 })
    await capped.submitBulk(instructionsFor(channelId, ids('cap', 3)))
    capped.scheduler.advance(0)
    await flush()
    // The two notifications are for different payouts, so they may arrive in either order.
    expect(capped.notifications.map((notification) => [notification.events.length, notification.batch]).sort()).toEqual([
      [1, false],
      [2, true],
    ])
    expect(capped.notifications.every((notification) => notification.error === undefined)).toBe(true)

    const dialects: SandboxDialect[] = DEFAULT_DIALECTS.map((dialect) =>
      dialect.channelId === channelId ? { ...dialect, callbackBatch: undefined } : dialect,
    )
    const unbatched = setup(channelId, { settleAfterMs: 0 }, { dialects })
    await unbatched.submitBulk(instructionsFor(channelId, ids('one', 3)))
    await flush()
    // Sent straight away, one request per event, as before batching existed.
    expect(unbatched.notifications.map((notification) => notification.events.length)).toEqual([1, 1, 1])
  })

  it('collects for the configured window', async () => {
    const { submitSingle, scheduler, notifications } = setup(channelId, { settleAfterMs: 0 }, { callbackBatchWindowMs: 100 })
    await submitSingle(payoutFor(channelId, { paymentId: 'pay_window_0' }))
    scheduler.advance(60)
    await submitSingle(payoutFor(channelId, { paymentId: 'pay_window_1' }))
    scheduler.advance(39)
    await flush()
    expect(notifications).toHaveLength(0)
    scheduler.advance(1)
    await flush()
    expect(notifications.map((notification) => notification.events.map((event) => event.paymentId))).toEqual([['pay_window_0', 'pay_window_1']])
  })
})

describe('cn_ibps batch transfer totals', () => {
  it('refuses a correctly signed batch whose totals do not match its orders, and records nothing', async () => {
    const { bulk, credentials, send, payouts } = setup('cn_ibps', {})
    const request = await bulk.buildSubmitRequest(instructionsFor('cn_ibps', ids('totals', 2)), credentials)
    const envelope = JSON.parse(request.body ?? '') as Record<string, string>
    const content = JSON.parse(envelope['biz_content'] ?? '') as { trans_order_list: unknown[] }
    for (const changed of [{ ...content, total_count: '3' }, { ...content, total_trans_amount: '0.01' }, { ...content, trans_order_list: content.trans_order_list.slice(1) }]) {
      const params: Record<string, string> = { ...envelope, biz_content: JSON.stringify(changed) }
      const resigned = { ...params, sign: await cnIbpsWire.sign(params, credentials.signingSecret) }
      const response = await send({ ...request, body: JSON.stringify(resigned) })
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ error_response: { sub_code: 'isv.invalid-parameter' } })
    }
    expect((await payouts()).payouts).toEqual([])
  })
})
