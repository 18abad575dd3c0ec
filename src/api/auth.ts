import type { MiddlewareHandler } from 'hono'
import type { MerchantService } from '../merchants/merchant-service.js'
import type { AppEnv } from './context.js'
import { ApiError } from './errors.js'

/**
 * Authenticates `Authorization: Bearer <api key>` against the stored key hashes on every
 * request and puts the merchant in the context; 401 otherwise.
 */
export const auth = (options: { merchants: MerchantService }): MiddlewareHandler<AppEnv> =>
  async function auth(c, next) {
    const header = c.req.header('authorization')
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
    if (!match?.[1]) throw new ApiError(401, 'unauthorized', 'Provide your API key as "Authorization: Bearer sk_…"')
    const merchant = await options.merchants.authenticate(match[1])
    if (!merchant) throw new ApiError(401, 'unauthorized', 'The API key is not valid')
    c.set('merchant', merchant)
    await next()
  }
