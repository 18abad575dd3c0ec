import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './context.js'
import { ApiError } from './errors.js'
import type { OperationId } from './openapi.js'
import type { SpecValidator } from './spec-validator.js'

/**
 * Validates a request against its OpenAPI operation (path, query, header parameters and JSON
 * body); a violation is a 422 `validation_failed` naming the field.
 *
 * @example app.post('/v1/quotes', validate(spec, 'createQuote'), async (c) => …)
 */
export const validate = (validator: SpecValidator, operationId: OperationId): MiddlewareHandler<AppEnv> =>
  async function validate(c, next) {
    const outcome = validator.validateRequest(operationId, {
      params: c.req.param() as Record<string, string>,
      query: c.req.query(),
      header: (name) => c.req.header(name),
      body: c.get('body'),
    })
    if (!outcome.ok) throw new ApiError(422, 'validation_failed', outcome.message, outcome.field)
    c.set('query', outcome.value.query)
    await next()
  }
