/**
 * A sandbox run with 20% timeouts, server errors, declines, failures at settlement, duplicate
 * and reordered callbacks: every payment must end terminal, none paid out twice, and the
 * ledger must verify clean. Callbacks reach the app over real HTTP.
 */
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyPaymentRecords } from '../../src/payments/payment-verify.js'
import { startSandboxServer, type SandboxServer } from '../../src/sandbox/start-sandbox-server.js'
import { createPayment, fund, paymentBody, quote, usdToEurQuote } from '../support/payments.js'
import { createTestContext, type TestContext } from '../support/test-app.js'

const PAYMENTS = 40
const WAVE = 8
let sandbox: SandboxServer
let t: TestContext
let handler: (request: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 })
let server: ReturnType<typeof serve>

beforeAll(async () => {
  const appUrl = await new Promise<string>((resolve) => {
    server = serve({ fetch: (request) => handler(request), port: 0, hostname: '127.0.0.1' }, (info) => resolve(`http://127.0.0.1:${info.port}`))
  })
  sandbox = await startSandboxServer({
    port: 0,
    seed: 2026,
    callbackBaseUrl: appUrl,
    callbackRetryDelaysMs: [100, 300, 1000],
    behaviour: {
      default: {
        timeoutRate: 0.2,
        hangMs: 800,
        serverErrorRate: 0.05,
        declineRate: 0.1,
        failRate: 0.05,
        settleAfterMs: 150,
        callbackDuplicateRate: 0.5,
        callbackReorder: true,
        latencyMs: 5,
      },
    },
  })
  t = await createTestContext({
    // It runs the job's work on every due payment it finds: other test files' must not be among them.
    ownDatabase: true,
    channelsBaseUrl: sandbox.url,
    autoProcess: true,
    quiet: true,
    processorOptions: { requestTimeoutMs: 300, ambiguousGraceMs: 400, pollIntervalMs: 300, leaseMs: 5_000 },
  })
  handler = (request) => t.app.fetch(request)
  await fund(t, 'USD', 100_000_00n)
})
afterAll(async () => {
  await t.close()
  await sandbox.close()
  await new Promise((resolve) => server.close(resolve))
})

describe('payments against a misbehaving rail', () => {
  it('end terminal, are never paid twice, and leave the ledger clean', async () => {
    const before = (await t.client.GET('/v1/balances', {})).data!.data.find((b) => b.currency === 'USD')!.available.value
    // In waves of concurrent requests, so creation is batched and the rail gets bulk submissions
    // (one hung or failed item leaves the whole bulk request ambiguous), besides single ones.
    const ids: string[] = []
    for (let wave = 0; wave < PAYMENTS / WAVE; wave++) {
      const created = await Promise.all(
        Array.from({ length: WAVE }, async () => {
          const { data, error } = await createPayment(t, paymentBody(await quote(t, usdToEurQuote)))
          if (!data) throw new Error(JSON.stringify(error))
          return data.id
        }),
      )
      ids.push(...created)
    }
    // Run the job's work until every payment is settled (bounded in time).
    const deadline = Date.now() + 60_000
    let open = ids.length
    while (Date.now() < deadline) {
      for (const id of await t.deps.processor.due(100)) await t.deps.processor.process(id)
      const statuses = await Promise.all(ids.map(async (id) => (await t.client.GET('/v1/payments/{id}', { params: { path: { id } } })).data!.status))
      open = statuses.filter((status) => status === 'pending' || status === 'processing').length
      if (open === 0) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(open).toBe(0)

    const payments = await Promise.all(ids.map(async (id) => (await t.client.GET('/v1/payments/{id}', { params: { path: { id } } })).data!))
    const sandboxView = (await (await fetch(`${sandbox.url}/_sandbox/payouts`)).json()) as {
      by_payment_id: Record<string, { paid_out: number; processing: number; failed: number }>
      paid_more_than_once: string[]
    }
    expect(sandboxView.paid_more_than_once).toEqual([])
    for (const payment of payments) {
      const atRail = sandboxView.by_payment_id[payment.id] ?? { paid_out: 0, processing: 0, failed: 0 }
      // Our status agrees with the rail: paid out exactly once, or not at all.
      expect(atRail.paid_out, `${payment.id} ${payment.status}`).toBe(payment.status === 'paid_out' ? 1 : 0)
    }
    const paidOut = payments.filter((payment) => payment.status === 'paid_out').length
    const failed = payments.filter((payment) => payment.status === 'failed').length
    expect(paidOut + failed).toBe(PAYMENTS)
    expect(paidOut).toBeGreaterThan(PAYMENTS / 2)
    // Some attempts must actually have been ambiguous, or this run proved nothing.
    const attempts = payments.reduce((sum, payment) => sum + (payment.channel?.attempts ?? 0), 0)
    expect(attempts).toBeGreaterThan(PAYMENTS)

    expect(await t.deps.ledger.verify()).toEqual([])
    expect((await verifyPaymentRecords(t.connection.db)).violations).toEqual([])
    const after = (await t.client.GET('/v1/balances', {})).data!.data.find((b) => b.currency === 'USD')!.available.value
    // Failed payments came back in full; paid ones cost exactly their source amount.
    const spent = payments.filter((payment) => payment.status === 'paid_out').reduce((sum, payment) => sum + Math.round(Number(payment.source_amount) * 100), 0)
    expect(Math.round(Number(before) * 100) - Math.round(Number(after) * 100)).toBe(spent)
  }, 90_000)
})
