import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { idempotencyKeys, quotes } from '../../src/db/schema.js'
import { createManualClock } from '../../src/lib/clock.js'
import { startSandboxServer, type SandboxServer } from '../../src/sandbox/start-sandbox-server.js'
import { createPayment, fund, idempotencyKey, paymentBody, quote, usdToEurQuote } from '../support/payments.js'
import { createTestContext, type TestContext } from '../support/test-app.js'

let sandbox: SandboxServer
let t: TestContext
const clock = createManualClock(new Date())

beforeAll(async () => {
  // Settles at once: the submission answer already says "paid out".
  sandbox = await startSandboxServer({ port: 0, seed: 11, behaviour: { default: { settleAfterMs: 0 } } })
  t = await createTestContext({ clock, channelsBaseUrl: sandbox.url })
  await fund(t, 'USD', 10_000_00n)
})
afterAll(async () => {
  await t.close()
  await sandbox.close()
})

const balanceOf = async (currency: string, client = t.client) =>
  (await client.GET('/v1/balances', {})).data!.data.find((balance) => balance.currency === currency)?.available.value

describe('POST /v1/payments', () => {
  it('creates a pending payment on the quote’s terms and debits the balance at once', async () => {
    const before = await balanceOf('USD')
    const quoteId = await quote(t, usdToEurQuote)
    const { data: q } = await t.client.GET('/v1/quotes/{id}', { params: { path: { id: quoteId } } })
    const { data, response } = await createPayment(t, paymentBody(quoteId))
    expect(response.status).toBe(201)
    expect(data).toMatchObject({
      object: 'payment',
      status: 'pending',
      quote_id: quoteId,
      source_amount: q!.source_amount,
      target_amount: q!.target_amount,
      fee: q!.fee,
      rate: q!.rate,
      mid_rate: q!.mid_rate,
      beneficiary: { name: 'Max Mustermann', country: 'DE', account: { type: 'iban', masked: 'DE****3000' } },
      metadata: { order: 'A-1' },
      channel: null,
      failure: null,
    })
    expect(JSON.stringify(data)).not.toContain('0532013000')
    expect(Number(await balanceOf('USD'))).toBeCloseTo(Number(before) - 100, 2)
    const used = await t.client.GET('/v1/quotes/{id}', { params: { path: { id: quoteId } } })
    expect(used.data!.status).toBe('used')
  })

  it('routes to SEPA Instant, pays out, and keeps the timeline', async () => {
    const { data } = await createPayment(t, paymentBody(await quote(t, usdToEurQuote)))
    expect(await t.deps.processor.process(data!.id)).toBe('worked')
    const paid = await t.client.GET('/v1/payments/{id}', { params: { path: { id: data!.id } } })
    expect(paid.data).toMatchObject({ status: 'paid_out', channel: { id: 'sepa_instant', attempts: 1 } })
    expect(paid.data!.channel!.reference).toBeTruthy()
    const events = await t.client.GET('/v1/payments/{id}/events', { params: { path: { id: data!.id } } })
    expect(events.data!.data.map((event) => [event.from_status, event.to_status])).toEqual([
      [null, 'pending'],
      ['pending', 'processing'],
      ['processing', 'paid_out'],
    ])
    // Processing again changes nothing.
    expect(await t.deps.processor.process(data!.id)).toBe('idle')
    const payouts = (await (await fetch(`${sandbox.url}/_sandbox/payouts`)).json()) as { by_payment_id: Record<string, { paid_out: number }> }
    expect(payouts.by_payment_id[data!.id]).toMatchObject({ paid_out: 1 })
  })

  it('pays UPI, PIX, ACH, Faster Payments and Chinese card beneficiaries through their domestic rails', async () => {
    const cases = [
      { q: { source_currency: 'USD', target_currency: 'INR', source_amount: '50.00' }, country: 'IN', account: { type: 'upi', vpa: 'asha.verma@okaxis' }, channel: 'upi' },
      { q: { source_currency: 'USD', target_currency: 'BRL', source_amount: '50.00' }, country: 'BR', account: { type: 'pix', key_type: 'email', key: 'joao@example.com.br' }, channel: 'pix' },
      { q: { source_currency: 'USD', target_currency: 'USD', source_amount: '50.00' }, country: 'US', account: { type: 'us_ach', routing_number: '021000021', account_number: '123456789' }, channel: 'us_ach' },
      { q: { source_currency: 'USD', target_currency: 'GBP', source_amount: '50.00' }, country: 'GB', account: { type: 'gb_sort_code', sort_code: '40-47-84', account_number: '70872490' }, channel: 'uk_fps' },
      { q: { source_currency: 'USD', target_currency: 'CNY', source_amount: '50.00' }, country: 'CN', account: { type: 'cn_bank_card', card_number: '6222020200112345679' }, channel: 'cn_ibps' },
      { q: { source_currency: 'USD', target_currency: 'JPY', source_amount: '50.00' }, country: 'JP', account: { type: 'swift', account_number: '1234567', bic: 'BOTKJPJTXXX' }, channel: 'swift' },
    ] as const
    for (const item of cases) {
      const quoteId = await quote(t, item.q)
      const { data, error } = await createPayment(t, paymentBody(quoteId, { beneficiary: { name: 'Beneficiary', country: item.country, account: item.account } }))
      expect(error, item.channel).toBeUndefined()
      await t.deps.processor.process(data!.id)
      const after = await t.client.GET('/v1/payments/{id}', { params: { path: { id: data!.id } } })
      expect(after.data!.channel?.id, item.channel).toBe(item.channel)
      expect(['processing', 'paid_out'], item.channel).toContain(after.data!.status)
    }
  })

  it('requires an Idempotency-Key and replays the same payment for the same key', async () => {
    const quoteId = await quote(t, usdToEurQuote)
    const missing = await t.request('/v1/payments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(paymentBody(quoteId)) })
    expect(missing.status).toBe(422)
    const key = idempotencyKey()
    const first = await createPayment(t, paymentBody(quoteId), key)
    const again = await createPayment(t, paymentBody(quoteId), key)
    expect(again.response.headers.get('idempotent-replayed')).toBe('true')
    expect(again.data!.id).toBe(first.data!.id)
  })

  it('records the key with the payment: the replay is the first response, whatever happened since', async () => {
    const quoteId = await quote(t, usdToEurQuote)
    const key = idempotencyKey()
    const send = (body: unknown) =>
      t.request('/v1/payments', { method: 'POST', headers: { 'content-type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) })
    const first = await send(paymentBody(quoteId))
    expect(first.status).toBe(201)
    const firstBody = await first.text()
    // The payment moves on (cancelled here); the replay still says what the first answer said.
    await t.client.POST('/v1/payments/{id}/cancel', { params: { path: { id: (JSON.parse(firstBody) as { id: string }).id } } })
    const replay = await send(paymentBody(quoteId))
    expect(replay.status).toBe(201)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect(await replay.text()).toBe(firstBody)
    const other = await send(paymentBody(quoteId, { reference: 'another body' }))
    expect(other.status).toBe(422)
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_reused')
  })

  it('refuses a key that another request holds, paying nothing and leaving the quote usable', async () => {
    const key = idempotencyKey()
    const quoted = await t.request('/v1/quotes', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(usdToEurQuote),
    })
    expect(quoted.status).toBe(201)
    const quoteId = await quote(t, usdToEurQuote)
    const before = await balanceOf('USD')
    const reused = await createPayment(t, paymentBody(quoteId), key)
    expect(reused.response.status).toBe(422)
    expect(reused.error?.error.code).toBe('idempotency_key_reused')
    expect(await balanceOf('USD')).toBe(before)
    const [stillUnused] = await t.connection.db.select().from(quotes).where(eq(quotes.id, quoteId))
    expect(stillUnused!.usedAt).toBeNull()
    expect((await createPayment(t, paymentBody(quoteId))).response.status).toBe(201)
  })

  it('answers a retry whose first response was lost with the payment already made, not a second one', async () => {
    const quoteId = await quote(t, usdToEurQuote)
    const key = idempotencyKey()
    const first = await createPayment(t, paymentBody(quoteId), key)
    const balance = await balanceOf('USD')
    // As if the process died between committing the payment and storing its response.
    await t.connection.db.delete(idempotencyKeys).where(eq(idempotencyKeys.key, key))
    const retry = await createPayment(t, paymentBody(quoteId), key)
    expect(retry.response.status).toBe(201)
    expect(retry.data!.id).toBe(first.data!.id)
    expect(await balanceOf('USD')).toBe(balance)
    const listed = await t.client.GET('/v1/payments', { params: { query: { limit: 100 } } })
    expect(listed.data!.data.filter((payment) => payment.quote_id === quoteId)).toHaveLength(1)
  })

  it('refuses a used quote, an expired quote, an unknown quote and a mismatched corridor', async () => {
    const quoteId = await quote(t, usdToEurQuote)
    await createPayment(t, paymentBody(quoteId))
    const used = await createPayment(t, paymentBody(quoteId))
    expect(used.error!.error).toMatchObject({ code: 'quote_used', field: 'quote_id' })

    const expiring = await quote(t, usdToEurQuote)
    clock.advance(301_000)
    const expired = await createPayment(t, paymentBody(expiring))
    expect(expired.error!.error).toMatchObject({ code: 'quote_expired', field: 'quote_id' })
    clock.set(new Date())

    const unknown = await createPayment(t, paymentBody('quo_doesnotexist'))
    expect(unknown.error!.error).toMatchObject({ code: 'quote_not_found', field: 'quote_id' })

    const mismatch = await createPayment(t, paymentBody(await quote(t, usdToEurQuote), { beneficiary: { name: 'X', country: 'FR', account: { type: 'iban', iban: 'FR1420041010050500013M02606' } } }))
    expect(mismatch.error!.error).toMatchObject({ code: 'quote_mismatch', field: 'beneficiary.country' })
  })

  it('checks the beneficiary account before anything moves, naming the field', async () => {
    const before = await balanceOf('USD')
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ type: 'iban', iban: 'DE89370400440532013001' }, 'beneficiary.account.iban', 'invalid_account'],
      [{ type: 'iban', iban: 'DE89370400440532013000', bic: 'NOTABIC' }, 'beneficiary.account.bic', 'invalid_account'],
      [{ type: 'iban', iban: 'GB82WEST12345698765432' }, 'beneficiary.account.iban', 'invalid_account'],
      [{ type: 'us_ach', routing_number: '021000022', account_number: '1234' }, 'beneficiary.account.routing_number', 'invalid_account'],
      [{ type: 'iban' }, 'beneficiary.account.iban', 'validation_failed'],
      [{ type: 'paypal', email: 'x@y.z' }, 'beneficiary.account.type', 'validation_failed'],
    ]
    for (const [account, field, code] of cases) {
      const quoteId = await quote(t, usdToEurQuote)
      const { error, response } = await createPayment(t, paymentBody(quoteId, { beneficiary: { name: 'B', country: 'DE', account: account as never } }))
      expect(response.status, JSON.stringify(account)).toBe(422)
      expect(error!.error, JSON.stringify(account)).toMatchObject({ code, field })
      const stillActive = await t.client.GET('/v1/quotes/{id}', { params: { path: { id: quoteId } } })
      expect(stillActive.data!.status).toBe('active')
    }
    const badSender = await createPayment(t, paymentBody(await quote(t, usdToEurQuote), { sender: { type: 'individual', name: 'A', country: 'US', address: { line1: 'x', city: 'y' }, kyc_tier: 1 } }))
    expect(badSender.error!.error).toMatchObject({ field: 'sender.date_of_birth' })
    expect(await balanceOf('USD')).toBe(before)
  })

  it('refuses a payment the balance does not cover, leaving the quote usable', async () => {
    const poor = await t.newMerchant()
    await fund(t, 'USD', 50_00n, poor.merchantId)
    const quoteId = await quote(t, usdToEurQuote, poor.client)
    const { error, response } = await createPayment(t, paymentBody(quoteId), idempotencyKey(), poor.client)
    expect(response.status).toBe(422)
    expect(error!.error.code).toBe('insufficient_funds')
    expect(await balanceOf('USD', poor.client)).toBe('50.00')
    await fund(t, 'USD', 50_00n, poor.merchantId)
    const retried = await createPayment(t, paymentBody(quoteId), idempotencyKey(), poor.client)
    expect(retried.response.status).toBe(201)
    expect(await balanceOf('USD', poor.client)).toBe('0.00')
  })
})

