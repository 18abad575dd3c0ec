import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { paymentEvents, payments, PAYMENT_STATUSES } from '../db/schema.js'
import { createPayment, fund, paymentBody, quote, usdToEurQuote } from '../../test/support/payments.js'
import { createTestContext, type TestContext } from '../../test/support/test-app.js'
import type { PaymentStatus } from './payment-schema.js'
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

  it('PostgreSQL allows exactly the transitions of the table, whoever writes them', async () => {
    const { data } = await createPayment(t, paymentBody(await quote(t, usdToEurQuote)))
    const source = data!.id
    // The shortest allowed way from pending to each status, to put a copy of the payment there.
    const pathTo = new Map<PaymentStatus, PaymentStatus[]>([['pending', []]])
    for (let frontier: PaymentStatus[] = ['pending']; frontier.length > 0; ) {
      frontier = frontier.flatMap((from) =>
        ALLOWED_TRANSITIONS[from].filter((to) => !pathTo.has(to)).map((to) => (pathTo.set(to, [...pathTo.get(from)!, to]), to)),
      )
    }
    expect([...pathTo.keys()].sort()).toEqual([...PAYMENT_STATUSES].sort())
    let copies = 0
    /** Inserts a copy of the source payment, with its own keys, created in `status`; its id. */
    const insertCopy = async (status: string) => {
      const n = ++copies
      const id = `${source}_sm${n}`
      const fields = { id, quote_id: `quo_sm_${n}_${source}`, idempotency_key: `sm-${n}-${source}`, status }
      await t.connection.db.execute(
        sql`insert into payments select (jsonb_populate_record(null::payments, to_jsonb(p) || ${JSON.stringify(fields)}::jsonb)).* from payments p where p.id = ${source}`,
      )
      return id
    }
    const copyIn = async (status: PaymentStatus) => {
      const id = await insertCopy('pending')
      for (const step of pathTo.get(status)!) await t.connection.db.update(payments).set({ status: step }).where(eq(payments.id, id))
      return id
    }
    const moved: string[] = []
    for (const from of PAYMENT_STATUSES) {
      for (const to of PAYMENT_STATUSES) {
        if (to === from) continue
        const id = await copyIn(from)
        const outcome = await t.connection.db
          .update(payments)
          .set({ status: to })
          .where(eq(payments.id, id))
          .then(
            () => 'allowed',
            () => 'refused',
          )
        if (outcome === 'allowed') moved.push(`${from}->${to}`)
      }
    }
    const inCode = Object.entries(ALLOWED_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}->${to}`))
    expect(moved.sort()).toEqual(inCode.sort())
    // A payment is created pending, never in another status.
    await expect(insertCopy('processing')).rejects.toThrow()
    expect(canTransition('paid_out', 'processing')).toBe(false)
  })

  it('keeps the event timeline append-only', async () => {
    const [event] = await t.connection.db.select().from(paymentEvents).limit(1)
    await expect(t.connection.db.update(paymentEvents).set({ reason: 'rewritten' }).where(eq(paymentEvents.id, event!.id))).rejects.toThrow()
    await expect(t.connection.db.delete(paymentEvents).where(eq(paymentEvents.id, event!.id))).rejects.toThrow()
  })
})
