import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManualClock } from '../../src/lib/clock.js'
import { createTestContext, type TestContext } from '../support/test-app.js'

const clock = createManualClock(new Date())
let t: TestContext

beforeAll(async () => {
  t = await createTestContext({ clock })
})
afterAll(() => t.close())

describe('POST /v1/quotes', () => {
  it('prices a source-amount quote with the corridor markup and fee, rounding the receiver down', async () => {
    const { data, response } = await t.client.POST('/v1/quotes', {
      body: { source_currency: 'USD', target_currency: 'EUR', source_amount: '1000.00', source_country: 'US', destination_country: 'DE' },
    })
    expect(response.status).toBe(201)
    expect(data).toMatchObject({
      object: 'quote',
      status: 'active',
      source_amount: '1000.00',
      fee: { value: '2.50', currency: 'USD' },
      markup_bps: 50,
      rate_source: 'static',
      corridor_id: 'cor_usdeusdeur',
    })
    // mid 0.92345 less 50 bps = 0.91883275 (exact); (1000.00 − 2.50) × 0.91883275 = 916.53366… → 916.53
    expect(data!.mid_rate).toBe('0.92345')
    expect(data!.rate).toBe('0.91883275')
    expect(data!.target_amount).toBe('916.53')
    expect(new Date(data!.expires_at).getTime() - new Date(data!.created_at).getTime()).toBe(300_000)
    expect(data!.id).toMatch(/^quo_/)
  })

  it('prices a target-amount quote: the receiver gets exactly the target, the sender pays rounded up', async () => {
    const { data, response } = await t.client.POST('/v1/quotes', {
      body: { source_currency: 'USD', target_currency: 'INR', target_amount: '50000.00' },
    })
    expect(response.status).toBe(201)
    expect(data!.target_amount).toBe('50000.00')
    const rate = Number(data!.rate)
    const source = Number(data!.source_amount)
    const fee = Number(data!.fee.value)
    // The principal left after the fee converts to at least the target…
    expect((source - fee) * rate).toBeGreaterThanOrEqual(50000 - 1e-6)
    // …and one cent less would not cover the target after its own fee (1.00 + 0.30%).
    const smaller = source - 0.01
    const smallerFee = 1 + Math.ceil(smaller * 100 * 0.003) / 100
    expect((smaller - smallerFee) * rate).toBeLessThan(50000)
  })

  it('uses each currency’s exponent on the wire (JPY 0, KWD 3)', async () => {
    const jpy = await t.client.POST('/v1/quotes', { body: { source_currency: 'USD', target_currency: 'JPY', source_amount: '100' } })
    expect(jpy.data!.target_amount).toMatch(/^\d+$/)
    expect(jpy.data!.source_amount).toBe('100.00')
    const kwd = await t.client.POST('/v1/quotes', { body: { source_currency: 'USD', target_currency: 'KWD', source_amount: '250.5' } })
    expect(kwd.data!.target_amount).toMatch(/^\d+\.\d{3}$/)
  })

  it('triangulates a cross pair with no direct rate (BRL → JPY through USD)', async () => {
    const { data, response } = await t.client.POST('/v1/quotes', {
      body: { source_currency: 'BRL', target_currency: 'JPY', source_amount: '1000.00', source_country: 'BR', destination_country: 'JP' },
    })
    expect(response.status).toBe(201)
    const rates = await t.client.GET('/v1/rates', {})
    const usd = (code: string) => Number(rates.data!.data.find((rate) => rate.currency === code)!.mid_rate)
    expect(Number(data!.mid_rate)).toBeCloseTo(usd('JPY') / usd('BRL'), 9)
  })

  it('rejects bad amounts with 422 naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ source_currency: 'USD', target_currency: 'EUR', source_amount: '10.001' }, 'source_amount'],
      [{ source_currency: 'JPY', target_currency: 'USD', source_amount: '10.5' }, 'source_amount'],
      [{ source_currency: 'USD', target_currency: 'EUR', source_amount: '-5.00' }, 'source_amount'],
      [{ source_currency: 'USD', target_currency: 'EUR', source_amount: 'ten' }, 'source_amount'],
      [{ source_currency: 'USD', target_currency: 'EUR', source_amount: 10 }, 'source_amount'],
      [{ source_currency: 'USD', target_currency: 'EUR', target_amount: '1e5' }, 'target_amount'],
      [{ source_currency: 'USD', target_currency: 'EUR' }, 'source_amount'],
      [{ source_currency: 'USD', target_currency: 'EUR', source_amount: '10.00', target_amount: '9.00' }, 'source_amount'],
      [{ source_currency: 'usd', target_currency: 'EUR', source_amount: '10.00' }, 'source_currency'],
      [{ target_currency: 'EUR', source_amount: '10.00' }, 'source_currency'],
      [{ source_currency: 'USD', target_currency: 'EUR', source_amount: '10.00', colour: 'red' }, 'colour'],
    ]
    for (const [body, field] of cases) {
      const response = await t.request('/v1/quotes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      expect(response.status, JSON.stringify(body)).toBe(422)
      const error = (await response.json()) as { error: { code: string; field: string } }
      expect(error.error.code, JSON.stringify(body)).toBe('validation_failed')
      expect(error.error.field, JSON.stringify(body)).toBe(field)
    }
  })

  it('refuses currencies and corridors it does not serve', async () => {
    const unknown = await t.client.POST('/v1/quotes', { body: { source_currency: 'ZZZ', target_currency: 'EUR', source_amount: '10.00' } })
    expect(unknown.response.status).toBe(422)
    expect(unknown.error!.error).toMatchObject({ code: 'unsupported_currency', field: 'source_currency' })
    const corridor = await t.client.POST('/v1/quotes', {
      body: { source_currency: 'USD', target_currency: 'EUR', source_amount: '10.00', source_country: 'US', destination_country: 'IT' },
    })
    expect(corridor.response.status).toBe(422)
    expect(corridor.error!.error).toMatchObject({ code: 'unsupported_corridor', field: 'destination_country' })
  })

  it('refuses an amount that does not cover the fee', async () => {
    const { error, response } = await t.client.POST('/v1/quotes', { body: { source_currency: 'USD', target_currency: 'EUR', source_amount: '2.50' } })
    expect(response.status).toBe(422)
    expect(error!.error).toMatchObject({ code: 'amount_too_small', field: 'source_amount' })
  })
})

