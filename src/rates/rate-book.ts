import { fetchFromFirstAvailable, type ProviderFailure } from './composite-provider.js'
import { divideRates, invertRate, RATE_ONE, type ExactRate } from './exact-rate.js'
import {
  findSnapshotProblem,
  isCurrencyCodeShape,
  RatesStaleError,
  RatesUnavailableError,
  type MidRate,
  type RateProvider,
  type RateSnapshot,
} from './rate-provider.js'

/** Decimals of a triangulated or inverted mid rate (rounded half-even). */
export const DERIVED_RATE_SCALE = 12

/** The pair cannot be quoted from the loaded snapshot. */
export interface UnsupportedPair {
  error: 'unsupported_pair'
}

/** The outcome of a mid-rate lookup: the rate, or why there is none. */
export type MidRateResult = MidRate | RatesStaleError | RatesUnavailableError | UnsupportedPair

/**
 * Narrows a lookup result to a mid rate.
 *
 * @example
 * const mid = book.getMidRate('USD', 'EUR')
 * if (!isMidRate(mid)) return mid // RatesStaleError | RatesUnavailableError | { error: 'unsupported_pair' }
 */
export function isMidRate(result: MidRateResult): result is MidRate {
  return !(result instanceof Error) && !('error' in result)
}

/** What a successful refresh loaded. `count` is the number of currencies quoted against the base. */
export interface RefreshResult {
  source: string
  asOf: Date
  count: number
  /** Providers tried before the winner, with their errors (for logs and alerts). */
  failures: ProviderFailure[]
}

/** Options of {@link createRateBook}. */
export interface RateBookOptions {
  /** Tried in order on each refresh; the first success wins. */
  providers: readonly RateProvider[]
  /** Rates older than this (by `clock`) are refused: no quote on them. */
  maxAgeSeconds: number
  clock: () => Date
}

/** The current rates of one process, and the mid rates derived from them. */
export interface RateBook {
  /**
   * Fetches from the providers in order and keeps the first fresh, valid snapshot. A provider that
   * throws or answers with rates already older than `maxAgeSeconds` is skipped. When all fail it
   * throws `RatesUnavailableError` and the previous snapshot stays loaded.
   */
  refresh(): Promise<RefreshResult>
  /** Loads a snapshot obtained elsewhere (e.g. read from the database). Throws `TypeError` if invalid. */
  loadSnapshot(snapshot: RateSnapshot): void
  /** The loaded snapshot, e.g. to persist it after `refresh`; `undefined` before the first load. */
  getSnapshot(): RateSnapshot | undefined
  /** `1 from = rate to`; see {@link createRateBook} for how it is derived. */
  getMidRate(from: string, to: string): MidRateResult
  /** Mid rates from `base` (default: the snapshot's base) to every other loaded currency, by code. */
  listMidRates(base?: string): MidRate[] | RatesStaleError | RatesUnavailableError | UnsupportedPair
}

/**
 * Creates a rate book: the process's view of the current mid rates, with provider fallback,
 * staleness checks and cross rates. No state lives outside the returned object; persistence is
 * the caller's (persist `getSnapshot()` after `refresh()`, `loadSnapshot()` it on start-up).
 *
 * `getMidRate(from, to)` gives, as values (never thrown):
 * - same currency: the rate 1, path `[from]`, source `identity` — true whatever the snapshot says;
 * - `RatesUnavailableError` when no snapshot is loaded; `RatesStaleError` when the snapshot's `asOf`
 *   is more than `maxAgeSeconds` before `clock()`;
 * - from the base: the provider's rate, exactly as published, path `[base, to]`;
 * - to the base: `1 / rate(base→from)` at 12 decimals half-even, path `[from, base]`;
 * - cross: `rate(base→to) / rate(base→from)` at 12 decimals half-even, path `[from, base, to]`;
 * - `{ error: 'unsupported_pair' }` when either currency is not in the snapshot.
 *
 * @example
 * const book = createRateBook({ providers: [ecb, staticRates], maxAgeSeconds: 4 * 86_400, clock: () => new Date() })
 * await book.refresh()
 * const mid = book.getMidRate('USD', 'JPY')
 * if ('rate' in mid) formatRate(mid.rate) // path ['USD', 'EUR', 'JPY']
 */
