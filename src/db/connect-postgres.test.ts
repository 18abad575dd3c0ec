import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { randomBase62 } from '../lib/crypto.js'
import { connectPostgres } from './connect-postgres.js'
import type { DatabaseConnection } from './database.js'

const url = inject('testDatabaseUrl')

describe.skipIf(!url)('transactions on PostgreSQL (BEGIN sent with the first statement)', () => {
  let connection: DatabaseConnection
  const table = `tx_test_${randomBase62(8).toLowerCase()}`
  // postgres.js answers `execute` with the rows themselves.
  const rowsOf = <Row>(result: unknown) => result as Row[]
  const rows = async () => rowsOf<{ v: string }>(await connection.db.execute(sql.raw(`select v from ${table} order by v`))).map((row) => row.v)
  const insert = (db: DatabaseConnection['db'], value: string) => db.execute(sql.raw(`insert into ${table} (v) values ('${value}')`))

  beforeAll(async () => {
    connection = connectPostgres(url!, { max: 3 })
    await connection.db.execute(sql.raw(`create table ${table} (v text primary key)`))
  })
  afterAll(async () => {
    await connection.db.execute(sql.raw(`drop table if exists ${table}`))
    await connection.close()
  })

  it('commits what the callback wrote and returns its result, inside one transaction', async () => {
    const result = await connection.db.transaction(async (tx) => {
      await insert(tx, 'a')
      const [row] = rowsOf<{ open: boolean }>(await tx.execute(sql`select now() = statement_timestamp() as open`))
      await insert(tx, 'b')
      return row!.open
    })
    // now() is the transaction's start, statement_timestamp() the statement's: they differ inside a transaction.
    expect(result).toBe(false)
    expect(await rows()).toEqual(['a', 'b'])
  })

  it('rolls everything back when the callback throws, and rethrows', async () => {
    await expect(
      connection.db.transaction(async (tx) => {
        await insert(tx, 'c')
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    expect(await rows()).not.toContain('c')
  })

  it('rolls back and rejects when a statement fails, even one nobody awaited', async () => {
    await expect(
      connection.db.transaction(async (tx) => {
        await insert(tx, 'd')
        void insert(tx, 'a').catch(() => {}) // a duplicate key: the server aborts the transaction
        await new Promise((resolve) => setTimeout(resolve, 50))
      }),
    ).rejects.toThrow(/ROLLBACK|aborted/)
    expect(await rows()).not.toContain('d')
  })

  it('runs nested transactions as savepoints: an inner failure undoes only the inner writes', async () => {
    await connection.db.transaction(async (tx) => {
      await insert(tx, 'e')
      await expect(
        tx.transaction(async (inner) => {
          await insert(inner, 'f')
          throw new Error('inner')
        }),
      ).rejects.toThrow('inner')
      await tx.transaction(async (inner) => insert(inner, 'g'))
    })
    expect(await rows()).toEqual(['a', 'b', 'e', 'g'])
  })

  it('keeps isolation options: a read-only transaction refuses writes', async () => {
    await expect(connection.db.transaction(async (tx) => insert(tx, 'h'), { accessMode: 'read only' })).rejects.toThrow()
    expect(await rows()).not.toContain('h')
  })

  it('gives the connection back to the pool after every outcome', async () => {
    const attempts = Array.from({ length: 12 }, (_, index) =>
      connection.db
        .transaction(async (tx) => {
          await tx.execute(sql`select pg_sleep(0.01)`)
          if (index % 3 === 0) throw new Error('fail')
          return index
        })
        .catch(() => -1),
    )
    expect((await Promise.all(attempts)).filter((value) => value >= 0)).toHaveLength(8)
    expect(await rows()).toEqual(['a', 'b', 'e', 'g'])
  })
})
