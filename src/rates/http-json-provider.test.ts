import { describe, expect, it } from 'vitest'
import { rateToString } from './exact-rate.js'
import { createHttpJsonRateProvider } from './http-json-provider.js'
import { RatesUnavailableError } from './rate-provider.js'

const fetchedAt = new Date('2024-07-08T12:00:00Z')

function providerAnswering(body: string, status = 200) {
  const calls: { url: string; headers: Headers }[] = []
  const provider = createHttpJsonRateProvider({
    url: 'https://rates.test/latest',
    headers: { authorization: 'Bearer test-key' },
    now: () => fetchedAt,
    fetch: async (input, init) => {
      calls.push({ url: String(input), headers: new Headers(init?.headers) })
      return new Response(body, { status, headers: { 'content-type': 'application/json' } })
    },
  })
  return { provider, calls }
}

describe('createHttpJsonRateProvider', () => {
  it('reads string and number rates exactly, and sends the configured headers', async () => {
    const { provider, calls } = providerAnswering(
      '{"base":"USD","rates":{"EUR":"0.91234567","JPY":151.5,"KWD":0.30675,"GBP":"0.78912000"},"timestamp":1720440000}',
    )
    const snapshot = await provider.fetchRates()
    expect(calls).toHaveLength(1)
    expect(calls[0]?.url).toBe('https://rates.test/latest')
    expect(calls[0]?.headers.get('authorization')).toBe('Bearer test-key')
    expect(snapshot.base).toBe('USD')
    expect(snapshot.source).toBe('http-json')
    expect(snapshot.asOf.toISOString()).toBe('2024-07-08T12:00:00.000Z')
    expect(snapshot.rates.get('EUR')).toEqual({ amount: 91234567n, scale: 8 })
    expect(snapshot.rates.get('JPY')).toEqual({ amount: 1515n, scale: 1 })
    expect(snapshot.rates.get('KWD')).toEqual({ amount: 30675n, scale: 5 })
    expect(rateToString(snapshot.rates.get('GBP')!)).toBe('0.78912')
    expect(snapshot.rates.get('USD')).toEqual({ amount: 1n, scale: 0 })
  })

  it('accepts an RFC 3339 timestamp and uses the fetch time when there is none', async () => {
    const withTime = providerAnswering('{"base":"USD","rates":{"EUR":"0.91"},"timestamp":"2024-07-08T13:30:00+02:00"}')
    expect((await withTime.provider.fetchRates()).asOf.toISOString()).toBe('2024-07-08T11:30:00.000Z')
    const withoutTime = providerAnswering('{"base":"USD","rates":{"EUR":"0.91"}}')
    expect((await withoutTime.provider.fetchRates()).asOf.toISOString()).toBe(fetchedAt.toISOString())
  })

  it('takes its name and source from the options', async () => {
    const provider = createHttpJsonRateProvider({
      url: 'https://rates.test/latest',
      source: 'acme-fx',
      fetch: async () => new Response('{"base":"USD","rates":{"EUR":"0.91"}}'),
    })
    expect(provider.name).toBe('acme-fx')
    expect((await provider.fetchRates()).source).toBe('acme-fx')
  })

  it.each([
    ['not JSON', 'rates: lots'],
    ['a JSON array', '[]'],
    ['a missing base', '{"rates":{"EUR":"0.91"}}'],
    ['a lower-case base', '{"base":"usd","rates":{"EUR":"0.91"}}'],
    ['rates that are not an object', '{"base":"USD","rates":["0.91"]}'],
    ['no rates at all', '{"base":"USD","rates":{}}'],
    ['only the base', '{"base":"USD","rates":{"USD":"1"}}'],
    ['a base rate other than 1', '{"base":"USD","rates":{"USD":"1.1","EUR":"0.91"}}'],
    ['a bad currency key', '{"base":"USD","rates":{"euro":"0.91"}}'],
    ['a negative rate', '{"base":"USD","rates":{"EUR":"-0.91"}}'],
    ['a zero rate', '{"base":"USD","rates":{"EUR":0}}'],
    ['a null rate', '{"base":"USD","rates":{"EUR":null}}'],
    ['an exponent-form number', '{"base":"USD","rates":{"BTC":1e-7}}'],
    ['a localised string', '{"base":"USD","rates":{"EUR":"0,91"}}'],
    ['a timestamp in milliseconds', '{"base":"USD","rates":{"EUR":"0.91"},"timestamp":1720440000000}'],
    ['a timestamp string that is not RFC 3339', '{"base":"USD","rates":{"EUR":"0.91"},"timestamp":"July 8, 2024"}'],
  ])('rejects a payload with %s as RatesUnavailableError', async (_what, body) => {
    const { provider } = providerAnswering(body)
    await expect(provider.fetchRates()).rejects.toBeInstanceOf(RatesUnavailableError)
  })

  it('rejects HTTP errors and network failures as RatesUnavailableError', async () => {
    await expect(providerAnswering('{}', 500).provider.fetchRates()).rejects.toBeInstanceOf(RatesUnavailableError)
    const offline = createHttpJsonRateProvider({
      url: 'https://rates.test/latest',
      fetch: async () => {
        throw new TypeError('fetch failed')
      },
    })
    const failure = offline.fetchRates()
    await expect(failure).rejects.toBeInstanceOf(RatesUnavailableError)
    await expect(failure).rejects.toHaveProperty('cause', new TypeError('fetch failed'))
  })

  it('accepts the global fetch as its fetch option', () => {
    expect(createHttpJsonRateProvider({ url: 'https://rates.test/latest', fetch: globalThis.fetch }).name).toBe('http-json')
  })
})
