/**
 * Node-only: opens the database named by a `DATABASE_URL`-style string.
 * - unset or empty: embedded PGlite persisted in `dataDir` (default `./.data/pglite`);
 * - `memory://`: embedded PGlite in memory (tests, throwaway demos);
 * - `postgres://` or `postgresql://`: a PostgreSQL server through postgres.js.
 */
import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { connectPostgres } from './connect-postgres.js'
import type { DatabaseConnection } from './database.js'
import * as schema from './schema.js'

export interface ConnectOptions {
  dataDir?: string
  poolSize?: number
}

export class UnsupportedDatabaseUrlError extends Error {
  override name = 'UnsupportedDatabaseUrlError'
}

/** @example const connection = await connectDatabase(process.env.DATABASE_URL) */
export async function connectDatabase(url: string | undefined, options: ConnectOptions = {}): Promise<DatabaseConnection> {
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    return connectPostgres(url, { max: options.poolSize ?? 10 })
  }
  if (url && url !== 'memory://') {
    throw new UnsupportedDatabaseUrlError(`DATABASE_URL must be postgres://…, postgresql://… or memory:// (got a ${url.split(':')[0]}: URL)`)
  }
  const client = url === 'memory://' ? new PGlite() : new PGlite(options.dataDir ?? './.data/pglite')
  await client.waitReady
  return {
    db: drizzle(client, { schema }),
    kind: 'pglite',
    close: () => client.close(),
  }
}
