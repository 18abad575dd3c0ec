import { and, asc, eq, type SQL } from 'drizzle-orm'
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

/** @example const corridorService = createCorridorService({ db }) */
export function createCorridorService(deps: { db: Database }): CorridorService {
  const { db } = deps
  return {
    list: (page) => paginate(db, corridors, { id: corridors.id, createdAt: corridors.createdAt }, eq(corridors.active, true), page),
    async findForQuote(query) {
      const conditions: (SQL | undefined)[] = [
        eq(corridors.active, true),
        eq(corridors.sourceCurrency, query.sourceCurrency),
        eq(corridors.targetCurrency, query.targetCurrency),
      ]
      if (query.sourceCountry) conditions.push(eq(corridors.sourceCountry, query.sourceCountry))
      if (query.destinationCountry) conditions.push(eq(corridors.destinationCountry, query.destinationCountry))
      const [corridor] = await db
        .select()
        .from(corridors)
        .where(and(...conditions))
        .orderBy(asc(corridors.createdAt), asc(corridors.id))
        .limit(1)
      return corridor
    },
  }
}

