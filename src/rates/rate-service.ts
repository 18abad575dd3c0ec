import { desc } from 'drizzle-orm'
import type { Database } from '../db/database.js'
import { rateSnapshots } from '../db/schema.js'
import type { Clock } from '../lib/clock.js'
import type { IdGenerator } from '../lib/ids.js'
import { parseRate, rateToString, type ExactRate } from './exact-rate.js'
import { createRateBook, type MidRateResult, type RateBook } from './rate-book.js'
import { createSnapshot, RatesUnavailableError, type RateProvider, type RateSnapshot } from './rate-provider.js'

export interface RateServiceOptions {
  db: Database
  providers: readonly RateProvider[]
  maxAgeSeconds: number
  clock: Clock
  ids: IdGenerator
  /**
   * How long one process reuses the latest snapshot it read before asking the database again.
   * A speed knob only: staleness is always judged from the snapshot's own time.
   */
  cacheMs?: number
}

export interface RateService {
  /** Fetches from the providers (in fallback order) and stores the snapshot unless it equals the latest. */
  refresh(): Promise<{ snapshotId: string; stored: boolean; source: string; asOf: Date; count: number; failures: string[] }>
  /** Stores a snapshot obtained elsewhere (seeding). */
  store(snapshot: RateSnapshot): Promise<string>
  getMidRate(from: string, to: string): Promise<MidRateResult>
  listMidRates(base?: string): Promise<ReturnType<RateBook['listMidRates']>>
}

function serialize(snapshot: RateSnapshot): Record<string, string> {
  const rates: Record<string, string> = {}
  for (const [currency, rate] of snapshot.rates) rates[currency] = rateToString(rate)
  return rates
}

const sortedRates = (rates: Record<string, string>) => Object.entries(rates).sort(([a], [b]) => a.localeCompare(b))

/**
 * Rates as the service sees them: the newest snapshot in the database, judged fresh or stale by
 * the clock. Every API instance reads the same snapshot; the refresh job writes new ones.
 *
 * @example
 * const rates = createRateService({ db, providers: [ecb, staticRates], maxAgeSeconds: 345_600, clock, ids })
 * const mid = await rates.getMidRate('USD', 'JPY')
 */
export function createRateService(options: RateServiceOptions): RateService {
  const { db, clock, ids } = options
  const cacheMs = options.cacheMs ?? 1000
  let cached: { book: RateBook; readAt: number } | undefined

  const latestRow = async () => (await db.select().from(rateSnapshots).orderBy(desc(rateSnapshots.fetchedAt)).limit(1))[0]

  const persist = async (snapshot: RateSnapshot): Promise<string> => {
    const id = ids('rts')
    await db.insert(rateSnapshots).values({
      id,
      source: snapshot.source,
      baseCurrency: snapshot.base,
      rates: serialize(snapshot),
      asOf: snapshot.asOf,
      fetchedAt: clock(),
    })
    cached = undefined
    return id
  }

  const currentBook = async (): Promise<RateBook> => {
    const now = Date.now()
    if (cached && now - cached.readAt < cacheMs) return cached.book
    const book = createRateBook({ providers: [], maxAgeSeconds: options.maxAgeSeconds, clock })
    const row = await latestRow()
    if (row) {
      const entries: [string, ExactRate][] = []
      for (const [currency, text] of Object.entries(row.rates)) {
        const rate = parseRate(text)
        if (rate) entries.push([currency, rate])
      }
      book.loadSnapshot(createSnapshot({ base: row.baseCurrency, rates: entries, source: row.source, asOf: row.asOf }))
    }
    cached = { book, readAt: now }
    return book
  }

  return {
    async refresh() {
      const book = createRateBook({ providers: options.providers, maxAgeSeconds: options.maxAgeSeconds, clock })
      const result = await book.refresh()
      const snapshot = book.getSnapshot()
      if (!snapshot) throw new RatesUnavailableError('refresh produced no snapshot')
      const latest = await latestRow()
      const unchanged =
        latest !== undefined &&
        latest.source === snapshot.source &&
        latest.asOf.getTime() === snapshot.asOf.getTime() &&
        JSON.stringify(sortedRates(latest.rates)) === JSON.stringify(sortedRates(serialize(snapshot)))
      return {
        snapshotId: unchanged ? latest.id : await persist(snapshot),
        stored: !unchanged,
        source: result.source,
        asOf: result.asOf,
        count: result.count,
        failures: result.failures.map((failure) => `${failure.provider}: ${failure.error instanceof Error ? failure.error.message : String(failure.error)}`),
      }
    },
    store: persist,
    getMidRate: async (from, to) => (await currentBook()).getMidRate(from, to),
    listMidRates: async (base) => (await currentBook()).listMidRates(base),
  }
}

