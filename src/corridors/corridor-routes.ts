import { Hono } from 'hono'
import type { AppEnv } from '../api/context.js'
import type { AppDeps } from '../api/deps.js'
import { ApiError } from '../api/errors.js'
import type { ResponseBody } from '../api/openapi.js'
import { validate } from '../api/validate.js'
import { formatMinor } from '../money/money.js'
import type { Corridor } from './corridor-service.js'

type WireCorridor = ResponseBody<'listCorridors', 200>['data'][number]

export function corridorToWire(corridor: Corridor): WireCorridor {
  return {
    id: corridor.id,
    object: 'corridor',
    source_country: corridor.sourceCountry,
    destination_country: corridor.destinationCountry,
    source_currency: corridor.sourceCurrency,
    target_currency: corridor.targetCurrency,
    pricing: {
      markup_bps: corridor.markupBps,
      fixed_fee: {
        value: formatMinor(corridor.fixedFeeMinor, corridor.sourceCurrency),
        currency: corridor.sourceCurrency,
      },
      percent_fee_bps: corridor.percentFeeBps,
    },
    limits: [],
    created_at: corridor.createdAt.toISOString(),
  }
}

/** `GET /v1/corridors`. */
export function corridorRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', validate(deps.spec, 'listCorridors'), async (c) => {
    const query = c.get('query')
    const page = await deps.corridors.list({
      limit: (query.limit as number | undefined) ?? 20,
      startingAfter: query.starting_after as string | undefined,
    })
    if (page === 'cursor_not_found') {
      throw new ApiError(422, 'validation_failed', 'starting_after names no corridor', 'starting_after')
    }
    const body: ResponseBody<'listCorridors', 200> = { object: 'list', data: page.rows.map(corridorToWire), has_more: page.hasMore }
    return c.json(body, 200)
  })
}
