import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_CORRIDORS } from '../../src/demo/seed.js'
import { createTestContext, type TestContext } from '../support/test-app.js'

let t: TestContext
beforeAll(async () => {
  t = await createTestContext()
})
afterAll(() => t.close())

describe('GET /v1/rates', () => {
  it('lists mid rates against the source base with source and timestamp', async () => {
    const { data } = await t.client.GET('/v1/rates', {})
    const eur = data!.data.find((rate) => rate.currency === 'EUR')!
    expect(eur).toMatchObject({ object: 'rate', base: 'USD', mid_rate: '0.92345', source: 'static' })
    expect(data!.data.map((rate) => rate.currency)).toEqual(expect.arrayContaining(['GBP', 'CNY', 'JPY', 'HKD', 'SGD', 'INR', 'BRL', 'MXN', 'KWD']))
  })

  it('re-expresses the rates against another base exactly', async () => {
    const { data } = await t.client.GET('/v1/rates', { params: { query: { base: 'EUR' } } })
    expect(data!.data.every((rate) => rate.base === 'EUR')).toBe(true)
    const usd = data!.data.find((rate) => rate.currency === 'USD')!
    expect(usd.mid_rate).toBe('1.082895663003') // 1 / 0.92345 at 12 decimals, half-even
  })

  it('rejects a base it has no rate for', async () => {
    const { response, error } = await t.client.GET('/v1/rates', { params: { query: { base: 'XYZ' } } })
    expect(response.status).toBe(422)
    expect(error!.error.field).toBe('base')
  })
})

describe('GET /v1/corridors', () => {
  it('pages through every corridor, newest first, with pricing and empty limits', async () => {
    const seen: string[] = []
    let startingAfter: string | undefined
    for (;;) {
      const { data } = await t.client.GET('/v1/corridors', { params: { query: { limit: 7, ...(startingAfter ? { starting_after: startingAfter } : {}) } } })
      seen.push(...data!.data.map((corridor) => corridor.id))
      for (const corridor of data!.data) expect(corridor.limits).toEqual([])
      if (!data!.has_more) break
      startingAfter = data!.data.at(-1)!.id
    }
    expect(seen).toHaveLength(DEMO_CORRIDORS.length)
    expect(new Set(seen).size).toBe(seen.length)
    const { data } = await t.client.GET('/v1/corridors', { params: { query: { limit: 100 } } })
    const usDe = data!.data.find((corridor) => corridor.id === 'cor_usdeusdeur')!
    expect(usDe.pricing).toEqual({ markup_bps: 50, fixed_fee: { value: '2.50', currency: 'USD' }, percent_fee_bps: 0 })
  })

  it('rejects an unknown cursor', async () => {
    const { response, error } = await t.client.GET('/v1/corridors', { params: { query: { starting_after: 'cor_nope' } } })
    expect(response.status).toBe(422)
    expect(error!.error.field).toBe('starting_after')
  })
})
