/**
 * A Corridor app for API tests: a database (in-memory PGlite, or the run's PostgreSQL database
 * when DATABASE_URL is set), the demo seed, a merchant of the test's own, and an openapi-fetch
 * client typed by the generated `paths` whose every response is checked against the spec.
 */
import createClient, { type Client } from 'openapi-fetch'
import postgres from 'postgres'
import { inject } from 'vitest'
import type { AppDeps } from '../../src/api/deps.js'
import type { paths } from '../../src/api/generated/openapi-types.js'
import { createApp } from '../../src/app.js'
import { loadConfig, type Config } from '../../src/config.js'
import { connectDatabase } from '../../src/db/connect.js'
import type { DatabaseConnection } from '../../src/db/database.js'
import { migrateDatabase } from '../../src/db/migrate.js'
import { seedDemo } from '../../src/demo/seed.js'
import type { Clock } from '../../src/lib/clock.js'
import { generateApiKey } from '../../src/merchants/merchant-service.js'
import type { RateProvider } from '../../src/rates/rate-provider.js'
import { createServices, type ServiceOptions } from '../../src/services.js'
import { assertResponseMatchesSpec, specValidator } from './spec-check.js'

export interface TestContext {
  app: ReturnType<typeof createApp>
  deps: AppDeps
  connection: DatabaseConnection
  config: Config
  client: Client<paths>
  apiKey: string
  merchantId: string
  /** A raw request through the app (for malformed input), checked against the spec too. */
  request(path: string, init?: RequestInit & { apiKey?: string | null }): Promise<Response>
  /** Another merchant of this test, with its own key and client. */
  newMerchant(): Promise<{ apiKey: string; merchantId: string; client: Client<paths> }>
  close(): Promise<void>
}

export interface TestContextOptions {
  clock?: Clock
  rateProviders?: RateProvider[]
  env?: Record<string, string>
  /** Skip storing a rate snapshot (to test the no-rates paths). */
  seedRates?: boolean
  /** Do not print the errors the app logs (for tests that provoke them). */
  quiet?: boolean
  /** Where the channels live (a sandbox the test started). */
  channelsBaseUrl?: string
  /** Hand new payments to the processor in the background (default: the test drives it). */
  autoProcess?: boolean
  processorOptions?: ServiceOptions['processorOptions']
  /** The fetch the processor talks to channels with (to watch what goes to the rail). */
  fetch?: typeof fetch
  /**
   * On PostgreSQL, a database of this context's own (created, migrated, dropped on close)
   * instead of the run's shared one: for a job that works on every payment it finds.
   */
  ownDatabase?: boolean
}

/** A fresh, migrated database beside the run's, and how to drop it. */
async function ownDatabase(runUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = new URL(runUrl)
  const name = `${url.pathname.slice(1)}_own_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
  const admin = postgres(runUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end()
    },
  }
}

export const usingPostgres = () => inject('testDatabaseUrl') !== undefined

export async function createTestContext(options: TestContextOptions = {}): Promise<TestContext> {
  const runUrl = inject('testDatabaseUrl')
  const separate = runUrl && options.ownDatabase ? await ownDatabase(runUrl) : undefined
  const url = separate?.url ?? runUrl
  const config = loadConfig({ ...options.env })
  const connection = await connectDatabase(url ?? 'memory://', { poolSize: 20 })
  if (!runUrl || separate) await migrateDatabase(connection)
  const deps = createServices({
    connection,
    config,
    spec: specValidator,
    // As the Node server runs: concurrent requests' lookups and quote inserts batched.
    defer: setImmediate,
    logger: { info: () => {}, error: (...args: unknown[]) => (options.quiet ? undefined : console.error(...args)) },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.rateProviders ? { rateProviders: options.rateProviders } : {}),
    ...(options.channelsBaseUrl ? { channelsBaseUrl: options.channelsBaseUrl } : {}),
    ...(options.processorOptions ? { processorOptions: options.processorOptions } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.autoProcess ? {} : { background: () => {} }),
  })
  await seedDemo({ db: connection.db, deps })
  if (options.seedRates !== false && options.rateProviders) await deps.rates.refresh()
  const app = createApp(deps)

  const checkedFetch = async (input: Request): Promise<Response> => {
    const response = await app.fetch(input)
    await assertResponseMatchesSpec(input.method, input.url, response)
    return response
  }
  const clientFor = (apiKey: string) =>
    createClient<paths>({ baseUrl: 'http://localhost', fetch: checkedFetch, headers: { Authorization: `Bearer ${apiKey}` } })

  const newMerchant = async () => {
    const { merchant, apiKey } = await deps.merchants.createMerchant({ name: 'Test merchant', apiKey: generateApiKey() })
    return { apiKey, merchantId: merchant.id, client: clientFor(apiKey) }
  }
  const own = await newMerchant()

  return {
    app,
    deps,
    connection,
    config,
    client: own.client,
    apiKey: own.apiKey,
    merchantId: own.merchantId,
    newMerchant,
    async request(path, init = {}) {
      const headers = new Headers(init.headers)
      const key = init.apiKey === undefined ? own.apiKey : init.apiKey
      if (key) headers.set('Authorization', `Bearer ${key}`)
      return checkedFetch(new Request(`http://localhost${path}`, { ...init, headers }))
    },
    close: async () => {
      // Payouts handed off by the last requests finish before the database closes under them.
      await deps.settleBackground?.(10_000)
      await connection.close()
      await separate?.drop()
    },
  }
}
