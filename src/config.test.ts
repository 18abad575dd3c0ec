import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.js'

describe('loadConfig', () => {
  it('has working defaults for the embedded demo', () => {
    expect(loadConfig({})).toMatchObject({ port: 8787, databaseUrl: undefined, rateProviders: ['static'], quoteTtlSeconds: 300, jobsEnabled: true, shutdownGraceSeconds: 10, databaseBatchTurns: 3 })
  })

  it('reads every variable and rejects bad values with the variable named', () => {
    const config = loadConfig({ PORT: '9000', RATES_PROVIDERS: 'ecb, static', RATES_MAX_AGE_SECONDS: '3600', QUOTE_TTL_SECONDS: '60', JOBS_ENABLED: 'false', SHUTDOWN_GRACE_SECONDS: '25', DATABASE_BATCH_TURNS: '5' })
    expect(config).toMatchObject({ port: 9000, rateProviders: ['ecb', 'static'], ratesMaxAgeSeconds: 3600, quoteTtlSeconds: 60, jobsEnabled: false, shutdownGraceSeconds: 25, databaseBatchTurns: 5 })
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => loadConfig({ SHUTDOWN_GRACE_SECONDS: '-1' })).toThrow(/SHUTDOWN_GRACE_SECONDS/)
    expect(() => loadConfig({ DATABASE_BATCH_TURNS: '0' })).toThrow(/DATABASE_BATCH_TURNS/)
    expect(() => loadConfig({ RATES_PROVIDERS: 'oracle' })).toThrow(ConfigError)
    expect(() => loadConfig({ RATES_PROVIDERS: 'http-json' })).toThrow(/RATES_HTTP_URL/)
    expect(() => loadConfig({ CORRIDOR_DEMO_KEY: 'short' })).toThrow(/CORRIDOR_DEMO_KEY/)
  })
})
