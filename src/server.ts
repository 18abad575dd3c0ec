/**
 * Node entry point: the API on `PORT` (8787), on the embedded database unless `DATABASE_URL`
 * names a server. On the embedded database it migrates and seeds the demo data itself. Unless
 * `CHANNELS_BASE_URL` names the channels' real endpoints, it runs the rail sandbox in-process,
 * so the demo pays out with zero configuration.
 */
import { serve } from '@hono/node-server'
import { jobContext, jobDefinitions, runJob } from '../jobs/index.js'
import { startNodeScheduler } from '../jobs/node-scheduler.js'
import { createApp } from './app.js'
import { describeDatabase, openServices } from './cli/open-services.js'
import { ConfigError } from './config.js'
import { migrateDatabase } from './db/migrate.js'
import { seedDemo } from './demo/seed.js'
import { parseBehaviourConfig } from './sandbox/behaviour.js'
import { startSandboxServer, type SandboxServer } from './sandbox/start-sandbox-server.js'

let sandbox: SandboxServer | undefined
const { config, connection, deps } = await openServices(process.env, async (config) => {
  if (config.channelsBaseUrl) return {}
  const behaviour = parseBehaviourConfig(config.sandboxBehaviour ? (JSON.parse(config.sandboxBehaviour) as unknown) : {})
  if ('error' in behaviour) throw new ConfigError(`SANDBOX_BEHAVIOUR: ${behaviour.error}`)
  sandbox = await startSandboxServer({ port: 0, seed: Date.now() % 2 ** 31, behaviour, callbackBaseUrl: `http://127.0.0.1:${config.port}` })
  return { channelsBaseUrl: sandbox.url }
})
if (!config.encryptionKeysFromEnv) console.warn('ENCRYPTION_KEYS is not set: account numbers are encrypted with the development key.')

if (connection.kind === 'pglite') {
  await migrateDatabase(connection)
  const seeded = await seedDemo({ db: connection.db, deps, demoApiKey: config.demoApiKey })
  if (seeded.apiKey && !config.demoApiKey) {
    console.log(`\nDemo merchant created. Its API key, shown only this once:\n\n  ${seeded.apiKey}\n`)
    console.log('Set CORRIDOR_DEMO_KEY to choose your own key (it is added to the demo merchant).\n')
  }
}

const context = jobContext(connection.db, deps)
let stopScheduler = async () => {}
if (config.jobsEnabled) {
  const jobs = jobDefinitions(config)
  stopScheduler = startNodeScheduler(jobs, context)
  // Fresh rates from the first request on, not from the first scheduled tick.
  const refresh = jobs.find((job) => job.name === 'refresh-rates')
  if (refresh) await runJob(refresh, context, 'startup')
}

const app = createApp(deps)
const server = serve({ fetch: app.fetch, port: config.port, hostname: process.env.HOST ?? '0.0.0.0' }, (info) => {
  console.log(`Corridor listening on http://localhost:${info.port} (${describeDatabase(config)})`)
  console.log(sandbox ? `Rail sandbox (in-process) at ${sandbox.url}` : `Channels at ${config.channelsBaseUrl}`)
  console.log(`Try: curl -s http://localhost:${info.port}/v1/rates -H "Authorization: Bearer $CORRIDOR_DEMO_KEY"`)
})

let stopping = false
const shutdown = async (signal: string) => {
  if (stopping) return
  stopping = true
  console.log(`${signal}: shutting down`)
  // SHUTDOWN_GRACE_SECONDS bounds the wait for requests in flight, then for the payouts they started.
  const deadline = Date.now() + config.shutdownGraceSeconds * 1000
  await stopScheduler()
  // No new connections; idle keep-alive ones are closed, busy ones once their response is out.
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  const inTime = await Promise.race([closed.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), Math.max(0, deadline - Date.now())))])
  if (!inTime && 'closeAllConnections' in server) server.closeAllConnections()
  // Payouts handed off by the last requests finish before the database closes under them; what
  // is still running at the deadline is left to the process-payments job (leases expire).
  if (!(await deps.settleBackground?.(Math.max(0, deadline - Date.now())))) {
    console.error('shutdown: payments were still being handed to their channel; the process-payments job will settle them')
  }
  await sandbox?.close()
  await connection.close()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
