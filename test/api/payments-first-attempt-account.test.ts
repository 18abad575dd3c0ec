/**
 * A payment handed to its first attempt by the process that created it carries its beneficiary
 * account as checked, and the instruction is built from that; a payment picked up later (the
 * job, another process) has its stored account decrypted. The bulk request shows which was used.
 */
import { inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NormalizedAccount } from '../../src/beneficiaries/index.js'
import { payments } from '../../src/payments/payment-schema.js'
import { startSandboxServer, type SandboxServer } from '../../src/sandbox/start-sandbox-server.js'
import { createPayment, fund, paymentBody, quote, usdToEurQuote } from '../support/payments.js'
import { createTestContext, type TestContext } from '../support/test-app.js'

let sandbox: SandboxServer
let t: TestContext
const bulkBodies: string[] = []

beforeAll(async () => {
  sandbox = await startSandboxServer({ port: 0, seed: 5, behaviour: { default: { settleAfterMs: 0 } } })
  t = await createTestContext({
    channelsBaseUrl: sandbox.url,
    quiet: true,
    fetch: async (input, init) => {
      if (new URL(String(input)).pathname.endsWith('/bulk')) bulkBodies.push(String(init?.body))
      return fetch(input, init)
    },
  })
  await fund(t, 'USD', 1_000_00n)
})
afterAll(async () => {
  await t.close()
  await sandbox.close()
})

describe('the first attempt of a payment this process created', () => {
  it('is built from the account handed over, without decrypting the stored one', async () => {
    const stored = 'DE89370400440532013000'
    const handed = 'DE75512108001245126199'
    const [first, second] = await Promise.all([0, 1].map(async () => (await createPayment(t, paymentBody(await quote(t, usdToEurQuote)))).data!.id))
    const rows = await t.connection.db.select().from(payments).where(inArray(payments.id, [first!, second!]))
    const byId = new Map(rows.map((row) => [row.id, row]))
    // The handed-over account differs from the stored one only so the request can tell them apart.
    const account: NormalizedAccount = { type: 'iban', iban: handed, bic: 'SOGEDEFFXXX' }
    const outcomes = await Promise.all([t.deps.processor.processCreated(byId.get(first!)!, account), t.deps.processor.processCreated(byId.get(second!)!)])
    expect(outcomes).toEqual(['worked', 'worked'])

    expect(bulkBodies).toHaveLength(1)
    const { transfers } = JSON.parse(bulkBodies[0]!) as { transfers: Array<Record<string, unknown>> }
    const transferOf = (paymentId: string) => JSON.stringify(transfers.find((transfer) => JSON.stringify(transfer).includes(paymentId)))
    expect(transferOf(first!)).toContain(handed)
    expect(transferOf(first!)).not.toContain(stored)
    expect(transferOf(second!)).toContain(stored)
    const after = await t.connection.db.select({ id: payments.id, status: payments.status }).from(payments).where(inArray(payments.id, [first!, second!]))
    expect(after.map((row) => row.status)).toEqual(['paid_out', 'paid_out'])
  })
})
