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
 * A transaction whose `BEGIN` goes out with its first statement, in one write, instead of
 * being waited on alone as postgres.js's `begin` does: one round trip fewer per transaction
 * (under load a round trip is milliseconds: the batched payment writes spent 1.5 to 2 ms
 * waiting for `BEGIN`). The transaction runs on a reserved connection; a failure rolls it
 * back and rethrows, and a commit the server answers with `ROLLBACK` (a statement failed that
 * no one awaited) is an error, never a silent success.
 */
async function pipelinedBegin(client: Sql, options: string, callback: (transaction: Sql) => unknown, prepare: boolean): Promise<unknown> {
  const reserved = await client.reserve()
  try {
    const begun = reserved.unsafe(`begin ${options.replace(/[^a-z ]/gi, '')}`).execute()
    let result: unknown
    try {
      ;[, result] = await Promise.all([begun, Promise.resolve().then(() => callback(wrapped(withSavepoints(reserved), prepare)))])
    } catch (error) {
      await reserved.unsafe('rollback').catch(() => {})
      throw error
    }
    const ended = await reserved.unsafe('commit')
    if (ended.command !== 'COMMIT') throw new Error(`the transaction ended in ${ended.command}: one of its statements failed unobserved`)
    return result
  } finally {
    reserved.release()
  }
}

/** `savepoint(fn)` on a reserved connection, as postgres.js offers it inside `begin`: nested drizzle transactions. */
function withSavepoints(reserved: Sql): Sql {
  let count = 0
  const savepoint = async (...args: unknown[]) => {
    const callback = args.pop() as (transaction: Sql) => unknown
    const name = `s${count++}`
    await reserved.unsafe(`savepoint ${name}`)
    try {
      const result = await callback(transaction)
      await reserved.unsafe(`release savepoint ${name}`)
      return result
    } catch (error) {
      await reserved.unsafe(`rollback to savepoint ${name}`)
      throw error
    }
  }
  const transaction: Sql = new Proxy(reserved, {
    get: (target, property, receiver) => (property === 'savepoint' ? savepoint : Reflect.get(target, property, receiver)),
  })
  return transaction
}

/**
 * The client drizzle gets. Transactions begin pipelined (see `pipelinedBegin`). With `prepare`:
 * drizzle sends every query it did not `.prepare(name)` as an unnamed statement, which
 * postgres.js runs in two round trips (describe the parameters, then execute) and PostgreSQL
 * plans afresh each time. Asking postgres.js to prepare them makes it cache one named statement
 * per query text: one round trip and no re-planning from the second use on. The same applies
 * inside transactions and their savepoints.
 */
function wrapped(client: Sql, prepare: boolean): Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe' && prepare) {
        return (query: string, parameters?: unknown[], queryOptions?: Record<string, unknown>) =>
          target.unsafe(query, parameters as never, { ...queryOptions, prepare: true })
      }
      if (property === 'begin') {
        return (...args: unknown[]) => {
          const callback = args.pop() as (transaction: Sql) => unknown
          return pipelinedBegin(target, typeof args[0] === 'string' ? args[0] : '', callback, prepare)
        }
      }
      if (property === 'savepoint' && prepare) {
        return (...args: unknown[]) => {
          const callback = args.pop() as (transaction: Sql) => unknown
          return ((target as unknown as { savepoint: (...a: unknown[]) => unknown }).savepoint)(...args, (transaction: Sql) => callback(wrapped(transaction, prepare)))
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
    db: drizzle(wrapped(client, prepare), { schema }),
    kind: 'postgres',
    close: () => client.end({ timeout: 5 }),
  }
}
