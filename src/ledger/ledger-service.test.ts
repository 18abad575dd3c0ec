import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { DatabaseConnection } from '../db/database.js'
import { systemClock } from '../lib/clock.js'
import { createIdGenerator } from '../lib/ids.js'
import { ledgerEntries } from './ledger-entries.js'
import { journalEntries, ledgerAccounts, postings } from './ledger-schema.js'
import { createLedgerService, type DepositResult, type LedgerService } from './ledger-service.js'
import { ledgerTestDatabases, merchantBalanceKey, uniqueId } from './ledger-test-support.js'
import { HOUSE_OWNER_ID, shardedOwnerId, type PostedEntry } from './ledger-types.js'

const ids = createIdGenerator()

describe.each(ledgerTestDatabases(inject('testDatabaseUrl')))('ledger service on $name', ({ open }) => {
  let connection: DatabaseConnection
  let ledger: LedgerService

  beforeAll(async () => {
    connection = await open()
    ledger = createLedgerService({ db: connection.db, ids, clock: systemClock })
  })
  afterAll(() => connection?.close())

  const fundedMerchant = async (currency: string, amountMinor: bigint) => {
    const merchantId = uniqueId('mer')
    const deposited = await ledger.deposit(merchantId, currency, amountMinor, uniqueId('dep'))
    expect(deposited).toMatchObject({ replayed: false })
    return merchantId
  }
  const available = async (merchantId: string, currency = 'USD') =>
    (await ledger.balances(merchantId)).find((balance) => balance.currency === currency)?.availableMinor
  const payment = (merchantId: string, overrides: Partial<Parameters<typeof ledgerEntries.paymentFunded>[0]> = {}) => ({
    paymentId: uniqueId('pay'),
    merchantId,
    sourceCurrency: 'USD',
    targetCurrency: 'EUR',
    sourceAmountMinor: 10000n,
    feeMinor: 250n,
    targetAmountMinor: 8900n,
    ...overrides,
  })
  const post = (entry: Parameters<LedgerService['postEntry']>[1]) => connection.db.transaction((tx) => ledger.postEntry(tx, entry))

  it('posts a balanced entry, creates its accounts and moves their balances', async () => {
    const merchantId = await fundedMerchant('USD', 100000n)
    const result = (await post({
      kind: 'test_fee',
      referenceId: uniqueId('ref'),
      merchantId,
      description: 'a manual fee',
      postings: [
        { account: merchantBalanceKey(merchantId, 'USD'), amountMinor: -1500n },
        { account: { ownerType: 'house', ownerId: HOUSE_OWNER_ID, currency: 'USD', purpose: 'fee_revenue' }, amountMinor: 1500n },
      ],
    })) as PostedEntry
    expect(result.entryId).toMatch(/^jrn_/)
    expect(result.postings.map((p) => p.amountMinor)).toEqual([-1500n, 1500n])
    expect(result.balances.find((b) => b.account.ownerId === merchantId)?.balanceMinor).toBe(98500n)
    expect(await ledger.balances(merchantId)).toEqual([{ currency: 'USD', availableMinor: 98500n }])

    const [account] = await connection.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.ownerId, merchantId))
    expect(account).toMatchObject({ purpose: 'merchant_balance', allowNegative: false, balanceMinor: 98500n })
  })

  it('lists balances per currency, sorted, for that merchant only', async () => {
    const merchantId = await fundedMerchant('USD', 100n)
    await ledger.deposit(merchantId, 'EUR', 200n, uniqueId('dep'))
    await ledger.deposit(merchantId, 'CNY', 300n, uniqueId('dep'))
    await fundedMerchant('USD', 999n)
    expect(await ledger.balances(merchantId)).toEqual([
      { currency: 'CNY', availableMinor: 300n },
      { currency: 'EUR', availableMinor: 200n },
      { currency: 'USD', availableMinor: 100n },
    ])
    expect(await ledger.balances(uniqueId('mer'))).toEqual([])
  })

  it('rejects an unbalanced entry and writes nothing', async () => {
    const merchantId = uniqueId('mer')
    const referenceId = uniqueId('ref')
    const result = await post({
      kind: 'test_unbalanced',
      referenceId,
      description: 'one-legged',
      postings: [{ account: merchantBalanceKey(merchantId, 'USD'), amountMinor: 100n }],
    })
    expect(result).toEqual({ error: 'unbalanced', currency: 'USD', sumMinor: 100n })
    expect(await ledger.findEntry('test_unbalanced', referenceId)).toBeUndefined()
    expect(await ledger.balances(merchantId)).toEqual([])
  })

  it('rejects insufficient funds with the balance untouched and the transaction still usable', async () => {
    const merchantId = await fundedMerchant('USD', 5000n)
    const tooBig = payment(merchantId, { sourceAmountMinor: 5001n, feeMinor: 1n })
    const affordable = payment(merchantId, { sourceAmountMinor: 5000n })
    const [refused, accepted] = await connection.db.transaction(async (tx) => [
      await ledger.postEntry(tx, ledgerEntries.paymentFunded(tooBig)),
      await ledger.postEntry(tx, ledgerEntries.paymentFunded(affordable)),
    ])
    expect(refused).toEqual({ error: 'insufficient_funds', currency: 'USD', availableMinor: 5000n, requiredMinor: 5001n })
    expect(accepted).toMatchObject({ kind: 'payment_funded', referenceId: affordable.paymentId })
    expect(await ledger.findEntry('payment_funded', tooBig.paymentId)).toBeUndefined()
    expect(await available(merchantId)).toBe(0n)
  })

  it('refuses a debit from a merchant balance that does not exist yet, without creating it', async () => {
    const merchantId = uniqueId('mer')
    const result = await post(ledgerEntries.paymentFunded(payment(merchantId)))
    expect(result).toEqual({ error: 'insufficient_funds', currency: 'USD', availableMinor: 0n, requiredMinor: 10000n })
    expect(await ledger.balances(merchantId)).toEqual([])
  })

  it('refuses to run outside a transaction, where its locks would not hold', async () => {
    const entry = ledgerEntries.deposit({ merchantId: uniqueId('mer'), currency: 'USD', amountMinor: 1n, reference: uniqueId('dep') })
    await expect(ledger.postEntry(connection.db, entry)).rejects.toThrow(/inside a transaction/)
  })

  it('posts a duplicate (kind, reference) once and leaves the caller’s transaction usable', async () => {
    const merchantId = await fundedMerchant('USD', 100000n)
    const funded = payment(merchantId)
    const [first, second, other] = await connection.db.transaction(async (tx) => [
      await ledger.postEntry(tx, ledgerEntries.paymentFunded(funded)),
      await ledger.postEntry(tx, ledgerEntries.paymentFunded(funded)),
      await ledger.postEntry(tx, ledgerEntries.paymentFunded(payment(merchantId))),
    ])
    expect(first).toMatchObject({ entryId: expect.stringMatching(/^jrn_/) })
    expect(second).toEqual({ error: 'duplicate', entryId: (first as PostedEntry).entryId })
    expect(other).toMatchObject({ kind: 'payment_funded' })
    expect(await post(ledgerEntries.paymentFunded(funded))).toEqual({ error: 'duplicate', entryId: (first as PostedEntry).entryId })
    expect(await available(merchantId)).toBe(80000n)
  })

  it('credits a deposit once per reference, and refuses the reference for a different deposit', async () => {
    const merchantId = uniqueId('mer')
    const reference = uniqueId('dep')
    const first = (await ledger.deposit(merchantId, 'EUR', 12345n, reference)) as DepositResult
    const again = await ledger.deposit(merchantId, 'EUR', 12345n, reference)
    expect(first).toMatchObject({ kind: 'deposit', referenceId: reference, merchantId, replayed: false })
    expect(again).toMatchObject({ entryId: first.entryId, replayed: true })
    expect(await ledger.deposit(merchantId, 'EUR', 12346n, reference)).toEqual({ error: 'reference_conflict', entryId: first.entryId })
    expect(await ledger.deposit(uniqueId('mer'), 'EUR', 12345n, reference)).toMatchObject({ error: 'reference_conflict' })
    expect(await available(merchantId, 'EUR')).toBe(12345n)
    expect(await ledger.deposit(merchantId, 'EUR', 0n, uniqueId('dep'))).toMatchObject({ error: 'invalid_entry', reason: 'zero_amount' })
    expect(await ledger.deposit(merchantId, 'EUR', -5n, uniqueId('dep'))).toMatchObject({ error: 'invalid_entry', reason: 'negative_amount' })
    expect(await ledger.deposit(merchantId, 'XYZ', 5n, uniqueId('dep'))).toMatchObject({ error: 'invalid_entry', reason: 'unknown_currency' })
  })

  it('funded → paid out: the payout moves from pending to the channel', async () => {
    const merchantId = await fundedMerchant('USD', 100000n)
    const channelId = uniqueId('chn')
    const funded = payment(merchantId)
    expect(await post(ledgerEntries.paymentFunded(funded))).toMatchObject({ kind: 'payment_funded' })
    const paidOut = (await post(ledgerEntries.paymentPaidOut({ ...funded, channelId }))) as PostedEntry
    expect(paidOut.balances.find((b) => b.account.purpose === 'channel_clearing')).toMatchObject({
      account: { ownerType: 'channel', ownerId: shardedOwnerId(channelId, funded.paymentId), currency: 'EUR' },
      balanceMinor: 8900n,
    })
    expect(await available(merchantId)).toBe(90000n)
  })

  it('funded → reversed returns the merchant to its starting balance, fee included', async () => {
    const merchantId = await fundedMerchant('USD', 100000n)
    const funded = payment(merchantId)
    await post(ledgerEntries.paymentFunded(funded))
    expect(await available(merchantId)).toBe(90000n)
    expect(await post(ledgerEntries.paymentReversed(funded))).toMatchObject({ kind: 'payment_reversed' })
    expect(await available(merchantId)).toBe(100000n)
  })

  it('paid out → returned refunds the principal and keeps the fee', async () => {
    const merchantId = await fundedMerchant('USD', 100000n)
    const channelId = uniqueId('chn')
    const funded = { ...payment(merchantId), channelId }
    await post(ledgerEntries.paymentFunded(funded))
    await post(ledgerEntries.paymentPaidOut(funded))
    const returned = (await post(ledgerEntries.paymentReturned(funded))) as PostedEntry
    expect(returned.balances.find((b) => b.account.ownerId === shardedOwnerId(channelId, funded.paymentId))?.balanceMinor).toBe(0n)
    expect(await available(merchantId)).toBe(100000n - 250n)
  })

  it('a same-currency payment touches no FX position', async () => {
    const merchantId = await fundedMerchant('GBP', 100000n)
    const funded = payment(merchantId, { sourceCurrency: 'GBP', targetCurrency: 'GBP', targetAmountMinor: 9750n })
    const result = (await post(ledgerEntries.paymentFunded(funded))) as PostedEntry
    expect(result.postings.map((p) => p.account.purpose)).toEqual(['merchant_balance', 'fee_revenue', 'payouts_pending'])
  })

  it('verify() is clean after all that, and finds a corruption introduced on purpose', async () => {
    expect(await ledger.verify()).toEqual([])
    const report = await ledger.verifyReport()
    expect(report.checked.entries).toBeGreaterThan(0)
    expect(report.checked.postings).toBeGreaterThanOrEqual(2 * report.checked.entries)

    const accountOf = async (merchantId: string) =>
      (await connection.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.ownerId, merchantId)))[0]!.id
    const accountId = await accountOf(await fundedMerchant('USD', 1000n))
    const laxAccountId = await accountOf(await fundedMerchant('USD', 1000n))
    const found = await rolledBack(connection, async (tx) => {
      // Postings and entries are append-only, so corrupt what is mutable and add what is not allowed.
      await tx.update(ledgerAccounts).set({ balanceMinor: sql`${ledgerAccounts.balanceMinor} + 1` }).where(eq(ledgerAccounts.id, accountId))
      const afterBalance = await ledger.verify(tx)
      await tx.update(ledgerAccounts).set({ balanceMinor: -1n }).where(eq(ledgerAccounts.id, accountId))
      await tx.update(ledgerAccounts).set({ allowNegative: true }).where(eq(ledgerAccounts.id, laxAccountId))
      const lonelyEntryId = ids('jrn')
      await tx.insert(journalEntries).values({ id: lonelyEntryId, kind: 'test_lonely', referenceId: lonelyEntryId, description: 'no postings' })
      const skewedEntryId = ids('jrn')
      await tx.insert(journalEntries).values({ id: skewedEntryId, kind: 'test_skewed', referenceId: skewedEntryId, description: 'bad currency' })
      await tx.insert(postings).values({ journalEntryId: skewedEntryId, line: 1, accountId: laxAccountId, currency: 'EUR', amountMinor: 7n })
      // Postings that name an entry or an account nobody has (no foreign key refuses them).
      await tx.insert(postings).values({ journalEntryId: 'jrn_nobody', line: 1, accountId: laxAccountId, currency: 'USD', amountMinor: 0n })
      await tx.insert(postings).values({ journalEntryId: skewedEntryId, line: 2, accountId: 'acc_nobody', currency: 'USD', amountMinor: 0n })
      return { afterBalance, everything: await ledger.verify(tx), lonelyEntryId, skewedEntryId }
    })
    expect(found.afterBalance).toEqual([
      expect.objectContaining({ invariant: 'balance_mismatch', accountId, balanceMinor: 1001n, postingsSumMinor: 1000n }),
    ])
    const mine = found.everything.filter(
      (v) =>
        ('accountId' in v && [accountId, laxAccountId].includes(v.accountId)) ||
        ('entryId' in v && [found.lonelyEntryId, found.skewedEntryId].includes(v.entryId)),
    )
    const orphaned = found.everything.filter((v) => v.invariant === 'posting_orphaned')
    expect(orphaned).toHaveLength(2)
    expect(orphaned).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entryId: 'jrn_nobody', line: 1, missing: 'entry' }),
        expect.objectContaining({ entryId: found.skewedEntryId, line: 2, accountId: 'acc_nobody', missing: 'account' }),
      ]),
    )
    expect(mine.map((v) => `${v.invariant}`).sort()).toEqual([
      'balance_mismatch', // accountId: -1 against postings of 1000
      'balance_mismatch', // laxAccountId: 1000 against postings of 1007
      'currency_mismatch',
      'entry_unbalanced',
      'entry_without_postings',
      'merchant_balance_allows_negative',
      'negative_balance',
      'posting_orphaned', // the stray posting, on laxAccountId
      'posting_orphaned', // the homeless posting, of skewedEntryId
    ])
    expect(mine.every((v) => v.message.length > 0)).toBe(true)
    expect(await ledger.verify()).toEqual([])
  })
})

class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rolled back on purpose')
  }
}

/** Runs `work` in a transaction that is always rolled back, so a deliberate corruption never lands. */
async function rolledBack<T>(connection: DatabaseConnection, work: (tx: DatabaseConnection['db']) => Promise<T>): Promise<T> {
  try {
    await connection.db.transaction(async (tx) => {
      throw new Rollback(await work(tx))
    })
  } catch (error) {
    if (error instanceof Rollback) return error.value as T
    throw error
  }
  throw new Error('unreachable: the transaction always rolls back')
}
