import { sql } from 'drizzle-orm'
import { describe, expect, inject, it } from 'vitest'
import { connectDatabase } from './connect.js'
import { pgArray, unnestPlaceholders, unnestValues } from './pg-array.js'
import { preparedStatement } from './prepared.js'

describe('pgArray', () => {
  it('quotes every element and writes null as NULL', () => {
    expect(pgArray(['a', 'b"c', 'd\\e', null, 'NULL', '{x,y}'])).toBe('{"a","b\\"c","d\\\\e",NULL,"NULL","{x,y}"}')
    expect(pgArray([1, 2n, true])).toBe('{"1","2","true"}')
    expect(pgArray([])).toBe('{}')
  })

  it('round-trips awkward strings, big integers and nulls through the database', async () => {
    const connection = await connectDatabase(inject('testDatabaseUrl') ?? 'memory://', { poolSize: 1 })
    const { db } = connection
    try {
      const texts = ['plain', 'quote " inside', 'back\\slash', 'comma, brace } {', 'NULL', '', 'ünïcödé', null]
      const amounts = [1n, -9223372036854775807n, 9223372036854775807n, 0n, 5n, 6n, 7n, 8n]
      const select = preparedStatement<{ t: string | null; n: string }>('test_awkward_arrays', sql`select t, n::text as n from ${unnestPlaceholders('v', { t: 'text', n: 'bigint' })}`)
      const rows = await select(db, unnestValues('v', { t: texts, n: amounts }))
      expect(rows.map((row) => row.t)).toEqual(texts)
      expect(rows.map((row) => row.n)).toEqual(amounts.map(String))
    } finally {
      await connection.close()
    }
  })
})

describe('a prepared statement with unnest placeholders', () => {
  it('fills its placeholders per execution: each call its own rows, of any batch size', async () => {
    const connection = await connectDatabase(inject('testDatabaseUrl') ?? 'memory://', { poolSize: 1 })
    try {
      const select = preparedStatement<{ t: string | null; n: string; scale: string }>(
        'test_unnest_placeholders',
        sql`select t, n::text as n, ${sql.placeholder('scale')}::int::text as scale from ${unnestPlaceholders('v', { t: 'text', n: 'bigint' })}`,
      )
      const first = await select(connection.db, { scale: 2, ...unnestValues('v', { t: ['a', 'b"c', null], n: [1n, 9223372036854775807n, -3n] }) })
      expect(first).toEqual([
        { t: 'a', n: '1', scale: '2' },
        { t: 'b"c', n: '9223372036854775807', scale: '2' },
        { t: null, n: '-3', scale: '2' },
      ])
      const second = await select(connection.db, { scale: 5, ...unnestValues('v', { t: ['only'], n: [0n] }) })
      expect(second).toEqual([{ t: 'only', n: '0', scale: '5' }])
      await expect(select(connection.db, { scale: 1 })).rejects.toThrow(/No value for placeholder "v.t"/)
    } finally {
      await connection.close()
    }
  })
})
