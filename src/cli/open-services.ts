/** Node-only: opens the configured database and builds the services, for the CLI commands. */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { loadConfig, type Config } from '../config.js'
import { afterTurns } from '../db/batcher.js'
import { connectDatabase } from '../db/connect.js'
import type { DatabaseConnection } from '../db/database.js'
import { createServices, type ServiceOptions } from '../services.js'

/** Opens the database named by the environment and builds the services on it. */
export async function openServices(
  env: Record<string, string | undefined> = process.env,
  serviceOptions: (config: Config) => Promise<Partial<ServiceOptions>> = async () => ({}),
) {
  const config: Config = loadConfig(env)
  if (!config.databaseUrl) mkdirSync(join(config.dataDir, 'pglite'), { recursive: true })
  const connection: DatabaseConnection = await connectDatabase(config.databaseUrl, {
    dataDir: join(config.dataDir, 'pglite'),
    poolSize: config.databasePoolSize,
  })
  const deps = createServices({ defer: afterTurns(config.databaseBatchTurns, setImmediate), ...(await serviceOptions(config)), connection, config })
  return { config, connection, deps }
}

/** Describes where the data lives without printing credentials. */
export function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `embedded PGlite in ${join(config.dataDir, 'pglite')}`
  if (config.databaseUrl === 'memory://') return 'embedded PGlite in memory'
  const url = new URL(config.databaseUrl)
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`
}
