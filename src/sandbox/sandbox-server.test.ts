import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCallbackReceiver, waitFor, type CallbackReceiver } from '../../test/fixtures/channels/callback-receiver.js'
import { payoutFor } from '../../test/fixtures/channels/payout-instructions.js'
import { createChannelRegistry, DEFAULT_CHANNELS } from '../channels/registry.js'
import { sendChannelRequest, submitOutcomeOf } from '../channels/transport.js'
import type { ChannelCallback, ChannelCredentials, ChannelStatus, PayoutInstruction, SubmitOutcome } from '../channels/types.js'
import type { CallbackDelivery } from './callbacks.js'
import { sandboxCredentials } from './sandbox-app.js'
import { startSandboxServer, type SandboxServer, type SandboxServerOptions } from './start-sandbox-server.js'

const registry = createChannelRegistry(DEFAULT_CHANNELS)
const CHANNEL_IDS = registry.list().map((channel) => channel.id)
let receiver: CallbackReceiver

beforeAll(async () => {
  receiver = await startCallbackReceiver(registry, (channelId) => ({ baseUrl: '', ...sandboxCredentials(channelId) }))
})
afterAll(() => receiver.close())

async function withSandbox(options: SandboxServerOptions, run: (sandbox: SandboxServer) => Promise<void>): Promise<void> {
  const sandbox = await startSandboxServer({ port: 0, seed: 11, callbackBaseUrl: receiver.url, callbackDuplicateDelayMs: 5, ...options })
  try {
    await run(sandbox)
  } finally {
    await sandbox.close()
  }
}

function credentialsFor(sandbox: SandboxServer, channelId: string, secret?: string): ChannelCredentials {
  const credentials = { baseUrl: sandbox.url, ...sandboxCredentials(channelId) }
  return secret === undefined ? credentials : { ...credentials, signingSecret: secret }
}

async function submit(sandbox: SandboxServer, instruction: PayoutInstruction, channelId: string, timeoutMs = 2_000, secret?: string): Promise<SubmitOutcome> {
  const channel = registry.require(channelId)
  const credentials = credentialsFor(sandbox, channelId, secret)
  const result = await sendChannelRequest(credentials, await channel.buildSubmitRequest(instruction, credentials), { timeoutMs })
  return submitOutcomeOf(channel, result)
}

async function status(sandbox: SandboxServer, channelId: string, paymentId: string, attempt = 1, channelReference: string | null = null): Promise<ChannelStatus> {
  const channel = registry.require(channelId)
  const credentials = credentialsFor(sandbox, channelId)
  const request = await channel.buildStatusRequest({ paymentId, attempt, channelReference }, credentials)
  const result = await sendChannelRequest(credentials, request, { timeoutMs: 2_000 })
  if (result.kind !== 'response') throw new Error(`status query failed: ${result.kind}`)
  return channel.parseStatusResponse(result.response)
}

interface PayoutsView {
  payouts: { payment_id: string; reference: string; status: string }[]
  by_payment_id: Record<string, Record<string, number>>
  paid_more_than_once: string[]
}
const payouts = async (sandbox: SandboxServer) => (await (await fetch(`${sandbox.url}/_sandbox/payouts`)).json()) as PayoutsView
const deliveries = async (sandbox: SandboxServer) =>
  ((await (await fetch(`${sandbox.url}/_sandbox/callbacks`)).json()) as { deliveries: CallbackDelivery[] }).deliveries

/** Every verified event for `paymentIds`, batch notifications flattened, in the order received. */
function callbacksFor(paymentIds: readonly string[]): ChannelCallback[] {
  return receiver.received.flatMap(({ result }) => {
    if ('error' in result) return []
    const events: readonly ChannelCallback[] = Array.isArray(result) ? result : [result as ChannelCallback]
    return events.filter((callback) => paymentIds.includes(callback.paymentId))
  })
}

