import { Hono } from 'hono'
import type { AppDeps } from '../api/deps.js'
import type { AppEnv } from '../api/context.js'
import { ApiError, type ErrorMapping } from '../api/errors.js'
import { idempotency } from '../api/idempotency.js'
import type { RequestBody, ResponseBody } from '../api/openapi.js'
import { validate } from '../api/validate.js'
import { formatMinor } from '../money/money.js'
import { canonicalRate } from '../rates/exact-rate.js'
import type { QuoteErrorCode, QuoteRow, QuoteService } from './quote-service.js'

/** Every expected quote failure has a status; adding a code without a row fails to compile. */
const quoteErrors: Record<QuoteErrorCode, ErrorMapping> = {
  amount_side_ambiguous: { status: 422, code: 'validation_failed' },
  invalid_amount: { status: 422, code: 'validation_failed' },
  unsupported_currency: { status: 422, code: 'unsupported_currency' },
  unsupported_corridor: { status: 422, code: 'unsupported_corridor' },
  amount_too_small: { status: 422, code: 'amount_too_small' },
  amount_too_large: { status: 422, code: 'amount_too_large' },
  rates_stale: { status: 503, code: 'rates_stale' },
  rates_unavailable: { status: 503, code: 'rates_unavailable' },
  api_key_invalid: { status: 401, code: 'unauthorized' },
}

/** The wire form of a stored quote. */
export function quoteToWire(quote: QuoteRow, quoteService: QuoteService): ResponseBody<'getQuote', 200> {
  return {
    id: quote.id,
    object: 'quote',
    status: quoteService.statusOf(quote),
    source_currency: quote.sourceCurrency,
    target_currency: quote.targetCurrency,
    source_amount: formatMinor(quote.sourceAmountMinor, quote.sourceCurrency),
    target_amount: formatMinor(quote.targetAmountMinor, quote.targetCurrency),
    fee: { value: formatMinor(quote.feeMinor, quote.sourceCurrency), currency: quote.sourceCurrency },
    mid_rate: canonicalRate(quote.midRate),
    rate: canonicalRate(quote.customerRate),
    markup_bps: quote.markupBps,
    rate_source: quote.rateSource,
    rate_timestamp: quote.rateTimestamp.toISOString(),
    source_country: quote.sourceCountry,
    destination_country: quote.destinationCountry,
    corridor_id: quote.corridorId,
    expires_at: quote.expiresAt.toISOString(),
    created_at: quote.createdAt.toISOString(),
  }
}

/** `POST /v1/quotes`, `GET /v1/quotes/{id}`. */
export function quoteRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/', validate(deps.spec, 'createQuote'), idempotency({ store: deps.idempotencyStore }), async (c) => {
      const body = c.get('body') as RequestBody<'createQuote'>
      const merchant = c.get('merchant')
      const result = await deps.quotes.create(merchant.id, {
        sourceCurrency: body.source_currency,
        targetCurrency: body.target_currency,
        sourceAmount: body.source_amount,
        targetAmount: body.target_amount,
        sourceCountry: body.source_country,
        destinationCountry: body.destination_country,
      }, { keyCheck: merchant.keyCheck })
      if ('error' in result) {
        const mapping = quoteErrors[result.error]
        throw new ApiError(mapping.status, mapping.code, result.message, result.field)
      }
      return c.json(quoteToWire(result, deps.quotes) satisfies ResponseBody<'createQuote', 201>, 201)
    })
    .get('/:id', validate(deps.spec, 'getQuote'), async (c) => {
      const quote = await deps.quotes.get(c.get('merchant').id, c.req.param('id'))
      if (!quote) throw new ApiError(404, 'not_found', `No quote ${c.req.param('id')}`)
      return c.json(quoteToWire(quote, deps.quotes) satisfies ResponseBody<'getQuote', 200>, 200)
    })
}
