/**
 * Payments over HTTP against the Worker in workerd: created with an Idempotency-Key, handed to
 * the payment processor in `ctx.waitUntil` once the response is out, submitted to the rail
 * sandbox, and paid out when the sandbox's signed callback reaches the Worker. Then the
 * process-payments cron, as Cloudflare would fire it every minute.
 */
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { jobDefinitions } from '../../jobs/index.js'
import { hmacSha256Hex } from '../../src/channels/signing.js'
import { loadConfig } from '../../src/config.js'
import { sandboxCredentials } from '../../src/sandbox/credentials.js'
import { idempotencyKey, paymentBody, usdToEurQuote } from '../support/payments.js'
import { exclusively, fireCronAndCollectRuns } from './crons.js'
import { edge, edgeClient, edgeRequest, errorOf } from './edge-client.js'
import { readWranglerConfig } from './wrangler-config.js'

const sql = postgres(edge().databaseUrl, { max: 1, onnotice: () => {} })
afterAll(() => sql.end({ timeout: 5 }))

const json = { 'content-type': 'application/json' }
const PAID_OUT_WITHIN_MS = 10_000
/** The payment the main flow paid out, once it has. */
let paidOutId: string | undefined

/** An amount like "1000000.00" in minor units, exactly. */
function minor(amount: string): bigint {
  const match = /^(-?\d+)\.(\d{2})$/.exec(amount)
  if (!match) throw new Error(`not a two-decimal amount: ${amount}`)
  return BigInt(match[1]!) * 100n + (match[1]!.startsWith('-') ? -1n : 1n) * BigInt(match[2]!)
}

async function availableUsd(): Promise<bigint> {
  const { data, response } = await edgeClient().GET('/v1/balances', {})
  expect(response.status).toBe(200)
  const usd = data!.data.find((balance) => balance.currency === 'USD')
  expect(usd, 'the demo merchant has a USD balance').toBeDefined()
  return minor(usd!.available.value)
}

async function newQuote(): Promise<string> {
  const { data, response } = await edgeClient().POST('/v1/quotes', { body: usdToEurQuote })
  expect(response.status).toBe(201)
  return data!.id
}

/** Polls the payment until it is `status`, for at most `withinMs`; answers the last payment seen. */
async function waitForStatus(id: string, status: string, withinMs: number) {
  const deadline = Date.now() + withinMs
  for (;;) {
    const { data, response } = await edgeClient().GET('/v1/payments/{id}', { params: { path: { id } } })
    expect(response.status).toBe(200)
    if (data!.status === status || Date.now() > deadline) return data!
    await new Promise((settle) => setTimeout(settle, 100))
  }
}

interface SandboxPayouts {
  payouts: Array<{ channel: string; payment_id: string; attempt: number; status: string }>
  by_payment_id: Record<string, Record<string, number>>
  paid_more_than_once: string[]
}

interface SandboxCallbacks {
  deliveries: Array<{ paymentId: string; channelId: string; status: string; url: string | null; outcome: string; lastStatus?: number }>
}

async function sandbox<T>(path: string): Promise<T> {
  const response = await fetch(`${edge().sandboxUrl}${path}`)
  expect(response.status).toBe(200)
  return (await response.json()) as T
}

