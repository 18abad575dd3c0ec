/**
 * The edge suite's world, set up once from Node: the Worker bundle built and held to its budgets,
 * a fresh PostgreSQL database (created here, dropped at the end) migrated and seeded as a real
 * deployment would be, the rail sandbox standing in for the payout channels, and workerd running
 * the bundle against that database through a Hyperdrive binding.
 *
 * The Worker submits payouts to the sandbox (`CHANNELS_BASE_URL`) and the sandbox sends its signed
 * callbacks back to the Worker. The sandbox has to listen before workerd starts (its URL is one of
 * the Worker's vars), and the Worker's URL is known only once workerd listens, so the sandbox
 * addresses its callbacks to a placeholder origin that its `fetch` forwards to the Worker.
 *
 * PostgreSQL: DATABASE_URL when it names a server (only its host, port and credentials are used),
 * else postgres@127.0.0.1:5432. Set EDGE_WORKERD_LOG=1 to see what workerd printed.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import postgres from 'postgres'
import type { TestProject } from 'vitest/node'
import { buildWorker } from '../../scripts/build-worker.js'
import { checkWorkerBundle } from '../../scripts/check-worker-bundle.js'
import { DEFAULT_CHANNELS } from '../../src/channels/index.js'
import { loadConfig } from '../../src/config.js'
import { connectPostgres } from '../../src/db/connect-postgres.js'
import { migrateDatabase } from '../../src/db/migrate.js'
import { seedDemo } from '../../src/demo/seed.js'
import { randomBase62 } from '../../src/lib/crypto.js'
import { startSandboxServer, type SandboxServer } from '../../src/sandbox/start-sandbox-server.js'
import { createServices } from '../../src/services.js'
import { readWranglerConfig } from './wrangler-config.js'
import { startWorkerd, type RunningWorkerd } from './workerd.js'

export interface EdgeContext {
  /** The Corridor Worker in workerd. */
  url: string
  /** The rail sandbox the Worker pays out through (`GET ${sandboxUrl}/_sandbox/payouts`). */
  sandboxUrl: string
  /** `POST ${triggerUrl}/scheduled?cron=…` fires the Worker's scheduled handler. */
  triggerUrl: string
  /** The suite's database, for checking what the Worker wrote. */
  databaseUrl: string
  /** The demo merchant's key, and a second merchant's. */
  apiKey: string
  otherApiKey: string
  /** wrangler.toml's `[triggers] crons`. */
  crons: string[]
  gzipBytes: number
}

declare module 'vitest' {
  export interface ProvidedContext {
    edge: EdgeContext
  }
}

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres'

/** Where the sandbox addresses callbacks until they are forwarded to the Worker's real URL. */
const WORKER_PLACEHOLDER = 'http://corridor-worker.invalid'

/**
 * The secrets a deployment sets with `wrangler secret put`, made up for this run: an account
 * encryption key, and channel credentials the sandbox shares, so the Worker signs, authenticates
 * and verifies callbacks with configured secrets rather than the well-known sandbox defaults.
 */
function edgeSecrets() {
  const credentials = Object.fromEntries(
    DEFAULT_CHANNELS.map((channel) => [channel.id, { apiKey: `edge_${randomBase62(24)}`, signingSecret: `edge_${randomBase62(32)}` }]),
  )
  const vars = {
    ENCRYPTION_KEYS: `edge:${randomBytes(32).toString('base64')}`,
    CHANNEL_CREDENTIALS: JSON.stringify(credentials),
  }
  return { credentials, vars }
}

