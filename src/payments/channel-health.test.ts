import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Database, DatabaseConnection } from '../db/database.js'
import { ledgerTestDatabases, uniqueId } from '../ledger/ledger-test-support.js'
import { createChannelHealthReader } from './channel-health.js'
import { paymentAttempts, type AttemptState } from './payment-schema.js'

class Rollback extends Error {
  constructor(readonly value: unknown) {
    super('rolled back')
  }
}

const now = new Date('2026-12-02T12:00:00Z')
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000)

/** `count` attempts at `channelId` in `state`, last changed `seconds` ago. */
const attempts = (channelId: string, state: AttemptState, count: number, seconds: number) =>
  Array.from({ length: count }, () => {
    const paymentId = uniqueId('pay')
    return { paymentId, attempt: 1, channelId, channelIdempotencyKey: `${paymentId}:1`, state, createdAt: secondsAgo(seconds), updatedAt: secondsAgo(seconds) }
  })

describe.each(ledgerTestDatabases(inject('testDatabaseUrl')))('channel health on $name', ({ open }) => {
  let connection: DatabaseConnection
  beforeAll(async () => {
    connection = await open()
  })
  afterAll(() => connection?.close())

  /** Runs `check` on attempts written in a transaction that is then rolled back. */
  const withAttempts = async <T>(rows: ReturnType<typeof attempts>, check: (tx: Database) => Promise<T>): Promise<T> =>
    connection.db
      .transaction(async (tx) => {
        for (let start = 0; start < rows.length; start += 100) await tx.insert(paymentAttempts).values(rows.slice(start, start + 100))
        throw new Rollback(await check(tx))
      })
      .catch((error: unknown) => {
        if (error instanceof Rollback) return error.value as T
        throw error
      })

  it('judges each channel on its most recent attempts in the window', async () => {
    const busy = uniqueId('test_busy')
    const quiet = uniqueId('test_quiet')
    const rows = [
      // 250 payouts four minutes ago, then 200 timeouts ten seconds ago: 44 % of the window
      // failed, but every one of the 200 most recent did.
      ...attempts(busy, 'paid_out', 250, 240),
      ...attempts(busy, 'ambiguous', 200, 10),
      // Failures older than the window do not count; three payouts in it do.
      ...attempts(quiet, 'ambiguous', 10, 400),
      ...attempts(quiet, 'paid_out', 3, 30),
    ]
    const [recent, wholeWindow] = await withAttempts(rows, async (tx) => {
      const read = (recentAttempts?: number) => createChannelHealthReader({ db: tx, clock: () => now, channelIds: () => [busy, quiet], ...(recentAttempts ? { recentAttempts } : {}) })()
      return [await read(), await read(1_000)]
    })
    expect(recent.stats(busy)).toMatchObject({ state: 'open', samples: 200, failures: 200, successes: 0, lastFailureAt: secondsAgo(10) })
    expect(wholeWindow.stats(busy)).toMatchObject({ state: 'closed', samples: 450, failures: 200, successes: 250 })
    expect(recent.stats(quiet)).toMatchObject({ state: 'closed', samples: 3, successes: 3, failures: 0 })
  })

  it('counts declines apart from failures and leaves submissions in flight out', async () => {
    const channel = uniqueId('test_declines')
    const rows = [...attempts(channel, 'declined', 6, 20), ...attempts(channel, 'failed', 2, 20), ...attempts(channel, 'submitting', 5, 1), ...attempts(channel, 'not_received', 1, 5)]
    const view = await withAttempts(rows, (tx) => createChannelHealthReader({ db: tx, clock: () => now, channelIds: () => [channel] })())
    expect(view.stats(channel)).toMatchObject({ state: 'closed', samples: 9, declines: 8, failures: 1, lastFailureAt: secondsAgo(5) })
  })
})
