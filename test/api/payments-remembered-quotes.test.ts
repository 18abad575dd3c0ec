/**
 * A payment on a quote this process made is written in one round trip: the creation
 * statement, the idempotency record and the funding go out together, computed from the
 * remembered quote. These tests watch the statements (through a logging handle on the test's
 * database) to see which path ran, and check that whatever the remembered copy says, only the
 * database's quote is ever committed: a quote used meanwhile or unlike the remembered one rolls
 * the early writes back and the usual path decides.
 */
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAccountCipher, parseEncryptionKeys } from '../../src/payments/account-crypto.js'
import { createPaymentService, type CreatePaymentInput, type PaymentService } from '../../src/payments/payment-service.js'
import type { QuoteRow } from '../../src/quotes/quote-service.js'
import { createRecentQuotes, type RecentQuotes } from '../../src/quotes/recent-quotes.js'
import { fund, paymentBody } from '../support/payments.js'
import { countOf, loggedDatabase } from '../support/logged-database.js'
import { createTestContext, type TestContext } from '../support/test-app.js'

let t: TestContext
let statements: string[]
let recent: RecentQuotes
let payments: PaymentService

beforeAll(async () => {
  t = await createTestContext()
  statements = []
  const logged = loggedDatabase(t, statements)
  recent = createRecentQuotes({ clock: t.deps.clock, max: 100 })
  payments = createPaymentService({
    db: logged,
    ledger: t.deps.ledger,
    cipher: createAccountCipher(parseEncryptionKeys(t.config.encryptionKeys)),
    clock: t.deps.clock,
    ids: t.deps.ids,
    defer: setImmediate,
    recentQuotes: recent,
  })
})
afterAll(() => t.close())

const creations = () => statements.filter((query) => query.includes('insert into payments')).length
const records = () => statements.filter((query) => query.includes('insert into idempotency_keys')).length

/** A quote of the test merchant, made through the app's own quote service. */
async function newQuote(): Promise<QuoteRow> {
  const quote = await t.deps.quotes.create(t.merchantId, { sourceCurrency: 'USD', targetCurrency: 'EUR', sourceAmount: '100.00', sourceCountry: 'US', destinationCountry: 'DE' })
  if ('error' in quote) throw new Error(quote.message)
  return quote
}

let keys = 0
const inputFor = (quoteId: string): CreatePaymentInput => {
  const body = paymentBody(quoteId)
  return {
    quoteId,
    idempotencyKey: `remembered-${process.pid}-${Date.now()}-${keys++}`,
    sender: body.sender as CreatePaymentInput['sender'],
    beneficiary: body.beneficiary as unknown as CreatePaymentInput['beneficiary'],
    purposeCode: body.purpose_code,
    reference: body.reference,
    metadata: body.metadata ?? {},
  }
}

/** Creates a payment as the route does: its request recorded with it, under its Idempotency-Key. */
const create = (merchantId: string, input: CreatePaymentInput) =>
  payments.create(merchantId, input, {
    idempotency: {
      request: { merchantId, key: input.idempotencyKey, fingerprint: `fingerprint-${input.idempotencyKey}`, method: 'POST', path: '/v1/payments' },
      respond: (payment) => ({ status: 201, body: JSON.stringify({ id: payment.id }), contentType: 'application/json' }),
    },
  })

const usd = async () => (await t.deps.ledger.balances(t.merchantId)).find((balance) => balance.currency === 'USD')?.availableMinor ?? 0n

