import type { MiddlewareHandler } from 'hono'
import type { IdempotencyStore } from '../idempotency/idempotency-store.js'
import { sha256Hex } from '../lib/crypto.js'
import type { AppEnv } from './context.js'
import { ApiError } from './errors.js'

export interface IdempotencyOptions {
  store: IdempotencyStore
  /** When true, a request without `Idempotency-Key` is a 422. */
  required?: boolean
}

/**
 * Makes a POST safe to retry. The same key and body replay the stored response with
 * `Idempotent-Replayed: true`; another body is a 422; a key still in flight is a 409.
 * Only successful responses are stored: a request that failed (4xx or 5xx) left nothing
 * behind, so the key is released and a retry with it runs again. Runs after validation.
 *
 * @example app.post('/v1/quotes', validate(spec, 'createQuote'), idempotency({ store }), handler)
 */
export const idempotency = (options: IdempotencyOptions): MiddlewareHandler<AppEnv> =>
  async function idempotency(c, next) {
    const key = c.req.header('idempotency-key')
    if (!key) {
      if (options.required) throw new ApiError(422, 'validation_failed', 'Idempotency-Key header is required', 'Idempotency-Key')
      return next()
    }
    const merchantId = c.get('merchant').id
    const fingerprint = await sha256Hex(`${c.req.method} ${c.req.path}\n${c.get('rawBody') ?? ''}`)
    const outcome = await options.store.begin({ merchantId, key, fingerprint, method: c.req.method, path: c.req.path })
    switch (outcome.kind) {
      case 'mismatch':
        throw new ApiError(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was used with a different request; use a new key for a new request',
          'Idempotency-Key',
        )
      case 'in_flight':
        throw new ApiError(409, 'idempotency_request_in_progress', 'A request with this Idempotency-Key is still in progress; retry shortly')
      case 'replay': {
        const headers = new Headers({ 'Idempotent-Replayed': 'true', 'Request-Id': c.get('requestId') })
        if (outcome.response.contentType) headers.set('Content-Type', outcome.response.contentType)
        c.res = new Response(outcome.response.body, { status: outcome.response.status, headers })
        return
      }
      case 'started':
        break
    }
    try {
      await next()
    } catch (error) {
      await options.store.abandon(merchantId, key)
      throw error
    }
    if (c.res.status >= 400) {
      await options.store.abandon(merchantId, key)
      return
    }
    await options.store.complete(merchantId, key, {
      status: c.res.status,
      body: await c.res.clone().text(),
      contentType: c.res.headers.get('content-type'),
    })
  }
