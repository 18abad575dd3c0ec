/**
 * Wires the services for one database handle. Runtime-agnostic: the Node server, the Worker
 * and the tests all build their app through this function.
 */
import { sql } from 'drizzle-orm'
import type { AppDeps } from './api/deps.js'
import { openapiDocument } from './api/generated/openapi-document.js'
import { createSpecValidator, type SpecValidator } from './api/spec-validator.js'
import type { NormalizedAccount } from './beneficiaries/index.js'
import { createChannelRegistry, DEFAULT_CHANNELS, type ChannelCredentials, type PayoutChannel } from './channels/index.js'
import type { Config } from './config.js'
import { createCorridorService } from './corridors/corridor-service.js'
import type { Defer } from './db/batcher.js'
import type { DatabaseConnection } from './db/database.js'
import { createIdempotencyStore } from './idempotency/idempotency-store.js'
import { createLedgerService } from './ledger/index.js'
import { createBackgroundTasks } from './lib/background.js'
import { systemClock, type Clock } from './lib/clock.js'
import { createIdGenerator, type IdGenerator } from './lib/ids.js'
import { createMerchantService } from './merchants/merchant-service.js'
import { createAccountCipher, parseEncryptionKeys } from './payments/account-crypto.js'
import { createPaymentProcessor, type ProcessorOptions } from './payments/payment-processor.js'
import { createPaymentService } from './payments/payment-service.js'
import type { PaymentRow } from './payments/payment-transitions.js'
import { createQuoteService } from './quotes/quote-service.js'
import { createRecentQuotes } from './quotes/recent-quotes.js'
import type { RateProvider } from './rates/rate-provider.js'
import { rateProvidersFromConfig } from './rates/providers.js'
import { createRateService } from './rates/rate-service.js'
import { sandboxCredentials } from './sandbox/credentials.js'

export interface ServiceOptions {
  connection: Pick<DatabaseConnection, 'db' | 'kind'>
  config: Config
  clock?: Clock
  ids?: IdGenerator
  rateProviders?: RateProvider[]
  /** Reuse one validator across apps (it caches compiled schemas). */
  spec?: SpecValidator
  logger?: Pick<Console, 'error' | 'info'>
  channels?: readonly PayoutChannel[]
  /** Base URL of the channels' APIs when not configured (the in-process sandbox on Node). */
  channelsBaseUrl?: string
  /** Starts work that outlives the response (Node: let it run; Workers: `ctx.waitUntil`). */
  background?: (task: () => Promise<unknown>) => void
  processorOptions?: Partial<ProcessorOptions>
  fetch?: typeof fetch
  /**
   * Scheduler that lets the hot statements (API-key lookups, quote inserts) of concurrent
   * requests go to the database together (Node: `afterTurns(DATABASE_BATCH_TURNS, setImmediate)`).
   * Without it every statement runs alone, as on Workers, where each request has its own connection.
   */
  defer?: Defer
}

/** @example const deps = createServices({ connection, config: loadConfig(process.env) }); const app = createApp(deps) */
export function createServices(options: ServiceOptions): AppDeps {
  const { db, kind } = options.connection
  const { config } = options
  const clock = options.clock ?? systemClock
  const ids = options.ids ?? createIdGenerator()
  const logger = options.logger ?? console
  const rates = createRateService({
    db,
    providers: options.rateProviders ?? rateProvidersFromConfig(config),
    maxAgeSeconds: config.ratesMaxAgeSeconds,
    clock,
    ids,
  })
  const corridors = createCorridorService({ db })
  const ledger = createLedgerService({ db, ids, clock })
  // The sandbox's public credentials are used only for the sandbox the process runs itself
  // (or when explicitly allowed): anywhere else they would let anyone forge callbacks. A channel
  // without credentials is left out: never routed to, its callbacks refused.
  const sandboxAllowed = (!config.channelsBaseUrl && options.channelsBaseUrl !== undefined) || config.channelSandboxCredentials
  const baseUrl = config.channelsBaseUrl ?? options.channelsBaseUrl ?? 'http://127.0.0.1:8788'
  const channels = createChannelRegistry(
    (options.channels ?? DEFAULT_CHANNELS).filter((channel) => sandboxAllowed || config.channelCredentials[channel.id] !== undefined),
  )
  const channelCredentials = (channelId: string): ChannelCredentials => {
    const configured = config.channelCredentials[channelId]
    return configured ? { baseUrl: configured.baseUrl ?? baseUrl, apiKey: configured.apiKey, signingSecret: configured.signingSecret } : { baseUrl, ...sandboxCredentials(channelId) }
  }
  const cipher = createAccountCipher(parseEncryptionKeys(config.encryptionKeys))
  const processor = createPaymentProcessor({
    db,
    ledger,
    channels,
    credentialsFor: channelCredentials,
    cipher,
    clock,
    ids,
    logger,
    defer: options.defer,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    options: {
      requestTimeoutMs: config.paymentRequestTimeoutMs,
      ambiguousGraceMs: config.paymentAmbiguousGraceSeconds * 1000,
      pollIntervalMs: config.paymentPollIntervalSeconds * 1000,
      dispatchWindowMs: config.paymentsDispatchWindowMs,
      ...options.processorOptions,
    },
  })
  // Without a runtime's own (Workers: `waitUntil`), background tasks are tracked so that a
  // shutdown waits for them (see `settleBackground`).
  const tracked = createBackgroundTasks(logger)
  const background = options.background ?? tracked.run
  // The quotes made here, for the payments that follow them (never trusted: see recent-quotes.ts).
  const recentQuotes = createRecentQuotes({ clock, max: 10_000 })
  return {
    databaseKind: kind,
    pingDatabase: async () => {
      await db.execute(sql`select 1`)
    },
    merchants: createMerchantService({ db, ids, clock, defer: options.defer }),
    rates,
    corridors,
    quotes: createQuoteService({ db, rates, corridors, clock, ids, quoteTtlSeconds: config.quoteTtlSeconds, defer: options.defer, recent: recentQuotes }),
    payments: createPaymentService({ db, ledger, cipher, clock, ids, defer: options.defer, recentQuotes, ...(config.paymentsSubmitInRequest ? { onCreated: (payment: PaymentRow, account: NormalizedAccount) => background(() => processor.processCreated(payment, account)) } : {}) }),
    processor,
    ledger,
    channels,
    channelCredentials,
    idempotencyStore: createIdempotencyStore({ db, clock, defer: options.defer }),
    spec: options.spec ?? createSpecValidator(openapiDocument),
    clock,
    ids,
    logger,
    settleBackground: tracked.settle,
  }
}
