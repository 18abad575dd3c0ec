import { parseRate, RATE_ONE, type ExactRate } from './exact-rate.js'
import { DEFAULT_RATES_TIMEOUT_MS, fetchText, resolveFetch, type FetchFunction } from './fetch-text.js'
import { createSnapshot, RatesUnavailableError, type RateProvider, type RateSnapshot } from './rate-provider.js'

/** The ECB's daily euro reference rates (one day, ~30 currencies). */
export const ECB_DAILY_URL = 'https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml'
/** The last ~90 days of ECB reference rates, in the same format. */
export const ECB_90_DAYS_URL = 'https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist-90d.xml'

/** One publication day of ECB reference rates: `1 EUR = rates.get(currency) currency`. */
export interface EcbDay {
  /** Publication date, `YYYY-MM-DD`. */
  date: string
  /** Includes `EUR` with the rate 1. */
  rates: Map<string, ExactRate>
}

const COMMENT = /<!--[\s\S]*?-->/g
// Any Cube tag: opening, closing or self-closing, with its attribute text.
const CUBE_TAG = /<(\/?)Cube\b([^>]*?)(\/?)>/g
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:'([^']*)'|"([^"]*)")/g
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

function readAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>()
  for (const match of text.matchAll(ATTRIBUTE)) {
    const name = match[1]
    if (name !== undefined) attributes.set(name, match[2] ?? match[3] ?? '')
  }
  return attributes
}

function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text)
  if (!match) return false
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
}

/**
 * Parses an ECB euro reference rate file (daily, 90-day or full history: a gesmes envelope of
 * `<Cube time='YYYY-MM-DD'>` elements holding `<Cube currency='USD' rate='1.0163'/>`). Attributes
 * may be single- or double-quoted and in any order; days may come in any order and are returned
 * newest first, each with `EUR = 1` added. Throws `SyntaxError` when the text holds no dated Cube,
 * a rate outside a day, a malformed date or rate, a repeated day or a repeated currency.
 * No XML library: the format is small and regular, and this keeps the module runtime-agnostic.
 *
 * @example
 * const [latest] = parseEcbXml(xml)
 * latest?.date             // '2022-07-08'
 * latest?.rates.get('USD') // { amount: 10163n, scale: 4 }
 */
export function parseEcbXml(xml: string): EcbDay[] {
  const days = new Map<string, Map<string, ExactRate>>()
  // Each open (non-self-closing) Cube pushes whether it is a dated one, so nesting is tracked
  // without assuming the exact envelope layout.
  const openCubes: boolean[] = []
  let currentDay: Map<string, ExactRate> | undefined
  let currentDate = ''

  for (const match of xml.replace(COMMENT, '').matchAll(CUBE_TAG)) {
    const closing = match[1] === '/'
    const selfClosing = match[3] === '/'
    if (closing) {
      if (openCubes.pop()) currentDay = undefined
      continue
    }
    const attributes = readAttributes(match[2] ?? '')
    const time = attributes.get('time')
    const currency = attributes.get('currency')
    const rateText = attributes.get('rate')

    if (time !== undefined) {
      if (!isCalendarDate(time)) throw new SyntaxError(`ECB XML: invalid date ${JSON.stringify(time)}`)
      if (currentDay) throw new SyntaxError(`ECB XML: day ${time} nested inside day ${currentDate}`)
      if (days.has(time)) throw new SyntaxError(`ECB XML: day ${time} appears twice`)
      const day = new Map<string, ExactRate>([['EUR', RATE_ONE]])
      days.set(time, day)
      if (!selfClosing) {
        currentDay = day
        currentDate = time
        openCubes.push(true)
      }
      continue
    }
    if (currency !== undefined || rateText !== undefined) {
      if (!currentDay) throw new SyntaxError('ECB XML: rate Cube outside a dated Cube')
      if (currency === undefined || !/^[A-Z]{3}$/.test(currency)) {
        throw new SyntaxError(`ECB XML: invalid currency ${JSON.stringify(currency)} on ${currentDate}`)
      }
      const rate = rateText === undefined ? undefined : parseRate(rateText)
      if (rate === undefined) {
        throw new SyntaxError(`ECB XML: invalid rate ${JSON.stringify(rateText)} for ${currency} on ${currentDate}`)
      }
      if (currentDay.has(currency)) throw new SyntaxError(`ECB XML: ${currency} twice on ${currentDate}`)
      currentDay.set(currency, rate)
      if (!selfClosing) openCubes.push(false)
      continue
    }
    if (!selfClosing) openCubes.push(false)
  }

  if (days.size === 0) throw new SyntaxError('ECB XML: no dated Cube found')
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([date, rates]) => ({ date, rates }))
}

/**
 * When an ECB day's rates count as published. The ECB publishes at about 16:00 CET; this uses
 * 15:00 UTC all year as a fixed approximation (exact in winter, one hour late in summer, when
 * 16:00 CEST is 14:00 UTC), so rates never look older than they are by more than that hour.
 *
 * @example
 * ecbPublicationTime('2022-07-08').toISOString() // '2022-07-08T15:00:00.000Z'
 */
export function ecbPublicationTime(date: string): Date {
  return new Date(`${date}T15:00:00Z`)
}

/** Options of {@link createEcbRateProvider}. */
export interface EcbRateProviderOptions {
  /** The daily file by default; the 90-day or full history file works too (newest day is used). */
  url?: string
  fetch?: FetchFunction
  /** Clock; `asOf` is never later than this (on summer afternoons 15:00 UTC can be in the future). */
  now?: () => Date
  timeoutMs?: number
}

/**
 * A provider of ECB euro reference rates (base EUR, source `ecb`). It fetches the file, keeps the
 * newest day that has rates and stamps it with {@link ecbPublicationTime}. Network errors, non-2xx answers and
 * unparsable files become `RatesUnavailableError`.
 *
 * @example
 * const ecb = createEcbRateProvider({})
 * const snapshot = await ecb.fetchRates() // { base: 'EUR', source: 'ecb', asOf: 2022-07-08T15:00Z, … }
 */
export function createEcbRateProvider(options: EcbRateProviderOptions = {}): RateProvider {
  const url = options.url ?? ECB_DAILY_URL
  const doFetch = resolveFetch(options.fetch)
  const now = options.now ?? (() => new Date())
  const timeoutMs = options.timeoutMs ?? DEFAULT_RATES_TIMEOUT_MS
  return {
    name: 'ecb',
    async fetchRates(): Promise<RateSnapshot> {
      const xml = await fetchText({ fetch: doFetch, url, provider: 'ecb', timeoutMs })
      try {
        // An empty day (a dated Cube without rates) is skipped in favour of the previous one.
        const newest = parseEcbXml(xml).find((day) => day.rates.size > 1)
        if (!newest) throw new SyntaxError('ECB XML: no day with rates found')
        const published = ecbPublicationTime(newest.date)
        const fetchedAt = now()
        const asOf = published.getTime() > fetchedAt.getTime() ? fetchedAt : published
        return createSnapshot({ base: 'EUR', rates: newest.rates, source: 'ecb', asOf })
      } catch (error) {
        throw new RatesUnavailableError(`ecb: unusable rates file from ${url}`, { cause: error })
      }
    },
  }
}
