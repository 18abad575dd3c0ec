/**
 * Locking under real concurrency: only a PostgreSQL server has more than one connection
 * (PGlite runs one statement at a time), so these tests need DATABASE_URL.
 */
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { connectDatabase } from '../db/connect.js'
import type { DatabaseConnection } from '../db/database.js'
import { systemClock } from '../lib/clock.js'
import { createIdGenerator } from '../lib/ids.js'
import { ledgerEntries } from './ledger-entries.js'
import { createLedgerService, type LedgerService } from './ledger-service.js'
import { merchantBalanceKey, uniqueId } from './ledger-test-support.js'
import type { JournalEntryInput, PostedEntry } from './ledger-types.js'

const databaseUrl = inject('testDatabaseUrl')

describe.skipIf(!databaseUrl)('ledger concurrency on PostgreSQL', () => {
  let connection: DatabaseConnection
  let ledger: LedgerService

  beforeAll(async () => {
    connection = await connectDatabase(databaseUrl, { poolSize: 12 })
    ledger = createLedgerService({ db: connection.db, ids: createIdGenerator(), clock: systemClock })
  })
  afterAll(() => connection?.close())

  const available = async (merchantId: string) => (await ledger.balances(merchantId))[0]?.availableMinor
  const fundedPayment = (merchantId: string, paymentId = uniqueId('pay')) => ({
    paymentId,
    merchantId,
    sourceCurrency: 'USD',
    targetCurrency: 'EUR',
    sourceAmountMinor: 3000n,
    feeMinor: 100n,
    targetAmountMinor: 2650n,
  })

  it('50 concurrent debits of 30.00 against 1000.00: exactly 33 succeed and the balance ends at 10.00', async () => {
    const merchantId = uniqueId('mer')
    await ledger.deposit(merchantId, 'USD', 100000n, uniqueId('dep'))

    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        connection.db.transaction(async (tx) => {
          const result = await ledger.postEntry(tx, ledgerEntries.paymentFunded(fundedPayment(merchantId)))
          // Hold the locks a moment, as a payment writing its own rows would.
          await tx.execute(sql`select pg_sleep(0.002)`)
          return result
        }),
      ),
    )

    const succeeded = results.filter((result): result is PostedEntry => !('error' in result))
    const refused = results.filter((result) => 'error' in result)
    expect(succeeded).toHaveLength(33)
    expect(refused).toHaveLength(17)
    for (const result of refused) {
      expect(result).toMatchObject({ error: 'insufficient_funds', currency: 'USD', requiredMinor: 3000n, availableMinor: 1000n })
    }
    // Every success saw a distinct, never negative balance: the debits were serialised.
    const balancesAfter = succeeded
      .map((entry) => entry.balances.find((balance) => balance.account.ownerId === merchantId)!.balanceMinor)
      .sort((a, b) => (a < b ? -1 : 1))
    expect(balancesAfter).toEqual(Array.from({ length: 33 }, (_, index) => 1000n + 3000n * BigInt(index)))
    expect(await available(merchantId)).toBe(1000n)
    expect(await ledger.verify()).toEqual([])
  })

  it('the same payment funded from 10 connections at once is posted once; the others get duplicate', async () => {
    const merchantId = uniqueId('mer')
    await ledger.deposit(merchantId, 'USD', 100000n, uniqueId('dep'))
    const payment = fundedPayment(merchantId)
    const results = await Promise.all(
      Array.from({ length: 10 }, () => connection.db.transaction((tx) => ledger.postEntry(tx, ledgerEntries.paymentFunded(payment)))),
    )
    const posted = results.filter((result): result is PostedEntry => !('error' in result))
    expect(posted).toHaveLength(1)
    expect(results.filter((result) => 'error' in result)).toEqual(Array(9).fill({ error: 'duplicate', entryId: posted[0]!.entryId }))
    expect(await available(merchantId)).toBe(97000n)
  })

  it('a twin entry still uncommitted elsewhere yields duplicate, not an aborted transaction', async () => {
    const referenceId = uniqueId('ref')
    const entryFor = (merchantId: string): JournalEntryInput => ({
      kind: 'test_twin',
      referenceId,
      description: 'the same event, posted twice on different accounts',
      postings: [
        { account: merchantBalanceKey(merchantId, 'USD'), amountMinor: 100n },
        { account: { ownerType: 'house', ownerId: 'corridor', currency: 'USD', purpose: 'bank_deposits' }, amountMinor: -100n },
      ],
    })
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    let firstPosted!: () => void
    const firstIsPosted = new Promise<void>((resolve) => (firstPosted = resolve))

    const first = connection.db.transaction(async (tx) => {
      const result = await ledger.postEntry(tx, entryFor(uniqueId('mer')))
      firstPosted()
      await released
      return result
    })
    await firstIsPosted
    // The second transaction's select cannot see the first's uncommitted entry, so it reaches
    // the INSERT … ON CONFLICT DO NOTHING, which waits for the first to commit.
    const secondMerchant = uniqueId('mer')
    const second = connection.db.transaction(async (tx) => {
      const result = await ledger.postEntry(tx, entryFor(secondMerchant))
      await tx.execute(sql`select 1`) // the transaction is still usable
      return result
    })
    await new Promise((resolve) => setTimeout(resolve, 200))
    release()
    const firstResult = (await first) as PostedEntry
    expect(await second).toEqual({ error: 'duplicate', entryId: firstResult.entryId })
    expect(await available(secondMerchant)).toBe(0n)
  })

  it('deposits and debits on two accounts, listed in opposite orders, never deadlock', async () => {
    const [alice, bob] = [uniqueId('mer'), uniqueId('mer')]
    await ledger.deposit(alice, 'USD', 100000n, uniqueId('dep'))
    await ledger.deposit(bob, 'USD', 100000n, uniqueId('dep'))
    const transfer = (from: string, to: string): JournalEntryInput => ({
      kind: 'test_transfer',
      referenceId: uniqueId('ref'),
      description: `transfer ${from} → ${to}`,
      // The debit is listed first, so alice→bob and bob→alice name the accounts in opposite orders.
      postings: [
        { account: merchantBalanceKey(from, 'USD'), amountMinor: -100n },
        { account: merchantBalanceKey(to, 'USD'), amountMinor: 100n },
      ],
    })
    const entries = Array.from({ length: 90 }, (_, index): JournalEntryInput => {
      switch (index % 4) {
        case 0:
          return transfer(alice, bob)
        case 1:
          return transfer(bob, alice)
        case 2:
          return ledgerEntries.deposit({ merchantId: index % 8 === 2 ? alice : bob, currency: 'USD', amountMinor: 50n, reference: uniqueId('dep') })
        default:
          return ledgerEntries.paymentFunded(fundedPayment(index % 8 === 3 ? bob : alice))
      }
    })
    const outcomes = await Promise.allSettled(
      entries.map((entry) =>
        connection.db.transaction(async (tx) => {
          const result = await ledger.postEntry(tx, entry)
          await tx.execute(sql`select pg_sleep(0.002)`)
          return result
        }),
      ),
    )
    const failures = outcomes.filter((outcome) => outcome.status === 'rejected')
    expect(failures.map((failure) => String((failure as PromiseRejectedResult).reason))).toEqual([])
    for (const outcome of outcomes) expect(outcome).toMatchObject({ status: 'fulfilled', value: { entryId: expect.any(String) } })

    // 23 transfers each way cancel; each merchant gets 11 deposits of 0.50 and 11 debits of 30.00.
    expect(await available(alice)).toBe(100000n + 11n * 50n - 11n * 3000n)
    expect(await available(bob)).toBe(100000n + 11n * 50n - 11n * 3000n)
    expect(await ledger.verify()).toEqual([])
  })
})