describe('cancel, list and isolation', () => {
  it('cancels a pending payment and returns its funds, fee included; a submitted one is not cancellable', async () => {
    const before = await balanceOf('USD')
    const { data } = await createPayment(t, paymentBody(await quote(t, usdToEurQuote)))
    const cancelled = await t.client.POST('/v1/payments/{id}/cancel', { params: { path: { id: data!.id } } })
    expect(cancelled.data!.status).toBe('cancelled')
    expect(await balanceOf('USD')).toBe(before)
    expect(await t.deps.processor.process(data!.id)).toBe('idle')

    const submitted = await createPayment(t, paymentBody(await quote(t, usdToEurQuote)))
    await t.deps.processor.process(submitted.data!.id)
    const refused = await t.client.POST('/v1/payments/{id}/cancel', { params: { path: { id: submitted.data!.id } } })
    expect(refused.response.status).toBe(409)
    expect(refused.error!.error.code).toBe('payment_not_cancellable')
  })

  it('lists newest first with filters and cursor pagination', async () => {
    const merchant = await t.newMerchant()
    await fund(t, 'USD', 1_000_00n, merchant.merchantId)
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      clock.advance(1000)
      const { data } = await createPayment(t, paymentBody(await quote(t, usdToEurQuote, merchant.client)), idempotencyKey(), merchant.client)
      ids.push(data!.id)
    }
    await merchant.client.POST('/v1/payments/{id}/cancel', { params: { path: { id: ids[0]! } } })
    const page1 = await merchant.client.GET('/v1/payments', { params: { query: { limit: 2 } } })
    expect(page1.data!.data.map((payment) => payment.id)).toEqual([ids[4], ids[3]])
    expect(page1.data!.has_more).toBe(true)
    const page3 = await merchant.client.GET('/v1/payments', { params: { query: { limit: 2, starting_after: ids[2]! } } })
    expect(page3.data!.data.map((payment) => payment.id)).toEqual([ids[1], ids[0]])
    expect(page3.data!.has_more).toBe(false)
    const cancelled = await merchant.client.GET('/v1/payments', { params: { query: { status: 'cancelled' } } })
    expect(cancelled.data!.data.map((payment) => payment.id)).toEqual([ids[0]])
    const corridor = await merchant.client.GET('/v1/payments', { params: { query: { corridor_id: 'cor_usgbusdgbp' } } })
    expect(corridor.data!.data).toEqual([])
    const since = await merchant.client.GET('/v1/payments', { params: { query: { created_gte: page1.data!.data[1]!.created_at } } })
    expect(since.data!.data.map((payment) => payment.id)).toEqual([ids[4], ids[3]])
    clock.set(new Date())
  })

  it('never shows or touches another merchant’s payment', async () => {
    const { data } = await createPayment(t, paymentBody(await quote(t, usdToEurQuote)))
    const other = await t.newMerchant()
    for (const path of [`/v1/payments/${data!.id}`, `/v1/payments/${data!.id}/events`]) {
      expect((await t.request(path, { apiKey: other.apiKey })).status).toBe(404)
    }
    expect((await t.request(`/v1/payments/${data!.id}/cancel`, { method: 'POST', apiKey: other.apiKey })).status).toBe(404)
    expect((await other.client.GET('/v1/payments', {})).data!.data).toEqual([])
    const quoteId = await quote(t, usdToEurQuote)
    await fund(t, 'USD', 1_000_00n, other.merchantId)
    const stolen = await createPayment(t, paymentBody(quoteId), idempotencyKey(), other.client)
    expect(stolen.error!.error.code).toBe('quote_not_found')
  })
})
