/**
 * The merchant flows over HTTP against the built Worker in workerd, on PostgreSQL through a
 * Hyperdrive binding. Request validation runs here too, which proves the spec validator works
 * where code generation from strings is forbidden.
 */
import { describe, expect, it } from 'vitest'
import { edge, edgeClient, edgeRequest, errorOf } from './edge-client.js'

const json = { 'content-type': 'application/json' }
const usdToEur = { source_currency: 'USD', target_currency: 'EUR', source_amount: '1000.00', source_country: 'US', destination_country: 'DE' }

describe('the Worker in workerd', () => {
  it('is healthy on PostgreSQL', async () => {
    const response = await edgeRequest('/health', { apiKey: null })
    expect(await response.json()).toEqual({ status: 'ok', database: 'postgres' })
  })

  it('lists rates', async () => {
    const { data, response } = await edgeClient().GET('/v1/rates', {})
    expect(response.status).toBe(200)
    expect(data!.data.find((rate) => rate.currency === 'EUR')).toMatchObject({ base: 'USD', mid_rate: '0.92345', source: 'static' })
    const eur = await edgeClient().GET('/v1/rates', { params: { query: { base: 'EUR' } } })
    expect(eur.data!.data.every((rate) => rate.base === 'EUR')).toBe(true)
  })

  it('creates a quote and retrieves it, priced exactly as on Node', async () => {
    const created = await edgeClient().POST('/v1/quotes', { body: usdToEur })
    expect(created.response.status).toBe(201)
    expect(created.data).toMatchObject({
      object: 'quote',
      status: 'active',
      source_amount: '1000.00',
      target_amount: '916.53',
      fee: { value: '2.50', currency: 'USD' },
      mid_rate: '0.92345',
      rate: '0.91883275',
      markup_bps: 50,
      corridor_id: 'cor_usdeusdeur',
    })
    const fetched = await edgeClient().GET('/v1/quotes/{id}', { params: { path: { id: created.data!.id } } })
    expect(fetched.response.status).toBe(200)
    expect(fetched.data).toEqual(created.data)
  })

  it('keeps one merchant’s quote from another', async () => {
    const created = await edgeClient().POST('/v1/quotes', { body: usdToEur })
    const other = await edgeClient(edge().otherApiKey).GET('/v1/quotes/{id}', { params: { path: { id: created.data!.id } } })
    expect(other.response.status).toBe(404)
  })

  it('replays an idempotent POST and refuses the key for another body', async () => {
    const key = `edge-${Date.now()}`
    const params = { header: { 'Idempotency-Key': key } }
    const first = await edgeClient().POST('/v1/quotes', { body: usdToEur, params })
    expect(first.response.status).toBe(201)
    expect(first.response.headers.get('idempotent-replayed')).toBeNull()

    const replay = await edgeClient().POST('/v1/quotes', { body: usdToEur, params })
    expect(replay.response.status).toBe(201)
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true')
    expect(replay.data).toEqual(first.data)

    const reused = await edgeClient().POST('/v1/quotes', { body: { ...usdToEur, source_amount: '999.00' }, params })
    expect(reused.response.status).toBe(422)
    expect(reused.error!.error.code).toBe('idempotency_key_reused')
  })
})

describe('errors in the spec’s shape', () => {
  it('401 without a key or with an unknown one', async () => {
    for (const apiKey of [null, 'sk_test_unknownunknownunknown12']) {
      const response = await edgeRequest('/v1/rates', { apiKey })
      expect(response.status).toBe(401)
      expect((await errorOf(response)).code).toBe('unauthorized')
    }
  })

  it('404 for an unknown quote and an unknown route', async () => {
    const quote = await edgeRequest('/v1/quotes/quo_doesnotexist')
    expect(quote.status).toBe(404)
    expect(await errorOf(quote)).toMatchObject({ code: 'not_found', request_id: expect.stringMatching(/^req_/) })
    const route = await edgeRequest('/v1/nothing-here')
    expect(route.status).toBe(404)
  })

  it('405 with Allow for a wrong method', async () => {
    const response = await edgeRequest('/v1/quotes', { method: 'PUT', headers: json, body: '{}' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
    expect((await errorOf(response)).code).toBe('method_not_allowed')
  })

  it('422 naming the field, from the spec validator and from the domain', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...usdToEur, source_amount: 1000 }, 'source_amount'],
      [{ ...usdToEur, surprise: true }, 'surprise'],
      [{ ...usdToEur, source_amount: '10.001' }, 'source_amount'],
    ]
    for (const [body, field] of cases) {
      const response = await edgeRequest('/v1/quotes', { method: 'POST', headers: json, body: JSON.stringify(body) })
      expect(response.status, JSON.stringify(body)).toBe(422)
      expect(await errorOf(response)).toMatchObject({ code: 'validation_failed', field })
    }
    const query = await edgeRequest('/v1/rates?base=dollars')
    expect(query.status).toBe(422)
    expect((await errorOf(query)).field).toBe('base')
  })

  it('400 for malformed JSON', async () => {
    const response = await edgeRequest('/v1/quotes', { method: 'POST', headers: json, body: '{"source_currency": "USD",' })
    expect(response.status).toBe(400)
    expect((await errorOf(response)).code).toBe('malformed_json')
  })

  it('413 for a body over 64 KiB', async () => {
    const body = JSON.stringify({ ...usdToEur, pad: 'x'.repeat(70_000) })
    const response = await edgeRequest('/v1/quotes', { method: 'POST', headers: json, body })
    expect(response.status).toBe(413)
    expect((await errorOf(response)).code).toBe('payload_too_large')
  })
})
