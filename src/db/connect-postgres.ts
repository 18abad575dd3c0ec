import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import type { DatabaseConnection } from './database.js'
import * as schema from './schema.js'

export interface PostgresOptions {
  /** Pool size; a Worker request uses one connection. */
  max?: number
  /** Disable prepared statements, required behind transaction poolers such as PgBouncer. */
  prepare?: boolean
}

/**
 * Connects to a PostgreSQL server with postgres.js. Works on Node and on Cloudflare Workers
 * (through `nodejs_compat` sockets), so it imports nothing Node-only itself.
 *
 * @example
 * const { db, close } = connectPostgres('postgres://postgres@127.0.0.1:5432/corridor')
 */
export function connectPostgres(url: string, options: PostgresOptions = {}): DatabaseConnection {
  const client = postgres(url, {
    max: options.max ?? 10,
    prepare: options.prepare ?? true,
    onnotice: () => {},
    // bigint columns come back as bigint, never as a lossy number.
    types: { bigint: postgres.BigInt },
  })
  return {
    db: drizzle(client, { schema }),
    kind: 'postgres',
    close: () => client.end({ timeout: 5 }),
  }
}
