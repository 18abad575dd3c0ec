import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { quotes } from '../../src/db/schema.js'
import { createTestContext, usingPostgres, type TestContext } from '../support/test-app.js'

let t: TestContext
beforeAll(async () => {
  t = await createTestContext()
})
afterAll(() => t.close())

const quoteBody = { source_currency: 'USD', target_currency: 'EUR', source_amount: '125.00' } as const
const post = (key: string, body: unknown = quoteBody) =>
  t.request('/v1/quotes', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(body),
  })

const quotesOf = async (merchantId: string) =>
  t.connection.db.select({ id: quotes.id }).from(quotes).where(eq(quotes.merchantId, merchantId))

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body', async () => {
    const first = await post('replay-1')
    expect(first.status).toBe(201)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    const second = await post('replay-1')
    expect(second.status).toBe(201)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(await second.json()).toEqual(await first.json())
  })

  it('rejects the same key with another body (422 idempotency_key_reused)', async () => {
    expect((await post('reuse-1')).status).toBe(201)
    const other = await post('reuse-1', { ...quoteBody, source_amount: '126.00' })
    expect(other.status).toBe(422)
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_reused')
  })

  it('answers 409 while the same key is still in flight', async () => {
    const started = await t.deps.idempotencyStore.begin({
      merchantId: t.merchantId,
      key: 'inflight-1',
      fingerprint: 'f'.repeat(64),
      method: 'POST',
      path: '/v1/quotes',
    })
    expect(started.kind).toBe('started')
    const blocked = await t.deps.idempotencyStore.begin({
      merchantId: t.merchantId,
      key: 'inflight-1',
      fingerprint: 'f'.repeat(64),
      method: 'POST',
      path: '/v1/quotes',
    })
    expect(blocked.kind).toBe('in_flight')
  })

  it('does not burn the key on a validation error, so the corrected request goes through', async () => {
    const invalid = await post('fix-1', { ...quoteBody, source_amount: '1.001' })
    expect(invalid.status).toBe(422)
    expect((await post('fix-1')).status).toBe(201)
  })

  it('scopes keys per merchant', async () => {
    const other = await t.newMerchant()
    const mine = await post('shared-key')
    const theirs = await t.request('/v1/quotes', {
      method: 'POST',
      apiKey: other.apiKey,
      headers: { 'content-type': 'application/json', 'Idempotency-Key': 'shared-key' },
      body: JSON.stringify(quoteBody),
    })
    expect(mine.status).toBe(201)
    expect(theirs.status).toBe(201)
    expect(theirs.headers.get('idempotent-replayed')).toBeNull()
  })
})

describe.skipIf(!usingPostgres())('Idempotency-Key under concurrency (PostgreSQL server)', () => {
  it('50 concurrent identical requests create exactly one quote; the rest replay it or see 409', async () => {
    const merchant = await t.newMerchant()
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.request('/v1/quotes', {
          method: 'POST',
          apiKey: merchant.apiKey,
          headers: { 'content-type': 'application/json', 'Idempotency-Key': 'race-1' },
          body: JSON.stringify(quoteBody),
        }),
      ),
    )
    const statuses = responses.map((response) => response.status)
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true)
    const created = await quotesOf(merchant.merchantId)
    expect(created).toHaveLength(1)
    const ids = new Set<string>()
    for (const response of responses) if (response.status === 201) ids.add(((await response.json()) as { id: string }).id)
    expect([...ids]).toEqual([created[0]!.id])
    // Once settled, every retry replays the same quote.
    const after = await t.request('/v1/quotes', {
      method: 'POST',
      apiKey: merchant.apiKey,
      headers: { 'content-type': 'application/json', 'Idempotency-Key': 'race-1' },
      body: JSON.stringify(quoteBody),
    })
    expect(after.headers.get('idempotent-replayed')).toBe('true')
    expect(((await after.json()) as { id: string }).id).toBe(created[0]!.id)
    expect(await t.connection.db.select().from(quotes).where(and(eq(quotes.merchantId, merchant.merchantId)))).toHaveLength(1)
  })
})