export default async function setup(project: TestProject) {
  const build = await buildWorker()
  const report = checkWorkerBundle(readFileSync(build.bundlePath, 'utf8'), build.metafile)
  if (report.problems.length > 0) throw new Error(`the Worker bundle breaks its budgets:\n${report.problems.join('\n')}`)
  console.log(`[edge] Worker bundle ${(report.gzipBytes / 1024).toFixed(1)} KiB gzip`)

  const serverUrl = new URL(/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL! : DEFAULT_SERVER)
  const name = `corridor_edge_${process.pid}_${Date.now().toString(36)}`
  const databaseUrl = new URL(serverUrl)
  databaseUrl.pathname = `/${name}`
  const admin = postgres(serverUrl.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 })
  let workerd: RunningWorkerd | undefined
  let sandbox: SandboxServer | undefined
  let created = false

  const teardown = async () => {
    // The sandbox first: no callback may reach a stopping workerd.
    if (sandbox) await sandbox.close()
    if (workerd) {
      const diedEarly = !workerd.running()
      await workerd.stop()
      if (diedEarly || process.env.EDGE_WORKERD_LOG) console.log(`[edge] workerd output:\n${workerd.output()}`)
    }
    if (created) await admin.unsafe(`drop database if exists ${name} with (force)`)
    await admin.end({ timeout: 5 })
  }

  try {
    try {
      await admin.unsafe(`create database ${name}`)
    } catch (error) {
      throw new Error(`the edge tests need a PostgreSQL server at ${serverUrl.host} (user ${serverUrl.username || 'postgres'}): ${(error as Error).message}`, {
        cause: error,
      })
    }
    created = true

    const apiKey = `sk_test_${randomBase62(24)}`
    const secrets = edgeSecrets()
    const connection = connectPostgres(databaseUrl.toString(), { max: 2 })
    let otherApiKey: string
    try {
      await migrateDatabase(connection)
      const deps = createServices({ connection, config: loadConfig(secrets.vars) })
      await seedDemo({ db: connection.db, deps, demoApiKey: apiKey })
      otherApiKey = (await deps.merchants.createMerchant({ name: 'Other merchant', apiKey: `sk_test_${randomBase62(24)}` })).apiKey
    } finally {
      await connection.close()
    }

    // Set once workerd listens.
    const worker: { url?: string } = {}
    sandbox = await startSandboxServer({
      port: 0,
      seed: 20_260_701,
      // Accepted at once, paid out 200 ms later: the payout completes through the callback.
      behaviour: { default: { settleAfterMs: 200 } },
      credentials: secrets.credentials,
      callbackBaseUrl: WORKER_PLACEHOLDER,
      fetch: (input, init) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
        if (!worker.url) return Promise.reject(new Error(`[edge] sandbox callback before workerd listens: ${url}`))
        return fetch(url.replace(WORKER_PLACEHOLDER, worker.url), init)
      },
    })

    const wrangler = readWranglerConfig()
    workerd = await startWorkerd({
      bundlePath: build.bundlePath,
      compatibilityDate: wrangler.compatibilityDate,
      compatibilityFlags: wrangler.compatibilityFlags,
      // Deployment vars, but rates from the static provider: the tests do not reach the internet.
      // Channels at the sandbox, and the secrets a deployment would set.
      vars: { ...wrangler.vars, RATES_PROVIDERS: 'static', CHANNELS_BASE_URL: sandbox.url, ...secrets.vars },
      hyperdrive: {
        binding: wrangler.hyperdriveBindings[0] ?? 'HYPERDRIVE',
        address: `${serverUrl.hostname}:${serverUrl.port || 5432}`,
        database: name,
        user: decodeURIComponent(serverUrl.username) || 'postgres',
        password: decodeURIComponent(serverUrl.password),
      },
    })
    worker.url = workerd.url
    console.log(`[edge] workerd on ${workerd.url}, rail sandbox on ${sandbox.url}, database ${name} on ${serverUrl.host}`)

    project.provide('edge', {
      url: workerd.url,
      sandboxUrl: sandbox.url,
      triggerUrl: workerd.triggerUrl,
      databaseUrl: databaseUrl.toString(),
      apiKey,
      otherApiKey,
      crons: wrangler.crons,
      gzipBytes: report.gzipBytes,
    })
  } catch (error) {
    await teardown().catch((cleanup: unknown) => console.error('[edge] cleanup after a failed setup failed too', cleanup))
    throw error
  }
  return teardown
}
