/**
 * One bulk answer with every kind of item outcome: each payment of the batch goes its own way
 * (paid out, awaiting the channel, failed over to another channel, failed, ambiguous), and the
 * ledger stays clean. The bulk answer is scripted; everything else is the real sandbox.
 */
import { inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { payments } from '../../src/payments/payment-schema.js'
import { startSandboxServer, type SandboxServer } from '../../src/sandbox/start-sandbox-server.js'
import { createPayment, fund, paymentBody, quote, usdToEurQuote } from '../support/payments.js'
import { createTestContext, type TestContext } from '../support/test-app.js'

let sandbox: SandboxServer
let t: TestContext
let bulkRequests = 0

/** The scripted answer for one transfer of the bulk, chosen by its remittance text. */
function scriptedItem(transfer: { instructionId: string; remittanceInformationUnstructured: string }, index: number) {
  const resource = (status: string) => ({ transactionId: `SCTI-SCRIPTED-${index}`, instructionId: transfer.instructionId, transactionStatus: status })
  switch (transfer.remittanceInformationUnstructured) {
    case 'case paid':
      return resource('ACCC')
    case 'case accepted':
      return resource('ACSP')
    case 'case retryable decline':
      return { transactionStatus: 'RJCT', statusReasonCode: 'AM04', statusReasonText: 'sponsor bank short of liquidity' }
    case 'case final decline':
      return { transactionStatus: 'RJCT', statusReasonCode: 'AC01', statusReasonText: 'account number invalid' }
    default:
      return { error: 'internal_error' }
  }
}

beforeAll(async () => {
  sandbox = await startSandboxServer({ port: 0, seed: 3, behaviour: { default: { settleAfterMs: 0 } } })
  t = await createTestContext({
    channelsBaseUrl: sandbox.url,
    quiet: true,
    fetch: async (input, init) => {
      if (new URL(String(input)).pathname !== '/sepa_instant/v1/instant-credit-transfers/bulk') return fetch(input, init)
      bulkRequests++
      const { transfers } = JSON.parse(String(init?.body)) as { transfers: Array<{ instructionId: string; remittanceInformationUnstructured: string }> }
      return new Response(JSON.stringify({ transfers: transfers.map(scriptedItem) }), { status: 200, headers: { 'content-type': 'application/json' } })
    },
  })
  await fund(t, 'USD', 1_000_00n)
})
afterAll(async () => {
  await t.close()
  await sandbox.close()
})

const get = async (id: string) => (await t.client.GET('/v1/payments/{id}', { params: { path: { id } } })).data!

describe('a bulk answer item by item', () => {
  it('pays, waits, fails over, fails or asks again, each payment on its own', async () => {
    const cases = ['case paid', 'case accepted', 'case retryable decline', 'case final decline', 'case item error']
    const quotes = await Promise.all(cases.map(() => quote(t, usdToEurQuote)))
    const results = await Promise.all(cases.map((reference, index) => createPayment(t, paymentBody(quotes[index]!, { reference }))))
    const ids = results.map((result) => result.data!.id)
    const [paid, accepted, failedOver, declined, ambiguous] = ids as [string, string, string, string, string]
    // Handed to the processor in one turn, as the payments of one creation batch are.
    const rows = await t.connection.db.select().from(payments).where(inArray(payments.id, ids))
    await Promise.all(rows.map((row) => t.deps.processor.processCreated(row)))

    const deadline = Date.now() + 10_000
    while (Date.now() < deadline && ((await get(failedOver)).status !== 'paid_out' || (await get(declined)).status !== 'failed')) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(bulkRequests).toBe(1)

    expect(await get(paid)).toMatchObject({ status: 'paid_out', channel: { id: 'sepa_instant', attempts: 1 } })
    // Accepted, not yet settled: the channel's callback or the status poll will say.
    expect(await get(accepted)).toMatchObject({ status: 'processing', channel: { id: 'sepa_instant', attempts: 1 } })
    // A retryable decline is certain not to have paid: the next channel is tried.
    expect(await get(failedOver)).toMatchObject({ status: 'paid_out', channel: { id: 'swift', attempts: 2 } })
    expect(await get(declined)).toMatchObject({ status: 'failed', failure: { code: 'account_invalid' } })
    // An item the channel could not answer may have been paid: never resubmitted elsewhere.
    expect(await get(ambiguous)).toMatchObject({ status: 'processing', channel: { id: 'sepa_instant', attempts: 1 } })

    const events = (await t.client.GET('/v1/payments/{id}/events', { params: { path: { id: failedOver } } })).data!.data
    expect(events.map((event) => event.to_status)).toEqual(['pending', 'processing', 'paid_out'])
    expect(await t.deps.ledger.verify()).toEqual([])
    // Four payments of 100.00 are still the merchant's outlay; the declined one came back.
    expect((await t.client.GET('/v1/balances', {})).data!.data.find((balance) => balance.currency === 'USD')!.available.value).toBe('600.00')
  })
})