describe('concurrent quotes', () => {
  it('authenticates and stores each of many concurrent requests as its own, across merchants and bad keys', async () => {
    const other = await t.newMerchant()
    const body = { source_currency: 'USD', target_currency: 'EUR', source_amount: '10.00' } as const
    // Sent together, so their key lookups and inserts share batches.
    const [mine, theirs, refused] = await Promise.all([
      Promise.all(Array.from({ length: 12 }, () => t.client.POST('/v1/quotes', { body }))),
      Promise.all(Array.from({ length: 12 }, () => other.client.POST('/v1/quotes', { body }))),
      Promise.all(Array.from({ length: 4 }, () => t.request('/v1/quotes', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, apiKey: 'sk_test_unknownunknownunknown00' }))),
    ])
    expect(mine.map((r) => r.response.status)).toEqual(Array(12).fill(201))
    expect(theirs.map((r) => r.response.status)).toEqual(Array(12).fill(201))
    expect(refused.map((r) => r.status)).toEqual(Array(4).fill(401))
    expect(new Set([...mine, ...theirs].map((r) => r.data!.id)).size).toBe(24)
    // Each quote belongs to the merchant that asked: readable by it, a 404 for the other.
    for (const { data } of mine.slice(0, 3)) {
      expect((await t.client.GET('/v1/quotes/{id}', { params: { path: { id: data!.id } } })).data).toEqual(data)
      expect((await other.client.GET('/v1/quotes/{id}', { params: { path: { id: data!.id } } })).response.status).toBe(404)
    }
    for (const { data } of theirs.slice(0, 3)) {
      expect((await other.client.GET('/v1/quotes/{id}', { params: { path: { id: data!.id } } })).data).toEqual(data)
    }
  })
})

describe('GET /v1/quotes/{id}', () => {
  it('returns the quote, then expired after its lock', async () => {
    const created = await t.client.POST('/v1/quotes', { body: { source_currency: 'USD', target_currency: 'GBP', source_amount: '100.00' } })
    const id = created.data!.id
    const fetched = await t.client.GET('/v1/quotes/{id}', { params: { path: { id } } })
    expect(fetched.data).toEqual(created.data)
    clock.advance(300_000)
    const later = await t.client.GET('/v1/quotes/{id}', { params: { path: { id } } })
    expect(later.data!.status).toBe('expired')
  })

  it('hides another merchant’s quote behind a 404', async () => {
    const created = await t.client.POST('/v1/quotes', { body: { source_currency: 'USD', target_currency: 'GBP', source_amount: '100.00' } })
    const other = await t.newMerchant()
    const { response, error } = await other.client.GET('/v1/quotes/{id}', { params: { path: { id: created.data!.id } } })
    expect(response.status).toBe(404)
    expect(error!.error.code).toBe('not_found')
  })

  it('answers 404 for an unknown id and 422 for a malformed one', async () => {
    expect((await t.request('/v1/quotes/quo_doesnotexist')).status).toBe(404)
    const malformed = await t.request('/v1/quotes/not-a-quote-id')
    expect(malformed.status).toBe(422)
    expect(((await malformed.json()) as { error: { field: string } }).error.field).toBe('id')
  })
})

describe('rates freshness', () => {
  it('refuses to quote on rates older than the maximum age (503 rates_stale)', async () => {
    clock.advance(5 * 24 * 3600 * 1000)
    const { response, error } = await t.client.POST('/v1/quotes', { body: { source_currency: 'USD', target_currency: 'EUR', source_amount: '10.00' } })
    expect(response.status).toBe(503)
    expect(error!.error.code).toBe('rates_stale')
    const rates = await t.client.GET('/v1/rates', {})
    expect(rates.response.status).toBe(503)
    clock.set(new Date())
  })
})
