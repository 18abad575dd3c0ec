/** Helpers for payment tests: funding a merchant, quoting and a valid payment body. */
import type { RequestBody } from '../../src/api/openapi.js'
import type { TestContext } from './test-app.js'

let references = 0

/** Credits a merchant's balance as a bank deposit would. */
export async function fund(t: TestContext, currency: string, amountMinor: bigint, merchantId = t.merchantId): Promise<void> {
  const deposited = await t.deps.ledger.deposit(merchantId, currency, amountMinor, `test-deposit-${process.pid}-${Date.now()}-${references++}`)
  if ('error' in deposited) throw new Error(`deposit failed: ${deposited.error}`)
}

export async function quote(t: TestContext, body: RequestBody<'createQuote'>, client = t.client): Promise<string> {
  const { data, error } = await client.POST('/v1/quotes', { body })
  if (!data) throw new Error(`quote failed: ${JSON.stringify(error)}`)
  return data.id
}

export const usdToEurQuote: RequestBody<'createQuote'> = {
  source_currency: 'USD',
  target_currency: 'EUR',
  source_amount: '100.00',
  source_country: 'US',
  destination_country: 'DE',
}

export function paymentBody(quoteId: string, overrides: Partial<RequestBody<'createPayment'>> = {}): RequestBody<'createPayment'> {
  return {
    quote_id: quoteId,
    sender: {
      type: 'individual',
      name: 'Ada Lovelace',
      country: 'US',
      address: { line1: '1 Main Street', city: 'Springfield', postal_code: '12345' },
      date_of_birth: '1990-02-03',
      kyc_tier: 2,
    },
    beneficiary: {
      name: 'Max Mustermann',
      country: 'DE',
      address: { line1: 'Hauptstraße 1', city: 'Berlin' },
      account: { type: 'iban', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' },
    },
    purpose_code: 'SUPP',
    reference: 'Invoice 2026-001',
    metadata: { order: 'A-1' },
    ...overrides,
  }
}

let keys = 0
export const idempotencyKey = () => `test-${process.pid}-${Date.now()}-${keys++}`

/** POST /v1/payments with a fresh Idempotency-Key unless one is given. */
export function createPayment(t: TestContext, body: RequestBody<'createPayment'>, key = idempotencyKey(), client = t.client) {
  return client.POST('/v1/payments', { body, params: { header: { 'Idempotency-Key': key } } })
}
