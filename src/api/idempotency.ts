import type { Context, MiddlewareHandler } from 'hono'
import type { IdempotencyRequest, IdempotencyStore, StoredResponse } from '../idempotency/idempotency-store.js'
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
      if (options.required) throw missingKey()
      return next()
    }
    await runWithIdempotencyKey(c, options.store, await idempotencyRequestOf(c, key), next)
  }

/** The 422 for a request that must carry an `Idempotency-Key` and has none. */
export const missingKey = () => new ApiError(422, 'validation_failed', 'Idempotency-Key header is required', 'Idempotency-Key')

/** The key, the request's fingerprint (method, path and raw body) and where it went. */
export async function idempotencyRequestOf(c: Context<AppEnv>, key: string): Promise<IdempotencyRequest> {
  const fingerprint = await sha256Hex(`${c.req.method} ${c.req.path}\n${c.get('rawBody') ?? ''}`)
  return { merchantId: c.get('merchant').id, key, fingerprint, method: c.req.method, path: c.req.path }
}

/** The stored first response, marked as a replay. */
function replayOf(c: Context<AppEnv>, response: StoredResponse): Response {
  const headers = new Headers({ 'Idempotent-Replayed': 'true', 'Request-Id': c.get('requestId') })
  if (response.contentType) headers.set('Content-Type', response.contentType)
  return new Response(response.body, { status: response.status, headers })
}

/**
 * Runs `handler` under the claimed key, or answers from what the key already holds: the
 * replay, a 422 for another body, a 409 while it is in flight. A successful response is stored;
 * a failure releases the key.
 *
 * @example await runWithIdempotencyKey(c, store, await idempotencyRequestOf(c, key), next)
 */
export async function runWithIdempotencyKey(c: Context<AppEnv>, store: IdempotencyStore, request: IdempotencyRequest, handler: () => Promise<void>): Promise<void> {
  const outcome = await store.begin(request)
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
    case 'replay':
      c.res = replayOf(c, outcome.response)
      return
    case 'started':
      break
  }
  try {
    await handler()
  } catch (error) {
    await store.abandon(request.merchantId, request.key)
    throw error
  }
  if (c.res.status >= 400) {
    await store.abandon(request.merchantId, request.key)
    return
  }
  await store.complete(request.merchantId, request.key, {
    status: c.res.status,
    body: await c.res.clone().text(),
    contentType: c.res.headers.get('content-type'),
  })
}
