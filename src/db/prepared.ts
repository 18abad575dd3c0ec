/**
 * Runs a statement written with drizzle's `sql` template as a named prepared statement, for the
 * hot statements the query builder cannot express (data-modifying CTEs) or builds too slowly.
 * Named, the query becomes a server-side prepared statement on postgres.js, cached per
 * connection by its text: one round trip instead of two (an unnamed statement with parameters
 * is sent as Parse/Describe, waited on, then Bind/Execute), and no re-planning. A connection
 * opened with `prepare: false` (PgBouncer) still gets unnamed statements; PGlite ignores it.
 */
import type { SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import type { Database } from './database.js'

const dialect = new PgDialect()

/**
 * Returns the raw rows (snake_case columns as the statement names them). Values come back as
 * each driver parses them, so keep the selected columns to text, integers and booleans, or cast
 * them to text in the statement.
 *
 * @example const rows = await runPrepared(tx, 'payment_start_attempt', sql`with … select id from a`)
 */
export async function runPrepared<Row = Record<string, unknown>>(db: Database, name: string, statement: SQL): Promise<Row[]> {
  const query = dialect.sqlToQuery(statement)
  const result: unknown = await db._.session.prepareQuery(query, undefined, name, false).execute()
  // postgres.js answers with an array of rows, PGlite with `{ rows }`.
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Row[]
}

/**
 * A hot statement whose text and parameter list are built once, from a `sql` template with
 * `sql.placeholder(name)` where values go: each execution only fills the placeholders, instead
 * of walking the template again as `runPrepared` does. Same rows and drivers as `runPrepared`.
 *
 * @example
 * const byHashes = preparedStatement<{ id: string }>('keys_by_hashes', sql`select id from api_keys where key_hash = any(${sql.placeholder('hashes')}::text[])`)
 * const rows = await byHashes(db, { hashes: pgArray(hashes) })
 */
export function preparedStatement<Row = Record<string, unknown>>(name: string, statement: SQL): (db: Database, values: Record<string, unknown>) => Promise<Row[]> {
  const query = dialect.sqlToQuery(statement)
  return async (db, values) => {
    const result: unknown = await db._.session.prepareQuery(query, undefined, name, false).execute(values)
    return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Row[]
  }
}
