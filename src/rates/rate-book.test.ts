import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createCompositeRateProvider } from './composite-provider.js'
import { createEcbRateProvider } from './ecb-provider.js'
import { divideRates, formatRate, parseRate, type ExactRate } from './exact-rate.js'
import { createRateBook, isMidRate, type MidRateResult } from './rate-book.js'
import {
  createSnapshot,
  RatesStaleError,
  RatesUnavailableError,
  type MidRate,
  type RateProvider,
  type RateSnapshot,
} from './rate-provider.js'
import { createStaticRateProvider } from './static-provider.js'

const HOUR = 3600
const publishedAt = new Date('2024-01-05T15:00:00Z')

function fakeClock(start: Date) {
  let now = start.getTime()
  return {
    clock: () => new Date(now),
    advanceSeconds: (seconds: number) => {
      now += seconds * 1000
    },
  }
}

function rate(text: string): ExactRate {
  const parsed = parseRate(text)
  if (!parsed) throw new Error(`test rate ${text} does not parse`)
  return parsed
}

function ecbFromFixture(): RateProvider {
  const xml = readFileSync(new URL('../../test/fixtures/rates/ecb-daily.xml', import.meta.url), 'utf8')
  return createEcbRateProvider({ fetch: async () => new Response(xml), now: () => new Date('2024-01-06T00:00:00Z') })
}

function failingProvider(name: string, error: unknown = new RatesUnavailableError(`${name} is down`)) {
  const provider = {
    name,
    calls: 0,
    async fetchRates(): Promise<RateSnapshot> {
      provider.calls += 1
      throw error
    },
  }
  return provider
}

function expectMid(result: MidRateResult): MidRate {
  if (!isMidRate(result)) throw new Error(`expected a mid rate, got ${JSON.stringify(result)}`)
  return result
}

describe('createRateBook: triangulation', () => {
  it('derives USD→JPY through EUR as JPY/USD at 12 decimals, half-even', async () => {
    const { clock } = fakeClock(new Date('2024-01-06T00:00:00Z'))
    const book = createRateBook({ providers: [ecbFromFixture()], maxAgeSeconds: 96 * HOUR, clock })
    await book.refresh()

    const mid = expectMid(book.getMidRate('USD', 'JPY'))
    // ECB fixture: 1 EUR = 158.47 JPY = 1.0921 USD, so 1 USD = 158.47 / 1.0921 JPY
    // = 145.1057595458291365… → 145.105759545829 at 12 decimals.
    expect(formatRate(mid.rate, 12)).toBe('145.105759545829')
    expect(mid.rate).toEqual(divideRates(rate('158.47'), rate('1.0921'), 12, 'halfEven'))
    expect(mid.rate.scale).toBe(12)
    expect(mid.path).toEqual(['USD', 'EUR', 'JPY'])
    expect(mid.source).toBe('ecb')
    expect(mid.asOf.toISOString()).toBe('2024-01-05T15:00:00.000Z')
  })

  it('serves base rates exactly, inverts toward the base, and returns 1 for the same currency', async () => {
    const { clock } = fakeClock(new Date('2024-01-06T00:00:00Z'))
    const book = createRateBook({ providers: [ecbFromFixture()], maxAgeSeconds: 96 * HOUR, clock })
    await book.refresh()

    const direct = expectMid(book.getMidRate('EUR', 'USD'))
    expect(direct.rate).toEqual({ amount: 10921n, scale: 4 })
    expect(direct.path).toEqual(['EUR', 'USD'])

    const inverse = expectMid(book.getMidRate('USD', 'EUR'))
    // 1 / 1.0921 = 0.915667063455727… → 0.915667063456
    expect(formatRate(inverse.rate, 12)).toBe('0.915667063456')
    expect(inverse.path).toEqual(['USD', 'EUR'])

    const identity = expectMid(book.getMidRate('GBP', 'GBP'))
    expect(identity.rate).toEqual({ amount: 1n, scale: 0 })
    expect(identity.path).toEqual(['GBP'])
  })

  it('answers unsupported_pair for currencies the snapshot does not quote', async () => {
    const { clock } = fakeClock(new Date('2024-01-06T00:00:00Z'))
    const book = createRateBook({ providers: [ecbFromFixture()], maxAgeSeconds: 96 * HOUR, clock })
    await book.refresh()
    expect(book.getMidRate('USD', 'KWD')).toEqual({ error: 'unsupported_pair' })
    expect(book.getMidRate('XXX', 'EUR')).toEqual({ error: 'unsupported_pair' })
    expect(book.getMidRate('usd', 'eur')).toEqual({ error: 'unsupported_pair' })
    expect(isMidRate(book.getMidRate('USD', 'KWD'))).toBe(false)
  })

  it('lists mid rates from the base or from any loaded currency, sorted by code', async () => {
    const { clock } = fakeClock(new Date('2024-01-06T00:00:00Z'))
    const book = createRateBook({ providers: [ecbFromFixture()], maxAgeSeconds: 96 * HOUR, clock })
    await book.refresh()
    const fromBase = book.listMidRates()
    if (!Array.isArray(fromBase)) throw new Error('expected a list')
    expect(fromBase).toHaveLength(12)
    expect(fromBase.map((mid) => mid.to)).toEqual([...fromBase.map((mid) => mid.to)].sort())
    expect(fromBase.every((mid) => mid.from === 'EUR')).toBe(true)

    const fromUsd = book.listMidRates('USD')
    if (!Array.isArray(fromUsd)) throw new Error('expected a list')
    expect(fromUsd.map((mid) => mid.to)).toContain('EUR')
    expect(fromUsd.map((mid) => mid.to)).not.toContain('USD')
    expect(book.listMidRates('KWD')).toEqual({ error: 'unsupported_pair' })
  })
})

