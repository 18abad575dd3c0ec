import { Hono } from 'hono'
import type { AppEnv } from '../api/context.js'
import type { AppDeps } from '../api/deps.js'
import { ApiError } from '../api/errors.js'
import type { ResponseBody } from '../api/openapi.js'
import { validate } from '../api/validate.js'
import { rateToString } from './exact-rate.js'
import { RatesStaleError } from './rate-provider.js'

/** `GET /v1/rates`. */
export function rateRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', validate(deps.spec, 'listRates'), async (c) => {
    const base = c.get('query').base as string | undefined
    const listed = await deps.rates.listMidRates(base)
    if (listed instanceof RatesStaleError) throw new ApiError(503, 'rates_stale', listed.message)
    if (listed instanceof Error) throw new ApiError(503, 'rates_unavailable', listed.message)
    if ('error' in listed) throw new ApiError(422, 'unsupported_currency', `No rates are known for ${base}`, 'base')
    const body: ResponseBody<'listRates', 200> = {
      object: 'list',
      data: listed.map((mid) => ({
        object: 'rate',
        base: mid.from,
        currency: mid.to,
        mid_rate: rateToString(mid.rate),
        source: mid.source,
        timestamp: mid.asOf.toISOString(),
      })),
      has_more: false,
    }
    return c.json(body, 200)
  })
}
