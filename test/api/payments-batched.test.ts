/**
 * Payments created in one event-loop turn are written together (one transaction for the batch)
 * and handed to the rail together (one bulk request). Each still gets its own answer: a quote
 * paid twice, another merchant's quote or a short balance fails only its own payment. (The
 * service is called directly, so that the payments surely share a turn.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RequestBody } from '../../src/api/openapi.js'
import type { CreatePaymentInput } from '../../src/payments/payment-service.js'
import { startSandboxServer, type SandboxServer } from '../../src/sandbox/start-sandbox-server.js'
import { createPayment, fund, paymentBody, quote, usdToEurQuote } from '../support/payments.js'
import { createTestContext, type TestContext } from '../support/test-app.js'

let sandbox: SandboxServer
let t: TestContext
const channelRequests: string[] = []

beforeAll(async () => {
  sandbox = await startSandboxServer({ port: 0, seed: 11, behaviour: { default: { settleAfterMs: 0 } } })
  t = await createTestContext({
    channelsBaseUrl: sandbox.url,
    autoProcess: true,
    fetch: (input, init) => {
      channelRequests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`)
      return fetch(input, init)
    },
  })
})
afterAll(async () => {
  await t.close()
  await sandbox.close()
})

/** The service's input for a wire body, as the route builds it. */
const inputOf = (body: RequestBody<'createPayment'>, idempotencyKey: string): CreatePaymentInput => ({
  quoteId: body.quote_id,
  idempotencyKey,
  sender: body.sender as CreatePaymentInput['sender'],
  beneficiary: body.beneficiary as unknown as CreatePaymentInput['beneficiary'],
  purposeCode: body.purpose_code,
  reference: body.reference,
  metadata: body.metadata ?? {},
})

const statusOf = async (id: string, client = t.client) => (await client.GET('/v1/payments/{id}', { params: { path: { id } } })).data!.status
const usd = async (client = t.client) => (await client.GET('/v1/balances', {})).data!.data.find((balance) => balance.currency === 'USD')?.available.value