export function createRateBook(options: RateBookOptions): RateBook {
  const { maxAgeSeconds, clock } = options
  if (!Number.isFinite(maxAgeSeconds) || maxAgeSeconds <= 0) {
    throw new RangeError(`maxAgeSeconds must be a positive number, got ${maxAgeSeconds}`)
  }
  const providers = [...options.providers]
  let current: RateSnapshot | undefined

  function staleness(snapshot: RateSnapshot): RatesStaleError | undefined {
    // A snapshot stamped slightly in the future (clock skew) counts as age 0, not negative.
    const ageMs = Math.max(0, clock().getTime() - snapshot.asOf.getTime())
    if (ageMs <= maxAgeSeconds * 1000) return undefined
    return new RatesStaleError({
      source: snapshot.source,
      asOf: snapshot.asOf,
      maxAgeSeconds,
      ageSeconds: Math.floor(ageMs / 1000),
    })
  }

  function copyOf(snapshot: RateSnapshot): RateSnapshot {
    const problem = findSnapshotProblem(snapshot)
    if (problem !== undefined) throw new TypeError(`invalid rate snapshot: ${problem}`)
    const rates = new Map<string, ExactRate>([[snapshot.base, RATE_ONE]])
    for (const [currency, rate] of snapshot.rates) {
      if (currency !== snapshot.base) rates.set(currency, Object.freeze({ amount: rate.amount, scale: rate.scale }))
    }
    return Object.freeze({ base: snapshot.base, rates, source: snapshot.source, asOf: new Date(snapshot.asOf) })
  }

  function usableSnapshot(): RateSnapshot | RatesStaleError | RatesUnavailableError {
    if (!current) return new RatesUnavailableError('no rates loaded yet')
    return staleness(current) ?? current
  }

  function midRate(snapshot: RateSnapshot, from: string, to: string): MidRate | UnsupportedPair {
    const { base, rates, source, asOf } = snapshot
    const baseToFrom = rates.get(from)
    const baseToTo = rates.get(to)
    if (!baseToFrom || !baseToTo) return { error: 'unsupported_pair' }
    if (from === base) return { from, to, rate: baseToTo, source, asOf, path: [base, to] }
    if (to === base) {
      return { from, to, rate: invertRate(baseToFrom, DERIVED_RATE_SCALE, 'halfEven'), source, asOf, path: [from, base] }
    }
    const rate = divideRates(baseToTo, baseToFrom, DERIVED_RATE_SCALE, 'halfEven')
    return { from, to, rate, source, asOf, path: [from, base, to] }
  }

  return {
    async refresh(): Promise<RefreshResult> {
      const { snapshot, failures } = await fetchFromFirstAvailable(providers, staleness)
      current = copyOf(snapshot)
      return { source: current.source, asOf: current.asOf, count: current.rates.size - 1, failures }
    },

    loadSnapshot(snapshot: RateSnapshot): void {
      current = copyOf(snapshot)
    },

    getSnapshot(): RateSnapshot | undefined {
      return current
    },

    getMidRate(from: string, to: string): MidRateResult {
      if (from === to && isCurrencyCodeShape(from)) {
        return { from, to, rate: RATE_ONE, source: 'identity', asOf: clock(), path: [from] }
      }
      const snapshot = usableSnapshot()
      if (snapshot instanceof Error) return snapshot
      return midRate(snapshot, from, to)
    },

    listMidRates(base?: string): MidRate[] | RatesStaleError | RatesUnavailableError | UnsupportedPair {
      const snapshot = usableSnapshot()
      if (snapshot instanceof Error) return snapshot
      const from = base ?? snapshot.base
      if (!snapshot.rates.has(from)) return { error: 'unsupported_pair' }
      const list: MidRate[] = []
      for (const to of [...snapshot.rates.keys()].sort()) {
        if (to === from) continue
        const mid = midRate(snapshot, from, to)
        if ('rate' in mid) list.push(mid)
      }
      return list
    },
  }
}
