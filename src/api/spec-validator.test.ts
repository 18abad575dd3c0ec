import { describe, expect, it } from 'vitest'
import { openapiDocument } from './generated/openapi-document.js'
import { createSpecValidator } from './spec-validator.js'

const validator = createSpecValidator(openapiDocument)
const request = (body: unknown, query: Record<string, string> = {}) => ({ params: {}, query, header: () => undefined, body })

describe('createSpecValidator', () => {
  it('accepts a valid body and names the failing field otherwise', () => {
    expect(validator.validateRequest('createQuote', request({ source_currency: 'USD', target_currency: 'EUR', source_amount: '1.00' })).ok).toBe(true)
    const missing = validator.validateRequest('createQuote', request({ target_currency: 'EUR' }))
    expect(missing).toMatchObject({ ok: false, field: 'source_currency' })
    const pattern = validator.validateRequest('createQuote', request({ source_currency: 'USD', target_currency: 'EUR', source_amount: '1,00' }))
    expect(pattern).toMatchObject({ ok: false, field: 'source_amount' })
    const extra = validator.validateRequest('createQuote', request({ source_currency: 'USD', target_currency: 'EUR', bogus: 1 }))
    expect(extra).toMatchObject({ ok: false, field: 'bogus' })
  })

  it('coerces and checks query parameters', () => {
    const ok = validator.validateRequest('listCorridors', request(undefined, { limit: '5' }))
    expect(ok).toEqual({ ok: true, value: { query: { limit: 5 }, body: undefined } })
    expect(validator.validateRequest('listCorridors', request(undefined, { limit: 'five' }))).toMatchObject({ ok: false, field: 'limit' })
  })

  it('checks responses against documented statuses and schemas', () => {
    expect(validator.validateResponse('getQuote', 418, 'application/json', {})).toMatchObject({ ok: false, field: 'status' })
    expect(validator.validateResponse('getQuote', 404, 'application/json', { error: { code: 'not_found', message: 'x', request_id: 'r' } }).ok).toBe(true)
    expect(validator.validateResponse('getQuote', 404, 'application/json', { error: { code: 'nope', message: 'x', request_id: 'r' } }).ok).toBe(false)
    expect(validator.validateResponse('getQuote', 404, 'text/plain', 'x').ok).toBe(false)
  })

  it('uses no code generation (safe on Cloudflare Workers)', () => {
    const original = globalThis.Function
    globalThis.Function = new Proxy(original, {
      construct() {
        throw new Error('code generation from strings')
      },
    })
    try {
      const fresh = createSpecValidator(openapiDocument)
      expect(fresh.validateRequest('createQuote', request({ source_currency: 'USD', target_currency: 'EUR', source_amount: '1.00' })).ok).toBe(true)
    } finally {
      globalThis.Function = original
    }
  })
})