describe('payments on the Worker', () => {
  it('requires an Idempotency-Key', async () => {
    const response = await edgeRequest('/v1/payments', { method: 'POST', headers: json, body: JSON.stringify(paymentBody(await newQuote())) })
    expect(response.status).toBe(422)
    expect(await errorOf(response)).toMatchObject({ code: 'validation_failed', field: 'Idempotency-Key' })
  })

  it('refuses an invalid IBAN, naming the field, and leaves the quote usable', async () => {
    const quoteId = await newQuote()
    const body = paymentBody(quoteId, { beneficiary: { name: 'Max Mustermann', country: 'DE', account: { type: 'iban', iban: 'DE89370400440532013001' } } })
    const { error, response } = await edgeClient().POST('/v1/payments', { body, params: { header: { 'Idempotency-Key': idempotencyKey() } } })
    expect(response.status).toBe(422)
    expect(error!.error).toMatchObject({ code: 'invalid_account', field: 'beneficiary.account.iban' })
    const quote = await edgeClient().GET('/v1/quotes/{id}', { params: { path: { id: quoteId } } })
    expect(quote.data!.status).toBe('active')
  })

  it('creates a payment, replays it, and pays it out through waitUntil and the sandbox’s callback', () =>
    // Exclusive: no cron of another test file may work on this payment; the Worker pays it out alone.
    exclusively(async () => {
      const balanceBefore = await availableUsd()
      const quoteId = await newQuote()
      const body = paymentBody(quoteId)
      const params = { header: { 'Idempotency-Key': idempotencyKey() } }

      const created = await edgeClient().POST('/v1/payments', { body, params })
      expect(created.response.status).toBe(201)
      expect(created.response.headers.get('idempotent-replayed')).toBeNull()
      expect(created.data).toMatchObject({ object: 'payment', status: 'pending', quote_id: quoteId, source_amount: usdToEurQuote.source_amount, channel: null })
      const id = created.data!.id

      const replay = await edgeClient().POST('/v1/payments', { body, params })
      expect(replay.response.status).toBe(201)
      expect(replay.response.headers.get('idempotent-replayed')).toBe('true')
      expect(replay.data!.id).toBe(id)
      expect(replay.data).toEqual(created.data)

      // Nothing else runs the processor here: the submission went out in the Worker's waitUntil,
      // and the sandbox settles it 200 ms after accepting it, by a signed callback to the Worker.
      const paid = await waitForStatus(id, 'paid_out', PAID_OUT_WITHIN_MS)
      if (paid.status !== 'paid_out') {
        const [row] = await sql`select locked_until, (select json_agg(state order by attempt) from payment_attempts where payment_id = ${id}) as attempts from payments where id = ${id}`
        expect.fail(`not paid out within ${PAID_OUT_WITHIN_MS} ms: ${paid.status}, lease until ${row?.locked_until?.toISOString?.() ?? 'none'}, attempts ${JSON.stringify(row?.attempts)}`)
      }
      expect(paid).toMatchObject({ channel: { id: 'sepa_instant', attempts: 1 }, failure: null })
      expect(paid.channel!.reference).toBeTruthy()

      const payouts = await sandbox<SandboxPayouts>('/_sandbox/payouts')
      expect(payouts.payouts.filter((payout) => payout.payment_id === id)).toEqual([
        expect.objectContaining({ channel: 'sepa_instant', attempt: 1, status: 'paid_out' }),
      ])
      expect(payouts.by_payment_id[id]).toEqual({ processing: 0, paid_out: 1, failed: 0, returned: 0 })
      expect(payouts.paid_more_than_once).toEqual([])

      // The paid_out callback reached the Worker, verified, and is what moved the payment.
      const { deliveries } = await sandbox<SandboxCallbacks>('/_sandbox/callbacks')
      expect(deliveries.filter((delivery) => delivery.paymentId === id && delivery.status === 'paid_out')).toEqual([
        expect.objectContaining({ channelId: 'sepa_instant', outcome: 'delivered', url: expect.stringMatching(/\/v1\/channels\/sepa_instant\/callbacks$/) }),
      ])
      const received = await sql<{ status: string; outcome: string }[]>`select status, outcome from channel_callbacks where payment_id = ${id} and status = 'paid_out'`
      expect(received).toEqual([{ status: 'paid_out', outcome: 'moved_processing_to_paid_out' }])

      const events = await edgeClient().GET('/v1/payments/{id}/events', { params: { path: { id } } })
      expect(events.response.status).toBe(200)
      expect(events.data!.data.map((event) => [event.from_status, event.to_status])).toEqual([
        [null, 'pending'],
        ['pending', 'processing'],
        ['processing', 'paid_out'],
      ])

      expect(await availableUsd()).toBe(balanceBefore - minor(paid.source_amount))
      paidOutId = id
    }),
  )

  // Fails on src/worker.ts as of this commit: the request's postgres.js client is ended in
  // waitUntil as soon as the response is out, while the payment hand-off still runs on it in
  // another waitUntil. Every query the processor makes after that fails with CONNECTION_ENDED: the
  // lease it took on the payment is never released, and depending on timing the attempt is not
  // recorded as accepted, or the payment is not submitted at all and waits for the lease to expire
  // and the process-payments cron. The fix: close the client only once the background tasks settle.
  it('finishes the waitUntil hand-off on an open connection: the payment’s lease is released', async () => {
    expect(paidOutId, 'the payment flow above paid nothing out').toBeDefined()
    const id = paidOutId!
    const lease = async () => (await sql<{ locked_until: Date | null }[]>`select locked_until from payments where id = ${id}`)[0]?.locked_until ?? null
    // The processor releases its lease on the payment last; a hand-off cut short leaves it held.
    const deadline = Date.now() + 5_000
    let lockedUntil = await lease()
    while (lockedUntil !== null && Date.now() < deadline) {
      await new Promise((settle) => setTimeout(settle, 100))
      lockedUntil = await lease()
    }
    expect(lockedUntil, 'the processor never released its lease on the payment').toBeNull()
  })

  it('refuses a callback signed with the well-known sandbox secret: the Worker verifies with CHANNEL_CREDENTIALS', async () => {
    const body = JSON.stringify({
      eventId: 'evt_forged',
      eventType: 'instant-credit-transfer.status-changed',
      createdAt: new Date().toISOString(),
      transfer: { transactionId: 'SCTIFORGED', instructionId: 'pay_forged:1', status: 'ACCC' },
    })
    const timestamp = String(Math.floor(Date.now() / 1000))
    const signature = await hmacSha256Hex(sandboxCredentials('sepa_instant').signingSecret, `${timestamp}.${body}`)
    const response = await edgeRequest('/v1/channels/sepa_instant/callbacks', {
      apiKey: null,
      method: 'POST',
      headers: { ...json, 'x-request-timestamp': timestamp, 'x-signature': `v1=${signature}` },
      body,
    })
    expect(response.status).toBe(401)
    expect((await errorOf(response)).code).toBe('invalid_signature')
    expect(await sql`select 1 from channel_callbacks where event_id = 'evt_forged'`).toHaveLength(0)
  })

  it('runs process-payments on its cron, leaving the paid-out payment as it is', () =>
    exclusively(async () => {
      const cron = jobDefinitions(loadConfig(readWranglerConfig().vars)).find((job) => job.name === 'process-payments')!.schedule
      expect(edge().crons).toContain(cron)
      const payoutsBefore = await sandbox<SandboxPayouts>('/_sandbox/payouts')

      const { outcome, runs } = await fireCronAndCollectRuns(sql, cron)
      expect(outcome).toBe('ok')
      expect(runs.filter((run) => run.job === 'process-payments')).toEqual([
        expect.objectContaining({ status: 'succeeded', trigger: 'cron', finished_at: expect.any(Date), detail: expect.objectContaining({ payments: 0 }) }),
      ])
      // Nothing was due, so nothing was submitted again.
      expect((await sandbox<SandboxPayouts>('/_sandbox/payouts')).payouts).toHaveLength(payoutsBefore.payouts.length)
    }),
  )
})
