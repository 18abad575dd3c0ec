/**
 * Node entry point: the API on `PORT` (8787), on the embedded database unless `DATABASE_URL`
 * names a server. On the embedded database it migrates and seeds the demo data itself.
 */
import { serve } from '@hono/node-server'
import { jobDefinitions, runJob } from '../jobs/index.js'
import { startNodeScheduler } from '../jobs/node-scheduler.js'
import { createApp } from './app.js'
import { describeDatabase, openServices } from './cli/open-services.js'
import { migrateDatabase } from './db/migrate.js'
import { seedDemo } from './demo/seed.js'

const { config, connection, deps } = await openServices()
if (connection.kind === 'pglite') {
  await migrateDatabase(connection)
  const seeded = await seedDemo({ db: connection.db, deps, demoApiKey: config.demoApiKey })
  if (seeded.apiKey && !config.demoApiKey) {
    console.log(`\nDemo merchant created. Its API key, shown only this once:\n\n  ${seeded.apiKey}\n`)
    console.log('Set CORRIDOR_DEMO_KEY to choose your own key (it is added to the demo merchant).\n')
  }
}

const jobContext = { db: connection.db, rates: deps.rates, clock: deps.clock, ids: deps.ids, logger: console }
let stopScheduler = async () => {}
if (config.jobsEnabled) {
  const jobs = jobDefinitions(config)
  stopScheduler = startNodeScheduler(jobs, jobContext)
  // Fresh rates from the first request on, not from the first scheduled tick.
  const refresh = jobs.find((job) => job.name === 'refresh-rates')
  if (refresh) await runJob(refresh, jobContext, 'startup')
}

const app = createApp(deps)
const server = serve({ fetch: app.fetch, port: config.port, hostname: process.env.HOST ?? '0.0.0.0' }, (info) => {
  console.log(`Corridor listening on http://localhost:${info.port} (${describeDatabase(config)})`)
  console.log(`Try: curl -s http://localhost:${info.port}/v1/rates -H "Authorization: Bearer $CORRIDOR_DEMO_KEY"`)
})

let stopping = false
const shutdown = async (signal: string) => {
  if (stopping) return
  stopping = true
  console.log(`${signal}: shutting down`)
  await stopScheduler()
  server.close()
  await connection.close()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