describe('createRateBook: staleness', () => {
  it('refuses to quote once the snapshot is older than maxAgeSeconds by the clock', () => {
    const { clock, advanceSeconds } = fakeClock(publishedAt)
    const book = createRateBook({ providers: [], maxAgeSeconds: 24 * HOUR, clock })
    book.loadSnapshot(createSnapshot({ base: 'USD', rates: [['EUR', rate('0.92')]], source: 'db', asOf: publishedAt }))

    advanceSeconds(24 * HOUR)
    expect(expectMid(book.getMidRate('USD', 'EUR')).source).toBe('db')

    advanceSeconds(1)
    const stale = book.getMidRate('USD', 'EUR')
    expect(stale).toBeInstanceOf(RatesStaleError)
    expect(stale).toMatchObject({ asOf: publishedAt, maxAgeSeconds: 24 * HOUR, ageSeconds: 24 * HOUR + 1 })
    expect(book.listMidRates()).toBeInstanceOf(RatesStaleError)
    // The same currency needs no market data, so it stays available.
    expect(expectMid(book.getMidRate('EUR', 'EUR')).rate).toEqual({ amount: 1n, scale: 0 })
  })

  it('reports RatesUnavailableError before any snapshot is loaded', () => {
    const book = createRateBook({ providers: [], maxAgeSeconds: HOUR, clock: () => publishedAt })
    expect(book.getMidRate('USD', 'EUR')).toBeInstanceOf(RatesUnavailableError)
    expect(book.listMidRates()).toBeInstanceOf(RatesUnavailableError)
    expect(book.getSnapshot()).toBeUndefined()
  })

  it('skips a provider whose rates are already stale and keeps the old snapshot when all fail', async () => {
    const { clock } = fakeClock(new Date('2024-01-10T00:00:00Z'))
    const staleEcb = ecbFromFixture() // published 2024-01-05T15:00Z, 105 hours before the clock
    const fresh = createStaticRateProvider({ base: 'USD', rates: { EUR: '0.91' }, asOf: clock })
    const book = createRateBook({ providers: [staleEcb, fresh], maxAgeSeconds: 24 * HOUR, clock })
    const result = await book.refresh()
    expect(result.source).toBe('static')
    expect(result.failures.map((failure) => failure.provider)).toEqual(['ecb'])
    expect(result.failures[0]?.error).toBeInstanceOf(RatesStaleError)

    const onlyStale = createRateBook({ providers: [staleEcb], maxAgeSeconds: 24 * HOUR, clock })
    await expect(onlyStale.refresh()).rejects.toBeInstanceOf(RatesUnavailableError)
    expect(onlyStale.getSnapshot()).toBeUndefined()
  })
})

