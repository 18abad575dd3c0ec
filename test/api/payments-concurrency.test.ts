import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandboxServer, type SandboxServer } from '../../src/sandbox/start-sandbox-server.js'
import { createPayment, fund, idempotencyKey, paymentBody, quote, usdToEurQuote } from '../support/payments.js'
import { createTestContext, usingPostgres, type TestContext } from '../support/test-app.js'

describe.skipIf(!usingPostgres())('payments under concurrency (PostgreSQL server)', () => {
  let sandbox: SandboxServer
  let t: TestContext
  beforeAll(async () => {
    sandbox = await startSandboxServer({ port: 0, seed: 5, behaviour: { default: { settleAfterMs: 0 } } })
    t = await createTestContext({ channelsBaseUrl: sandbox.url })
  })
  afterAll(async () => {
    await t.close()
    await sandbox.close()
  })

  it('100 concurrent requests with one Idempotency-Key make one payment', async () => {
    const merchant = await t.newMerchant()
    await fund(t, 'USD', 1_000_00n, merchant.merchantId)
    const body = paymentBody(await quote(t, usdToEurQuote, merchant.client))
    const key = idempotencyKey()
    const results = await Promise.all(Array.from({ length: 100 }, () => createPayment(t, body, key, merchant.client)))
    const statuses = results.map((result) => result.response.status)
    expect(statuses.every((status) => status === 201 || status === 409), statuses.join(',')).toBe(true)
    const ids = new Set(results.flatMap((result) => (result.data ? [result.data.id] : [])))
    expect(ids.size).toBe(1)
    const listed = await merchant.client.GET('/v1/payments', { params: { query: { limit: 100 } } })
    expect(listed.data!.data).toHaveLength(1)
    const balance = await merchant.client.GET('/v1/balances', {})
    expect(balance.data!.data.find((b) => b.currency === 'USD')!.available.value).toBe('900.00')
  })

  it('concurrent payments against one balance never overdraw it', async () => {
    const merchant = await t.newMerchant()
    await fund(t, 'USD', 1_000_00n, merchant.merchantId)
    const quotes = await Promise.all(Array.from({ length: 30 }, () => quote(t, usdToEurQuote, merchant.client)))
    const results = await Promise.all(quotes.map((quoteId) => createPayment(t, paymentBody(quoteId), idempotencyKey(), merchant.client)))
    const created = results.filter((result) => result.response.status === 201)
    const refused = results.filter((result) => result.error?.error.code === 'insufficient_funds')
    expect(created).toHaveLength(10)
    expect(refused).toHaveLength(20)
    const balance = await merchant.client.GET('/v1/balances', {})
    expect(balance.data!.data.find((b) => b.currency === 'USD')!.available.value).toBe('0.00')
    expect(await t.deps.ledger.verify()).toEqual([])
  })
})
