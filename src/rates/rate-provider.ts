import { compareRates, RATE_ONE, type ExactRate } from './exact-rate.js'

/**
 * One provider's answer: `1 base = rates.get(currency) units of currency`, as published by
 * `source` at `asOf`. The base itself is in `rates` with the rate 1.
 */
export interface RateSnapshot {
  base: string
  rates: ReadonlyMap<string, ExactRate>
  source: string
  asOf: Date
}

/**
 * A source of mid-market rates (static seed, ECB, an HTTP JSON feed…). `fetchRates` throws
 * `RatesUnavailableError` when it cannot produce a valid snapshot.
 *
 * @example
 * const provider: RateProvider = createStaticRateProvider(DEMO_RATES)
 * const snapshot = await provider.fetchRates()
 */
export interface RateProvider {
  readonly name: string
  fetchRates(): Promise<RateSnapshot>
}

/**
 * A mid rate for one pair: `1 from = rate to`. `path` lists the currencies the rate went through:
 * `['USD']` for an identity, `['EUR', 'USD']` for a direct rate, `['USD', 'EUR', 'JPY']` when
 * triangulated through the snapshot's base.
 */
export interface MidRate {
  from: string
  to: string
  rate: ExactRate
  source: string
  asOf: Date
  path: string[]
}

/**
 * No rates could be obtained (every provider failed, a payload was malformed, or no snapshot is
 * loaded yet). Infrastructure failure: worth retrying later.
 *
 * @example
 * throw new RatesUnavailableError('ECB answered 503', { cause: error })
 */
export class RatesUnavailableError extends Error {
  override readonly name = 'RatesUnavailableError'
  readonly retryable = true as const

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}

/**
 * The loaded rates are older than the allowed age, so no quote may be made on them until a
 * refresh succeeds.
 *
 * @example
 * new RatesStaleError({ source: 'ecb', asOf: snapshot.asOf, maxAgeSeconds: 86_400, ageSeconds: 90_000 })
 */
export class RatesStaleError extends Error {
  override readonly name = 'RatesStaleError'
  readonly retryable = true as const
  readonly source: string
  readonly asOf: Date
  readonly maxAgeSeconds: number
  readonly ageSeconds: number

  constructor(details: { source: string; asOf: Date; maxAgeSeconds: number; ageSeconds: number }) {
    super(
      `rates from ${details.source} as of ${details.asOf.toISOString()} are ${details.ageSeconds}s old ` +
        `(allowed: ${details.maxAgeSeconds}s)`,
    )
    this.source = details.source
    this.asOf = details.asOf
    this.maxAgeSeconds = details.maxAgeSeconds
    this.ageSeconds = details.ageSeconds
  }
}

const CURRENCY_CODE = /^[A-Z]{3}$/

/**
 * Whether `code` has the shape of an ISO 4217 alphabetic code (three upper-case letters). Shape
 * only, on purpose: feeds quote currencies (e.g. retired ones) that the money module may not
 * know, and the pair lookup decides what is supported.
 *
 * @example
 * isCurrencyCodeShape('USD') // true
 * isCurrencyCodeShape('usd') // false
 */
export function isCurrencyCodeShape(code: unknown): code is string {
  return typeof code === 'string' && CURRENCY_CODE.test(code)
}

function isValidRate(rate: ExactRate | undefined): rate is ExactRate {
  return (
    rate !== undefined &&
    typeof rate.amount === 'bigint' &&
    rate.amount > 0n &&
    Number.isInteger(rate.scale) &&
    rate.scale >= 0 &&
    rate.scale <= 64
  )
}

/**
 * Describes what is wrong with a snapshot, or `undefined` when it is usable: currency codes are
 * ISO-shaped, every rate is positive, the base (if listed) is exactly 1, at least one other
 * currency is quoted, `asOf` is a valid date and `source` is not empty.
 *
 * @example
 * const problem = findSnapshotProblem(snapshot)
 * if (problem) throw new RatesUnavailableError(`bad snapshot: ${problem}`)
 */
export function findSnapshotProblem(snapshot: RateSnapshot): string | undefined {
  if (!isCurrencyCodeShape(snapshot.base)) return `base ${JSON.stringify(snapshot.base)} is not a currency code`
  if (typeof snapshot.source !== 'string' || snapshot.source === '') return 'source is empty'
  if (!(snapshot.asOf instanceof Date) || Number.isNaN(snapshot.asOf.getTime())) return 'asOf is not a valid date'
  if (!(snapshot.rates instanceof Map)) return 'rates is not a Map'
  let quoted = 0
  for (const [currency, rate] of snapshot.rates) {
    if (!isCurrencyCodeShape(currency)) return `${JSON.stringify(currency)} is not a currency code`
    if (!isValidRate(rate)) return `rate for ${currency} is not a positive exact decimal`
    if (currency === snapshot.base) {
      if (compareRates(rate, RATE_ONE) !== 0) return `base ${currency} must have the rate 1`
    } else {
      quoted += 1
    }
  }
  if (quoted === 0) return 'no currency is quoted against the base'
  return undefined
}

/**
 * Builds a validated, frozen snapshot and adds `base = 1` to its rates. Throws `TypeError` when
 * the result would not pass `findSnapshotProblem`.
 *
 * @example
 * createSnapshot({ base: 'EUR', rates: [['USD', parseRate('1.0163')!]], source: 'ecb', asOf })
 */
export function createSnapshot(input: {
  base: string
  rates: Iterable<readonly [string, ExactRate]>
  source: string
  asOf: Date
}): RateSnapshot {
  const rates = new Map<string, ExactRate>([[input.base, RATE_ONE]])
  for (const [currency, rate] of input.rates) {
    if (currency === input.base) {
      if (isValidRate(rate) && compareRates(rate, RATE_ONE) === 0) continue
      throw new TypeError(`invalid rate snapshot: base ${currency} must have the rate 1`)
    }
    if (rates.has(currency)) throw new TypeError(`rate for ${currency} given twice`)
    rates.set(currency, Object.freeze({ amount: rate.amount, scale: rate.scale }))
  }
  const snapshot: RateSnapshot = { base: input.base, rates, source: input.source, asOf: new Date(input.asOf) }
  const problem = findSnapshotProblem(snapshot)
  if (problem !== undefined) throw new TypeError(`invalid rate snapshot: ${problem}`)
  return Object.freeze(snapshot)
}
