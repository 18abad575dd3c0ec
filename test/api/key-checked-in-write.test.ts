/**
 * On `POST /v1/quotes` (without an Idempotency-Key) and `POST /v1/payments`, a key this process
 * found valid before is not looked up before the handler: the quote insert and the payment
 * creation statement check it themselves and write nothing for a key no longer valid. These
 * tests watch the key lookups (the app's merchant service runs on a logging handle of the
 * test's database) and revoke keys between requests.
 */
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { createMerchantService, type MerchantService } from '../../src/merchants/merchant-service.js'
import { fund, idempotencyKey, paymentBody, usdToEurQuote } from '../support/payments.js'
import { assertResponseMatchesSpec } from '../support/spec-check.js'
import { countOf, loggedDatabase } from '../support/logged-database.js'
import { createTestContext, type TestContext } from '../support/test-app.js'

let t: TestContext
let statements: string[]
let merchants: MerchantService
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  t = await createTestContext()
  statements = []
  const logged = loggedDatabase(t, statements)
  merchants = createMerchantService({ db: logged, ids: t.deps.ids, clock: t.deps.clock, defer: setImmediate })
  app = createApp({ ...t.deps, merchants })
})
afterAll(() => t.close())

const lookups = () => statements.filter((query) => query.includes('from api_keys where key_hash = any')).length

/** A request to the app whose merchant service is watched; every response is checked against the spec. */
async function send(method: string, path: string, apiKey: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const request = new Request(`http://localhost${path}`, {
    method,
    headers: { Authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const response = await app.fetch(request)
  await assertResponseMatchesSpec(method, request.url, response.clone())
  return response
}

const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code
const quoteIdOf = async (response: Response) => ((await response.json()) as { id: string }).id

const revoke = (merchantId: string) => t.connection.db.execute(sql`update api_keys set revoked_at = now() where merchant_id = ${merchantId}`)

describe('a key checked by the write it authorizes', () => {
  it('is looked up once; then quotes and payments check it in their own statements, with no lookup', async () => {
    const merchant = await t.newMerchant()
    await fund(t, 'USD', 1_000_00n, merchant.merchantId)
    statements.length = 0
    expect((await send('POST', '/v1/quotes', merchant.apiKey, usdToEurQuote)).status).toBe(201)
    expect(lookups()).toBe(1)

    statements.length = 0
    const quoted = await send('POST', '/v1/quotes', merchant.apiKey, usdToEurQuote)
    expect(quoted.status).toBe(201)
    const paid = await send('POST', '/v1/payments', merchant.apiKey, paymentBody(await quoteIdOf(quoted)), { 'Idempotency-Key': idempotencyKey() })
    expect(paid.status).toBe(201)
    expect(lookups()).toBe(0)

    // Other routes, and quotes with an Idempotency-Key, look the key up as before.
    statements.length = 0
    expect((await send('GET', '/v1/balances', merchant.apiKey)).status).toBe(200)
    expect((await send('POST', '/v1/quotes', merchant.apiKey, usdToEurQuote, { 'Idempotency-Key': idempotencyKey() })).status).toBe(201)
    expect(lookups()).toBe(2)
  })

  it('answers an error only after looking the key up, and keeps the error for a valid key', async () => {
    const merchant = await t.newMerchant()
    expect((await send('POST', '/v1/quotes', merchant.apiKey, usdToEurQuote)).status).toBe(201)
    statements.length = 0
    const invalid = await send('POST', '/v1/quotes', merchant.apiKey, { ...usdToEurQuote, source_amount: '10.001' })
    expect(invalid.status).toBe(422)
    expect(await errorCode(invalid)).toBe('validation_failed')
    expect(lookups()).toBe(1)
  })

  it('once revoked, gets 401 from a payment and nothing is written: no payment, no funding, no record, the quote unused', async () => {
    const merchant = await t.newMerchant()
    await fund(t, 'USD', 1_000_00n, merchant.merchantId)
    const quoteId = await quoteIdOf(await send('POST', '/v1/quotes', merchant.apiKey, usdToEurQuote))
    const balance = async () => (await t.deps.ledger.balances(merchant.merchantId)).find((row) => row.currency === 'USD')?.availableMinor
    const before = await balance()
    await revoke(merchant.merchantId)
    statements.length = 0
    const key = idempotencyKey()
    const payment = await send('POST', '/v1/payments', merchant.apiKey, paymentBody(quoteId), { 'Idempotency-Key': key })
    expect(payment.status).toBe(401)
    expect(await errorCode(payment)).toBe('unauthorized')
    // Refused by the creation statement, then confirmed invalid by one lookup.
    expect(lookups()).toBe(1)
    expect(await countOf(t, sql`select count(*)::int as count from payments where merchant_id = ${merchant.merchantId}`)).toBe(0)
    expect(await countOf(t, sql`select count(*)::int as count from quotes where id = ${quoteId} and used_at is null`)).toBe(1)
    expect(await countOf(t, sql`select count(*)::int as count from idempotency_keys where merchant_id = ${merchant.merchantId} and key = ${key}`)).toBe(0)
    expect(await balance()).toBe(before)
    expect(await t.deps.ledger.verify()).toEqual([])
  })

  it('once revoked, gets 401 from a quote and no quote is stored', async () => {
    const merchant = await t.newMerchant()
    expect((await send('POST', '/v1/quotes', merchant.apiKey, usdToEurQuote)).status).toBe(201)
    await revoke(merchant.merchantId)
    statements.length = 0
    const quote = await send('POST', '/v1/quotes', merchant.apiKey, usdToEurQuote)
    expect(quote.status).toBe(401)
    expect(await errorCode(quote)).toBe('unauthorized')
    expect(lookups()).toBe(1)
    expect(await countOf(t, sql`select count(*)::int as count from quotes where merchant_id = ${merchant.merchantId}`)).toBe(1)
  })

  it('once revoked, gets 401 rather than the error its request would get, and is forgotten', async () => {
    const merchant = await t.newMerchant()
    expect((await send('POST', '/v1/quotes', merchant.apiKey, usdToEurQuote)).status).toBe(201)
    await revoke(merchant.merchantId)
    const invalidQuote = await send('POST', '/v1/quotes', merchant.apiKey, { ...usdToEurQuote, source_amount: '10.001' })
    expect(invalidQuote.status).toBe(401)
    const badAccount = paymentBody('quo_missing')
    badAccount.beneficiary.account = { type: 'iban', iban: 'DE00370400440532013000', bic: 'COBADEFFXXX' }
    const invalidPayment = await send('POST', '/v1/payments', merchant.apiKey, badAccount, { 'Idempotency-Key': idempotencyKey() })
    expect(invalidPayment.status).toBe(401)
    const unknownQuote = await send('POST', '/v1/payments', merchant.apiKey, paymentBody('quo_missing'), { 'Idempotency-Key': idempotencyKey() })
    expect(unknownQuote.status).toBe(401)
    // Found invalid, the key is no longer taken for valid: the next request looks it up first.
    expect(await merchants.authenticateInWrite(merchant.apiKey)).toBeUndefined()
    statements.length = 0
    expect((await send('POST', '/v1/quotes', merchant.apiKey, usdToEurQuote)).status).toBe(401)
    expect(lookups()).toBe(1)
    expect(await countOf(t, sql`select count(*)::int as count from quotes where merchant_id = ${merchant.merchantId}`)).toBe(1)
  })
})