async function settled(ids: string[], client = t.client): Promise<string[]> {
  const deadline = Date.now() + 20_000
  for (;;) {
    const statuses = await Promise.all(ids.map((id) => statusOf(id, client)))
    if (statuses.every((status) => status !== 'pending' && status !== 'processing') || Date.now() > deadline) return statuses
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('payments created together', () => {
  it('give every request its own answer, and pay out through one bulk request', async () => {
    const merchant = await t.newMerchant()
    await fund(t, 'USD', 500_00n, merchant.merchantId)
    const stranger = await t.newMerchant()
    const [q1, q2, q3, q4, twice, foreign] = await Promise.all([
      ...Array.from({ length: 5 }, () => quote(t, usdToEurQuote, merchant.client)),
      quote(t, usdToEurQuote, stranger.client),
    ])
    channelRequests.length = 0
    // Called in one turn, as the requests of one event-loop turn reach the service: one batch.
    const results = await Promise.all(
      [q1, q2, q3, q4, twice, twice, foreign].map((quoteId, index) => t.deps.payments.create(merchant.merchantId, inputOf(paymentBody(quoteId!), `batch-${Date.now()}-${index}`))),
    )
    const outcome = results.map((result) => ('error' in result ? result.error : result.status))
    // Four distinct quotes pay; one of the two requests on the same quote pays, the other finds it used.
    expect(outcome.slice(0, 4)).toEqual(['pending', 'pending', 'pending', 'pending'])
    expect([...outcome.slice(4, 6)].sort()).toEqual(['pending', 'quote_used'])
    expect(outcome[6]).toBe('quote_not_found')
    const created = results.flatMap((result) => ('error' in result ? [] : [result.id]))
    expect(created).toHaveLength(5)

    expect(await settled(created, merchant.client)).toEqual(Array(5).fill('paid_out'))
    // One bulk request carried the batch (no single submissions to the rail).
    expect(channelRequests.filter((request) => request.endsWith('/bulk'))).toHaveLength(1)
    expect(channelRequests.filter((request) => request === 'POST /sepa_instant/v1/instant-credit-transfers')).toHaveLength(0)
    const payouts = (await (await fetch(`${sandbox.url}/_sandbox/payouts`)).json()) as { by_payment_id: Record<string, { paid_out: number }>; paid_more_than_once: string[] }
    expect(payouts.paid_more_than_once).toEqual([])
    for (const id of created) expect(payouts.by_payment_id[id]?.paid_out).toBe(1)
    // 5 × 100.00 left the 500.00 balance; the ledger balances.
    expect(await usd(merchant.client)).toBe('0.00')
    expect(await t.deps.ledger.verify()).toEqual([])
  })

  it('send the payments of one dispatch window in one bulk request, and each turn alone without a window', async () => {
    const bulkRequestsFor = async (dispatchWindowMs: number) => {
      const requests: string[] = []
      const windowed = await createTestContext({
        channelsBaseUrl: sandbox.url,
        autoProcess: true,
        quiet: true,
        processorOptions: { dispatchWindowMs },
        fetch: (input, init) => {
          requests.push(new URL(String(input)).pathname)
          return fetch(input, init)
        },
      })
      try {
        await fund(windowed, 'USD', 300_00n)
        // Created one after another, each in its own turn (and its own transaction).
        const created: string[] = []
        for (let i = 0; i < 3; i++) {
          const response = await createPayment(windowed, paymentBody(await quote(windowed, usdToEurQuote)))
          created.push(response.data!.id)
        }
        expect(await settled(created, windowed.client)).toEqual(['paid_out', 'paid_out', 'paid_out'])
        return { bulk: requests.filter((path) => path.endsWith('/bulk')).length, single: requests.filter((path) => path === '/sepa_instant/v1/instant-credit-transfers').length }
      } finally {
        await windowed.close()
      }
    }
    // A window longer than the three creations: one bulk request carries all three.
    expect(await bulkRequestsFor(2_000)).toEqual({ bulk: 1, single: 0 })
    // No window: each payment goes as soon as its turn ends, alone.
    expect(await bulkRequestsFor(0)).toEqual({ bulk: 0, single: 3 })
  })

  it('record a notification of several events at once, each event once', async () => {
    const merchant = await t.newMerchant()
    await fund(t, 'USD', 100_00n, merchant.merchantId)
    const created = await t.deps.payments.create(merchant.merchantId, inputOf(paymentBody(await quote(t, usdToEurQuote, merchant.client)), `events-${Date.now()}`))
    if ('error' in created) throw new Error(created.message)
    expect(await settled([created.id], merchant.client)).toEqual(['paid_out'])
    const event = { channelReference: 'SCTI-TEST', paymentId: created.id, attempt: 1, status: 'paid_out' as const, eventId: `evt_test_${Date.now()}`, occurredAt: new Date() }
    const unknown = { ...event, paymentId: 'pay_unknown', eventId: `${event.eventId}_unknown`, status: 'processing' as const }
    // The same event twice in one notification, and one for a payment nobody knows.
    expect(await t.deps.processor.applyCallbacks('sepa_instant', [event, event, unknown])).toEqual(['stale', 'duplicate', 'unknown_payment'])
    expect(await t.deps.processor.applyCallbacks('sepa_instant', [event])).toEqual(['duplicate'])
  })

  it('refuse only the payments the balance cannot cover', async () => {
    const merchant = await t.newMerchant()
    await fund(t, 'USD', 250_00n, merchant.merchantId)
    const quotes = await Promise.all(Array.from({ length: 4 }, () => quote(t, usdToEurQuote, merchant.client)))
    const results = await Promise.all(quotes.map((quoteId, index) => t.deps.payments.create(merchant.merchantId, inputOf(paymentBody(quoteId), `short-${Date.now()}-${index}`))))
    const codes = results.map((result) => ('error' in result ? result.error : result.status)).sort()
    expect(codes).toEqual(['insufficient_funds', 'insufficient_funds', 'pending', 'pending'])
    const created = results.flatMap((result) => ('error' in result ? [] : [result.id]))
    expect(await settled(created, merchant.client)).toEqual(['paid_out', 'paid_out'])
    expect(await usd(merchant.client)).toBe('50.00')
    // The refused requests' quotes stay unused: they can still pay once money arrives.
    await fund(t, 'USD', 100_00n, merchant.merchantId)
    const refusedQuote = quotes[results.findIndex((result) => 'error' in result && result.error === 'insufficient_funds')]!
    const retried = await createPayment(t, paymentBody(refusedQuote), undefined, merchant.client)
    expect(retried.data?.status).toBe('pending')
    expect(await t.deps.ledger.verify()).toEqual([])
  })

  it('are all handed to their channel by the time the background work has settled, as a shutdown waits for it', async () => {
    const merchant = await t.newMerchant()
    await fund(t, 'USD', 1_000_00n, merchant.merchantId)
    const quotes = await Promise.all(Array.from({ length: 3 }, () => quote(t, usdToEurQuote, merchant.client)))
    const created = await Promise.all(quotes.map((quoteId, index) => createPayment(t, paymentBody(quoteId!), `drain-${Date.now()}-${index}`, merchant.client)))
    expect(created.map((response) => response.data?.status)).toEqual(['pending', 'pending', 'pending'])
    // No polling: once settled, each payout has been sent and its answer recorded.
    expect(await t.deps.settleBackground!(10_000)).toBe(true)
    expect(await Promise.all(created.map((response) => statusOf(response.data!.id, merchant.client)))).toEqual(['paid_out', 'paid_out', 'paid_out'])
  })
})
