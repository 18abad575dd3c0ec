import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEcbRateProvider, ECB_DAILY_URL, ecbPublicationTime, parseEcbXml } from './ecb-provider.js'
import { formatRate, rateToString } from './exact-rate.js'
import { RatesUnavailableError } from './rate-provider.js'

// Hand-written fixtures in the ECB's published layout (values are illustrative, not ECB data).
const fixture = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/rates/${name}`, import.meta.url), 'utf8')

function textResponse(body: string, status = 200): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/xml' } })
}

describe('parseEcbXml', () => {
  it('reads a daily file (gesmes envelope, single-quoted attributes) and adds EUR = 1', () => {
    const days = parseEcbXml(fixture('ecb-daily.xml'))
    expect(days).toHaveLength(1)
    const [day] = days
    expect(day?.date).toBe('2024-01-05')
    expect(day?.rates.size).toBe(13)
    expect(day?.rates.get('USD')).toEqual({ amount: 10921n, scale: 4 })
    expect(day?.rates.get('JPY')).toEqual({ amount: 15847n, scale: 2 })
    expect(day?.rates.get('GBP')).toEqual({ amount: 86053n, scale: 5 })
    expect(day?.rates.get('EUR')).toEqual({ amount: 1n, scale: 0 })
  })

  it('reads every day of a historical file, newest first', () => {
    const days = parseEcbXml(fixture('ecb-hist-3d.xml'))
    expect(days.map((day) => day.date)).toEqual(['2024-01-05', '2024-01-04', '2024-01-03'])
    expect(days.map((day) => rateToString(day.rates.get('USD')!))).toEqual(['1.0921', '1.0953', '1.0919'])
    // Trailing zeros are kept as published.
    expect(days[1]?.rates.get('GBP')).toEqual({ amount: 86190n, scale: 5 })
  })

  it('sorts days given in any order and accepts either quote style and attribute order', () => {
    const xml = `<Cube>
      <Cube time="2024-01-03"><Cube rate='155.84' currency="JPY"/></Cube>
      <Cube time='2024-01-05'><Cube currency='JPY' rate="158.47" /></Cube>
      <!-- <Cube time='2099-01-01'><Cube currency='JPY' rate='1'/></Cube> -->
      <Cube time = '2024-01-04' ><Cube currency = 'JPY' rate = '158.16'/></Cube >
    </Cube>`
    const days = parseEcbXml(xml)
    expect(days.map((day) => day.date)).toEqual(['2024-01-05', '2024-01-04', '2024-01-03'])
    expect(days.map((day) => formatRate(day.rates.get('JPY')!, 2))).toEqual(['158.47', '158.16', '155.84'])
  })

  it.each([
    ['no dated cube', '<gesmes:Envelope><Cube></Cube></gesmes:Envelope>'],
    ['not XML at all', '{"base":"EUR"}'],
    ['a rate outside a day', `<Cube><Cube currency='USD' rate='1.1'/></Cube>`],
    ['a bad rate', `<Cube><Cube time='2024-01-05'><Cube currency='USD' rate='-1.1'/></Cube></Cube>`],
    ['an exponent rate', `<Cube><Cube time='2024-01-05'><Cube currency='USD' rate='1e3'/></Cube></Cube>`],
    ['a missing rate', `<Cube><Cube time='2024-01-05'><Cube currency='USD'/></Cube></Cube>`],
    ['a bad currency', `<Cube><Cube time='2024-01-05'><Cube currency='usd' rate='1.1'/></Cube></Cube>`],
    ['an impossible date', `<Cube><Cube time='2024-02-30'><Cube currency='USD' rate='1.1'/></Cube></Cube>`],
    [
      'a repeated currency',
      `<Cube><Cube time='2024-01-05'><Cube currency='USD' rate='1.1'/><Cube currency='USD' rate='1.2'/></Cube></Cube>`,
    ],
    [
      'a repeated day',
      `<Cube><Cube time='2024-01-05'><Cube currency='USD' rate='1.1'/></Cube><Cube time='2024-01-05'><Cube currency='USD' rate='1.1'/></Cube></Cube>`,
    ],
  ])('throws SyntaxError on %s', (_what, xml) => {
    expect(() => parseEcbXml(xml)).toThrow(SyntaxError)
  })
})

describe('createEcbRateProvider', () => {
  it('fetches the daily file by default and returns the newest day, stamped 15:00 UTC', async () => {
    const requested: string[] = []
    const provider = createEcbRateProvider({
      fetch: async (input) => {
        requested.push(String(input))
        return textResponse(fixture('ecb-daily.xml'))
      },
      now: () => new Date('2024-01-06T09:00:00Z'),
    })
    const snapshot = await provider.fetchRates()
    expect(requested).toEqual([ECB_DAILY_URL])
    expect(provider.name).toBe('ecb')
    expect(snapshot.base).toBe('EUR')
    expect(snapshot.source).toBe('ecb')
    expect(snapshot.asOf.toISOString()).toBe('2024-01-05T15:00:00.000Z')
    expect(snapshot.rates.get('EUR')).toEqual({ amount: 1n, scale: 0 })
    expect(snapshot.rates.get('USD')).toEqual({ amount: 10921n, scale: 4 })
  })

  it('uses the newest day of a historical file', async () => {
    const provider = createEcbRateProvider({
      url: 'https://ecb.test/hist.xml',
      fetch: async () => textResponse(fixture('ecb-hist-3d.xml')),
      now: () => new Date('2024-01-08T09:00:00Z'),
    })
    const snapshot = await provider.fetchRates()
    expect(snapshot.asOf.toISOString()).toBe('2024-01-05T15:00:00.000Z')
    expect(rateToString(snapshot.rates.get('JPY')!)).toBe('158.47')
  })

  it('never stamps asOf later than its clock (summer publication before 15:00 UTC)', async () => {
    const provider = createEcbRateProvider({
      fetch: async () => textResponse(fixture('ecb-daily.xml')),
      now: () => new Date('2024-01-05T14:10:00Z'),
    })
    expect((await provider.fetchRates()).asOf.toISOString()).toBe('2024-01-05T14:10:00.000Z')
  })

  it.each([
    ['an HTTP error', async () => textResponse('unavailable', 503)],
    ['a network error', async () => Promise.reject(new TypeError('fetch failed'))],
    ['an unparsable body', async () => textResponse('<html>maintenance</html>')],
  ])('turns %s into RatesUnavailableError', async (_what, fakeFetch) => {
    const provider = createEcbRateProvider({ fetch: fakeFetch })
    const failure = provider.fetchRates()
    await expect(failure).rejects.toBeInstanceOf(RatesUnavailableError)
    await expect(failure).rejects.toMatchObject({ retryable: true })
  })

  it('places the publication time at 15:00 UTC', () => {
    expect(ecbPublicationTime('2022-07-08').toISOString()).toBe('2022-07-08T15:00:00.000Z')
  })
})

// Conformance on the real ECB file kept beside the project (see /work/shared/fixtures/README.md).
const fixturesDir = process.env.CORRIDOR_FIXTURES
const realDailyName = 'ecb-eurofxref-daily-2022-07-08.xml'
if (!fixturesDir) {
  console.info(`[rates] ECB conformance test skipped: set CORRIDOR_FIXTURES to the folder holding rates/${realDailyName}`)
}

describe.skipIf(!fixturesDir)(
  fixturesDir
    ? `ECB conformance: real ${realDailyName}`
    : `ECB conformance: real ${realDailyName} (skipped: CORRIDOR_FIXTURES is not set)`,
  () => {
    const readReal = (): string => readFileSync(join(fixturesDir ?? '', 'rates', realDailyName), 'utf8')

    it('parses the published reference rates of 2022-07-08', () => {
      const days = parseEcbXml(readReal())
      expect(days).toHaveLength(1)
      const [day] = days
      expect(day?.date).toBe('2022-07-08')
      // 31 published currencies plus EUR itself.
      expect(day?.rates.size).toBe(32)
      expect(rateToString(day!.rates.get('USD')!)).toBe('1.0163')
      expect(rateToString(day!.rates.get('JPY')!)).toBe('138.05')
      expect(rateToString(day!.rates.get('GBP')!)).toBe('0.84585')
      expect(rateToString(day!.rates.get('IDR')!)).toBe('15210.73')
      expect(day?.rates.get('PLN')).toEqual({ amount: 47630n, scale: 4 })
    })

    it('serves it through the provider with asOf 2022-07-08T15:00Z', async () => {
      const provider = createEcbRateProvider({
        fetch: async () => textResponse(readReal()),
        now: () => new Date('2022-07-09T00:00:00Z'),
      })
      const snapshot = await provider.fetchRates()
      expect(snapshot.asOf.toISOString()).toBe('2022-07-08T15:00:00.000Z')
      expect(rateToString(snapshot.rates.get('USD')!)).toBe('1.0163')
    })
  },
)
