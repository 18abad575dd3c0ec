import { asc, eq } from 'drizzle-orm'
import type { Database } from '../db/database.js'
import { paginate, type Page, type PageError, type PageRequest } from '../db/pagination.js'
import { corridors } from '../db/schema.js'

export type Corridor = typeof corridors.$inferSelect

export interface CorridorQuery {
  sourceCurrency: string
  targetCurrency: string
  sourceCountry?: string | undefined
  destinationCountry?: string | undefined
}

export interface CorridorService {
  list(page: PageRequest): Promise<Page<Corridor> | PageError>
  /**
   * The active corridor that prices this conversion: the exact country pair when countries are
   * given (either may be omitted), otherwise the oldest corridor with this currency pair.
   */
  findForQuote(query: CorridorQuery): Promise<Corridor | undefined>
}

/**
 * Corridors are configuration read on every quote, so one process keeps the active list for
 * `cacheMs` (default 2 s) and matches in memory: a change made by ops reaches quotes within
 * that time. Staleness of a cached list only delays a pricing change; it cannot corrupt data.
 *
 * @example const corridorService = createCorridorService({ db })
 */
export function createCorridorService(deps: { db: Database; cacheMs?: number; now?: () => number }): CorridorService {
  const { db } = deps
  const cacheMs = deps.cacheMs ?? 2000
  const now = deps.now ?? Date.now
  let cached: { corridors: Corridor[]; readAt: number } | undefined
  const activeCorridors = async (): Promise<Corridor[]> => {
    if (cached && now() - cached.readAt < cacheMs) return cached.corridors
    const rows = await db.select().from(corridors).where(eq(corridors.active, true)).orderBy(asc(corridors.createdAt), asc(corridors.id))
    cached = { corridors: rows, readAt: now() }
    return rows
  }
  return {
    list: (page) => paginate(db, corridors, { id: corridors.id, createdAt: corridors.createdAt }, eq(corridors.active, true), page),
    async findForQuote(query) {
      return (await activeCorridors()).find(
        (corridor) =>
          corridor.sourceCurrency === query.sourceCurrency &&
          corridor.targetCurrency === query.targetCurrency &&
          (!query.sourceCountry || corridor.sourceCountry === query.sourceCountry) &&
          (!query.destinationCountry || corridor.destinationCountry === query.destinationCountry),
      )
    },
  }
}
