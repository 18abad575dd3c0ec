import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { DatabaseConnection } from '../db/database.js'
import { ledgerTestDatabases, uniqueId } from '../ledger/ledger-test-support.js'
import { paymentAttempts, paymentEvents, payments } from './payment-schema.js'
import { verifyPaymentRecords } from './payment-verify.js'

/** A payment row as the creation statement would write it, with only what the table requires. */
const paymentRow = (id: string) => ({
  id,
  merchantId: 'mer_test',
  quoteId: uniqueId('quo'),
  idempotencyKey: uniqueId('key'),
  status: 'pending' as const,
  sourceCountry: 'US',
  destinationCountry: 'DE',
  sourceCurrency: 'USD',
  targetCurrency: 'EUR',
  sourceAmountMinor: 1000n,
  targetAmountMinor: 900n,
  feeMinor: 10n,
  midRate: '0.9',
  customerRate: '0.9',
  sender: {},
  beneficiary: {},
  accountType: 'iban',
  accountMasked: 'DE****3000',
  accountCiphertext: 'k:iv:ct',
  purposeCode: 'SUPP',
  reference: 'test',
  metadata: {},
})

class Rollback extends Error {
  constructor(readonly value: unknown) {
    super('rolled back')
  }
}

describe.each(ledgerTestDatabases(inject('testDatabaseUrl')))('payment record checks on $name', ({ open }) => {
  let connection: DatabaseConnection
  beforeAll(async () => {
    connection = await open()
  })
  afterAll(() => connection?.close())

  it('reports events and attempts whose payment is missing, and only those', async () => {
    const paymentId = uniqueId('pay')
    const ghostId = uniqueId('pay')
    const { before, after } = await connection.db
      .transaction(async (tx) => {
        await tx.insert(payments).values(paymentRow(paymentId))
        await tx.insert(paymentEvents).values({ id: uniqueId('evt'), paymentId, merchantId: 'mer_test', toStatus: 'pending', reason: 'created' })
        await tx.insert(paymentAttempts).values({ paymentId, attempt: 1, channelId: 'sepa_instant', channelIdempotencyKey: `${paymentId}:1`, state: 'submitting' })
        const before = await verifyPaymentRecords(tx)
        // No foreign key refuses rows that name a payment nobody has.
        await tx.insert(paymentEvents).values({ id: `evt_${ghostId}`, paymentId: ghostId, merchantId: 'mer_test', toStatus: 'pending', reason: 'created' })
        await tx.insert(paymentAttempts).values({ paymentId: ghostId, attempt: 2, channelId: 'sepa_instant', channelIdempotencyKey: `${ghostId}:2`, state: 'submitting' })
        throw new Rollback({ before, after: await verifyPaymentRecords(tx) })
      })
      .catch((error: unknown) => {
        if (error instanceof Rollback) return error.value as { before: Awaited<ReturnType<typeof verifyPaymentRecords>>; after: Awaited<ReturnType<typeof verifyPaymentRecords>> }
        throw error
      })
    // The shared PostgreSQL database may hold other files' rows: look only at this test's.
    const mine = (report: typeof before) => report.violations.filter((v) => v.paymentId === paymentId || v.paymentId === ghostId)
    expect(mine(before)).toEqual([])
    expect(before.checked.events).toBeGreaterThanOrEqual(1)
    expect(before.checked.attempts).toBeGreaterThanOrEqual(1)
    expect(mine(after)).toEqual([
      { invariant: 'event_orphaned', eventId: `evt_${ghostId}`, paymentId: ghostId, message: `payment event evt_${ghostId} names payment ${ghostId}, which does not exist` },
      { invariant: 'attempt_orphaned', paymentId: ghostId, attempt: 2, message: `attempt 2 of payment ${ghostId} names a payment that does not exist` },
    ])
    expect(after.checked.events).toBe(before.checked.events + 1)
    expect(after.checked.attempts).toBe(before.checked.attempts + 1)
  })
})