describe('rail sandbox over HTTP', () => {
  it('accepts every channel, answers status by idempotency key and calls back with valid signatures', async () => {
    await withSandbox({ behaviour: { default: { settleAfterMs: 200 } } }, async (sandbox) => {
      const ids = CHANNEL_IDS.map((channelId) => `pay_all_${channelId}`)
      for (const channelId of CHANNEL_IDS) {
        const outcome = await submit(sandbox, payoutFor(channelId, { paymentId: `pay_all_${channelId}` }), channelId)
        expect(outcome, channelId).toMatchObject({ kind: 'accepted', status: 'processing' })
        // Found by our idempotency key (settlement may already have happened on a slow machine).
        expect(['processing', 'paid_out'], channelId).toContain((await status(sandbox, channelId, `pay_all_${channelId}`)).kind)
        expect(await status(sandbox, channelId, `pay_never_${channelId}`), channelId).toEqual({ kind: 'not_found' })
      }
      await waitFor(() => callbacksFor(ids).filter((callback) => callback.status === 'paid_out').length === ids.length, 5_000, 'paid_out callbacks')
      for (const channelId of CHANNEL_IDS) {
        const reference = (await payouts(sandbox)).payouts.find((payout) => payout.payment_id === `pay_all_${channelId}`)?.reference ?? null
        expect(await status(sandbox, channelId, `pay_all_${channelId}`, 1, reference), channelId).toEqual({ kind: 'paid_out', channelReference: reference })
      }
      expect(receiver.received.filter(({ result }) => 'error' in result)).toEqual([])
      await waitFor(async () => (await deliveries(sandbox)).every((delivery) => delivery.outcome === 'delivered'), 2_000, 'acknowledgements')
    })
  })

  it('refuses requests signed with the wrong secret', async () => {
    await withSandbox({}, async (sandbox) => {
      for (const channelId of CHANNEL_IDS) {
        const outcome = await submit(sandbox, payoutFor(channelId, { paymentId: 'pay_forged' }), channelId, 2_000, 'forged-secret')
        expect(outcome, channelId).toMatchObject({ kind: 'declined', code: 'http_401' })
      }
      expect((await payouts(sandbox)).payouts).toEqual([])
    })
  })

  it('pays a resubmitted attempt once and under the same reference', async () => {
    await withSandbox({}, async (sandbox) => {
      for (const channelId of CHANNEL_IDS) {
        const instruction = payoutFor(channelId, { paymentId: `pay_twice_${channelId}` })
        const [first, second] = [await submit(sandbox, instruction, channelId), await submit(sandbox, instruction, channelId)]
        expect(first.kind, channelId).toBe('accepted')
        expect(second, channelId).toEqual(first)
      }
      const view = await payouts(sandbox)
      expect(view.payouts).toHaveLength(CHANNEL_IDS.length)
      expect(view.paid_more_than_once).toEqual([])
    })
  })

  it('declines with the configured codes and keeps no payout', async () => {
    const codes: Record<string, string> = {
      sepa_instant: 'AC04', us_ach: 'submission_window_closed', uk_fps: 'BE01', upi: 'ZH', pix: 'saldo_insuficiente', cn_ibps: 'PAYEE_NOT_EXIST', swift: 'RR04',
    }
    const channels = Object.fromEntries(Object.entries(codes).map(([channelId, declineCode]) => [channelId, { declineRate: 1, declineCode }]))
    await withSandbox({ behaviour: { channels } }, async (sandbox) => {
      for (const channelId of CHANNEL_IDS) {
        const code = codes[channelId] ?? ''
        const outcome = await submit(sandbox, payoutFor(channelId, { paymentId: `pay_declined_${channelId}` }), channelId)
        expect(outcome, channelId).toMatchObject({ kind: 'declined', code, retryable: registry.errorFor(channelId, code).retryable })
        expect(await status(sandbox, channelId, `pay_declined_${channelId}`), channelId).toEqual({ kind: 'not_found' })
      }
      expect((await payouts(sandbox)).payouts).toEqual([])
    })
  })

  it('records a payout whose answer outlives the client timeout, and finds it by idempotency key', async () => {
    await withSandbox({ behaviour: { channels: { upi: { timeoutRate: 1, hangMs: 1_500, settleAfterMs: 5_000 } } } }, async (sandbox) => {
      const instruction = payoutFor('upi', { paymentId: 'pay_timeout' })
      expect(await submit(sandbox, instruction, 'upi', 200)).toEqual({ kind: 'ambiguous', reason: 'timed out waiting for the channel' })
      const found = await status(sandbox, 'upi', 'pay_timeout')
      expect(found.kind).toBe('processing')
      // The same attempt again is deduplicated and answered at once, with the same reference.
      const again = await submit(sandbox, instruction, 'upi', 200)
      expect(again).toMatchObject({ kind: 'accepted', channelReference: 'channelReference' in found ? found.channelReference : '' })
      expect((await payouts(sandbox)).by_payment_id['pay_timeout']).toMatchObject({ processing: 1, paid_out: 0 })
    })
  })

  it('answers 504 after recording in gateway-timeout mode, and nothing on server errors', async () => {
    const behaviour = { channels: { swift: { timeoutRate: 1, timeoutMode: 'gateway_timeout' as const }, uk_fps: { serverErrorRate: 1 } } }
    await withSandbox({ behaviour }, async (sandbox) => {
      expect((await submit(sandbox, payoutFor('swift', { paymentId: 'pay_504' }), 'swift')).kind).toBe('ambiguous')
      expect((await status(sandbox, 'swift', 'pay_504')).kind).toBe('processing')

      const fps = payoutFor('uk_fps', { paymentId: 'pay_500' })
      expect((await submit(sandbox, fps, 'uk_fps')).kind).toBe('ambiguous')
      expect(await status(sandbox, 'uk_fps', 'pay_500')).toEqual({ kind: 'not_found' })
      const update = await fetch(`${sandbox.url}/_sandbox/behaviour/uk_fps`, { method: 'PUT', body: JSON.stringify({ serverErrorRate: 0 }) })
      expect(update.status).toBe(200)
      expect((await submit(sandbox, fps, 'uk_fps')).kind).toBe('accepted')
      expect((await payouts(sandbox)).paid_more_than_once).toEqual([])
    })
  })

  it('duplicates callbacks at the configured rate, the same way for the same seed', async () => {
    const run = async () => {
      let pattern: string[] = []
      await withSandbox({ seed: 2024, behaviour: { channels: { pix: { settleAfterMs: 20, callbackDuplicateRate: 0.5 } } } }, async (sandbox) => {
        const ids = Array.from({ length: 20 }, (_, index) => `pay_dup_${index}`)
        for (const paymentId of ids) expect((await submit(sandbox, payoutFor('pix', { paymentId }), 'pix')).kind).toBe('accepted')
        await waitFor(async () => {
          const all = await deliveries(sandbox)
          const firsts = all.filter((delivery) => !delivery.duplicate)
          return firsts.length === 40 && all.every((delivery) => delivery.outcome === 'delivered')
        }, 5_000, 'callback deliveries')
        const planned = (await deliveries(sandbox)).filter((delivery) => delivery.duplicate)
        const seen = new Map<string, number>()
        for (const callback of callbacksFor(ids)) seen.set(callback.eventId, (seen.get(callback.eventId) ?? 0) + 1)
        const duplicated = [...seen.entries()].filter(([, count]) => count === 2).map(([eventId]) => eventId)
        expect(seen.size).toBe(40)
        expect(duplicated.sort()).toEqual(planned.map((delivery) => delivery.eventId).sort())
        expect(duplicated.length).toBeGreaterThanOrEqual(10)
        expect(duplicated.length).toBeLessThanOrEqual(30)
        pattern = planned.map((delivery) => `${delivery.paymentId}/${delivery.status}`).sort()
        receiver.received.splice(0)
      })
      return pattern
    }
    const first = await run()
    expect(await run()).toEqual(first)
  })

  it('can deliver a stale event after the final one, with timestamps that tell them apart', async () => {
    await withSandbox({ behaviour: { channels: { us_ach: { settleAfterMs: 30, callbackReorder: true } } } }, async (sandbox) => {
      await submit(sandbox, payoutFor('us_ach', { paymentId: 'pay_reorder' }), 'us_ach')
      await waitFor(() => callbacksFor(['pay_reorder']).length === 2, 5_000, 'two callbacks')
      const [first, second] = callbacksFor(['pay_reorder'])
      expect([first?.status, second?.status]).toEqual(['paid_out', 'processing'])
      expect((second?.occurredAt.getTime() ?? 0) < (first?.occurredAt.getTime() ?? 0)).toBe(true)
    })
  })
})
