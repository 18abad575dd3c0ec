import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { DatabaseConnection } from '../db/database.js'
import { systemClock } from '../lib/clock.js'
import { createIdGenerator } from '../lib/ids.js'
import { ledgerEntries } from './ledger-entries.js'
import { createLedgerService, type LedgerService } from './ledger-service.js'
import { ledgerTestDatabases, uniqueId } from './ledger-test-support.js'

const ids = createIdGenerator()

/** Rolls the transaction back with what the batch posting said, so nothing it did survives. */
class Undo extends Error {
  constructor(readonly result: unknown) {
    super('undo')
  }
}

describe.each(ledgerTestDatabases(inject('testDatabaseUrl')))('posting several entries at once on $name', ({ open }) => {
  let connection: DatabaseConnection
  let ledger: LedgerService

  beforeAll(async () => {
    connection = await open()
    ledger = createLedgerService({ db: connection.db, ids, clock: systemClock })
  })
  afterAll(() => connection?.close())

  const fundedMerchant = async (amountMinor: bigint) => {
    const merchantId = uniqueId('mer')
    expect(await ledger.deposit(merchantId, 'USD', amountMinor, uniqueId('dep'))).toMatchObject({ replayed: false })
    return merchantId
  }
  const funding = (merchantId: string, sourceAmountMinor: bigint, paymentId = uniqueId('pay')) =>
    ledgerEntries.paymentFunded({ paymentId, merchantId, sourceCurrency: 'USD', targetCurrency: 'EUR', sourceAmountMinor, feeMinor: 100n, targetAmountMinor: 900n })
  const available = async (merchantId: string) => (await ledger.balances(merchantId)).find((balance) => balance.currency === 'USD')?.availableMinor
  /** Makes sure every house account the entries touch exists (the batch never creates accounts). */
  const warm = async (merchantId: string, count: number) => {
    for (let index = 0; index < count; index++) await connection.db.transaction((tx) => ledger.postEntry(tx, funding(merchantId, 1000n, `pay_warm_${index}`)))
  }

  it('writes every entry, its postings and the summed balance moves in one go', async () => {
    const merchantId = await fundedMerchant(100_000n)
    const other = await fundedMerchant(50_000n)
    await warm(merchantId, 40)
    const before = await available(merchantId)
    const entries = [funding(merchantId, 10_000n), funding(merchantId, 5_000n), funding(other, 7_000n)]
    const result = await connection.db.transaction((tx) => ledger.postEntries(tx, entries))
    expect(result).toEqual({ posted: true })
    expect(await available(merchantId)).toBe(before! - 15_000n)
    expect(await available(other)).toBe(43_000n)
    for (const entry of entries) {
      const stored = await ledger.findEntry(entry.kind, entry.referenceId)
      expect(stored?.postings.map((posting) => posting.amountMinor).sort()).toEqual(entry.postings.map((posting) => posting.amountMinor).sort())
    }
    expect(await ledger.verify()).toEqual([])
  })

  it('writes nothing when the entries together would overdraw a balance, even if each alone fits', async () => {
    const merchantId = await fundedMerchant(10_000n)
    await warm(uniqueId('mer_house'), 0)
    const entries = [funding(merchantId, 6_000n), funding(merchantId, 6_000n)]
    const result = await connection.db.transaction((tx) => ledger.postEntries(tx, entries))
    expect(result).toEqual({ posted: false, reason: 'refused' })
    expect(await available(merchantId)).toBe(10_000n)
    for (const entry of entries) expect(await ledger.findEntry(entry.kind, entry.referenceId)).toBeUndefined()
  })

  it('creates the accounts the entries credit, as posting one entry does', async () => {
    const merchantId = await fundedMerchant(100_000n)
    await warm(merchantId, 40)
    const channelId = uniqueId('chn')
    const paidOut = [uniqueId('pay'), uniqueId('pay')].map((paymentId) =>
      ledgerEntries.paymentPaidOut({ paymentId, merchantId, sourceCurrency: 'USD', targetCurrency: 'EUR', sourceAmountMinor: 1_000n, feeMinor: 100n, targetAmountMinor: 900n, channelId, shardKey: 'one-shard' }),
    )
    expect(await connection.db.transaction((tx) => ledger.postEntries(tx, paidOut))).toEqual({ posted: true })
    const stored = await ledger.findEntry(paidOut[0]!.kind, paidOut[0]!.referenceId)
    const clearing = stored?.postings.find((posting) => posting.account.purpose === 'channel_clearing')
    expect(clearing?.account.ownerId.startsWith(`${channelId}#`)).toBe(true)
    expect(await ledger.verify()).toEqual([])
  })

  it('writes nothing when a balance to take from does not exist (posting one by one explains it)', async () => {
    const funded = await fundedMerchant(10_000n)
    const neverFunded = uniqueId('mer')
    const entries = [funding(funded, 1_000n), funding(neverFunded, 1_000n)]
    expect(await connection.db.transaction((tx) => ledger.postEntries(tx, entries))).toEqual({ posted: false, reason: 'missing_account' })
    expect(await available(funded)).toBe(10_000n)
    expect(await ledger.findEntry(entries[0]!.kind, entries[0]!.referenceId)).toBeUndefined()
  })

  it('reports an entry booked before as a duplicate (the caller rolls back)', async () => {
    const merchantId = await fundedMerchant(100_000n)
    await warm(merchantId, 40)
    const twin = funding(merchantId, 1_000n)
    expect(await connection.db.transaction((tx) => ledger.postEntries(tx, [twin]))).toEqual({ posted: true })
    const before = await available(merchantId)
    const fresh = funding(merchantId, 2_000n)
    const outcome = await connection.db
      .transaction(async (tx) => {
        throw new Undo(await ledger.postEntries(tx, [fresh, twin]))
      })
      .catch((error: unknown) => (error instanceof Undo ? error.result : error))
    expect(outcome).toEqual({ posted: false, reason: 'duplicate' })
    expect(await available(merchantId)).toBe(before)
    expect(await ledger.findEntry(fresh.kind, fresh.referenceId)).toBeUndefined()
  })

  it('refuses an invalid entry before writing anything, and must run in a transaction', async () => {
    const merchantId = await fundedMerchant(10_000n)
    const unbalanced = { kind: 'test_unbalanced', referenceId: uniqueId('ref'), description: 'one leg', postings: [{ account: { ownerType: 'merchant' as const, ownerId: merchantId, currency: 'USD', purpose: 'merchant_balance' as const }, amountMinor: -5n }] }
    expect(await connection.db.transaction((tx) => ledger.postEntries(tx, [unbalanced]))).toEqual({ posted: false, reason: 'invalid_entry' })
    await expect(ledger.postEntries(connection.db, [funding(merchantId, 1_000n)])).rejects.toThrow(TypeError)
    expect(await connection.db.transaction((tx) => ledger.postEntries(tx, []))).toEqual({ posted: true })
  })
})
