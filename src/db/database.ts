import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import type * as schema from './schema.js'

/**
 * The typed database handle every service receives. Both drivers (postgres.js against a
 * PostgreSQL server, PGlite embedded) produce a `PgDatabase` over the same schema, so services
 * are written once. It is always passed in, never imported as a global.
 */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>

/** A handle to one open database and the way to close it. */
export interface DatabaseConnection {
  db: Database
  /** `pglite` for the embedded database, `postgres` for a server. */
  kind: 'pglite' | 'postgres'
  close(): Promise<void>
}
