import { describe, expect, it } from 'vitest'
import { jobDefinitions } from '../jobs/index.js'
import { readWranglerConfig, wranglerEnvironments } from '../test/edge/wrangler-config.js'
import { configFromEnv } from './worker.js'

const postgresUrl = 'postgres://postgres@127.0.0.1:5432/corridor'
const encryptionKeys = `test:${btoa('0123456789abcdef0123456789abcdef')}`

describe('wrangler.toml', () => {
  it('declares one cron per job schedule, no more and no fewer, in every environment', () => {
    for (const environment of wranglerEnvironments()) {
      const config = configFromEnv({ ...environment.vars, DATABASE_URL: postgresUrl, ENCRYPTION_KEYS: encryptionKeys })
      const schedules = [...new Set(jobDefinitions(config).map((job) => job.schedule))].sort()
      expect([...environment.crons].sort(), `[triggers] crons of ${environment.name} vs the schedules in jobs/index.ts`).toEqual(schedules)
    }
  })

  it('uploads the checked bundle with nodejs_compat and binds Hyperdrive', () => {
    const wrangler = readWranglerConfig()
    expect(wrangler.main).toBe('dist/worker/worker.js')
    expect(wrangler.compatibilityFlags).toContain('nodejs_compat')
    expect(wrangler.compatibilityDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(wrangler.hyperdriveBindings).toEqual(['HYPERDRIVE'])
  })
})

describe('configFromEnv', () => {
  it('takes DATABASE_URL from Hyperdrive over a DATABASE_URL var', () => {
    const config = configFromEnv({ HYPERDRIVE: { connectionString: 'postgresql://u:p@abc.hyperdrive.local:5432/db' }, DATABASE_URL: postgresUrl, ENCRYPTION_KEYS: encryptionKeys })
    expect(config.databaseUrl).toBe('postgresql://u:p@abc.hyperdrive.local:5432/db')
  })

  it('reads vars as strings, numbers included, and ignores other bindings', () => {
    const config = configFromEnv({ DATABASE_URL: postgresUrl, ENCRYPTION_KEYS: encryptionKeys, QUOTE_TTL_SECONDS: 120, RATES_PROVIDERS: 'ecb,static', SOME_KV: { get() {} } })
    expect(config.quoteTtlSeconds).toBe(120)
    expect(config.rateProviders).toEqual(['ecb', 'static'])
  })

  it('refuses to start without PostgreSQL, since PGlite is not in the Worker', () => {
    expect(() => configFromEnv({})).toThrow(/bind HYPERDRIVE/)
    expect(() => configFromEnv({ DATABASE_URL: 'memory://' })).toThrow(/postgres:\/\//)
    expect(() => configFromEnv({ DATABASE_URL: postgresUrl })).toThrow(/ENCRYPTION_KEYS/)
  })
})
