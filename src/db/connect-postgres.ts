import { drizzle } from 'drizzle-orm/postgres-js'
import postgres, { type Sql } from 'postgres'
import type { DatabaseConnection } from './database.js'
import * as schema from './schema.js'

export interface PostgresOptions {
  /** Pool size; a Worker request uses one connection. */
  max?: number
  /** Disable prepared statements, required behind transaction poolers such as PgBouncer. */
  prepare?: boolean
}

/**
 * drizzle sends every query it did not `.prepare(name)` as an unnamed statement, which
 * postgres.js runs in two round trips (describe the parameters, then execute) and PostgreSQL
 * plans afresh each time. Asking postgres.js to prepare them makes it cache one named statement
 * per query text: one round trip and no re-planning from the second use on. The same applies
 * inside transactions, whose client postgres.js hands to `begin`'s callback.
 */
function preparingEverything(client: Sql): Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, parameters?: unknown[], queryOptions?: Record<string, unknown>) =>
          target.unsafe(query, parameters as never, { ...queryOptions, prepare: true })
      }
      if (property === 'begin') {
        return (...args: unknown[]) => {
          const callback = args.pop() as (transaction: Sql) => unknown
          return (target.begin as (...beginArgs: unknown[]) => unknown)(...args, (transaction: Sql) => callback(preparingEverything(transaction)))
        }
      }
      if (property === 'savepoint') {
        return (...args: unknown[]) => {
          const callback = args.pop() as (transaction: Sql) => unknown
          return ((target as unknown as { savepoint: (...a: unknown[]) => unknown }).savepoint)(...args, (transaction: Sql) => callback(preparingEverything(transaction)))
        }
      }
      return Reflect.get(target, property, receiver)
    },
  })
}

/**
 * Connects to a PostgreSQL server with postgres.js. Works on Node and on Cloudflare Workers
 * (through `nodejs_compat` sockets), so it imports nothing Node-only itself.
 *
 * @example
 * const { db, close } = connectPostgres('postgres://postgres@127.0.0.1:5432/corridor')
 */
export function connectPostgres(url: string, options: PostgresOptions = {}): DatabaseConnection {
  const prepare = options.prepare ?? true
  const client = postgres(url, {
    max: options.max ?? 10,
    prepare,
    onnotice: () => {},
    // bigint columns come back as bigint, never as a lossy number.
    types: { bigint: postgres.BigInt },
  })
  return {
    db: drizzle(prepare ? preparingEverything(client) : client, { schema }),
    kind: 'postgres',
    close: () => client.end({ timeout: 5 }),
  }
}