describe('createRateBook: provider fallback', () => {
  it('uses the second provider when the first throws, and reports the failure', async () => {
    const { clock } = fakeClock(new Date('2024-01-06T00:00:00Z'))
    const broken = failingProvider('primary', new TypeError('boom'))
    const book = createRateBook({ providers: [broken, ecbFromFixture()], maxAgeSeconds: 96 * HOUR, clock })
    const result = await book.refresh()
    expect(broken.calls).toBe(1)
    expect(result).toMatchObject({ source: 'ecb', count: 12 })
    expect(result.asOf.toISOString()).toBe('2024-01-05T15:00:00.000Z')
    expect(result.failures).toEqual([{ provider: 'primary', error: new TypeError('boom') }])
    expect(book.getSnapshot()?.source).toBe('ecb')
  })

  it('stops at the first success without asking later providers', async () => {
    const { clock } = fakeClock(publishedAt)
    const later = failingProvider('later')
    const book = createRateBook({
      providers: [createStaticRateProvider({ base: 'USD', rates: { EUR: '0.92' }, asOf: clock }), later],
      maxAgeSeconds: HOUR,
      clock,
    })
    expect((await book.refresh()).source).toBe('static')
    expect(later.calls).toBe(0)
  })

  it('falls back over an invalid snapshot', async () => {
    const { clock } = fakeClock(publishedAt)
    const invalid: RateProvider = {
      name: 'invalid',
      fetchRates: async () => ({ base: 'USD', rates: new Map(), source: 'invalid', asOf: publishedAt }),
    }
    const book = createRateBook({
      providers: [invalid, createStaticRateProvider({ base: 'USD', rates: { EUR: '0.92' }, asOf: clock })],
      maxAgeSeconds: HOUR,
      clock,
    })
    const result = await book.refresh()
    expect(result.source).toBe('static')
    expect(result.failures[0]?.error).toBeInstanceOf(RatesUnavailableError)
  })

  it('throws RatesUnavailableError with every failure as cause when all providers fail, keeping the old snapshot', async () => {
    const { clock } = fakeClock(publishedAt)
    const book = createRateBook({
      providers: [failingProvider('a'), failingProvider('b', new Error('timeout'))],
      maxAgeSeconds: HOUR,
      clock,
    })
    book.loadSnapshot(createSnapshot({ base: 'USD', rates: [['EUR', rate('0.92')]], source: 'db', asOf: publishedAt }))
    const failure = book.refresh()
    await expect(failure).rejects.toBeInstanceOf(RatesUnavailableError)
    await expect(failure).rejects.toMatchObject({ retryable: true, message: expect.stringContaining('b: timeout') })
    const error = await failure.catch((caught: unknown) => caught)
    expect((error as Error).cause).toBeInstanceOf(AggregateError)
    expect(((error as Error).cause as AggregateError).errors).toHaveLength(2)
    expect(book.getSnapshot()?.source).toBe('db')
  })

  it('composite provider: same order and fallback as a single provider', async () => {
    const composite = createCompositeRateProvider({ providers: [failingProvider('a'), ecbFromFixture()] })
    expect(composite.name).toBe('composite(a,ecb)')
    expect((await composite.fetchRates()).source).toBe('ecb')
    await expect(createCompositeRateProvider({ providers: [] }).fetchRates()).rejects.toBeInstanceOf(
      RatesUnavailableError,
    )
  })
})

describe('createRateBook: loadSnapshot', () => {
  it('validates and copies the snapshot it is given', () => {
    const book = createRateBook({ providers: [], maxAgeSeconds: HOUR, clock: () => publishedAt })
    const rates = new Map([['EUR', rate('0.92')]])
    book.loadSnapshot({ base: 'USD', rates, source: 'db', asOf: publishedAt })
    rates.set('EUR', rate('5'))
    expect(formatRate(expectMid(book.getMidRate('USD', 'EUR')).rate, 2)).toBe('0.92')
    expect(book.getSnapshot()?.rates.get('USD')).toEqual({ amount: 1n, scale: 0 })

    expect(() => book.loadSnapshot({ base: 'USD', rates: new Map(), source: 'db', asOf: publishedAt })).toThrow(TypeError)
    expect(() =>
      book.loadSnapshot({ base: 'USD', rates: new Map([['EUR', rate('0.92')]]), source: 'db', asOf: new Date(Number.NaN) }),
    ).toThrow(TypeError)
  })

  it('refuses a non-positive maxAgeSeconds', () => {
    expect(() => createRateBook({ providers: [], maxAgeSeconds: 0, clock: () => publishedAt })).toThrow(RangeError)
  })
})
