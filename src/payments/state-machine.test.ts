import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { paymentEvents, payments, PAYMENT_STATUSES } from '../db/schema.js'
import { createPayment, fund, paymentBody, quote, usdToEurQuote } from '../../test/support/payments.js'
import { createTestContext, type TestContext } from '../../test/support/test-app.js'
import { ALLOWED_TRANSITIONS, canTransition } from './state-machine.js'

let t: TestContext
beforeAll(async () => {
  t = await createTestContext()
  await fund(t, 'USD', 1_000_00n)
})
afterAll(() => t.close())

describe('payment state machine', () => {
  it('the TypeScript table and the database table agree', async () => {
    const rows = (await t.connection.db.execute(sql`select from_status, to_status from payment_status_transitions`)) as unknown
    const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as Array<{ from_status: string; to_status: string }>
    const inDatabase = list.map((row) => `${row.from_status}->${row.to_status}`).sort()
    const inCode = Object.entries(ALLOWED_TRANSITIONS)
      .flatMap(([from, tos]) => tos.map((to) => `${from}->${to}`))
      .sort()
    expect(inDatabase).toEqual(inCode)
  })

  it('PostgreSQL refuses every transition the table does not allow, whoever writes it', async () => {
    const { data } = await createPayment(t, paymentBody(await quote(t, usdToEurQuote)))
    const id = data!.id
    for (const to of PAYMENT_STATUSES) {
      if (to === 'pending' || canTransition('pending', to)) continue
      await expect(t.connection.db.update(payments).set({ status: to }).where(eq(payments.id, id))).rejects.toThrow()
    }
    expect(canTransition('paid_out', 'processing')).toBe(false)
    expect(canTransition('failed', 'paid_out')).toBe(false)
    await t.connection.db.update(payments).set({ status: 'processing' }).where(eq(payments.id, id))
    await expect(t.connection.db.update(payments).set({ status: 'pending' }).where(eq(payments.id, id))).rejects.toThrow()
    await expect(t.connection.db.update(payments).set({ status: 'cancelled' }).where(eq(payments.id, id))).rejects.toThrow()
  })

  it('keeps the event timeline append-only', async () => {
    const [event] = await t.connection.db.select().from(paymentEvents).limit(1)
    await expect(t.connection.db.update(paymentEvents).set({ reason: 'rewritten' }).where(eq(paymentEvents.id, event!.id))).rejects.toThrow()
    await expect(t.connection.db.delete(paymentEvents).where(eq(paymentEvents.id, event!.id))).rejects.toThrow()
  })
})
