import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './context.js'

export interface RequestIdOptions {
  generate: () => string
}

/**
 * Gives every request an id (the caller's `X-Request-Id` when it is sane), echoed in the
 * `Request-Id` response header and in every error body.
 */
export const requestId = (options: RequestIdOptions): MiddlewareHandler<AppEnv> =>
  async function requestId(c, next) {
    const offered = c.req.header('x-request-id')
    const id = offered && /^[\w.:-]{1,128}$/.test(offered) ? offered : options.generate()
    c.set('requestId', id)
    c.header('Request-Id', id)
    await next()
  }
