/** A test's database seen through a handle that logs every statement, and counts read from it. */
import type { SQL } from 'drizzle-orm'
import type { PgliteClient } from 'drizzle-orm/pglite'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import type { Sql } from 'postgres'
import type { Database } from '../../src/db/database.js'
import * as schema from '../../src/db/schema.js'
import type { TestContext } from './test-app.js'

/** The same database and driver as the test's app, with every statement it sends pushed to `statements`. */
export function loggedDatabase(t: TestContext, statements: string[]): Database {
  const logger = { logQuery: (query: string) => statements.push(query) }
  return (
    t.connection.kind === 'pglite'
      ? drizzlePglite((t.connection.db as unknown as { $client: PgliteClient }).$client, { schema, logger })
      : drizzlePostgres((t.connection.db as unknown as { $client: Sql }).$client, { schema, logger })
  ) as unknown as Database
}

/** The count a `select count(*)::int as count …` statement returns, on either driver. */
export async function countOf(t: TestContext, query: SQL): Promise<number> {
  const result: unknown = await t.connection.db.execute(query)
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{ count: number }>
  return Number(rows[0]!.count)
}
