import { parseRate, type ExactRate } from './exact-rate.js'
import { DEFAULT_RATES_TIMEOUT_MS, fetchText, resolveFetch, type FetchFunction } from './fetch-text.js'
import {
  createSnapshot,
  isCurrencyCodeShape,
  RatesUnavailableError,
  type RateProvider,
  type RateSnapshot,
} from './rate-provider.js'

/** Options of {@link createHttpJsonRateProvider}. */
export interface HttpJsonRateProviderOptions {
  url: string
  fetch?: FetchFunction
  /** Sent with every request, e.g. an API key header. */
  headers?: Record<string, string>
  /** Source recorded on quotes; also the provider's name. Defaults to `http-json`. */
  source?: string
  /** Clock; the fetch time stands in for a missing `timestamp`. */
  now?: () => Date
  timeoutMs?: number
}

// A timestamp further ahead of our clock than this is a unit mistake (milliseconds sent as
// seconds) or a broken feed, not clock skew; accepting it would make the rates never go stale.
const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * A JSON number becomes its shortest round-trip decimal string (`String(0.91)` is `"0.91"`), so a
 * rate written with up to ~15 significant digits arrives with exactly the digits the feed wrote.
 * Beyond that, or in exponent form (`1e-7`), digits are already lost or unparsable, and the rate is
 * refused: feeds should send rates as strings.
 */
function readRate(value: unknown): ExactRate | undefined {
  if (typeof value === 'string') return parseRate(value)
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return parseRate(String(value))
  return undefined
}

function readTimestamp(value: unknown, fetchedAt: Date): Date | string {
  if (value === undefined || value === null) return fetchedAt
  let asOf: Date
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    asOf = new Date(value * 1000)
  } else if (typeof value === 'string' && RFC3339.test(value)) {
    asOf = new Date(value)
  } else {
    return 'timestamp must be unix seconds or an RFC 3339 string'
  }
  if (Number.isNaN(asOf.getTime())) return 'timestamp is not a valid time'
  if (asOf.getTime() - fetchedAt.getTime() > MAX_FUTURE_SKEW_MS) return 'timestamp is in the future'
  return asOf
}

/**
 * Turns a parsed JSON payload into a snapshot, or a description of what is wrong with it.
 *
 * @example
 * parseHttpJsonRates({ base: 'USD', rates: { EUR: '0.91' } }, 'http-json', new Date())
 */
export function parseHttpJsonRates(payload: unknown, source: string, fetchedAt: Date): RateSnapshot | string {
  if (!isPlainObject(payload)) return 'payload is not a JSON object'
  const { base, rates, timestamp } = payload
  if (!isCurrencyCodeShape(base)) return 'base must be a three-letter upper-case currency code'
  if (!isPlainObject(rates)) return 'rates must be an object'
  const parsed: [string, ExactRate][] = []
  for (const [currency, value] of Object.entries(rates)) {
    if (!isCurrencyCodeShape(currency)) return `rates key ${JSON.stringify(currency)} is not a currency code`
    const rate = readRate(value)
    if (rate === undefined) return `rate for ${currency} is not a positive plain decimal`
    parsed.push([currency, rate])
  }
  const asOf = readTimestamp(timestamp, fetchedAt)
  if (typeof asOf === 'string') return asOf
  try {
    return createSnapshot({ base, rates: parsed, source, asOf })
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

/**
 * A provider for a JSON rates endpoint answering
 * `{ "base": "USD", "rates": { "EUR": "0.91", "JPY": 151.5 }, "timestamp": 1720450800 }`
 * (rates as strings — preferred — or JSON numbers, see below; `timestamp` optional, unix seconds
 * or RFC 3339, the fetch time when absent). JSON numbers are read through their decimal string,
 * which is exact up to ~15 significant digits; longer or exponent-form numbers are refused.
 * Network errors, non-2xx answers and malformed payloads become `RatesUnavailableError`.
 *
 * @example
 * const provider = createHttpJsonRateProvider({
 *   url: 'https://rates.example.com/latest?base=USD',
 *   headers: { authorization: `Bearer ${apiKey}` },
 * })
 */
export function createHttpJsonRateProvider(options: HttpJsonRateProviderOptions): RateProvider {
  const source = options.source ?? 'http-json'
  const doFetch = resolveFetch(options.fetch)
  const now = options.now ?? (() => new Date())
  const timeoutMs = options.timeoutMs ?? DEFAULT_RATES_TIMEOUT_MS
  const headers = { accept: 'application/json', ...options.headers }
  return {
    name: source,
    async fetchRates(): Promise<RateSnapshot> {
      const body = await fetchText({ fetch: doFetch, url: options.url, provider: source, timeoutMs, headers })
      const fetchedAt = now()
      let payload: unknown
      try {
        payload = JSON.parse(body)
      } catch (error) {
        throw new RatesUnavailableError(`${source}: ${options.url} did not answer JSON`, { cause: error })
      }
      const snapshot = parseHttpJsonRates(payload, source, fetchedAt)
      if (typeof snapshot === 'string') {
        throw new RatesUnavailableError(`${source}: malformed rates payload from ${options.url}: ${snapshot}`)
      }
      return snapshot
    },
  }
}
