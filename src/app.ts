/**
 * The Hono app, built from explicit dependencies. Runtime-agnostic: imports nothing Node-only,
 * so `src/server.ts` (Node) and `src/worker.ts` (Cloudflare Workers) share it.
 */
import { Hono } from 'hono'
import { auth } from './api/auth.js'
import type { AppEnv } from './api/context.js'
import type { AppDeps } from './api/deps.js'
import { docsPage } from './api/docs-page.js'
import { ApiError, errorBody } from './api/errors.js'
import { openapiYaml } from './api/generated/openapi-document.js'
import { jsonBody } from './api/json-body.js'
import { createAllowedMethods } from './api/method-not-allowed.js'
import type { ResponseBody } from './api/openapi.js'
import { requestId } from './api/request-id.js'
import { corridorRoutes } from './corridors/corridor-routes.js'
import { channelCallbackRoutes } from './payments/channel-callback-routes.js'
import { paymentRoutes } from './payments/payment-routes.js'
import { quoteRoutes } from './quotes/quote-routes.js'
import { rateRoutes } from './rates/rate-routes.js'

export const MAX_BODY_BYTES = 64 * 1024

/**
 * @example
 * const app = createApp(deps)
 * const response = await app.request('/v1/rates', { headers: { Authorization: `Bearer ${key}` } })
 */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const logger = deps.logger ?? console

  app.use('*', requestId({ generate: () => deps.ids('req') }))

  app.get('/health', async (c) => {
    try {
      await deps.pingDatabase()
    } catch (error) {
      logger.error('health: database ping failed', error)
      throw new ApiError(503, 'internal_error', 'The database does not answer')
    }
    return c.json({ status: 'ok', database: deps.databaseKind } satisfies ResponseBody<'getHealth', 200>, 200)
  })
  app.get('/openapi.yaml', (c) => c.body(openapiYaml, 200, { 'Content-Type': 'application/yaml; charset=utf-8' }))
  app.get('/docs', (c) => c.html(docsPage))

  // Channels authenticate their notifications with signatures, not merchant API keys, and
  // speak their own formats (JSON, form-encoded), so they read their bodies themselves.
  app.route('/v1/channels', channelCallbackRoutes(deps, { maxBytes: MAX_BODY_BYTES }))
  app.use('*', jsonBody({ maxBytes: MAX_BODY_BYTES }))
  // The two hottest writes check the key in their own statement (see key-check.ts): a quote
  // without an Idempotency-Key (with one, the idempotency store writes first) and a payment.
  app.use(
    '/v1/*',
    auth({
      merchants: deps.merchants,
      checkedInWrite: (c) => c.req.method === 'POST' && (c.req.path === '/v1/payments' || (c.req.path === '/v1/quotes' && !c.req.header('idempotency-key'))),
    }),
  )
  app.route('/v1/quotes', quoteRoutes(deps))
  app.route('/v1/rates', rateRoutes(deps))
  app.route('/v1/corridors', corridorRoutes(deps))
  app.route('/v1', paymentRoutes(deps))

  const allowedMethods = createAllowedMethods(() => app.routes)
  app.notFound((c) => {
    const allowed = allowedMethods(c.req.path)
    if (allowed.length > 0) {
      c.header('Allow', allowed.join(', '))
      return c.json(errorBody('method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(', ')}`, c.get('requestId')), 405)
    }
    return c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}`, c.get('requestId')), 404)
  })

  app.onError((error, c) => {
    const id = c.get('requestId') ?? 'unknown'
    if (error instanceof ApiError) return c.json(errorBody(error.code, error.message, id, error.field), error.status)
    logger.error(`request ${id} failed`, error)
    return c.json(errorBody('internal_error', 'Something went wrong on our side; it is safe to retry', id), 500)
  })

  return app
}

export type CorridorApp = ReturnType<typeof createApp>
