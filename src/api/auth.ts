import type { Context, MiddlewareHandler } from 'hono'
import type { MerchantService } from '../merchants/merchant-service.js'
import type { AppEnv } from './context.js'
import { ApiError } from './errors.js'

export interface AuthOptions {
  merchants: MerchantService
  /**
   * Requests whose every write checks the key in its own statement (see key-check.ts): a key
   * found valid before is not looked up before the handler, which saves a round trip to the
   * database on the hottest routes.
   */
  checkedInWrite?: (c: Context<AppEnv>) => boolean
}

const invalidKey = () => new ApiError(401, 'unauthorized', 'The API key is not valid')

/**
 * Authenticates `Authorization: Bearer <api key>` against the stored key hashes on every
 * request and puts the merchant in the context; 401 otherwise. On the routes `checkedInWrite`
 * names, the check of a key seen valid before is made by the request's write; a request that
 * ends without such a write (an error, a replay) looks the key up before it answers, and a
 * key found invalid then turns its answer into 401.
 *
 * @example app.use('/v1/*', auth({ merchants, checkedInWrite: (c) => c.req.method === 'POST' && c.req.path === '/v1/payments' }))
 */
export const auth = (options: AuthOptions): MiddlewareHandler<AppEnv> =>
  async function auth(c, next) {
    const header = c.req.header('authorization')
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
    if (!match?.[1]) throw new ApiError(401, 'unauthorized', 'Provide your API key as "Authorization: Bearer sk_…"')
    const inWrite = options.checkedInWrite?.(c) ? await options.merchants.authenticateInWrite(match[1]) : undefined
    const merchant = inWrite ?? (await options.merchants.authenticate(match[1]))
    if (!merchant) throw invalidKey()
    c.set('merchant', merchant)
    await next()
    if (merchant.keyCheck && !(await merchant.keyCheck.confirm())) throw invalidKey()
  }
