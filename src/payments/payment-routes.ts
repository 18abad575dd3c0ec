import { Hono } from 'hono'
import type { AppEnv } from '../api/context.js'
import type { AppDeps } from '../api/deps.js'
import { ApiError, type ErrorMapping } from '../api/errors.js'
import { idempotency, idempotencyRequestOf, missingKey, runWithIdempotencyKey } from '../api/idempotency.js'
import type { RequestBody, ResponseBody } from '../api/openapi.js'
import { validate } from '../api/validate.js'
import { formatMinor } from '../money/money.js'
import type { StoredResponse } from '../idempotency/idempotency-store.js'
import type { PaymentStatus } from './payment-schema.js'
import type { PaymentRow } from './payment-transitions.js'
import type { PaymentErrorCode } from './payment-service.js'
import { paymentEventToWire, paymentToWire } from './payment-wire.js'

/** Every expected payment failure has a status; a new code without a row fails to compile. */
const paymentErrors: Record<PaymentErrorCode, ErrorMapping> = {
  quote_not_found: { status: 422, code: 'quote_not_found' },
  quote_expired: { status: 422, code: 'quote_expired' },
  quote_used: { status: 422, code: 'quote_used' },
  quote_mismatch: { status: 422, code: 'quote_mismatch' },
  invalid_account: { status: 422, code: 'invalid_account' },
  invalid_party: { status: 422, code: 'validation_failed' },
  insufficient_funds: { status: 422, code: 'insufficient_funds' },
  not_found: { status: 404, code: 'not_found' },
  not_cancellable: { status: 409, code: 'payment_not_cancellable' },
  // Never raised: the route settles a taken key through the idempotency store.
  idempotency_key_taken: { status: 409, code: 'idempotency_request_in_progress' },
  api_key_invalid: { status: 401, code: 'unauthorized' },
}

const raise = (failure: { error: PaymentErrorCode; message: string; field?: string }): never => {
  const mapping = paymentErrors[failure.error]
  throw new ApiError(mapping.status, mapping.code, failure.message, failure.field)
}

/** `/v1/payments` and `/v1/balances`. */
export function paymentRoutes(deps: AppDeps) {
  const { payments } = deps
  return new Hono<AppEnv>()
    // The Idempotency-Key is recorded in the payment's own transaction, with the response; a key
    // already taken (a retry, a replay, another body) goes through the store as on any POST.
    .post('/payments', validate(deps.spec, 'createPayment'), async (c) => {
      const key = c.req.header('idempotency-key')
      if (!key) throw missingKey()
      const body = c.get('body') as RequestBody<'createPayment'>
      const { id: merchantId, keyCheck } = c.get('merchant')
      const input = {
        quoteId: body.quote_id,
        idempotencyKey: key,
        sender: body.sender as Parameters<typeof payments.create>[1]['sender'],
        beneficiary: body.beneficiary as unknown as Parameters<typeof payments.create>[1]['beneficiary'],
        purposeCode: body.purpose_code,
        reference: body.reference,
        metadata: body.metadata ?? {},
      }
      const request = await idempotencyRequestOf(c, key)
      let stored: StoredResponse | undefined
      const respond = (payment: PaymentRow): StoredResponse => {
        stored = { status: 201, body: JSON.stringify(paymentToWire(payment) satisfies ResponseBody<'createPayment', 201>), contentType: 'application/json' }
        return stored
      }
      const result = await payments.create(merchantId, input, { idempotency: { request, respond }, keyCheck })
      if ('error' in result && result.error === 'idempotency_key_taken') {
        await runWithIdempotencyKey(c, deps.idempotencyStore, request, async () => {
          const retried = await payments.create(merchantId, input)
          if ('error' in retried) return raise(retried)
          c.res = c.json(paymentToWire(retried) satisfies ResponseBody<'createPayment', 201>, 201)
        })
        return c.res
      }
      if ('error' in result) return raise(result)
      return c.body(stored?.body ?? respond(result).body, 201, { 'Content-Type': 'application/json' })
    })
    .get('/payments', validate(deps.spec, 'listPayments'), async (c) => {
      const query = c.get('query')
      const page = await payments.list(
        c.get('merchant').id,
        {
          ...(query.status ? { status: query.status as PaymentStatus } : {}),
          ...(query.corridor_id ? { corridorId: query.corridor_id as string } : {}),
          ...(query.created_gte ? { createdGte: new Date(query.created_gte as string) } : {}),
          ...(query.created_lt ? { createdLt: new Date(query.created_lt as string) } : {}),
        },
        { limit: (query.limit as number | undefined) ?? 20, startingAfter: query.starting_after as string | undefined },
      )
      if (page === 'cursor_not_found') throw new ApiError(422, 'validation_failed', 'starting_after names no payment of yours', 'starting_after')
      return c.json({ object: 'list', data: page.rows.map(paymentToWire), has_more: page.hasMore } satisfies ResponseBody<'listPayments', 200>, 200)
    })
    .get('/payments/:id', validate(deps.spec, 'getPayment'), async (c) => {
      const payment = await payments.get(c.get('merchant').id, c.req.param('id'))
      if (!payment) throw new ApiError(404, 'not_found', `No payment ${c.req.param('id')}`)
      return c.json(paymentToWire(payment) satisfies ResponseBody<'getPayment', 200>, 200)
    })
    .post('/payments/:id/cancel', validate(deps.spec, 'cancelPayment'), idempotency({ store: deps.idempotencyStore }), async (c) => {
      const result = await payments.cancel(c.get('merchant').id, c.req.param('id'))
      if ('error' in result) return raise(result)
      return c.json(paymentToWire(result) satisfies ResponseBody<'cancelPayment', 200>, 200)
    })
    .get('/payments/:id/events', validate(deps.spec, 'listPaymentEvents'), async (c) => {
      const events = await payments.events(c.get('merchant').id, c.req.param('id'))
      if (!events) throw new ApiError(404, 'not_found', `No payment ${c.req.param('id')}`)
      return c.json({ object: 'list', data: events.map(paymentEventToWire), has_more: false } satisfies ResponseBody<'listPaymentEvents', 200>, 200)
    })
    .get('/balances', validate(deps.spec, 'listBalances'), async (c) => {
      const balances = await deps.ledger.balances(c.get('merchant').id)
      return c.json(
        {
          object: 'list',
          data: balances.map((balance) => ({
            object: 'balance',
            currency: balance.currency,
            available: { value: formatMinor(balance.availableMinor, balance.currency), currency: balance.currency },
          })),
          has_more: false,
        } satisfies ResponseBody<'listBalances', 200>,
        200,
      )
    })
}
