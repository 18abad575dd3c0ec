import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandboxServer, type SandboxServer } from '../src/sandbox/start-sandbox-server.js'
import { createPayment, fund, paymentBody, quote, usdToEurQuote } from '../test/support/payments.js'
import { createTestContext, type TestContext } from '../test/support/test-app.js'
import { jobContext, type JobContext } from './job.js'
import { processPaymentsJob } from './process-payments.js'
import { runJob } from './run-job.js'

let sandbox: SandboxServer
let t: TestContext
let context: JobContext
const channelRequests: string[] = []

beforeAll(async () => {
  sandbox = await startSandboxServer({ port: 0, seed: 5, behaviour: { default: { settleAfterMs: 0 } } })
  // Payments are left pending, as with PAYMENTS_SUBMIT_IN_REQUEST=false: the job submits them.
  // The job works on every payment it finds, so on PostgreSQL it gets a database of its own.
  t = await createTestContext({
    ownDatabase: true,
    channelsBaseUrl: sandbox.url,
    quiet: true,
    processorOptions: { dispatchWindowMs: 0 },
    fetch: (input, init) => {
      channelRequests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`)
      return fetch(input, init)
    },
  })
  context = jobContext(t.connection.db, t.deps, { info: () => {}, error: () => {} })
})
afterAll(async () => {
  await t.close()
  await sandbox.close()
})

const statusOf = async (id: string) => (await t.client.GET('/v1/payments/{id}', { params: { path: { id } } })).data!.status

describe('process-payments', () => {
  it('submits pending payments in bulk, a batch at a time, and pays each out once', async () => {
    await fund(t, 'USD', 700_00n)
    const created: string[] = []
    for (let i = 0; i < 7; i++) created.push((await createPayment(t, paymentBody(await quote(t, usdToEurQuote)))).data!.id)
    expect(await Promise.all(created.map(statusOf))).toEqual(Array(7).fill('pending'))

    channelRequests.length = 0
    const outcome = await runJob(processPaymentsJob('* * * * *', { submitBatchSize: 3 }), context, 'test')
    // 3 + 3 + 1: three rounds of the batched path, nothing left for the one-by-one loop.
    expect(outcome).toMatchObject({ status: 'succeeded' })
    expect(outcome.status === 'succeeded' && outcome.detail).toMatchObject({ payments: 7, submitted: 7, worked: 7 })
    expect(await Promise.all(created.map(statusOf))).toEqual(Array(7).fill('paid_out'))
    expect(channelRequests.filter((request) => request.endsWith('/bulk'))).toHaveLength(2)
    expect(channelRequests.filter((request) => request === 'POST /sepa_instant/v1/instant-credit-transfers')).toHaveLength(1)

    const payouts = (await (await fetch(`${sandbox.url}/_sandbox/payouts`)).json()) as { by_payment_id: Record<string, { paid_out: number }>; paid_more_than_once: string[] }
    expect(payouts.paid_more_than_once).toEqual([])
    for (const id of created) expect(payouts.by_payment_id[id]?.paid_out).toBe(1)
    expect(await t.deps.ledger.verify()).toEqual([])

    // A second run finds nothing to do.
    expect(await runJob(processPaymentsJob('* * * * *'), context, 'test')).toMatchObject({ status: 'succeeded', detail: { payments: 0, submitted: 0 } })
  })
})
