import { describe, expect, it } from 'vitest'
import { createCallbackDispatcher } from './callbacks.js'
import { sandboxCredentials } from './credentials.js'
import { sepaInstantDialect } from './dialects/sepa-instant.js'
import type { SandboxPayout } from './engine.js'
import { createManualScheduler } from './scheduler.js'

const payout: SandboxPayout = {
  channelId: 'sepa_instant',
  reference: 'ref_1',
  dedupeKey: 'pay_1:1',
  idempotencyKey: 'pay_1:1',
  paymentId: 'pay_1',
  attempt: 1,
  amount: '10.00',
  currency: 'EUR',
  beneficiary: 'DE89370400440532013000',
  status: 'paid_out',
  createdAt: 0,
  updatedAt: 0,
  extra: {},
}

describe('callback dispatcher', () => {
  it('delivers an event after the channel’s callback delay, and its duplicate after that', async () => {
    const scheduler = createManualScheduler(0)
    const sent: number[] = []
    const dispatcher = createCallbackDispatcher({
      scheduler,
      fetch: async () => (sent.push(scheduler.now()), new Response('{}', { status: 200 })),
      callbackBaseUrl: 'http://core.test',
      dialectFor: () => sepaInstantDialect,
      credentialsFor: sandboxCredentials,
      retryDelaysMs: [],
      duplicateDelayMs: 50,
      log: () => {},
    })
    dispatcher.send(payout, { eventId: 'evt_1', status: 'paid_out', occurredAt: 0 }, true, 200)
    const settle = () => new Promise((resolve) => setTimeout(resolve, 10))
    scheduler.advance(199)
    await settle()
    expect(sent).toEqual([])
    scheduler.advance(1)
    await settle()
    expect(sent).toEqual([200])
    scheduler.advance(50)
    await settle()
    expect(sent).toEqual([200, 250])
    expect(dispatcher.deliveries().map((delivery) => [delivery.duplicate, delivery.outcome])).toEqual([
      [false, 'delivered'],
      [true, 'delivered'],
    ])
  })
})