describe('a payment on a remembered quote', () => {
  it('is created, funded and recorded with one creation statement and one record, and its quote forgotten', async () => {
    await fund(t, 'USD', 1_000_00n)
    const quote = await newQuote()
    recent.remember(quote)
    const before = await usd()
    statements.length = 0
    const payment = await create(t.merchantId, inputFor(quote.id))
    if ('error' in payment) throw new Error(payment.message)
    expect(payment).toMatchObject({ status: 'pending', sourceAmountMinor: quote.sourceAmountMinor, targetAmountMinor: quote.targetAmountMinor, feeMinor: quote.feeMinor })
    expect(creations()).toBe(1)
    expect(records()).toBe(1)
    expect(await usd()).toBe(before - quote.sourceAmountMinor)
    expect(recent.recall(t.merchantId, quote.id)).toBeUndefined()
    expect(await t.deps.ledger.verify()).toEqual([])
  })

  it('used meanwhile rolls back the funding sent ahead, and is refused as used', async () => {
    const quote = await newQuote()
    recent.remember(quote)
    // Another instance paid it: the database knows, this process's memory does not.
    await t.connection.db.execute(sql`update quotes set used_at = now() where id = ${quote.id}`)
    const before = await usd()
    statements.length = 0
    const input = inputFor(quote.id)
    const result = await create(t.merchantId, input)
    expect(result).toMatchObject({ error: 'quote_used' })
    // The early path sent the record with the funding, then the usual path created nothing.
    expect(records()).toBe(1)
    expect(creations()).toBe(2)
    expect(await usd()).toBe(before)
    expect(await countOf(t, sql`select count(*)::int as count from idempotency_keys where merchant_id = ${t.merchantId} and key = ${input.idempotencyKey}`)).toBe(0)
    expect(await t.deps.ledger.verify()).toEqual([])
  })

  it('unlike the database copy is written with the database terms, never the remembered ones', async () => {
    const quote = await newQuote()
    recent.remember({ ...quote, sourceAmountMinor: quote.sourceAmountMinor - 1_00n, customerRate: '1.5' })
    const before = await usd()
    statements.length = 0
    const payment = await create(t.merchantId, inputFor(quote.id))
    if ('error' in payment) throw new Error(payment.message)
    expect(payment.sourceAmountMinor).toBe(quote.sourceAmountMinor)
    expect(creations()).toBe(2)
    expect(await usd()).toBe(before - quote.sourceAmountMinor)
    expect(await countOf(t, sql`select count(*)::int as count from journal_entries where reference_id = ${payment.id}`)).toBe(1)
    expect(await t.deps.ledger.verify()).toEqual([])
  })

  it('the balance cannot cover is refused as insufficient funds, nothing written', async () => {
    const poor = await t.newMerchant()
    const quote = await t.deps.quotes.create(poor.merchantId, { sourceCurrency: 'USD', targetCurrency: 'EUR', sourceAmount: '100.00', sourceCountry: 'US', destinationCountry: 'DE' })
    if ('error' in quote) throw new Error(quote.message)
    await fund(t, 'USD', 50_00n, poor.merchantId)
    recent.remember(quote)
    statements.length = 0
    const result = await create(poor.merchantId, inputFor(quote.id))
    expect(result).toMatchObject({ error: 'insufficient_funds' })
    expect(creations()).toBe(2)
    expect(await countOf(t, sql`select count(*)::int as count from payments where quote_id = ${quote.id}`)).toBe(0)
    expect(recent.recall(poor.merchantId, quote.id)).toBeDefined()
  })

  it('of another merchant is not recalled: the usual path refuses it as not found', async () => {
    const stranger = await t.newMerchant()
    const quote = await t.deps.quotes.create(stranger.merchantId, { sourceCurrency: 'USD', targetCurrency: 'EUR', sourceAmount: '100.00', sourceCountry: 'US', destinationCountry: 'DE' })
    if ('error' in quote) throw new Error(quote.message)
    recent.remember(quote)
    statements.length = 0
    expect(await create(t.merchantId, inputFor(quote.id))).toMatchObject({ error: 'quote_not_found' })
    expect(records()).toBe(0)
    expect(creations()).toBe(1)
  })

  it('shares a batch: several remembered quotes, one creation statement; a quote named twice pays once', async () => {
    const quotes = await Promise.all([newQuote(), newQuote(), newQuote()])
    for (const quote of quotes) recent.remember(quote)
    const before = await usd()
    statements.length = 0
    // One turn: one batch.
    const results = await Promise.all(quotes.map((quote) => create(t.merchantId, inputFor(quote.id))))
    expect(results.map((result) => ('error' in result ? result.error : result.status))).toEqual(['pending', 'pending', 'pending'])
    expect(creations()).toBe(1)
    expect(await usd()).toBe(before - quotes.reduce((sum, quote) => sum + quote.sourceAmountMinor, 0n))

    const twice = await newQuote()
    recent.remember(twice)
    const again = await Promise.all([create(t.merchantId, inputFor(twice.id)), create(t.merchantId, inputFor(twice.id))])
    expect(again.map((result) => ('error' in result ? result.error : result.status)).sort()).toEqual(['pending', 'quote_used'])
    expect(await t.deps.ledger.verify()).toEqual([])
  })
})
