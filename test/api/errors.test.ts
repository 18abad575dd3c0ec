import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { apiKeys } from '../../src/db/schema.js'
import { createTestContext, type TestContext } from '../support/test-app.js'

let t: TestContext
beforeAll(async () => {
  t = await createTestContext()
})
afterAll(() => t.close())

const json = { 'content-type': 'application/json' }
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string; field?: string; request_id: string } }).error

describe('errors are always in the documented shape', () => {
  it('401 without a key, with a malformed key and with an unknown key', async () => {
    for (const apiKey of [null, 'not a key', 'sk_test_unknownunknownunknown12']) {
      const response = await t.request('/v1/rates', { apiKey })
      expect(response.status).toBe(401)
      expect((await errorOf(response)).code).toBe('unauthorized')
    }
    const scheme = await t.request('/v1/rates', { apiKey: null, headers: { Authorization: `Basic ${t.apiKey}` } })
    expect(scheme.status).toBe(401)
  })

  it('401 for a revoked key, asked of the database on every request; keys looked up together each find their own merchant', async () => {
    const [first, second] = [await t.newMerchant(), await t.newMerchant()]
    // Looked up in one turn: one statement for the batch, each key its own answer.
    const found = await Promise.all([first.apiKey, second.apiKey, 'sk_test_unknownunknownunknown12', first.apiKey].map((key) => t.deps.merchants.authenticate(key)))
    expect(found).toEqual([{ id: first.merchantId }, { id: second.merchantId }, undefined, { id: first.merchantId }])
    expect((await t.request('/v1/balances', { apiKey: second.apiKey })).status).toBe(200)
    await t.connection.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.merchantId, second.merchantId))
    const revoked = await t.request('/v1/balances', { apiKey: second.apiKey })
    expect(revoked.status).toBe(401)
    expect((await errorOf(revoked)).code).toBe('unauthorized')
    expect((await t.request('/v1/balances', { apiKey: first.apiKey })).status).toBe(200)
  })

  it('400 for malformed JSON, a non-JSON content type and invalid UTF-8', async () => {
    const malformed = await t.request('/v1/quotes', { method: 'POST', headers: json, body: '{"source_currency": "USD",' })
    expect(malformed.status).toBe(400)
    expect((await errorOf(malformed)).code).toBe('malformed_json')
    const form = await t.request('/v1/quotes', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'a=b' })
    expect(form.status).toBe(400)
    const bytes = await t.request('/v1/quotes', { method: 'POST', headers: json, body: new Uint8Array([0x7b, 0xff, 0x7d]) })
    expect(bytes.status).toBe(400)
  })

  it('422 for a body that is JSON but not an object, and for a missing body', async () => {
    for (const body of ['[]', '"text"', '42', 'null']) {
      const response = await t.request('/v1/quotes', { method: 'POST', headers: json, body })
      expect(response.status, body).toBe(422)
      expect((await errorOf(response)).code).toBe('validation_failed')
    }
    const empty = await t.request('/v1/quotes', { method: 'POST', headers: json })
    expect(empty.status).toBe(422)
    expect((await errorOf(empty)).field).toBe('body')
  })

  it('413 for a body over 64 KiB, by declared length and by actual size', async () => {
    const big = JSON.stringify({ source_currency: 'USD', target_currency: 'EUR', source_amount: '1.00', pad: 'x'.repeat(70_000) })
    const response = await t.request('/v1/quotes', { method: 'POST', headers: json, body: big })
    expect(response.status).toBe(413)
    expect((await errorOf(response)).code).toBe('payload_too_large')
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big))
        controller.close()
      },
    })
    const streamed = await t.request('/v1/quotes', { method: 'POST', headers: json, body: stream, duplex: 'half' } as RequestInit)
    expect(streamed.status).toBe(413)
  })

  it('404 for an unknown route and 405 with Allow for a wrong method', async () => {
    const unknown = await t.request('/v1/nothing-here')
    expect(unknown.status).toBe(404)
    expect((await errorOf(unknown)).code).toBe('not_found')
    const wrong = await t.request('/v1/quotes', { method: 'PUT', headers: json, body: '{}' })
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('POST')
    expect((await errorOf(wrong)).code).toBe('method_not_allowed')
    const wrongOnId = await t.request('/v1/quotes/quo_abc', { method: 'DELETE' })
    expect(wrongOnId.status).toBe(405)
    expect(wrongOnId.headers.get('allow')).toBe('GET, HEAD')
  })

  it('422 for bad query parameters, naming them', async () => {
    const limit = await t.request('/v1/corridors?limit=1000')
    expect(limit.status).toBe(422)
    expect((await errorOf(limit)).field).toBe('limit')
    const base = await t.request('/v1/rates?base=dollars')
    expect((await errorOf(base)).field).toBe('base')
  })

  it('every error carries the request id echoed in the Request-Id header', async () => {
    const response = await t.request('/v1/quotes/quo_missing', { headers: { 'X-Request-Id': 'trace-123' } })
    expect(response.headers.get('request-id')).toBe('trace-123')
    expect((await errorOf(response)).request_id).toBe('trace-123')
  })

  it('a database failure is a 500 in the error shape, never a crash', async () => {
    const broken = await createTestContext({ quiet: true })
    await broken.close()
    const response = await broken.request('/v1/rates')
    expect(response.status).toBe(500)
    const error = await errorOf(response)
    expect(error.code).toBe('internal_error')
    expect(error.message).not.toMatch(/select|PGlite|postgres/i)
  })
})

describe('meta endpoints', () => {
  it('serves the spec, the reference page and health', async () => {
    const spec = await t.request('/openapi.yaml', { apiKey: null })
    expect(spec.status).toBe(200)
    expect(await spec.text()).toContain('openapi: 3.1.0')
    const docs = await t.request('/docs', { apiKey: null })
    expect(docs.status).toBe(200)
    expect(await docs.text()).toContain('/openapi.yaml')
    const health = await t.request('/health', { apiKey: null })
    expect(await health.json()).toEqual({ status: 'ok', database: expect.stringMatching(/pglite|postgres/) })
  })
})
