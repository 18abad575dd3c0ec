/**
 * Wires the services for one database handle. Runtime-agnostic: the Node server, the Worker
 * and the tests all build their app through this function.
 */
import { sql } from 'drizzle-orm'
import type { AppDeps } from './api/deps.js'
import { openapiDocument } from './api/generated/openapi-document.js'
import { createSpecValidator, type SpecValidator } from './api/spec-validator.js'
import type { Config } from './config.js'
import { createCorridorService } from './corridors/corridor-service.js'
import type { DatabaseConnection } from './db/database.js'
import { createIdempotencyStore } from './idempotency/idempotency-store.js'
import { systemClock, type Clock } from './lib/clock.js'
import { createIdGenerator, type IdGenerator } from './lib/ids.js'
import { createMerchantService } from './merchants/merchant-service.js'
import { createQuoteService } from './quotes/quote-service.js'
import type { RateProvider } from './rates/rate-provider.js'
import { rateProvidersFromConfig } from './rates/providers.js'
import { createRateService } from './rates/rate-service.js'

export interface ServiceOptions {
  connection: Pick<DatabaseConnection, 'db' | 'kind'>
  config: Config
  clock?: Clock
  ids?: IdGenerator
  rateProviders?: RateProvider[]
  /** Reuse one validator across apps (it caches compiled schemas). */
  spec?: SpecValidator
  logger?: Pick<Console, 'error' | 'info'>
}

/** @example const deps = createServices({ connection, config: loadConfig(process.env) }); const app = createApp(deps) */
export function createServices(options: ServiceOptions): AppDeps {
  const { db, kind } = options.connection
  const clock = options.clock ?? systemClock
  const ids = options.ids ?? createIdGenerator()
  const rates = createRateService({
    db,
    providers: options.rateProviders ?? rateProvidersFromConfig(options.config),
    maxAgeSeconds: options.config.ratesMaxAgeSeconds,
    clock,
    ids,
  })
  const corridors = createCorridorService({ db })
  return {
    databaseKind: kind,
    pingDatabase: async () => {
      await db.execute(sql`select 1`)
    },
    merchants: createMerchantService({ db, ids, clock }),
    rates,
    corridors,
    quotes: createQuoteService({ db, rates, corridors, clock, ids, quoteTtlSeconds: options.config.quoteTtlSeconds }),
    idempotencyStore: createIdempotencyStore({ db, clock }),
    spec: options.spec ?? createSpecValidator(openapiDocument),
    clock,
    ids,
    ...(options.logger ? { logger: options.logger } : {}),
  }
}
