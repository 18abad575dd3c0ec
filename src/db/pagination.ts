import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Database } from './database.js'

export interface PageRequest {
  limit: number
  startingAfter?: string
}

export interface Page<Row> {
  rows: Row[]
  hasMore: boolean
}

/** 'cursor_not_found' when `starting_after` names no object this caller can see. */
export type PageError = 'cursor_not_found'

/**
 * Newest-first cursor pagination on `(created_at, id)`: stable under inserts, one index scan.
 * `scope` restricts both the cursor lookup and the page (always the merchant, for owned rows).
 *
 * @example const page = await paginate(db, quotes, { id: quotes.id, createdAt: quotes.createdAt }, eq(quotes.merchantId, m), { limit: 20 })
 */
export async function paginate<Table extends PgTable>(
  db: Database,
  table: Table,
  columns: { id: PgColumn; createdAt: PgColumn },
  scope: SQL | undefined,
  page: PageRequest,
): Promise<Page<Table['$inferSelect']> | PageError> {
  let cursorCondition: SQL | undefined
  if (page.startingAfter) {
    const [cursor] = await db
      .select({ createdAt: columns.createdAt })
      .from(table as PgTable)
      .where(and(scope, eq(columns.id, page.startingAfter)))
      .limit(1)
    if (!cursor) return 'cursor_not_found'
    cursorCondition = or(
      lt(columns.createdAt, cursor.createdAt),
      and(eq(columns.createdAt, cursor.createdAt), lt(columns.id, page.startingAfter)),
    )
  }
  const rows = (await db
    .select()
    .from(table as PgTable)
    .where(and(scope, cursorCondition))
    .orderBy(desc(columns.createdAt), desc(columns.id))
    .limit(page.limit + 1)) as Table['$inferSelect'][]
  return { rows: rows.slice(0, page.limit), hasMore: rows.length > page.limit }
}
